package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

// TestOfficerSignsInThroughTheAgencyProvider: the provider's verified
// address opens the counter officer's session; a leader the provider did
// not check with a second factor still goes to motcua's code page, one it
// did goes straight in; a mailbox on two accounts, an address no account
// holds, or a tampered state, opens nothing.
func TestOfficerSignsInThroughTheAgencyProvider(t *testing.T) {
	e := newEnv(t)
	for _, u := range []struct {
		id    int64
		email string
	}{{fx.CounterA.ID, "motcua.a@daklao.gov.vn"}, {fx.LeaderA.ID, "lanhdao.a@daklao.gov.vn"}} {
		if err := storetest.SetEmail(t.Context(), e.db, u.id, u.email); err != nil {
			t.Fatal(err)
		}
	}
	prov, client := startProvider(t, e, "motcua-staff", "bi-mat-staff", "/login/oidc/callback")
	e.site.StaffOIDC = client
	if err := htmlcheck.Check(e.anonymous().get(t, "/login").body, htmlcheck.In("#sso-login")); err != nil {
		t.Fatalf("the login page offers no single sign-on: %v", err)
	}
	signIn := func(tamper func(*url.URL)) page {
		return followProvider(t, e, "/login/oidc?next=/worklist", "motcua_staff_oidc", tamper)
	}

	prov.Person(map[string]any{"sub": "cb-1", "email": "Motcua.A@daklao.gov.vn", "email_verified": true})
	done := signIn(nil)
	if done.status != http.StatusSeeOther || done.header.Get("Location") != "/worklist" {
		t.Fatalf("counter officer: %d %q\n%s", done.status, done.header.Get("Location"), excerpt(done.body))
	}
	b := e.anonymous()
	b.cookie = sessionCookie(t, done)
	if w := b.get(t, "/worklist"); w.status != http.StatusOK {
		t.Fatalf("after single sign-on: %d", w.status)
	}

	prov.Person(map[string]any{"sub": "cb-2", "email": "lanhdao.a@daklao.gov.vn", "email_verified": true, "amr": []string{"pwd"}})
	if leader := signIn(nil); leader.status != http.StatusSeeOther || !strings.HasPrefix(leader.header.Get("Location"), "/login/ma") {
		t.Fatalf("a leader without the provider's second factor: %d %q", leader.status, leader.header.Get("Location"))
	}
	prov.Person(map[string]any{"sub": "cb-2", "email": "lanhdao.a@daklao.gov.vn", "email_verified": true, "amr": []string{"pwd", "otp"}})
	if leader := signIn(nil); leader.status != http.StatusSeeOther || leader.header.Get("Location") != "/worklist" {
		t.Fatalf("a leader the provider checked with a code: %d %q", leader.status, leader.header.Get("Location"))
	}

	if err := storetest.SetEmail(t.Context(), e.db, fx.SpecialistA.ID, "lanhdao.a@daklao.gov.vn"); err != nil {
		t.Fatal(err)
	}
	shared := signIn(nil)
	if shared.status != http.StatusUnauthorized {
		t.Fatalf("a mailbox on two accounts: %d", shared.status)
	}
	check(t, shared, htmlcheck.In("#error", htmlcheck.HasText("nhiều tài khoản")))

	prov.Person(map[string]any{"sub": "cb-3", "email": "nguoi.la@example.vn", "email_verified": true})
	if stranger := signIn(nil); stranger.status != http.StatusUnauthorized || strings.Contains(stranger.header.Get("Set-Cookie"), "motcua_session=") {
		t.Fatalf("an address no account holds: %d", stranger.status)
	}
	prov.Person(map[string]any{"sub": "cb-1", "email": "motcua.a@daklao.gov.vn", "email_verified": true})
	bad := signIn(forgeState)
	if bad.status != http.StatusUnauthorized || strings.Contains(bad.header.Get("Set-Cookie"), "motcua_session=") {
		t.Fatalf("a tampered state: %d", bad.status)
	}
}
