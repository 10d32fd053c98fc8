package e2e

import (
	"bytes"
	"image/png"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// The acceptance test of the public catalogue: a citizen, not logged in,
// searches without diacritics, opens the procedure page, and the QR code
// shown there — read from the rendered page, as a phone reads it — opens
// that very page.
func TestPublicCatalogSearchAndQR(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	db, _ := openDemo(t, demo.Options{})
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}

	b.navigate("open the catalogue", "/thu-tuc", chromedp.Navigate(srv.URL+"/thu-tuc"))
	b.navigate("search without diacritics", "/thu-tuc",
		chromedp.SendKeys(chromedp.ID("q"), "dang ky khai sinh"+kb.Enter))
	if !b.eval("read the results", `[...document.querySelectorAll("#catalog tbody a")].some(a => a.textContent.toLowerCase().includes("đăng ký khai sinh"))`) {
		b.fail("search results", nil)
	}
	if b.eval("results only match", `[...document.querySelectorAll("#catalog tbody a")].some(a => !a.textContent.toLowerCase().includes("khai sinh"))`) {
		b.fail("search results hold a procedure without “khai sinh”", nil)
	}
	u := b.navigate("open the procedure", "/thu-tuc/xa/1.001193",
		chromedp.Click(chromedp.CSS(`#catalog tbody a[href="/thu-tuc/xa/1.001193"]`)))
	if got := b.text("#procedure-code"); got != "1.001193" {
		t.Errorf("procedure page shows code %q", got)
	}
	if !b.eval("documents listed", `document.querySelectorAll("#documents tbody tr").length > 0`) {
		t.Error("the procedure page lists no documents")
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("#procedure-qr").complete && document.querySelector("#procedure-qr").naturalWidth > 0`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		b.fail("wait for the QR image", err)
	}
	shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("procedure-qr")))
	if err != nil {
		b.fail("screenshot of the QR code", err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pdftest.DecodeQR(t, img), srv.URL+u.Path; got != want {
		t.Errorf("the QR code opens %q, want the page %q", got, want)
	}
}
