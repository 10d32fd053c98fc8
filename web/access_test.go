package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestStaffListNamesUnitsAndTheTrailNamesTheAccount: the accounts page
// shows each grant's unit by name, not by id, and creating an account
// leaves an audit entry that names it.
func TestStaffListNamesUnitsAndTheTrailNamesTheAccount(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	form := newCounterForm("motcua.a3", "Đỗ Thị Ba", "mat-khau-du-dai-roi")
	wantStatus(t, admin.post(t, "/staff", form), http.StatusSeeOther)
	list := admin.get(t, "/staff")
	wantContains(t, list, "Cán bộ một cửa, "+fx.UnitA.Name)
	wantLacks(t, list, "("+strconv.FormatInt(fx.UnitA.ID, 10)+")")
	entries, err := e.db.AuditLog(t.Context(), store.AuditFilter{Actor: "user:" + strconv.FormatInt(fx.Admin.ID, 10) + " "})
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, en := range entries {
		named = named || strings.Contains(en.Object+" "+en.Detail, "motcua.a3")
	}
	if !named {
		t.Errorf("no audit entry of the administrator names the account created: %+v", entries)
	}
}

// TestSecondFactorRotatesTheSessionToken: the token the password opened
// stops working once the code is through; the complete session has its own.
func TestSecondFactorRotatesTheSessionToken(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	p := b.post(t, "/login", url.Values{"username": {fx.LeaderA.Username}, "password": {sample.Password}})
	before := sessionCookie(t, p)
	b.cookie = before
	p = b.post(t, "/login/ma", url.Values{"code": {sample.TOTPCode(t, e.db, fx.LeaderA)}})
	wantStatus(t, p, http.StatusSeeOther)
	after := sessionCookie(t, p)
	if after == before {
		t.Fatal("the session kept the token it had before the second factor")
	}
	wantStatus(t, (&browser{e: e, cookie: after}).get(t, "/worklist"), http.StatusOK)
	if old := (&browser{e: e, cookie: before}).get(t, "/worklist"); old.status != http.StatusSeeOther || !strings.HasPrefix(old.header.Get("Location"), "/login") {
		t.Fatalf("the pre-second-factor token still opens the worklist: %d %q", old.status, old.header.Get("Location"))
	}
}

// TestSessionCookieIsHostPrefixedUnderHTTPS: with an https public address
// the session cookie is __Host-motcua_session (Secure, Path=/, no Domain)
// and only that name opens a session; plain http keeps the plain name.
func TestSessionCookieIsHostPrefixedUnderHTTPS(t *testing.T) {
	e := newEnv(t)
	p := e.anonymous().post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}})
	if names := cookieNames(p); !slices.Contains(names, "motcua_session") {
		t.Fatalf("over http: cookies %v, want motcua_session", names)
	}
	e.site.BaseURL = "https://motcua.example.vn"
	p = e.anonymous().post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}})
	var session *http.Cookie
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		if c.Name == "__Host-motcua_session" {
			session = c
		}
	}
	if session == nil || !session.Secure || session.Path != "/" || session.Domain != "" || !session.HttpOnly {
		t.Fatalf("under https: %v", p.header["Set-Cookie"])
	}
	get := func(name string) page {
		req, _ := http.NewRequest("GET", e.srv.URL+"/intake", nil)
		req.AddCookie(&http.Cookie{Name: name, Value: session.Value})
		return e.anonymous().do(t, req)
	}
	wantStatus(t, get("__Host-motcua_session"), http.StatusOK)
	wantStatus(t, get("motcua_session"), http.StatusSeeOther)
}

func cookieNames(p page) []string {
	var names []string
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		names = append(names, c.Name)
	}
	return names
}

// TestAccountPagesOfferOnlyWhatOpens: an officer with an authenticator is
// not offered to set one up (that page would refuse); one without is; a
// weak password on the accounts page is an error tied to its field.
func TestAccountPagesOfferOnlyWhatOpens(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.LeaderA)
	check(t, leader.get(t, "/account"), htmlcheck.NotIn(`[href^="/login/cai-dat"]`))
	wantStatus(t, leader.get(t, "/login/cai-dat?next=/account"), http.StatusForbidden)
	counter := e.login(t, fx.CounterA)
	check(t, counter.get(t, "/account"), htmlcheck.In(`a[href="/login/cai-dat?next=/account"]`))
	wantStatus(t, counter.get(t, "/login/cai-dat?next=/account"), http.StatusOK)

	admin := e.login(t, fx.Admin)
	weak := admin.post(t, "/staff", url.Values{"username": {"motcua.a4"}, "full_name": {"Lê Văn Tư"}, "role": {"counter"},
		"unit": {strconv.FormatInt(fx.UnitA.ID, 10)}, "password": {"Matkhau123456"}})
	wantStatus(t, weak, http.StatusUnprocessableEntity)
	// The weak password's error is tied to its field.
	check(t, weak, htmlcheck.In("#error"),
		htmlcheck.In("input#password", htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("aria-describedby", "error password-rule")))
}
