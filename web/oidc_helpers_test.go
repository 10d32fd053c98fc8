package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/motcua/motcua/adapter/oidc"
	"github.com/motcua/motcua/adapter/oidc/oidctest"
)

// startProvider starts an identity provider that knows the client id and
// secret, and the client of it that e's site uses, called back at the
// path callback of e's server.
func startProvider(t *testing.T, e *env, clientID, secret, callback string) (*oidctest.Provider, *oidc.Provider) {
	t.Helper()
	prov := oidctest.Start(t, clientID, secret)
	client, err := oidc.New(t.Context(), oidc.Config{Issuer: prov.URL, ClientID: clientID, ClientSecret: secret,
		RedirectURL: e.srv.URL + callback})
	if err != nil {
		t.Fatal(err)
	}
	return prov, client
}

// forgeState changes the state of the provider's callback, as a forged
// callback would carry one.
func forgeState(u *url.URL) {
	q := u.Query()
	q.Set("state", "khac")
	u.RawQuery = q.Encode()
}

// followProvider starts a sign-in at start, lets the provider answer and
// requests the callback with the cookie named cookie.
func followProvider(t *testing.T, e *env, start, cookie string, tamper func(*url.URL)) page {
	t.Helper()
	b := e.anonymous()
	first := b.get(t, start)
	if first.status != http.StatusFound {
		t.Fatalf("start: %d", first.status)
	}
	var kept *http.Cookie
	for _, c := range (&http.Response{Header: first.header}).Cookies() {
		if c.Name == cookie {
			kept = c
		}
	}
	res, err := http.DefaultTransport.RoundTrip(mustRequest(t, first.header.Get("Location")))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	back, err := url.Parse(res.Header.Get("Location"))
	if err != nil || res.StatusCode != http.StatusFound {
		t.Fatalf("the provider answered %d, %q", res.StatusCode, res.Header.Get("Location"))
	}
	if tamper != nil {
		tamper(back)
	}
	req := mustRequest(t, back.String())
	if kept != nil {
		req.AddCookie(kept)
	}
	return b.do(t, req)
}

func mustRequest(t *testing.T, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
