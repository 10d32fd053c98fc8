package web

import (
	"encoding/binary"
	"encoding/hex"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpstatus"
	"github.com/motcua/motcua/internal/ratelimit"
)

// Handler wraps the mux as the server serves it: security headers, an
// origin for the audit trail and the logs (the client behind the server's
// TrustedProxies, read at each request), then the given wraps (metrics,
// the access log: they see the route the mux chose), and cross-origin
// protection of state-changing requests.
func (s *Server) Handler(mux http.Handler, wraps ...func(http.Handler) http.Handler) http.Handler {
	return wrapMux(mux, func() ratelimit.Proxies { return s.TrustedProxies }, wraps)
}

func wrapMux(mux http.Handler, proxies func() ratelimit.Proxies, wraps []func(http.Handler) http.Handler) http.Handler {
	h := http.Handler(http.NewCrossOriginProtection().Handler(mux))
	for _, wrap := range wraps {
		h = wrap(h)
	}
	return SecurityHeaders(origins(proxies, h))
}

// AccessLog writes a line per request: its id, route, status, time taken
// and address; never the query (it may hold a receipt's secret).
func AccessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := httpstatus.Wrap(w)
			next.ServeHTTP(rec, r)
			o := motcua.OriginOf(r.Context())
			attrs := []any{"method", r.Method, "route", r.Pattern, "path", r.URL.Path, "status", rec.Status,
				"ms", float64(time.Since(start).Microseconds()) / 1000}
			if o != nil {
				attrs = append(attrs, "request_id", o.RequestID, "source", o.Source, "actor", o.Actor)
			}
			log.Info("request", attrs...)
		})
	}
}

// origins gives every request an id (answered in X-Request-Id, written in
// logs and audit entries) and an origin: its client's address (behind the
// trusted proxies) and route; the store adds who it turns out to be.
func origins(proxies func() ratelimit.Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := &motcua.Origin{RequestID: newRequestID(), Source: proxies().Client(r), Route: r.Method + " " + r.URL.Path}
		w.Header().Set("X-Request-Id", o.RequestID)
		next.ServeHTTP(w, r.WithContext(motcua.WithOrigin(r.Context(), o)))
	})
}

// newRequestID is 16 hex digits from the runtime's fast generator: an id
// to find a request's lines, not a secret (no system call per request).
func newRequestID() string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], rand.Uint64())
	return hex.EncodeToString(b[:])
}
