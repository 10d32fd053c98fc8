package web_test

import (
	"regexp"
	"testing"
)

// TestMenuMarksThePageShown (issue 15): on each menu page the officer's
// menu marks that page's link, and only it, aria-current="page"; a page
// outside the menu (the account) marks none.
func TestMenuMarksThePageShown(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.leaderA)
	nav := regexp.MustCompile(`(?s)<nav class="menu" aria-label="Chức năng">(.*?)</nav>`)
	current := regexp.MustCompile(`<a href="([^"]+)" aria-current="page">`)
	marks := func(p page) [][]string {
		t.Helper()
		m := nav.FindStringSubmatch(p.body)
		if m == nil {
			t.Fatalf("no officer menu:\n%s", excerpt(p.body))
		}
		return current.FindAllStringSubmatch(m[1], -1)
	}
	for _, path := range []string{"/worklist", "/reports/ii06a", "/calendar"} {
		p := leader.get(t, path+"?x=1")
		wantStatus(t, p, 200)
		marked := marks(p)
		if len(marked) != 1 || marked[0][1] != path {
			t.Errorf("%s marks %v, want only its own link", path, marked)
		}
		if links := menuLinks(t, p); len(links) < 5 {
			t.Errorf("%s: menu of %d links", path, len(links))
		}
	}
	if marked := marks(leader.get(t, "/account")); len(marked) != 0 {
		t.Errorf("the account page marks %v", marked)
	}
}
