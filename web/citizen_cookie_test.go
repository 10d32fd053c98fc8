package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// TestCitizenCookieIsHostPrefixedUnderHTTPS: with an https public address
// the portal session's cookie is __Host-motcua_citizen (Secure, Path=/, no
// Domain), only that name opens the citizen's pages, and leaving clears
// that name; plain http keeps the plain name (TestSessionCookieIsHostPrefixedUnderHTTPS
// holds the officers' cookie to the same rule).
func TestCitizenCookieIsHostPrefixedUnderHTTPS(t *testing.T) {
	e := newEnv(t)
	if c := e.citizen(t, "an@example.vn"); c.citizen == "" { // reads motcua_citizen
		t.Fatal("over http: no motcua_citizen cookie")
	}
	e.site.BaseURL = "https://motcua.example.vn"
	b := e.anonymous()
	wantStatus(t, b.post(t, "/xac-thuc/gui-ma", url.Values{"contact": {"an@example.vn"}, "next": {"/ho-so-cua-toi"}}), http.StatusOK)
	notices, err := e.db.ClaimNotices(t.Context(), 10, time.Minute)
	if err != nil || len(notices) == 0 {
		t.Fatalf("no notice with the code: %v", err)
	}
	p := b.post(t, "/xac-thuc", url.Values{"contact": {"an@example.vn"}, "code": {sixDigits.FindString(notices[len(notices)-1].Subject)}, "next": {"/ho-so-cua-toi"}})
	var session *http.Cookie
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		if c.Name == "__Host-motcua_citizen" {
			session = c
		}
	}
	if session == nil || !session.Secure || session.Path != "/" || session.Domain != "" || !session.HttpOnly {
		t.Fatalf("under https: %v", p.header["Set-Cookie"])
	}
	send := func(method, path, name string) page {
		req, _ := http.NewRequest(method, e.srv.URL+path, nil)
		req.Header.Set("Origin", e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: name, Value: session.Value})
		return e.anonymous().do(t, req)
	}
	wantStatus(t, send("GET", "/ho-so-cua-toi", "__Host-motcua_citizen"), http.StatusOK)
	wantStatus(t, send("GET", "/ho-so-cua-toi", "motcua_citizen"), http.StatusSeeOther)

	out := send("POST", "/dang-xuat", "__Host-motcua_citizen")
	var cleared *http.Cookie
	for _, c := range (&http.Response{Header: out.header}).Cookies() {
		if c.Name == "__Host-motcua_citizen" {
			cleared = c
		}
	}
	if cleared == nil || cleared.MaxAge >= 0 || !cleared.Secure || cleared.Path != "/" {
		t.Fatalf("leaving under https: %v", out.header["Set-Cookie"])
	}
	wantStatus(t, send("GET", "/ho-so-cua-toi", "__Host-motcua_citizen"), http.StatusSeeOther)
}
