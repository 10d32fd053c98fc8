package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
)

// TestCounterBillOnAPhone: on a phone (390 px) the intake form of a
// procedure charged per copy (a copy of the marriage extract) shows the
// fee fieldset and its bill without scrolling sideways, and the bill
// follows the copies typed (htmx), before anything is accepted.
func TestCounterBillOnAPhone(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.do("a phone's screen", chromedp.EmulateViewport(390, 844))
	b.login(srv, "motcua.thuanan")
	marriage := demoProcedure(t, db, "1.000894")
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, marriage.ID)))
	if got := b.text("#fee-total"); got != "Tổng số tiền phải nộp: 0 đồng" {
		t.Fatalf("bill before any copy: %q", got)
	}
	b.do("ask for three copies", chromedp.SendKeys(chromedp.ID("copies"), "3"))
	if !b.evalSoon("the bill follows the copies", `document.querySelector('#fee-total').innerText.includes('24.000 đồng')`) {
		b.fail("the bill after typing 3 copies", fmt.Errorf("it says %q", b.text("#fee-total")))
	}
	b.noOverflow("the intake form with its bill on a phone")
}
