package web_test

import (
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestMenuMarksThePageShown (issue 15): on each menu page the officer's
// menu marks that page's link, and only it, aria-current="page"; a page
// outside the menu (the account) marks none.
func TestMenuMarksThePageShown(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.LeaderA)
	const nav = `nav.menu[aria-label="Chức năng"]`
	marks := func(p page) []string {
		t.Helper()
		if len(all(t, p, nav)) == 0 {
			t.Fatalf("no officer menu:\n%s", excerpt(p.body))
		}
		var marked []string
		for _, a := range all(t, p, nav+" a[href][aria-current=page]") {
			marked = append(marked, htmlcheck.Attr(a, "href"))
		}
		return marked
	}
	for _, path := range []string{"/worklist", "/reports/ii06a", "/calendar"} {
		p := leader.get(t, path+"?x=1")
		wantStatus(t, p, 200)
		marked := marks(p)
		if len(marked) != 1 || marked[0] != path {
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
