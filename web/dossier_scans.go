package web

import (
	"context"
	"errors"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/ledger"
)

// Digitisation at the counter and by post (issue 18): for each component
// received, the officer attaches its scan at intake (the intake form's
// "scan_<i>" fields, a phone's camera included) or later the same day
// from the dossier page; several images of one component become one PDF.
// Every file is checked by its content and streamed to disk (the form's
// parts beyond uploadMemory spool to temporary files; files.Store hashes
// them into its own), never held whole in memory. The dossier page shows
// every component with its scan, previewed inline, each open an audited
// read.

// scanPrefix names a component's file field: scan_<index>.
const scanPrefix = "scan_"

// maxScanRequest bounds a form carrying scans: a dossier's scans and the
// form's fields.
const maxScanRequest = motcua.MaxDossierScans + 1<<20

// checkedScan is a component's scan checked and waiting to be saved.
type checkedScan struct {
	file motcua.ComponentFile
	blob *files.Checked
}

// parseScanForm reads a multipart form within the scans' limit; a form
// sent url-encoded carries none and is parsed as usual.
func parseScanForm(w http.ResponseWriter, r *http.Request) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseForm()
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxScanRequest)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return motcua.FieldError("documents", "Tổng dung lượng các tệp vượt %d MB; hãy quét với độ phân giải thấp hơn.", maxScanRequest>>20)
		}
		return motcua.FieldError("documents", "Không đọc được biểu mẫu đã gửi; hãy thử lại.")
	}
	return nil
}

// gatherScans checks the files of each field scan_<field> and gives them
// the component index comp[field]; a field for no component is refused.
// On an error everything checked is discarded.
func (s *Server) gatherScans(form *multipart.Form, comp map[int]int, names map[int]string) (out []checkedScan, err error) {
	defer func() {
		if err != nil {
			discardScans(out)
			out = nil
		}
	}()
	if form == nil {
		return nil, nil
	}
	for _, key := range slices.Sorted(maps.Keys(form.File)) { // in the form's order, whatever the map's
		hs := form.File[key]
		field, convErr := strconv.Atoi(strings.TrimPrefix(key, scanPrefix))
		if !strings.HasPrefix(key, scanPrefix) || convErr != nil || len(hs) == 0 {
			continue
		}
		index, ok := comp[field]
		if !ok {
			return out, motcua.FieldError("documents", "Có tệp số hóa cho “%s” nhưng giấy tờ này chưa được đánh dấu đã nhận.", names[field])
		}
		if len(hs) > motcua.MaxImagesPerScan {
			return out, motcua.FieldError("documents", "Mỗi thành phần nhận tối đa %d ảnh.", motcua.MaxImagesPerScan)
		}
		sc, err := s.checkScan(hs, names[field])
		if err != nil {
			return out, motcua.FieldError("documents", "%s: %s", names[field], motcua.ErrorMessage(err))
		}
		sc.file.Component = index
		out = append(out, sc)
		if out[len(out)-1].file.ValidUntil, err = validityOf(form.Value, field, names[field]); err != nil {
			return out, err
		}
	}
	return out, nil
}

// checkScan checks one component's files: one PDF or image as it is,
// several images merged into one PDF named after the component.
func (s *Server) checkScan(hs []*multipart.FileHeader, document string) (checkedScan, error) {
	var blobs []*files.Checked
	for _, h := range hs {
		u, err := s.checkUpload(h, document)
		if err != nil {
			for _, b := range blobs {
				b.Discard()
			}
			return checkedScan{}, err
		}
		blobs = append(blobs, u.blob)
	}
	pages := 0
	blob := blobs[0]
	if len(blobs) > 1 {
		merged, err := s.Files.MergeImages(document+".pdf", blobs)
		if err != nil {
			return checkedScan{}, err
		}
		blob, pages = merged, len(blobs)
	}
	return checkedScan{blob: blob, file: motcua.ComponentFile{Pages: pages, SubmittedFile: motcua.SubmittedFile{Document: document,
		FileName: blob.Name, ContentType: blob.ContentType, Size: blob.Size(), SHA256: blob.SHA256}}}, nil
}

// saveScans keeps the checked files in the file store before their rows
// are written (a row never names a file not there).
func (s *Server) saveScans(scans []checkedScan) ([]motcua.ComponentFile, error) {
	out := make([]motcua.ComponentFile, len(scans))
	for i, sc := range scans {
		if err := s.Files.Save(sc.blob); err != nil {
			discardScans(scans)
			return nil, err
		}
		out[i] = sc.file
	}
	return out, nil
}

func discardScans(scans []checkedScan) {
	for _, sc := range scans {
		sc.blob.Discard()
	}
}

