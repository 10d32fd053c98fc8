package web

import (
	"bufio"
	"cmp"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The citizen's store at the counter (issue 18, item 5): once the
// identity number is typed, the officer asks what is held for it (GET
// /intake/held, a fragment the intake page loads into the form without
// losing what was typed or the files chosen; without JavaScript the same
// address answers the whole intake page with the list). For each
// component the officer may choose a held document instead of a scan
// (field reuse_<i>): one this one-stop holds (store.HeldDocuments, a Ref
// the store resolves in the intake's transaction) or, when a national
// data store is configured, one of the citizen's store on the national
// portal (Ref "n:<id>"), fetched, checked like a scan and kept in the file
// store. A national store that fails or is slow never stops the intake:
// the list says so and shows what is held here.

// nationalListTimeout bounds asking the national store what it holds;
// nationalOpenTimeout bounds fetching a document chosen from it.
const (
	nationalListTimeout = 3 * time.Second
	nationalOpenTimeout = 10 * time.Second
)

// reusePrefix and validPrefix name a component's chosen held document and
// the validity the officer read on its paper.
const (
	reusePrefix = "reuse_"
	validPrefix = "valid_"
)

// heldView is the list of what is held, with a choice per component.
type heldView struct {
	IDNumber   string // masked
	Docs       []heldRow
	Components []heldComponent
	National   string // why the national store's documents are missing, if they are
	Error      string
}

// heldRow is one held document as the list shows it; Match, in one
// component's choice, marks a document of the component's own name.
type heldRow struct {
	motcua.HeldDocument
	Where, Valid string
	Match        bool
}

// Option is the row in a component's choice.
func (h heldRow) Option() string {
	parts := []string{h.Name, h.Where}
	if h.Match {
		parts[0] = "✓ " + parts[0]
	}
	if !h.HeldAt.IsZero() { // a national document may carry no date
		parts = append(parts, motcua.FormatDate(h.HeldAt))
	}
	return strings.Join(append(parts, h.Valid), " · ")
}

type heldComponent struct {
	Index  int
	Name   string
	Chosen string
	Docs   []heldRow // the held documents, those of the component's name first
}

// heldForComponent orders the held documents for one component: those of
// the same name (the identity card held for an identity card) first and
// marked, so that the officer with a queue finds them at once; the choice
// stays theirs.
func heldForComponent(name string, rows []heldRow) []heldRow {
	out := make([]heldRow, 0, len(rows))
	var rest []heldRow
	for _, h := range rows {
		h.Match = motcua.Fold(h.Name) == motcua.Fold(name)
		if h.Match {
			out = append(out, h)
		} else {
			rest = append(rest, h)
		}
	}
	return append(out, rest...)
}

func newHeldRow(h motcua.HeldDocument) heldRow {
	row := heldRow{HeldDocument: h, Valid: "không thời hạn"}
	if !h.ValidUntil.IsZero() {
		row.Valid = "hiệu lực đến " + motcua.FormatDate(h.ValidUntil)
	}
	switch {
	case strings.HasPrefix(h.Ref, "n:"): // still in the national store (one taken from it is held here, in a dossier)
		row.Where = "Kho dữ liệu DVCQG"
	case h.ResultCode != "":
		row.Where = "kết quả " + h.ResultCode
	default:
		row.Where = "hồ sơ " + h.DossierCode
	}
	return row
}

// heldList reads what is held for the identity number: here, and in the
// national store when there is one (a failure there is a note, not an
// error).
func (s *Server) heldList(ctx context.Context, a *motcua.Actor, idNumber string) (heldView, error) {
	var v heldView
	local, err := s.db.HeldDocuments(ctx, a, idNumber)
	if err != nil {
		return v, err
	}
	v.IDNumber = motcua.Mask(strings.Join(strings.Fields(idNumber), ""))
	for _, h := range local {
		v.Docs = append(v.Docs, newHeldRow(h))
	}
	if s.NationalStore == nil {
		return v, nil
	}
	nctx, cancel := context.WithTimeout(ctx, nationalListTimeout)
	defer cancel()
	national, err := s.NationalStore.Held(nctx, strings.ToUpper(strings.Join(strings.Fields(idNumber), "")))
	if err != nil {
		s.log.Warn("national data store: held", "err", err)
		v.National = "Không kết nối được Kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia; chỉ hiển thị giấy tờ đang lưu tại đây."
		return v, nil
	}
	for _, h := range national {
		if !strings.HasPrefix(h.Ref, "n:") || !h.ValidAt(s.db.Now()) {
			continue
		}
		h.Origin = motcua.OriginNational
		v.Docs = append(v.Docs, newHeldRow(h))
	}
	return v, nil
}

// withComponents adds the choice per document of the procedure, keeping
// what was chosen.
func (v *heldView) withComponents(docs []string, chosen map[int]string) {
	for i, name := range docs {
		v.Components = append(v.Components, heldComponent{Index: i, Name: name, Chosen: chosen[i], Docs: heldForComponent(name, v.Docs)})
	}
}

// documentNames are a procedure's documents by name.
func documentNames(p *motcua.Procedure) []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.Documents))
	for i, d := range p.Documents {
		out[i] = d.Name
	}
	return out
}

