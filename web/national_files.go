package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpstatus"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/store"
)

// nationalFile serves a file a national record links to
// (motcua.NationalFileURL) to the national co-ordination system, which
// calls as an external system (motcua clients create … --actions read)
// with its key as a bearer token: only files of dossiers in its scope,
// each call audited like an API call. Officers and citizens have their own
// pages for files; a session opens nothing here.
func (s *Server) nationalFile(w http.ResponseWriter, r *http.Request) {
	key, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !store.ClientKey(key) {
		http.Error(w, "Cần khóa của hệ thống kết nối.", http.StatusUnauthorized)
		return
	}
	a, err := s.db.ClientActor(r.Context(), key)
	if err != nil {
		http.Error(w, motcua.ErrorMessage(err), motcua.HTTPStatus(err))
		return
	}
	rec := httpstatus.Wrap(w)
	if !a.Allows(motcua.ClientRead) {
		http.Error(rec, "Hệ thống kết nối chưa được cấp quyền đọc hồ sơ.", http.StatusForbidden)
	} else {
		f, err := s.db.NationalFile(r.Context(), a, r.PathValue("sha"))
		s.serveStored(rec, r, f, err, false)
	}
	if err := s.db.LogAPICall(context.WithoutCancel(r.Context()), a.Client.ID, r.Method, r.URL.Path, rec.Status, ratelimit.ClientAddress(r)); err != nil {
		s.log.Error("audit of a national file fetch", "client", a.Client.Name, "err", err)
	}
}
