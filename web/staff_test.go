package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestAdministratorManagesAccounts: the district's administrator creates a
// counter officer in commune A (the password policy applies), who then
// logs in; ends the officer's sessions; an officer cannot reach the page.
func TestAdministratorManagesAccounts(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	form := newCounterForm("motcua.a2", "Trần Văn Hai", "ngắn")
	wantStatus(t, admin.post(t, "/staff", form), http.StatusUnprocessableEntity)
	form.Set("password", "mat-khau-du-dai-roi")
	created := admin.post(t, "/staff", form)
	if created.status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", created.status, excerpt(created.body))
	}
	officer := e.anonymous()
	p := officer.post(t, "/login", url.Values{"username": {"motcua.a2"}, "password": {"mat-khau-du-dai-roi"}, "next": {"/worklist"}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/worklist" {
		t.Fatalf("the new officer's login: %d %q", p.status, p.header.Get("Location"))
	}
	officer.cookie = sessionCookie(t, p)
	wantStatus(t, officer.get(t, "/worklist"), http.StatusOK)
	wantContains(t, admin.get(t, "/staff"), "motcua.a2", "Trần Văn Hai")
	wantStatus(t, admin.post(t, "/staff/motcua.a2/revoke", nil), http.StatusSeeOther)
	if w := officer.get(t, "/worklist"); w.status != http.StatusSeeOther {
		t.Fatalf("a revoked session still works: %d", w.status)
	}
	wantStatus(t, e.login(t, fx.CounterA).get(t, "/staff"), http.StatusForbidden)
}