// heldFragment answers GET /intake/held: the list in the intake form
// (htmx), or, for a browser without JavaScript, the intake page with the
// form as sent and the list.
func (s *Server) heldFragment(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	procID, _ := strconv.ParseInt(r.FormValue("procedure"), 10, 64)
	if r.Header.Get("HX-Request") == "" {
		s.intakeWithHeld(w, r, a, procID)
		return
	}
	// The components to choose for: the procedure's documents at intake, or
	// the documents received with a dossier scanned later the same day.
	var docs []string
	idNumber := r.FormValue("id_number")
	if id, _ := strconv.ParseInt(r.FormValue("dossier"), 10, 64); id != 0 {
		d, err := s.db.Dossier(r.Context(), a, id)
		if err != nil {
			http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
			return
		}
		idNumber = d.Applicant.IDNumber
		for _, doc := range d.Documents {
			docs = append(docs, doc.Name)
		}
	} else if procID != 0 {
		if p, err := s.db.Procedure(r.Context(), procID); err == nil { // no procedure: the list without choices
			docs = documentNames(p)
		}
	}
	v, err := s.heldList(r.Context(), a, idNumber)
	if err != nil {
		v.Error = motcua.ErrorMessage(err)
		if motcua.ErrorCode(err) == motcua.EFORBIDDEN {
			http.Error(w, v.Error, http.StatusForbidden)
			return
		}
	}
	v.withComponents(docs, nil)
	s.render(w, http.StatusOK, "_held.html", view{Data: v})
}

