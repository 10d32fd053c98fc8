package e2e

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store/storetest"
)

// auditRows are the ids of the trail's rows the page shows.
const auditRows = `[...document.querySelectorAll("#audit-entries tbody tr td:first-child")].map(td => td.textContent.trim()).join(" ")`

// TestAuditTrailPagesInTheBrowser (issue 15): the administrator filters the
// trail by a date, clicks "Cũ hơn »" and sees older entries under the same
// filter, then "« Mới hơn" brings back the first page.
func TestAuditTrailPagesInTheBrowser(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	if entries, err := storetest.Count(context.Background(), db, "audit_log"); err != nil || entries <= 50 {
		t.Fatalf("the demo's trail holds %d entries (%v): too few for a second page", entries, err)
	}
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.login(srv, "quantri")

	b.navigate("open the audit trail", "/audit", chromedp.Navigate(srv.URL+"/audit"))
	b.do("filter from a date", chromedp.SendKeys(`#from`, "01/01/2020"))
	b.navigate("apply the filter", "/audit", chromedp.Click(`form.filters button[type="submit"]`))
	first := b.evalString("the first page's rows", auditRows)
	if n := len(strings.Fields(first)); n != 50 {
		t.Fatalf("the first page shows %d entries, want 50", n)
	}
	if b.count(`a[rel="prev"]`) != 0 {
		t.Error("the newest page offers « Mới hơn")
	}

	u := b.navigate("click Cũ hơn »", "/audit", chromedp.Click(`a[rel="next"]`))
	if u.Query().Get("from") != "01/01/2020" || u.Query().Get("before") == "" {
		t.Errorf("the second page's address %s drops the filter or the cursor", u)
	}
	second := b.evalString("the second page's rows", auditRows)
	firstIDs, secondIDs := strings.Fields(first), strings.Fields(second)
	if len(secondIDs) == 0 || atoi(t, secondIDs[0]) >= atoi(t, firstIDs[len(firstIDs)-1]) {
		t.Fatalf("the second page shows %q, not entries older than the first page's %q", second, first)
	}
	if got := b.eval("the filter field", `document.querySelector("#from").value === "01/01/2020"`); !got {
		t.Error("the second page's form forgot the date")
	}

	b.navigate("click « Mới hơn", "/audit", chromedp.Click(`a[rel="prev"]`))
	if back := b.evalString("the rows again", auditRows); back != first {
		t.Errorf("« Mới hơn shows %q, want the first page %q", back, first)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(fmt.Errorf("row id %q: %w", s, err))
	}
	return n
}
