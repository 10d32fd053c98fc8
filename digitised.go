package motcua

// ComponentFile is the scan of one component (thành phần hồ sơ) of a
// dossier received at the counter or by post: the file the officer
// attached, marked digitised by them at At (issue 18). Several images of
// one component are kept as one PDF of Pages pages.
type ComponentFile struct {
	SubmittedFile       // Document is the component's name; At when it was digitised
	Component     int   // the component's index in Dossier.Documents
	Pages         int   // images merged into the PDF; 0 when attached as one file
	ByID          int64 // who digitised it
	ByName        string
}

// DigitiseLimits bound the scans of a dossier: each file (a merged PDF
// too) and all of a dossier's together. Documented in docs/files.md.
const (
	MaxComponentFile = 10 << 20
	MaxDossierScans  = 50 << 20
	MaxImagesPerScan = 20
)
