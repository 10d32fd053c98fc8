package web

import (
	"bytes"
	"cmp"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/store"
)

// Electronic results with a result code (issue 18), the officers' side:
// the result is issued when recorded (dossier_result.go) or afterwards,
// corrected by a new result that supersedes the valid one, revoked by the
// deciding unit's leader; each has a "phiếu kết quả điện tử" with its code
// and the QR code of /xac-minh (verify.go) to print with it at the counter.

// resultTextField is the action form's field for a simple result's text,
// which the system renders as the result document.
const resultTextField = "result_text"

// issuedData is the dossier page's section of issued results.
type issuedData struct {
	List      []motcua.IssuedResult
	Valid     string // the code of the valid result, "" if none
	MayIssue  bool   // the dossier's result is recorded and the actor may issue
	MayRevoke bool
}

// issuedResults gathers the section; a failure to read it leaves it out
// and is logged.
func (s *Server) issuedResults(ctx context.Context, a *motcua.Actor, d *motcua.Dossier) *issuedData {
	list, err := s.db.DossierResults(ctx, a, d.ID)
	if err != nil {
		s.log.Error("issued results", "dossier", d.ID, "err", err)
		return nil
	}
	data := &issuedData{List: list, MayRevoke: a.CanRevokeResult(d),
		MayIssue: a.CanIssueResult(d) && (d.State == motcua.StateResultReady || d.State == motcua.StateReturned)}
	for _, r := range list {
		if r.Status == motcua.ResultValid {
			data.Valid = r.Code
		}
	}
	if len(list) == 0 && !data.MayIssue {
		return nil
	}
	return data
}

// resultDocument is the document issued under code: the file attached, or
// the system's rendering of a simple result's text; signed by the
// deciding unit when the server has a signer (PDFs only).
func (s *Server) resultDocument(ctx context.Context, a *motcua.Actor, dossierID int64, code string, attached *upload, text string) (*upload, error) {
	if attached != nil && text != "" {
		return nil, motcua.FieldError(resultField, "Chọn một: đính kèm tệp kết quả hoặc nhập nội dung để hệ thống lập văn bản kết quả.")
	}
	if s.Files == nil {
		return nil, motcua.Errorf(motcua.EINTERNAL, "Máy chủ chưa cấu hình nơi lưu tệp (--files).")
	}
	d, _, p, err := s.db.History(ctx, a, dossierID)
	if err != nil {
		return nil, err
	}
	doc := attached
	if doc == nil {
		if doc, err = s.renderResult(ctx, d, p, code, text); err != nil {
			return nil, err
		}
	}
	return s.signResult(ctx, d.DecidingUnitID, doc)
}

// renderResult writes a simple result as a one-page PDF with its code and
// QR code, and checks it into the file store like an upload.
func (s *Server) renderResult(ctx context.Context, d *motcua.Dossier, p *motcua.Procedure, code, text string) (*upload, error) {
	var buf bytes.Buffer
	err := forms.ResultSheet(&buf, forms.ResultSheetData{Unit: s.unitName(ctx, d.DecidingUnitID), Code: code, DossierCode: d.Code,
		ProcedureName: d.ProcedureName, Kind: cmp.Or(p.ResultType, "Kết quả giải quyết thủ tục hành chính"), IssuedAt: s.db.Now(),
		VerifyURL: motcua.VerifyURL(s.baseURL(), code), Content: text})
	if err != nil {
		return nil, err
	}
	return s.checked("ket-qua-"+code+".pdf", &buf)
}

// checked puts bytes the server made through the file store's checks.
func (s *Server) checked(name string, r io.Reader) (*upload, error) {
	blob, err := s.Files.Check(name, r)
	if err != nil {
		return nil, err
	}
	return &upload{blob: blob, file: motcua.SubmittedFile{Document: store.ResultDocument, FileName: blob.Name,
		ContentType: blob.ContentType, Size: blob.Size(), SHA256: blob.SHA256}}, nil
}

// signResult has a PDF signed for its unit by the server's signer, if
// any: the signed bytes are what is issued and hashed. The unsigned file
// is discarded whether signing succeeds or not: a refused signature (a
// revoked certificate) leaves no temporary file behind.
func (s *Server) signResult(ctx context.Context, unitID int64, doc *upload) (*upload, error) {
	if s.Signer == nil || doc.file.ContentType != "application/pdf" {
		return doc, nil
	}
	defer doc.blob.Discard()
	unit, err := s.db.Unit(ctx, unitID)
	if err != nil {
		return nil, err
	}
	f, err := doc.blob.Open()
	if err != nil {
		return nil, err
	}
	pdf, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, err
	}
	signed, err := s.Signer.Sign(ctx, unit, pdf)
	if err != nil {
		return nil, err
	}
	return s.checked(doc.file.FileName, bytes.NewReader(signed))
}

