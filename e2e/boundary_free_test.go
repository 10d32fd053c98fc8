package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestReceivedAnywhereDecidedByTheResidentsCommune (issue 17 acceptance):
// in a province of two communes, each with its service centre, the counter
// officer of A's centre receives a procedure listed for intake regardless
// of boundary for a resident of B and prints the receipt, which names B as
// the deciding unit and A's centre as where the result is returned; A
// forwards it by courier and hands it on; B's specialist has it (A's
// worklist no longer does: A finds it among the dossiers received for
// others, on a phone too), confirms it arrived and records the result;
// the citizen follows it with the receipt's code and secret; B sends the
// result back; A's counter confirms it and returns it.
func TestReceivedAnywhereDecidedByTheResidentsCommune(t *testing.T) {
	ctx := newBrowser(t, 150*time.Second)
	db := openDB(t)
	w, err := sample.BuildBoundary(context.Background(), db, time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN), demoPassword)
	if err != nil {
		t.Fatal(err)
	}
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.do("a laptop's window", chromedp.EmulateViewport(1366, 768))

	b.login(srv, w.CounterA.Username)
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, w.Listed.ID)))
	b.do("fill the intake for a resident of B",
		chromedp.WaitVisible(chromedp.ID("intake-form")),
		chromedp.SendKeys(chromedp.ID("name"), "Y Bhin Niê"),
		chromedp.SendKeys(chromedp.ID("id_number"), "068190001234"),
		chromedp.SendKeys(chromedp.ID("address"), "Thôn 5, xã Đức Lập"),
		chromedp.SetValue(chromedp.ID("residence"), fmt.Sprint(w.CommuneB.ID)))
	u := b.navigate("accept the dossier", `/dossiers/\d+`, chromedp.Click(chromedp.ID("accept")))
	dossierPath := u.Path
	code, secret := b.text("#dossier-code"), b.text("#dossier-secret")
	if got := b.text("#dossier-deciding"); got != w.CommuneB.Name {
		t.Errorf("the dossier page names %q as deciding, want %q", got, w.CommuneB.Name)
	}
	if got := b.text("#dossier-return"); got != w.CentreA.Name {
		t.Errorf("the dossier page names %q as the place of return, want %q", got, w.CentreA.Name)
	}

	receipt := b.fetchPDF(dossierPath + "/forms/01")
	pdftest.InOrder(t, pdftest.Text(t, receipt), code, "Nơi tiếp nhận:", w.CentreA.Name, "Cơ quan giải quyết:", w.CommuneB.Name,
		"Quyết định 2463/QĐ-UBND", "Đăng ký nhận kết quả tại:", w.CentreA.Name)

	b.do("choose the courier", chromedp.Click(`form[data-action="part_sent"][data-kind="forward"] input[value="courier"]`))
	b.navigate("forward the dossier to B", dossierPath, chromedp.Click(`form[data-action="part_sent"][data-kind="forward"] button[type="submit"]`))
	b.navigate("hand the step on", dossierPath, chromedp.Click(`form[data-action="handed_over"] button[type="submit"]`))
	b.navigate("open A's worklist", "/worklist", chromedp.Navigate(srv.URL+"/worklist"))
	if strings.Contains(b.text("main"), code) {
		t.Errorf("A's worklist still lists %s once handed on to B", code)
	}
	b.navigate("open the menu's received for others", "/worklist/for-others", chromedp.Click(`header nav a[href="/worklist/for-others"]`))
	if row := b.text("#for-others"); !strings.Contains(row, code) || !strings.Contains(row, w.CommuneB.Name) ||
		!strings.Contains(row, motcua.MeansCourier.Label()) {
		t.Errorf("A's received for others reads %q, want %s with %s and the courier", row, code, w.CommuneB.Name)
	}
	b.do("a phone's screen", chromedp.EmulateViewport(390, 844))
	b.navigate("received for others on a phone", "/worklist/for-others", chromedp.Reload())
	b.noOverflow("received for others on a phone")
	b.do("a laptop's window again", chromedp.EmulateViewport(1366, 768))
	b.navigate("log out", "/login", chromedp.Click(`form[action="/logout"] button`))

	b.login(srv, w.SpecialistB.Username)
	if !strings.Contains(b.text("#worklist"), code) {
		t.Fatalf("B's worklist does not list %s", code)
	}
	b.navigate("open the dossier", dossierPath, chromedp.Click(`#worklist a[href="`+dossierPath+`"]`))
	b.navigate("confirm the dossier arrived", dossierPath, chromedp.Click(`form[data-action="part_returned"][data-kind="forward"] button[type="submit"]`))
	b.navigate("record the result", dossierPath, chromedp.Click(`form[data-action="result_ready"] button[type="submit"]`))

	b.navigate("the citizen tracks the dossier", "/tra-cuu", chromedp.Navigate(srv.URL+"/tra-cuu?ma="+code+"&khoa="+secret))
	if got := b.text("#track-state"); got != motcua.StateResultReady.Label() {
		t.Errorf("tracking shows %q, want %q", got, motcua.StateResultReady.Label())
	}
	if got := b.text("#track-return"); got != w.CentreA.Name {
		t.Errorf("tracking names %q as the place of return, want %q", got, w.CentreA.Name)
	}
	if got := b.text("#track-result"); !strings.Contains(got, w.CommuneB.Name) || !strings.Contains(got, "Đã chuyển lúc") {
		t.Errorf("tracking reads %q, want it sent to %s", got, w.CommuneB.Name)
	}

	b.navigate("back to the dossier", dossierPath, chromedp.Navigate(srv.URL+dossierPath))
	b.do("send the result electronically", chromedp.Click(`form[data-action="part_sent"][data-kind="result"] input[value="electronic"]`))
	b.navigate("send the result back to A", dossierPath, chromedp.Click(`form[data-action="part_sent"][data-kind="result"] button[type="submit"]`))
	b.navigate("log out", "/login", chromedp.Click(`form[action="/logout"] button`))

	b.login(srv, w.CounterA.Username)
	b.navigate("open A's worklist", "/worklist", chromedp.Navigate(srv.URL+"/worklist"))
	b.navigate("open the dossier to return", dossierPath, chromedp.Click(`#worklist a[href="`+dossierPath+`"]`))
	b.navigate("confirm the result arrived", dossierPath, chromedp.Click(`form[data-action="part_returned"][data-kind="result"] button[type="submit"]`))
	b.navigate("return the result", dossierPath, chromedp.Click(`form[data-action="result_returned"] button[type="submit"]`))
	if got := b.text("#dossier-state"); got != motcua.StateReturned.Label() {
		t.Errorf("state %q, want %q", got, motcua.StateReturned.Label())
	}
	got := strings.Join(storedLedger(t, db, code), "; ")
	a, s := w.CounterA.Username, w.SpecialistB.Username
	want := strings.Join([]string{"accepted by " + a, "part_sent by " + a, "handed_over by " + a, "part_returned by " + s,
		"result_ready by " + s, "part_sent by " + s, "part_returned by " + a, "result_returned by " + a}, "; ")
	if got != want {
		t.Errorf("ledger:\n%s\nwant:\n%s", got, want)
	}
}

// fetchPDF downloads a PDF with the tab's session, as its link would.
func (b tab) fetchPDF(path string) []byte {
	b.t.Helper()
	encoded, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(`+fmt.Sprintf("%q", path)+`).then(r => r.arrayBuffer()).then(buf => {
		let s = ""; for (const c of new Uint8Array(buf)) s += String.fromCharCode(c); return btoa(s); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fail("fetch "+path, err)
	}
	data, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		b.fail("fetch "+path, fmt.Errorf("not a PDF (%v): %.20q", err, data))
	}
	return data
}
