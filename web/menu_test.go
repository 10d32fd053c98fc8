package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/web"
)

// menuLinks are the links of the page's menu (the header's nav).
func menuLinks(t *testing.T, p page) []string {
	t.Helper()
	if len(all(t, p, "nav.menu")) == 0 {
		t.Fatalf("no menu in the page:\n%s", excerpt(p.body))
	}
	var links []string
	for _, a := range all(t, p, "nav.menu [href]") {
		links = append(links, htmlcheck.Attr(a, "href"))
	}
	return links
}

// loginLanding logs the user in without asking for a page, as from the
// login link, and returns the session and where the login sent them.
func (e *env) loginLanding(t *testing.T, u motcua.User) (*browser, string) {
	t.Helper()
	b := e.anonymous()
	p := b.post(t, "/login", url.Values{"username": {u.Username}, "password": {sample.Password}})
	b.cookie = sessionCookie(t, p)
	if strings.HasPrefix(p.header.Get("Location"), "/login/ma") {
		p = b.post(t, "/login/ma", url.Values{"code": {sample.TOTPCode(t, e.db, u)}})
		b.cookie = sessionCookie(t, p)
	}
	if p.status != http.StatusSeeOther {
		t.Fatalf("login of %s: status %d", u.Username, p.status)
	}
	return b, p.header.Get("Location")
}

// TestEveryMenuLinkOpensForItsRole: each demo role lands on its own first
// page, its menu lists exactly the pages it may open, and every one of
// them opens (200); the pages left out of its menu are refused to it.
func TestEveryMenuLinkOpensForItsRole(t *testing.T) {
	e := newEnv(t)
	all := []string{"/intake", "/worklist", "/alerts", "/submissions", "/register", "/performance", "/reports/ii06a",
		"/staff", "/audit", "/payments/reconciliation", "/units", "/calendar", "/catalog", "/reform"}
	common := []string{"/units", "/calendar", "/catalog", "/reform"}
	dossiers := []string{"/worklist", "/alerts", "/submissions", "/register"}
	for _, c := range []struct {
		role    string
		user    motcua.User
		landing string
		menu    []string
	}{
		{"counter", fx.CounterA, "/intake", slices.Concat([]string{"/intake"}, dossiers, common)},
		{"specialist", fx.SpecialistA, "/worklist", slices.Concat(dossiers, common)},
		{"leader", fx.LeaderA, "/worklist", slices.Concat(dossiers, []string{"/performance", "/reports/ii06a", "/reports/766", "/payments/reconciliation"}, common)},
		{"admin", fx.Admin, "/staff", slices.Concat([]string{"/staff", "/audit", "/payments/reconciliation"}, common)},
	} {
		b, landing := e.loginLanding(t, c.user)
		if landing != c.landing {
			t.Errorf("%s lands on %q, want %q", c.role, landing, c.landing)
		}
		first := b.get(t, landing)
		wantStatus(t, first, http.StatusOK)
		links := menuLinks(t, first)
		if !slices.Equal(links, c.menu) {
			t.Errorf("%s's menu: %v, want %v", c.role, links, c.menu)
		}
		for _, path := range all {
			status := b.get(t, path).status
			switch shown := slices.Contains(links, path); {
			case shown && status != http.StatusOK:
				t.Errorf("%s: the menu links %s, which answers %d", c.role, path, status)
			case !shown && status == http.StatusOK:
				t.Errorf("%s may open %s, which the menu leaves out", c.role, path)
			}
		}
		if home := b.get(t, "/"); home.status != http.StatusSeeOther || home.header.Get("Location") != c.landing {
			t.Errorf("%s at the front page: %d → %q, want their first page %s", c.role, home.status, home.header.Get("Location"), c.landing)
		}
	}
}

// TestEveryPortalMenuLinkOpens: the citizens' menu, for a visitor and for
// a citizen who proved a contact, leads to pages that open (a visitor's
// online filing first asks for a contact to verify, which opens too).
func TestEveryPortalMenuLinkOpens(t *testing.T) {
	e := newEnv(t)
	for name, b := range map[string]*browser{"visitor": e.anonymous(), "citizen": e.citizen(t, "hoa@example.vn")} {
		links := menuLinks(t, b.get(t, "/"))
		if name == "citizen" && !slices.Contains(links, "/ho-so-cua-toi") {
			t.Errorf("the citizen's menu lacks their dossiers: %v", links)
		}
		for _, path := range links {
			p := b.get(t, path)
			for hops := 0; p.status == http.StatusSeeOther && hops < 3; hops++ {
				p = b.get(t, p.header.Get("Location"))
			}
			if p.status != http.StatusOK {
				t.Errorf("%s: %s ends at %d", name, path, p.status)
			}
		}
	}
}

// TestFooterNamesTheConfiguredAgency: the footer carries the configured
// agency, address and hotline (a tel: link of its digits); without
// configuration it names the top unit in force and invents no contact.
func TestFooterNamesTheConfiguredAgency(t *testing.T) {
	e := newEnv(t)
	bare := e.anonymous().get(t, "/thu-tuc")
	check(t, bare, htmlcheck.In("footer.site", htmlcheck.HasText(fx.District.Name)),
		htmlcheck.NotIn("footer.site", htmlcheck.HasText("Địa chỉ")), htmlcheck.NotIn("footer.site", htmlcheck.HasText("tel:")))
	for _, a := range all(t, bare, "footer.site [href]") {
		if href := htmlcheck.Attr(a, "href"); strings.Contains(href, "tel:") {
			t.Errorf("the unconfigured footer links to %q", href)
		}
	}
	e.site.Agency = web.Agency{Name: "Bộ phận Một cửa huyện Đắk Mil", Address: "Số 1 đường Hùng Vương", Hotline: "0261 3741 234"}
	for _, p := range []page{e.anonymous().get(t, "/thu-tuc"), e.login(t, fx.CounterA).get(t, "/intake")} {
		check(t, p, htmlcheck.In("footer.site", htmlcheck.HasText("Bộ phận Một cửa huyện Đắk Mil"), htmlcheck.HasText("Số 1 đường Hùng Vương"),
			htmlcheck.HasText("0261 3741 234"), htmlcheck.In(`a[href="tel:02613741234"]`)))
	}
}
