package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

// TestHeadersAndHealth: every answer carries the security headers; the
// health endpoints answer; no page has inline script.
func TestHeadersAndHealth(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	p := b.get(t, "/")
	csp := p.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") ||
		p.header.Get("X-Content-Type-Options") != "nosniff" || p.header.Get("Referrer-Policy") == "" {
		t.Fatalf("headers: %v", p.header)
	}
	for _, path := range []string{"/", "/tra-cuu", "/thu-tuc", "/login", "/xac-thuc"} {
		body := b.get(t, path).body
		if strings.Contains(body, "<script>") || strings.Contains(body, "onclick=") {
			t.Errorf("%s has inline script", path)
		}
	}
	if h := b.get(t, "/healthz"); h.status != http.StatusOK || h.body != "ok\n" {
		t.Fatalf("healthz: %d %q", h.status, h.body)
	}
	if r := b.get(t, "/readyz"); r.status != http.StatusOK || r.body != "ready\n" {
		t.Fatalf("readyz: %d %q", r.status, r.body)
	}
	if err := storetest.ForgetLastMigration(t.Context(), e.db); err != nil {
		t.Fatal(err)
	}
	if r := b.get(t, "/readyz"); r.status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a migration missing: %d", r.status)
	}
}

// An address no page has answers 404 in Vietnamese, as a page of the site
// with its menu, not the mux's bare English text.
func TestUnknownAddressIsAVietnamesePage(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/thu-tuc/1.001193", "/khong-co-trang-nay", "/ho-so/abc/def"} {
		p := e.anonymous().get(t, path)
		wantStatus(t, p, http.StatusNotFound)
		check(t, p, errorSays("Không tìm thấy trang này"))
		check(t, p, htmlcheck.In(`a[href="/tra-cuu"]`))
		wantLacks(t, p, "404 page not found")
	}
}
