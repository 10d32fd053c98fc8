package ratelimit

import (
	"net/http/httptest"
	"testing"
)

// TestClientBehindTrustedProxies: the client is the first address from the
// right of X-Forwarded-For that is not a trusted proxy; a peer that is not
// trusted is the client whatever it claims; a malformed chain proves
// nothing.
func TestClientBehindTrustedProxies(t *testing.T) {
	proxies, err := ParseProxies("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ peer, forwarded, want string }{
		{"10.1.2.3:5000", "203.0.113.5", "203.0.113.5"},
		{"10.1.2.3:5000", "1.2.3.4, 203.0.113.5", "203.0.113.5"},   // the left entry is the client's own claim
		{"10.1.2.3:5000", "203.0.113.5, 192.0.2.7", "203.0.113.5"}, // two trusted hops
		{"198.51.100.9:5000", "203.0.113.5", "198.51.100.9"},       // an untrusted peer: its header is ignored
		{"10.1.2.3:5000", "", "10.1.2.3"},                          // no header: the proxy itself
		{"10.1.2.3:5000", "203.0.113.5, nonsense", "10.1.2.3"},     // malformed
		{"[::ffff:10.1.2.3]:5000", "2001:db8::1", "2001:db8::1"},   // IPv4-mapped peer, IPv6 client
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.forwarded != "" {
			r.Header.Set("X-Forwarded-For", c.forwarded)
		}
		if got := proxies.Client(r); got != c.want {
			t.Errorf("peer %s, forwarded %q: %s, want %s", c.peer, c.forwarded, got, c.want)
		}
	}
	if got := Proxies(nil).Client(httptest.NewRequest("GET", "/", nil)); got != "192.0.2.1" {
		t.Errorf("no proxies configured: %s", got)
	}
	if _, err := ParseProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix was taken")
	}
}
