package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/motcua/motcua/demo"
)

// menuOnOneLine: every link of the officers' menu sits on the same line,
// within the window.
const menuOnOneLine = `(() => {
	const links = [...document.querySelectorAll("header nav.menu a")];
	const tops = new Set(links.map(a => Math.round(a.getBoundingClientRect().top)));
	return links.length > 0 && tops.size === 1 && links.every(a => a.getBoundingClientRect().right <= innerWidth);
})()`

// menuUsable: on a phone every link is on screen, none overflows the
// page sideways, and each is big enough to tap (24 px, WCAG 2.5.8).
const menuUsable = `(() => {
	const links = [...document.querySelectorAll("header nav.menu a")];
	return links.length > 0 && document.documentElement.scrollWidth <= innerWidth &&
		links.every(a => { const r = a.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.height >= 24 && r.width >= 24; });
})()`

// TestOfficerMenuFitsAndSkipLinkWorks: for a leader (the demo role with
// the most links) the menu is one line at 1366 px and usable at 390 px;
// the first Tab reaches "Bỏ qua điều hướng", which moves the focus to the
// page's content; the footer names the agency.
func TestOfficerMenuFitsAndSkipLinkWorks(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	db, _ := openDemo(t, demo.Options{})
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.do("a laptop's window", chromedp.EmulateViewport(1366, 768))
	b.login(srv, "lanhdao.thuanan")
	if n := b.count(`header nav.menu a`); n < 10 {
		t.Fatalf("the leader's menu has %d links, want the 10 a leader may open", n)
	}
	if !b.eval("the menu's lines at 1366 px", menuOnOneLine) {
		t.Error("the menu wraps (or overflows) at 1366 px")
	}
	if !b.eval("the footer", `(document.querySelector("footer.site") || {}).innerText?.includes("Ủy ban nhân dân") || false`) {
		t.Error("no footer naming the agency")
	}

	b.do("press Tab", chromedp.KeyEvent(kb.Tab))
	if got := b.evalString("the focused element", `document.activeElement.textContent.trim() + " → " + document.activeElement.getAttribute("href")`); got != "Bỏ qua điều hướng → #main" {
		t.Fatalf("the first Tab reaches %q, want the skip link", got)
	}
	if !b.eval("the skip link shows when focused", `document.activeElement.getBoundingClientRect().top >= 0`) {
		t.Error("the focused skip link stays off screen")
	}
	b.do("follow the skip link", chromedp.KeyEvent(kb.Enter))
	if !b.eval("the focus after skipping", `document.activeElement === document.querySelector("main#main")`) {
		t.Errorf("after the skip link the focus is on %s", b.evalString("focus", `document.activeElement.outerHTML.slice(0, 80)`))
	}

	b.do("a phone's window", chromedp.EmulateViewport(390, 844))
	b.navigate("reload on the phone", "/worklist", chromedp.Reload())
	if !b.eval("the menu at 390 px", menuUsable) {
		t.Error("the menu is not usable at 390 px (off screen, overflowing or too small to tap)")
	}
}

func (b tab) count(sel string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+"`"+sel+"`"+`).length`))
	if err != nil {
		b.fail("counting "+sel, err)
	}
	return n
}

func (b tab) evalString(what, js string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.fail(what, err)
	}
	return s
}
