package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ratelimit"
)

// Handler wraps the mux as the server serves it: security headers, an
// origin for the audit trail and the logs, and cross-origin protection of
// state-changing requests.
func Handler(mux http.Handler) http.Handler {
	return SecurityHeaders(Origins(http.NewCrossOriginProtection().Handler(mux)))
}

// Origins gives every request an id (answered in X-Request-Id, written in
// logs and audit entries) and an origin: its address and route; the store
// adds who it turns out to be.
func Origins(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o := &motcua.Origin{RequestID: newRequestID(), Source: ratelimit.ClientAddress(r), Route: r.Method + " " + r.URL.Path}
		w.Header().Set("X-Request-Id", o.RequestID)
		next.ServeHTTP(w, r.WithContext(motcua.WithOrigin(r.Context(), o)))
	})
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
