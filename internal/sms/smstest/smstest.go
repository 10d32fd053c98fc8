// Package smstest runs a local SMS gateway for tests: a real HTTP server
// on loopback speaking the sms package's shape, recording what it accepts.
package smstest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/motcua/motcua/internal/sms"
)

// Gateway is the test gateway.
type Gateway struct {
	URL   string
	Token string

	mu       sync.Mutex
	messages []sms.Message
	fail     int // answer 503 to this many requests first
}

// Start runs a gateway until the test ends; it requires token.
func Start(t testing.TB, token string) *Gateway {
	g := &Gateway{Token: token}
	srv := httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(srv.Close)
	g.URL = srv.URL + "/send"
	return g
}

// FailNext makes the gateway refuse the next n messages with 503.
func (g *Gateway) FailNext(n int) {
	g.mu.Lock()
	g.fail = n
	g.mu.Unlock()
}

func (g *Gateway) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/send" {
		http.NotFound(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+g.Token {
		http.Error(w, "bad token", http.StatusUnauthorized)
		return
	}
	var m sms.Message
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil || m.To == "" || m.Text == "" {
		http.Error(w, "bad message", http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fail > 0 {
		g.fail--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	g.messages = append(g.messages, m)
	w.WriteHeader(http.StatusAccepted)
}

// Messages returns what the gateway accepted so far.
func (g *Gateway) Messages() []sms.Message {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]sms.Message(nil), g.messages...)
}
