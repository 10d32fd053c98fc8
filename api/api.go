// Package api serves the JSON API under /api/v1 over the same services as
// the web UI. Errors are {"error": {"code", "message", "field"}} with a stable
// code (motcua.E*) and the HTTP status mapped in motcua.HTTPStatus.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/internal/httpstatus"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/store"
)

// MaxBody bounds request bodies: an intake with fifty documents is a few KB.
const MaxBody = 1 << 20

// Server holds what the handlers share.
type Server struct {
	db  *store.DB
	log *slog.Logger
	// Limits bound public tracking; nil: none.
	Limits  *ratelimit.Portal
	clients struct {
		mu     sync.Mutex
		limits map[int64]*ratelimit.Limiter // per client: its rate
	}
}

// Mount adds the API routes to mux.
func Mount(mux httpmux.Mux, db *store.DB, log *slog.Logger) *Server {
	s := &Server{db: db, log: log, Limits: ratelimit.DefaultPortal()}
	s.clients.limits = map[int64]*ratelimit.Limiter{}
	for _, op := range s.operations() {
		mux.HandleFunc(op.method+" "+op.path, op.handle)
	}
	mux.HandleFunc("GET /openapi.json", s.openAPI)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, motcua.Errorf(motcua.ENOTFOUND, "Không có API %s %s.", r.Method, r.URL.Path))
	})
	return s
}

type handler func(http.ResponseWriter, *http.Request, *motcua.Actor)

// authed accepts a bearer token from POST /api/v1/sessions, the web
// session cookie, or an external system's key (store/clients.go). A
// client's calls are bounded by its rate and each one is audited; what it
// may see and do is the policy's (motcua.Actor.Client).
func (s *Server) authed(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := requestToken(r)
		if token == "" {
			writeError(w, motcua.Errorf(motcua.EUNAUTHORIZED, "Chưa đăng nhập."))
			return
		}
		if store.ClientKey(token) {
			s.asClient(w, r, token, h)
			return
		}
		a, err := s.db.SessionActor(r.Context(), token)
		if err != nil {
			writeError(w, err)
			return
		}
		h(w, r, a)
	}
}

// can is authed for an action a client must be granted.
func (s *Server) can(action motcua.ClientAction, h handler) http.HandlerFunc {
	return s.authed(func(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
		if !a.Allows(action) {
			writeError(w, motcua.Errorf(motcua.EFORBIDDEN, "Hệ thống kết nối chưa được cấp quyền %q.", action))
			return
		}
		h(w, r, a)
	})
}

// systemsOnly refuses officers an operation meant for external systems
// (registering what a partner received, recording what it decided).
func systemsOnly(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
		if a.Client == nil {
			writeError(w, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ hệ thống kết nối dùng thao tác này; cán bộ dùng các thao tác hồ sơ."))
			return
		}
		h(w, r, a)
	}
}

// asClient serves a client's call within its rate, and audits it.
func (s *Server) asClient(w http.ResponseWriter, r *http.Request, key string, h handler) {
	a, err := s.db.ClientActor(r.Context(), key)
	if err != nil {
		writeError(w, err)
		return
	}
	rec := httpstatus.Wrap(w)
	s.clients.mu.Lock()
	lim := s.clients.limits[a.Client.ID]
	if lim == nil {
		lim = ratelimit.New(a.Client.RatePerMinute, time.Minute)
		s.clients.limits[a.Client.ID] = lim
	}
	s.clients.mu.Unlock()
	if !lim.Allow("") {
		writeError(rec, ratelimit.ErrTooMany)
	} else {
		h(rec, r, a)
	}
	if err := s.db.LogAPICall(context.WithoutCancel(r.Context()), a.Client.ID, r.Method, r.URL.Path, rec.Status, ratelimit.ClientAddress(r)); err != nil {
		s.log.Error("audit of an API call", "client", a.Client.Name, "err", err)
	}
}

// requestToken is the bearer token, or else the web session cookie.
func requestToken(r *http.Request) string {
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return token
	}
	if c, err := r.Cookie("motcua_session"); err == nil {
		return c.Value
	}
	return ""
}

// decode reads a JSON body strictly: unknown fields and trailing data are errors.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return motcua.Errorf(motcua.EINVALID, "Dữ liệu gửi lên quá lớn (tối đa 1 MB).")
		}
		return motcua.Errorf(motcua.EINVALID, "Dữ liệu JSON không hợp lệ: %v", err)
	}
	if dec.More() {
		return motcua.Errorf(motcua.EINVALID, "Dữ liệu JSON không hợp lệ: có nội dung thừa sau đối tượng.")
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// ErrorBody is the shape of every API error.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, err error) {
	var body ErrorBody
	body.Error.Code, body.Error.Message, body.Error.Field = motcua.ErrorCode(err), motcua.ErrorMessage(err), motcua.ErrorField(err)
	if body.Error.Code == motcua.EINTERNAL {
		slog.Error("api request failed", "err", err)
	}
	writeJSON(w, motcua.HTTPStatus(err), body)
}