// intakeWithHeld is the intake page with the form as sent (by GET) and
// the held list.
func (s *Server) intakeWithHeld(w http.ResponseWriter, r *http.Request, a *motcua.Actor, procID int64) {
	v := view{Title: "Tiếp nhận hồ sơ", Actor: a}
	d, err := s.intakeData(r, a, procID)
	if err != nil {
		v.Data = d
		s.fail(w, "intake.html", v, err)
		return
	}
	r.PostForm = r.Form // readIntakeForm reads the posted fields; here they came in the query
	d.Form = readIntakeForm(r)
	d.Held, err = s.heldFor(r, a, d)
	v.Data = d
	if err != nil {
		s.fail(w, "intake.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "intake.html", v)
}

// heldFor is the list shown again with the intake form, the choices kept.
func (s *Server) heldFor(r *http.Request, a *motcua.Actor, d intakeData) (*heldView, error) {
	hv, err := s.heldList(r.Context(), a, d.Form.IDNumber)
	if err != nil {
		return nil, motcua.FieldError("applicant_id_number", "%s", motcua.ErrorMessage(err))
	}
	hv.withComponents(documentNames(d.Procedure), d.Form.Reuse)
	return &hv, nil
}

// readReuse reads the held documents chosen per component.
func readReuse(form map[string][]string) map[int]string {
	out := map[int]string{}
	for k, vals := range form {
		i, err := strconv.Atoi(strings.TrimPrefix(k, reusePrefix))
		if err == nil && strings.HasPrefix(k, reusePrefix) && len(vals) > 0 && strings.TrimSpace(vals[0]) != "" {
			out[i] = strings.TrimSpace(vals[0])
		}
	}
	return out
}

// readValid reads the validity dates typed, to show them again.
func readValid(form map[string][]string) map[int]string {
	out := map[int]string{}
	for k, vals := range form {
		if i, err := strconv.Atoi(strings.TrimPrefix(k, validPrefix)); err == nil && strings.HasPrefix(k, validPrefix) && len(vals) > 0 {
			out[i] = motcua.NFC(strings.TrimSpace(vals[0]))
		}
	}
	return out
}

// reusedScans turns the choices into component files: a local Ref for
// the store to resolve, a national document fetched and checked like a
// scan (returned among checked, to be saved with the scans). A component
// both scanned and chosen, or chosen but not received, is refused.
func (s *Server) reusedScans(ctx context.Context, form *multipart.Form, values map[string][]string, chosen map[int]string, comp map[int]int,
	names map[int]string, idNumber string) (local []motcua.ComponentFile, national []checkedScan, err error) {
	defer func() {
		if err != nil {
			discardScans(national)
			national = nil
		}
	}()
	for field, ref := range chosen {
		index, ok := comp[field]
		if !ok {
			return nil, national, motcua.FieldError("documents", "Đã chọn giấy tờ đã lưu cho “%s” nhưng giấy tờ này chưa được đánh dấu đã nhận.", names[field])
		}
		if form != nil && len(form.File[scanPrefix+strconv.Itoa(field)]) > 0 {
			return nil, national, motcua.FieldError("documents", "“%s”: đã chọn cả tệp số hóa và giấy tờ đã lưu; hãy chọn một.", names[field])
		}
		valid, err := validityOf(values, field, names[field])
		if err != nil {
			return nil, national, err
		}
		if id, ok := strings.CutPrefix(ref, "n:"); ok {
			sc, err := s.fetchNational(ctx, idNumber, id, names[field])
			if err != nil {
				return nil, national, err
			}
			sc.file.Component, sc.file.ValidUntil = index, valid
			national = append(national, sc)
			continue
		}
		local = append(local, motcua.ComponentFile{Component: index, Reuse: ref, ValidUntil: valid})
	}
	return local, national, nil
}

// fetchNational takes a document from the citizen's national store and
// checks it as a scan is checked (its content a PDF, JPEG or PNG, within
// the file limit); it is saved with the scans.
func (s *Server) fetchNational(ctx context.Context, idNumber, id, document string) (checkedScan, error) {
	unavailable := motcua.FieldError("documents", "Không lấy được “%s” từ Kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia; hãy số hóa bản giấy hoặc thử lại.", document)
	if s.NationalStore == nil || s.Files == nil {
		return checkedScan{}, unavailable
	}
	ctx, cancel := context.WithTimeout(ctx, nationalOpenTimeout)
	defer cancel()
	rc, err := s.NationalStore.Open(ctx, strings.ToUpper(strings.Join(strings.Fields(idNumber), "")), id)
	if err != nil {
		s.log.Warn("national data store: open", "err", err)
		return checkedScan{}, unavailable
	}
	defer rc.Close()
	// The store's file has no name we trust: name it after the component,
	// with the extension its content calls for.
	br := bufio.NewReaderSize(rc, 512)
	head, _ := br.Peek(512)
	ext := map[string]string{"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}[strings.Split(http.DetectContentType(head), ";")[0]]
	blob, err := s.Files.Check(document+cmp.Or(ext, ".bin"), io.Reader(br))
	if err != nil {
		if ctx.Err() != nil {
			return checkedScan{}, unavailable
		}
		return checkedScan{}, motcua.FieldError("documents", "Tài liệu lấy từ Kho dữ liệu quốc gia cho “%s”: %s", document, motcua.ErrorMessage(err))
	}
	return checkedScan{blob: blob, file: motcua.ComponentFile{Origin: motcua.OriginNational, Source: id,
		SubmittedFile: motcua.SubmittedFile{Document: document, FileName: blob.Name, ContentType: blob.ContentType, Size: blob.Size(), SHA256: blob.SHA256}}}, nil
}

// validityOf reads the validity the officer gave a component (valid_<i>,
// a date; empty: none): the document may be reused until the end of
// that day.
func validityOf(values map[string][]string, field int, document string) (time.Time, error) {
	vals := values[validPrefix+strconv.Itoa(field)]
	if len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
		return time.Time{}, nil
	}
	if end, ok := endOfDay(vals[0]); ok {
		return end, nil
	}
	return time.Time{}, motcua.FieldError("documents", "Thời hạn hiệu lực của “%s” không hợp lệ; nhập theo dạng dd/mm/yyyy.", document)
}

// endOfDay reads a date a form gave (a date input's yyyy-mm-dd, or
// dd/mm/yyyy typed) as the last instant of that day in Vietnam: a
// document valid "until 31/12/2030" is valid all that day.
func endOfDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if d, err := time.ParseInLocation(layout, s, motcua.VN); err == nil {
			return d.AddDate(0, 0, 1).Add(-time.Millisecond), true
		}
	}
	return time.Time{}, false
}

// resultValidity is the validity the leader gave an electronic result
// (field valid_until), zero when none.
func resultValidity(r *http.Request) (time.Time, error) {
	v := strings.TrimSpace(r.PostFormValue("valid_until"))
	if v == "" {
		return time.Time{}, nil
	}
	if end, ok := endOfDay(v); ok {
		return end, nil
	}
	return time.Time{}, motcua.FieldError("valid_until", "Thời hạn hiệu lực của kết quả không hợp lệ; nhập theo dạng dd/mm/yyyy.")
}

// scanSource is a component's origin and source as the dossier page says
// them.
func scanSource(f *motcua.ComponentFile) string {
	if f == nil || f.Origin == "" || f.Origin == motcua.OriginScan {
		return ""
	}
	return cmp.Or(store.ReuseSourceText(f.Origin, f.Source), f.Origin.Label())
}
