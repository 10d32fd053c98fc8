package web

import (
	"net/http"

	"github.com/motcua/motcua/internal/httpmux"
)

// SecurityHeaders sets the headers every answer carries: scripts only from
// this site (no inline script), no framing by others, no referrer beyond
// the origin, no MIME sniffing (issue 9). The values are shared slices set
// straight into the map: Header.Set would allocate four on every request
// of the public tracking page, which has a speed budget.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

var securityHeaders = map[string][]string{
	"Content-Security-Policy": {"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"},
	"X-Content-Type-Options": {"nosniff"},
	"Referrer-Policy":        {"strict-origin-when-cross-origin"},
	"X-Frame-Options":        {"DENY"},
}

// Health answers /healthz (the process is alive) and /readyz (the database
// answers and its migrations are current) for load balancers and
// orchestrators.
func (s *Server) mountHealth(mux httpmux.Mux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := s.db.Ready(r.Context()); err != nil {
			s.log.Warn("not ready", "err", err)
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
}
