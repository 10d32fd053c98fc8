package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// The papers a citizen uploaded with an online submission stay with the
// dossier it became: the dossier page lists them, and each opens in the
// browser (PDF, image) or downloads; every open is a logged read.

// fileView is one uploaded file as the officer's pages list it.
type fileView struct {
	ID                             int64
	Document, FileName, Kind, Size string
	Preview                        bool   // the browser shows it itself
	Signature                      string // who signed a PDF (signatureNote); ""
}

// previewKinds are the types uploads are sniffed as, with the name an
// officer reads; browsers display each of them.
var previewKinds = map[string]string{
	"application/pdf": "PDF",
	"image/jpeg":      "Ảnh JPEG",
	"image/png":       "Ảnh PNG",
}

func fileViews(files []motcua.SubmittedFile) []fileView {
	out := make([]fileView, len(files))
	for i, f := range files {
		kind, preview := previewKinds[f.ContentType]
		if !preview {
			kind = f.ContentType
		}
		out[i] = fileView{ID: f.ID, Document: f.Document, FileName: f.FileName, Kind: kind,
			Size: motcua.FormatSize(f.Size), Preview: preview}
	}
	return out
}

// dossierFileList is the list on the dossier page; a failure to read it
// leaves the list out (the page itself still answers) and is logged.
func (s *Server) dossierFileList(ctx context.Context, a *motcua.Actor, dossierID int64) []fileView {
	files, err := s.db.DossierFiles(ctx, a, dossierID)
	if err != nil {
		s.log.Error("dossier files", "dossier", dossierID, "err", err)
		return nil
	}
	views := fileViews(files)
	for i := range views {
		views[i].Signature = s.signatureNote(files[i])
	}
	return views
}

// dossierFile opens one uploaded file of a dossier, under the dossier's
// access policy (another unit's officer: 404).
func (s *Server) dossierFile(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	fileID, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	f, err := s.db.DossierFile(r.Context(), a, id, fileID)
	s.serveUpload(w, r, f, err)
}

// previewPolicy replaces the site's CSP on an upload shown in the browser:
// nothing runs, the PDF viewer and the image may load, nothing frames it.
const previewPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// serveUpload sends a stored file (an upload, an electronic result): shown
// in the browser when it is a PDF or an image, saved with ?download=1 or
// for other types.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request, f *motcua.SubmittedFile, err error) {
	s.serveStored(w, r, f, err, true)
}

// serveStored sends a stored file with its own type, never sniffed nor
// cached (personal data); only with mayPreview is a PDF or an image shown
// inline, under a policy that runs nothing.
func (s *Server) serveStored(w http.ResponseWriter, r *http.Request, f *motcua.SubmittedFile, err error, mayPreview bool) {
	policy := previewPolicy
	if !mayPreview {
		policy = ""
	}
	s.serveStoredWith(w, r, f, err, policy)
}

// serveStoredWith is serveStored under a given policy for the preview
// ("": always a download).
func (s *Server) serveStoredWith(w http.ResponseWriter, r *http.Request, f *motcua.SubmittedFile, err error, policy string) {
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	file, err := s.Files.Open(f.SHA256)
	if err != nil {
		s.log.Error("stored upload missing", "sha256", f.SHA256, "err", err)
		http.Error(w, "Không đọc được tệp đã lưu.", http.StatusInternalServerError)
		return
	}
	defer file.Close()
	disposition := "attachment"
	if _, preview := previewKinds[f.ContentType]; policy != "" && preview && r.URL.Query().Get("download") != "1" {
		disposition = "inline"
		w.Header().Set("Content-Security-Policy", policy)
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", disposition+"; filename*=UTF-8''"+strings.ReplaceAll(url.PathEscape(f.FileName), "'", "%27"))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store") // personal data
	io.Copy(w, file)
}