// issueResult issues an electronic result after the result was recorded,
// or a correction superseding the valid one (form "supersedes", "reason").
func (s *Server) issueResult(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	result, err := s.resultUpload(w, r)
	if r.MultipartForm != nil {
		defer r.MultipartForm.RemoveAll()
	}
	if result != nil {
		defer result.blob.Discard()
	}
	text := strings.TrimSpace(r.PostFormValue(resultTextField))
	if err == nil && result == nil && text == "" {
		err = motcua.FieldError(resultField, "Hãy đính kèm tệp kết quả hoặc nhập nội dung kết quả.")
	}
	if err == nil {
		var issued *motcua.IssuedResult
		var validUntil time.Time
		if validUntil, err = resultValidity(r); err == nil {
			issued, err = s.issueDocument(r.Context(), a, id, result, text, r.PostFormValue("supersedes"), r.PostFormValue("reason"), validUntil)
		}
		if err == nil {
			s.redirectFlash(w, r, "/dossiers/"+strconv.FormatInt(id, 10)+"#issued-results", Flash{Text: "Đã phát hành kết quả điện tử mã " + issued.Code + "."})
			return
		}
	}
	s.dossierFailed(w, r, a, "issue-result", err)
}

// issueDocument makes, keeps and issues the document of a result.
func (s *Server) issueDocument(ctx context.Context, a *motcua.Actor, id int64, result *upload, text, supersedes, reason string, validUntil time.Time) (*motcua.IssuedResult, error) {
	code := motcua.NewResultCode()
	doc, err := s.resultDocument(ctx, a, id, code, result, text)
	if err != nil {
		return nil, err
	}
	defer doc.blob.Discard()
	if err := s.Files.Save(doc.blob); err != nil {
		return nil, err
	}
	return s.db.IssueResult(ctx, a, id, supersedes, reason, store.ResultIssue{File: &doc.file, Code: code, ValidUntil: validUntil})
}

// revokeResult revokes a result of the dossier (its leader, with a reason).
func (s *Server) revokeResult(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	code := r.PostFormValue("code")
	if err := s.db.RevokeResult(r.Context(), a, code, r.PostFormValue("revoke_reason")); err != nil {
		s.dossierFailed(w, r, a, "revoke-result", err)
		return
	}
	s.redirectFlash(w, r, "/dossiers/"+strconv.FormatInt(id, 10)+"#issued-results", Flash{Text: "Đã thu hồi kết quả " + motcua.NormalizeResultCode(code) + "."})
}

// dossierFailed shows the dossier page again with the reason of a failed
// form (form names it).
func (s *Server) dossierFailed(w http.ResponseWriter, r *http.Request, a *motcua.Actor, form string, err error) {
	v := view{Title: "Hồ sơ", Actor: a}
	data, loadErr := s.loadDossier(r, a)
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	data.Failed, data.Typed = form, r.PostForm
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	s.fail(w, "dossier.html", v, err)
}

// resultSheet prints the "phiếu kết quả điện tử" of an issued result: its
// code, QR code, issuer and the hash of the file it goes with.
func (s *Server) resultSheet(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	code := motcua.NormalizeResultCode(r.PathValue("code"))
	list, err := s.db.DossierResults(r.Context(), a, id)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	for _, res := range list {
		if res.Code != code {
			continue
		}
		var buf bytes.Buffer
		err := forms.ResultSheet(&buf, forms.ResultSheetData{Unit: res.UnitName, Code: res.Code, DossierCode: res.DossierCode,
			ProcedureName: res.Procedure, Kind: res.Kind, IssuedAt: res.IssuedAt, VerifyURL: motcua.VerifyURL(s.baseURL(), res.Code),
			FileName: res.File.FileName, SHA256: res.File.SHA256})
		if err != nil {
			s.log.Error("result sheet", "code", code, "err", err)
			http.Error(w, "Không lập được phiếu kết quả.", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="phieu-ket-qua-`+res.Code+`.pdf"`)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(buf.Bytes())
		return
	}
	http.Error(w, "Không tìm thấy kết quả này.", http.StatusNotFound)
}
