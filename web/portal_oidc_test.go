package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// signInThrough follows the sign-in from the portal to the provider and
// back, as a browser would, and returns the callback's answer. tamper may
// change the callback's address before it is requested.
func signInThrough(t *testing.T, e *env, tamper func(*url.URL)) page {
	t.Helper()
	return followProvider(t, e, "/xac-thuc/oidc?next=/ho-so-cua-toi", "motcua_oidc", tamper)
}

// TestCitizenSignsInThroughTheIdentityProvider: with a provider configured
// the verified e-mail of the ID token opens the portal session; a
// tampered state, or a token without a verified contact, opens nothing.
func TestCitizenSignsInThroughTheIdentityProvider(t *testing.T) {
	e := newEnv(t)
	prov, client := startProvider(t, e, "motcua-portal", "bi-mat-client", "/xac-thuc/oidc/callback")
	e.site.OIDC = client
	if err := htmlcheck.Check(e.anonymous().get(t, "/xac-thuc").body, htmlcheck.In("#oidc-login")); err != nil {
		t.Fatalf("the verification page offers no sign-in through the provider: %v", err)
	}

	prov.Person(map[string]any{"sub": "079123456789", "name": "Nguyễn Văn An", "email": "An@Example.vn", "email_verified": true})
	done := signInThrough(t, e, nil)
	if done.status != http.StatusSeeOther || done.header.Get("Location") != "/ho-so-cua-toi" {
		t.Fatalf("callback: %d %q\n%s", done.status, done.header.Get("Location"), done.body)
	}
	b := e.anonymous()
	for _, c := range (&http.Response{Header: done.header}).Cookies() {
		if c.Name == "motcua_citizen" {
			b.citizen = c.Value
		}
	}
	mine := b.get(t, "/ho-so-cua-toi")
	if mine.status != http.StatusOK {
		t.Fatalf("after signing in: %d", mine.status)
	}
	check(t, mine, htmlcheck.In("main", htmlcheck.HasText("an@example.vn")))

	bad := signInThrough(t, e, forgeState)
	if bad.status != http.StatusUnauthorized || strings.Contains(bad.header.Get("Set-Cookie"), "motcua_citizen=") {
		t.Fatalf("a tampered state: %d, cookies %q", bad.status, bad.header["Set-Cookie"])
	}
	prov.Person(map[string]any{"sub": "079000000001", "email": "chua-xac-minh@example.vn", "email_verified": false})
	unverified := signInThrough(t, e, nil)
	if unverified.status != http.StatusUnprocessableEntity {
		t.Fatalf("an unverified address: %d", unverified.status)
	}
	check(t, unverified, htmlcheck.In("#error", htmlcheck.HasText("chưa có thư điện tử")))
}
