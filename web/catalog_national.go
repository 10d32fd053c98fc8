package web

import (
	"cmp"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/store"
)

// The catalogue from the national procedure database (issue 20, item 4):
// an administrator brings procedures by their national codes, from an
// export file or from the national service when one is configured; motcua
// compares them with the versions in force and opens a draft decision
// holding the differences, which is published, as every decision is, in
// the application after a trial — never here.

type nationalData struct {
	HasService bool // the national service is configured (serve --csdl-tthc)
	Form       nationalForm
	Report     *store.NationalReport
	Decision   *motcua.Decision
}

type nationalForm struct {
	Source, Codes, Number, Issuer, SignedOn, EffectiveFrom, Summary string
}

// nationalPage shows the form.
func (s *Server) nationalPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data := &nationalData{HasService: s.NationalCatalog != nil, Form: nationalForm{Source: "file"}}
	v := view{Title: "Đối chiếu với CSDL quốc gia về thủ tục hành chính", Actor: a, Data: data}
	if !a.CanManageCatalog() {
		s.fail(w, "error.html", v, errCatalogForbidden)
		return
	}
	s.render(w, http.StatusOK, "national.html", v)
}

var errCatalogForbidden = motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống được soạn quyết định về thủ tục hành chính.")

// nationalDraft compares and opens the draft decision. Its answer is the
// comparison itself, shown once: what the national data said that stayed
// text is for the reviewer to read, and a second post is refused, the
// decision's number being taken.
func (s *Server) nationalDraft(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data := &nationalData{HasService: s.NationalCatalog != nil}
	v := view{Title: "Đối chiếu với CSDL quốc gia về thủ tục hành chính", Actor: a, Data: data}
	rep, d, err := s.draftFromNational(r, a, data)
	if err != nil {
		s.fail(w, "national.html", v, err)
		return
	}
	data.Report, data.Decision = rep, d
	s.render(w, http.StatusOK, "national.html", v)
}

func (s *Server) draftFromNational(r *http.Request, a *motcua.Actor, data *nationalData) (*store.NationalReport, *motcua.Decision, error) {
	if !a.CanManageCatalog() {
		return nil, nil, errCatalogForbidden
	}
	r.Body = http.MaxBytesReader(nil, r.Body, csdltthc.MaxFile+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return nil, nil, motcua.FieldError("file", "Tệp quá lớn hoặc biểu mẫu không đọc được (tối đa %d MB).", csdltthc.MaxFile>>20)
	}
	f := r.FormValue
	data.Form = nationalForm{Source: cmp.Or(f("source"), "file"), Codes: f("codes"), Number: f("number"), Issuer: f("issuer"),
		SignedOn: f("signed_on"), EffectiveFrom: f("effective_from"), Summary: f("summary")}
	d, err := nationalDecisionFrom(data.Form)
	if err != nil {
		return nil, nil, err
	}
	codes, err := csdltthc.ParseCodes(data.Form.Codes)
	if err != nil {
		return nil, nil, err
	}
	list, err := s.nationalProcedures(r, data.Form.Source, codes)
	if err != nil {
		return nil, nil, err
	}
	rep, err := s.db.DraftFromNational(r.Context(), a, d, list)
	return rep, d, err
}

func nationalDecisionFrom(form nationalForm) (*motcua.Decision, error) {
	d := &motcua.Decision{Number: strings.TrimSpace(form.Number), Issuer: strings.TrimSpace(form.Issuer), Summary: form.Summary}
	var err error
	if d.SignedOn, err = parseDay("signed_on", form.SignedOn); err != nil {
		return nil, err
	}
	if d.EffectiveFrom, err = parseDay("effective_from", form.EffectiveFrom); err != nil {
		return nil, err
	}
	return d, nil
}

// nationalProcedures reads the uploaded export, or asks the configured
// service; never an address typed into the form, which would make the
// server fetch whatever its user names.
func (s *Server) nationalProcedures(r *http.Request, source string, codes []string) ([]*motcua.NationalProcedure, error) {
	if source == "service" {
		if s.NationalCatalog == nil {
			return nil, motcua.FieldError("source", "Hệ thống chưa được kết nối với dịch vụ của CSDL quốc gia về TTHC; hãy tải lên tệp xuất.")
		}
		return s.NationalCatalog.Procedures(r.Context(), codes)
	}
	var files []csdltthc.File
	if r.MultipartForm != nil {
		for _, h := range r.MultipartForm.File["file"] {
			f, err := h.Open()
			if err != nil {
				return nil, err
			}
			defer f.Close()
			files = append(files, csdltthc.File{Name: h.Filename, Body: f})
		}
	}
	return csdltthc.FromFiles(files, codes)
}
