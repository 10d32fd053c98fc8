package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The electronic result (issue 15): the officer recording the result may
// attach it to the "Có kết quả" form (PDF, JPEG, PNG, checked by content
// as the citizens' uploads are); the dossier page lists it, each open an
// audited read, and the citizen whose submission the dossier came from
// downloads it from their own page (/ho-so-cua-toi/{id}/ket-qua).

// resultField is the action form's file field.
const resultField = "result_file"

// resultUpload reads a multipart action form and checks the electronic
// result chosen in it, if any; the caller discards it unless saved, and
// removes the form's temporary files. A form sent url-encoded has none.
func (s *Server) resultUpload(w http.ResponseWriter, r *http.Request) (*upload, error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return nil, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	if err := r.ParseMultipartForm(uploadMemory); err != nil {
		return nil, resultError(uploadError(err))
	}
	hs := r.MultipartForm.File[resultField]
	if len(hs) == 0 {
		return nil, nil
	}
	if len(hs) > 1 {
		return nil, motcua.FieldError(resultField, "Chỉ đính kèm một tệp kết quả.")
	}
	u, err := s.checkUpload(hs[0], store.ResultDocument)
	if err != nil {
		return nil, resultError(err)
	}
	return &u, nil
}

// resultError ties a file's problem to the result's field of the form.
func resultError(err error) error {
	if motcua.ErrorCode(err) != motcua.EINVALID {
		return err
	}
	return motcua.FieldError(resultField, "%s", motcua.ErrorMessage(err))
}

// actWithResult records the action; with "Có kết quả" and an electronic
// result (a file attached, or a simple result's text the system renders),
// the result is issued under a new result code (results.go): the document
// is signed when a signer is set, kept in the file store first (a row
// never names a file not there; a file whose row failed is swept later, as
// for the citizens' uploads), then recorded with the event.
func (s *Server) actWithResult(ctx context.Context, a *motcua.Actor, act motcua.Action, result *upload, text string, validUntil time.Time) (*motcua.Dossier, error) {
	text = strings.TrimSpace(text)
	if result == nil && text == "" {
		return s.db.Act(ctx, a, act)
	}
	if act.Type != motcua.EventResultReady {
		return nil, motcua.FieldError(resultField, "Chỉ đính kèm kết quả điện tử khi ghi nhận “%s”.", motcua.EventResultReady.Label())
	}
	code := motcua.NewResultCode()
	doc, err := s.resultDocument(ctx, a, act.DossierID, code, result, text)
	if err != nil {
		return nil, err
	}
	defer doc.blob.Discard() // nothing once saved
	if err := s.Files.Save(doc.blob); err != nil {
		return nil, err
	}
	return s.db.ActIssuing(ctx, a, act, store.ResultIssue{File: &doc.file, Code: code, ValidUntil: validUntil})
}

// dossierResultList is the dossier page's list of electronic results; a
// failure to read it leaves the list out and is logged.
func (s *Server) dossierResultList(ctx context.Context, a *motcua.Actor, dossierID int64) []fileView {
	list, err := s.db.ResultFiles(ctx, a, dossierID)
	if err != nil {
		s.log.Error("dossier result files", "dossier", dossierID, "err", err)
		return nil
	}
	return fileViews(list)
}

// dossierResult opens an electronic result for an officer who may see the
// dossier (another unit's: 404); the read is audited.
func (s *Server) dossierResult(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	f, err := s.db.ResultFile(r.Context(), a, id, fileID)
	s.serveUpload(w, r, f, err)
}

// myResult gives the citizen the electronic result of the dossier their
// submission became, shown in the browser with its own type; anyone but
// the submission's contact gets 404.
func (s *Server) myResult(w http.ResponseWriter, r *http.Request, c motcua.Contact) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	f, err := s.db.MyResult(r.Context(), c, id)
	s.serveUpload(w, r, f, err)
}
