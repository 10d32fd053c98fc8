package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
)

// linksThatFail fetches, from the page, every same-site link of the menu
// and of the main content (not logout, not downloads of forms that take a
// POST) and lists those that do not answer 200.
const linksThatFail = `(async () => {
	const seen = new Set(), bad = [];
	for (const a of document.querySelectorAll("header nav a[href], main a[href]")) {
		const u = new URL(a.href, location.href);
		if (u.origin !== location.origin || u.pathname === "/logout" || seen.has(u.pathname + u.search)) continue;
		seen.add(u.pathname + u.search);
		const res = await fetch(u, {redirect: "follow"});
		if (res.status !== 200) bad.push(u.pathname + u.search + " → " + res.status);
	}
	return bad.join("; ");
})()`

// TestEveryRoleWalksItsMenu: on the demo of today's province, the counter
// officer of a commune's service centre, the commune's specialist and
// leader, the counter officer of the provincial centre's branch, a
// department's specialist, the province's administrator and the former
// district's leader (its 2024 history) each open every link of their menu
// and of each page it leads to, at 1366 px and at 390 px:
// every link answers 200 (no 403 in a menu, no dead "next page"), and no
// page overflows the phone's width.
func TestEveryRoleWalksItsMenu(t *testing.T) {
	db, _ := openDemo(t, demo.Options{Dossiers: 40}) // with dossiers received for other communes: their pages are walked too
	srv := serve(t, db)
	for _, who := range []string{"motcua.thuanan", "chuyenvien.thuanan", "lanhdao.thuanan", "motcua.cndakmil", "chuyenvien.snnmt", "quantri", "lanhdao.huyen"} {
		b := tab{t: t, ctx: newBrowser(t, 240*time.Second)}
		b.do("a laptop's window", chromedp.EmulateViewport(1366, 768))
		b.login(srv, who)
		menu, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("header nav.menu a")].map(a => new URL(a.href).pathname + new URL(a.href).search)`))
		if err != nil || len(menu) == 0 {
			t.Fatalf("%s's menu: %v %v", who, menu, err)
		}
		for _, width := range []int64{1366, 390} {
			b.do(fmt.Sprintf("%d px", width), chromedp.EmulateViewport(width, 844))
			for _, path := range menu {
				b.do(who+" opens "+path, chromedp.Navigate(srv.URL+path))
				bad, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](linksThatFail, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if bad != "" {
					t.Errorf("%s at %d px, links on %s that fail: %s", who, width, path, bad)
				}
				if width == 390 && !b.eval("no sideways scroll", `document.documentElement.scrollWidth <= innerWidth`) {
					wide, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !(e.parentElement.closest(".scroll, table.list, .cards"))).slice(0, 6).map(e => e.tagName + "." + (e.getAttribute("class") || "") + "#" + e.id + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`))
					t.Errorf("%s: %s overflows a 390 px phone: %s", who, path, wide)
				}
			}
		}
	}
}