// componentView is one component on the dossier page, with its scan.
type componentView struct {
	Index int
	motcua.ReceivedDocument
	Scan      *motcua.ComponentFile
	Signature string // who signed the scanned PDF, when it is a signed one
	Image     bool   // shown as <img>; a PDF in an <iframe>
	Size      string
	Online    bool   // the citizen's upload (listed under "Giấy tờ nộp trực tuyến")
	Source    string // where a reused or national file came from (citizen_store.go)
}

// digitisationView is what the dossier page says of indicator 4.2.
type digitisationView struct {
	ledger.Digitisation
	CanScan bool // the officer may still attach scans (same day, counter or post)
}

// loadComponents fills the dossier page's components and digitisation; a
// failure leaves them out (the page still answers) and is logged.
func (s *Server) loadComponents(ctx context.Context, a *motcua.Actor, data *dossierData) {
	d := data.D
	scans, err := s.db.ComponentFiles(ctx, a, d.ID)
	if err != nil {
		s.log.Error("dossier scans", "dossier", d.ID, "err", err)
		return
	}
	byComponent := map[int]*motcua.ComponentFile{}
	for i := range scans {
		byComponent[scans[i].Component] = &scans[i]
	}
	uploaded := map[string]bool{}
	for _, f := range data.Files {
		uploaded[f.Document] = true
	}
	for i, doc := range d.Documents {
		v := componentView{Index: i, ReceivedDocument: doc, Scan: byComponent[i], Online: uploaded[doc.Name]}
		if v.Scan != nil {
			v.Image, v.Size = strings.HasPrefix(v.Scan.ContentType, "image/"), motcua.FormatSize(v.Scan.Size)
			v.Signature = s.signatureNote(v.Scan.SubmittedFile)
			v.Source = scanSource(v.Scan)
		}
		data.Components = append(data.Components, v)
	}
	dg, err := s.db.Digitisation(ctx, a, d.ID)
	if err != nil {
		s.log.Error("dossier digitisation", "dossier", d.ID, "err", err)
		return
	}
	data.Digitisation = &digitisationView{Digitisation: dg, CanScan: a.CanReceive(d.ReceivingUnitID) &&
		(d.Channel == motcua.ChannelCounter || d.Channel == motcua.ChannelPost) && keyedToday(data.Timeline, s.db.Now())}
}

// attachScans adds scans to a dossier later on the day of its intake.
func (s *Server) attachScans(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := parseScanForm(w, r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if err == nil {
		err = s.attachScansFrom(r, a, id)
	}
	if err == nil {
		s.redirectFlash(w, r, "/dossiers/"+strconv.FormatInt(id, 10)+"#components", Flash{Text: "Đã lưu bản số hóa thành phần hồ sơ."})
		return
	}
	v := view{Title: "Hồ sơ", Actor: a}
	data, loadErr := s.loadDossier(r, a)
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	data.Failed = "scans"
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	s.fail(w, "dossier.html", v, err)
}

func (s *Server) attachScansFrom(r *http.Request, a *motcua.Actor, id int64) error {
	d, err := s.db.Dossier(r.Context(), a, id)
	if err != nil {
		return err
	}
	if !a.CanReceive(d.ReceivingUnitID) { // before any file is read; the store asks again
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ một cửa của nơi tiếp nhận được số hóa thành phần hồ sơ.")
	}
	comp, names := map[int]int{}, map[int]string{}
	for i, doc := range d.Documents {
		comp[i], names[i] = i, doc.Name
	}
	checked, err := s.gatherScans(r.MultipartForm, comp, names)
	if err != nil {
		return err
	}
	reused, national, err := s.reusedScans(r.Context(), r.MultipartForm, r.PostForm, readReuse(r.PostForm), comp, names, d.Applicant.IDNumber)
	if err != nil {
		discardScans(checked)
		return err
	}
	if len(checked)+len(reused)+len(national) == 0 {
		return motcua.FieldError("documents", "Chưa chọn tệp nào để số hóa.")
	}
	scans, err := s.saveScans(append(checked, national...))
	if err != nil {
		return err
	}
	return s.db.AttachScans(r.Context(), a, id, append(scans, reused...))
}

// scanPolicy lets the dossier page show a scan in its frame: nothing
// runs, only this site may frame it.
const scanPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// dossierScan sends a component's scan to an officer who may see the
// dossier (another unit's: 404), the read audited; the dossier page
// frames it.
func (s *Server) dossierScan(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	f, err := s.db.ComponentFile(r.Context(), a, id, fileID)
	var file *motcua.SubmittedFile
	if err == nil {
		file = &f.SubmittedFile
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	}
	s.serveStoredWith(w, r, file, err, scanPolicy)
}

// keyedToday tells whether the intake (the first event) was keyed on the
// day of now: scans may still be attached.
func keyedToday(timeline []eventView, now time.Time) bool {
	return len(timeline) > 0 && ledger.MayDigitise(timeline[0].RecordedAt, now) == nil
}
