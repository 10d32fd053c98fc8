package motcua

import "time"

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
	// Origin tells where the file came from; Source names what was reused
	// (a held document's Ref) or the national data store's document id.
	Origin FileOrigin
	Source string
	// ValidUntil ends the document's reuse (zero: no end), as the officer
	// read it on the paper (an identity card's expiry, a certificate's
	// term).
	ValidUntil time.Time
	// Reuse, at intake, asks for a document the one-stop already holds for
	// the applicant (a HeldDocument's Ref) instead of a new file: the store
	// resolves it under the dossier's identity number and fills the rest.
	Reuse string
}

// DigitiseLimits bound the scans of a dossier: each file (a merged PDF
// too) and all of a dossier's together. Documented in docs/files.md.
const (
	MaxComponentFile = 10 << 20
	MaxDossierScans  = 50 << 20
	MaxImagesPerScan = 20
)
