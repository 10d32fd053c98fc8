package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// writePhoto writes a JPEG as a phone's camera would send it.
func writePhoto(t *testing.T, name string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{R: uint8(x), G: uint8(y), B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCounterScansComponentsWithTheCameraAtIntake: the counter officer
// photographs the declaration's two pages through the camera input and
// attaches the birth certificate's PDF at intake; the dossier page shows
// each component with its scan previewed in a frame (the two photographs
// as one PDF of two pages), who digitised it, and what is still missing
// for the dossier to count as digitised.
func TestCounterScansComponentsWithTheCameraAtIntake(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	const counter = "motcua.thuanan"
	birth := demoProcedure(t, db, "1.001193")
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.login(srv, counter)

	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))
	camera := `input[name="scan_0"][capture="environment"][multiple][accept="image/*,application/pdf"]`
	b.do("fill the intake form and scan",
		chromedp.WaitVisible(chromedp.ID("intake-form")),
		chromedp.SendKeys(chromedp.ID("name"), "Nguyễn Thị Số"),
		chromedp.SendKeys(chromedp.ID("id_number"), "066123456780"),
		chromedp.SetUploadFiles(camera, []string{writePhoto(t, "trang-1.jpg", 120, 170), writePhoto(t, "trang-2.jpg", 170, 120)}),
		chromedp.SetUploadFiles(`input[name="scan_1"]`, []string{writePDF(t, "giay-chung-sinh.pdf")}))
	u := b.navigate("accept the dossier", `/dossiers/\d+`, chromedp.Click(chromedp.ID("accept")))
	if u.RawQuery != "accepted=1" {
		t.Fatalf("after intake the browser is at %s", u)
	}

	rows := b.text("#components tbody")
	for _, want := range []string{"2 trang ghép từ ảnh", "giay-chung-sinh.pdf", "Số hóa bởi"} {
		if !strings.Contains(rows, want) {
			t.Errorf("the components read %q, without %q", rows, want)
		}
	}
	if !strings.Contains(b.text("#not-digitised"), "Giấy tờ tùy thân") {
		t.Errorf("the page does not say which component is still missing: %q", b.text("#not-digitised"))
	}
	// A frame the server refused would hold Chromium's error page, from
	// another origin (contentDocument null); a PDF shown holds its viewer.
	if !b.evalSoon("the previews are shown", `(() => { const f = [...document.querySelectorAll("#components iframe.scan")];
		return f.length === 2 && f.every(x => /^\/dossiers\/\d+\/scans\/\d+$/.test(x.getAttribute("src")) && x.offsetHeight > 100 &&
			x.contentDocument !== null && x.contentDocument.contentType === "application/pdf"); })()`) { // framed, not refused

		t.Fatal("the dossier page does not preview the two scans")
	}
	srcs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#components iframe.scan")].map(x => x.getAttribute("src"))`))
	if err != nil || len(srcs) != 2 {
		t.Fatalf("the previews' addresses %q: %v", srcs, err)
	}
	if n := pdftest.Open(t, b.fetchPDF(srcs[0])).NumPage(); n != 2 {
		t.Errorf("the photographs' scan has %d pages, want 2", n)
	}
	if got := string(b.fetchPDF(srcs[1])); !strings.Contains(got, "giay-chung-sinh.pdf") {
		t.Errorf("the second scan is not the PDF attached: %.60q", got)
	}
}
