package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// TestCitizenFollowsOnlineDossierToTheEnd: on a phone (390 px), a citizen
// files a birth registration online; the commune accepts it, the
// specialist asks for a supplement during processing, the citizen sends it
// from /ho-so-cua-toi/{id} (where the officer finds it), the officer
// records it and the dossier goes on to its result, whose electronic copy
// the counter attaches on the dossier page; the citizen finds each step on
// the same page and downloads the result from it.
func TestCitizenFollowsOnlineDossierToTheEnd(t *testing.T) {
	ctx := newBrowser(t, 120*time.Second)
	db, _ := openDemo(t, demo.Options{})
	p := servePortal(t, db)
	birth := demoProcedure(t, db, "1.001193")
	b := tab{t: t, ctx: ctx}
	b.do("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))

	citizenLogin(b, p, "tran.binh@example.vn", fmt.Sprintf("/nop-truc-tuyen/%d", birth.ID))
	pdf := writePDF(t, "to-khai.pdf")
	centre := unitNamed(t, db, "Trung tâm Phục vụ hành chính công xã Thuận An")
	if !b.eval("no place preselected", `document.querySelector('select[name="unit"]').value === ""`) {
		t.Fatal("the form preselects a place of filing")
	}
	b.do("fill the form",
		chromedp.SetValue(`select[name="unit"]`, fmt.Sprint(centre.ID)),
		chromedp.SetValue(`select[name="locality"]`, fmt.Sprint(centre.ParentID)), // birth registration is decided where the applicant lives
		chromedp.SendKeys(`input[name="name"]`, "Trần Thị Bình"),
		chromedp.SetUploadFiles(`input[name="file_0"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_1"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_2"]`, []string{pdf}))
	mine := b.navigate("submit", `/ho-so-cua-toi/\d+`, chromedp.Click("#submit-online")).Path
	var subID int64
	fmt.Sscanf(strings.TrimPrefix(mine, "/ho-so-cua-toi/"), "%d", &subID)

	// The counter accepts; the dossier runs.
	d, err := db.AcceptSubmission(context.Background(), actor(t, db, "motcua.thuanan"), subID)
	if err != nil {
		t.Fatal(err)
	}
	open := func(what string) {
		t.Helper()
		b.navigate(what, mine, chromedp.Navigate(p.srv.URL+mine))
		b.noOverflow(what)
	}
	open("after acceptance")
	if got := b.text("#submission-state"); got != "Đang xử lý" {
		t.Fatalf("accepted and processing, the page reads %q", got)
	}
	if got := b.text("#follow-state"); !strings.Contains(got, d.Code) || !strings.Contains(got, motcua.FormatDateTime(d.Due())) {
		t.Fatalf("after acceptance the page says %q; want the code %s and the promised date", got, d.Code)
	}

	// The specialist asks for a supplement during processing.
	d = act(t, db, "motcua.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})
	d = act(t, db, "chuyenvien.thuanan", d, motcua.Action{Type: motcua.EventSupplementRequested,
		Missing: []string{"Bản sao giấy chứng sinh có xác nhận của cơ sở y tế"}})
	open("during the supplement request")
	if got := b.text("#submission-state"); got != "Chờ bổ sung" {
		t.Fatalf("waiting for a supplement, the page reads %q", got)
	}
	if got := b.text("#supplement"); !strings.Contains(got, "giấy chứng sinh") || !strings.Contains(got, "tạm dừng") {
		t.Fatalf("the supplement request reads %q", got)
	}
	scan := writePDF(t, "giay-chung-sinh.pdf")
	b.do("choose the supplement", chromedp.SetUploadFiles(`#supplement-form input[name="files"]`, []string{scan}))
	b.navigate("send the supplement", mine, chromedp.Click("#send-supplement"))
	if got := b.text("#supplement-sent"); !strings.Contains(got, "giay-chung-sinh.pdf") || !strings.Contains(got, "chờ cán bộ") {
		t.Fatalf("after sending, the page says %q", got)
	}
	if got := b.text("#submission-state"); got != "Chờ bổ sung" {
		t.Fatalf("before the officer confirms, the page reads %q", got)
	}
	// The officer finds it with the submission's files.
	sub, err := db.Submission(context.Background(), actor(t, db, "chuyenvien.thuanan"), subID)
	if err != nil {
		t.Fatal(err)
	}
	if last := sub.Files[len(sub.Files)-1]; last.FileName != "giay-chung-sinh.pdf" || last.Document != store.SupplementDocument {
		t.Fatalf("the officer sees the files %+v", sub.Files)
	}

	// The officer records it; the clock resumes with a new date.
	d = act(t, db, "chuyenvien.thuanan", d, motcua.Action{Type: motcua.EventSupplementReceived})
	open("after the supplement is received")
	if got := b.text("#follow-state"); b.text("#submission-state") != "Đang xử lý" || !strings.Contains(got, motcua.FormatDateTime(d.Due())) {
		t.Fatalf("resumed, the page says %q", got)
	}

	// The result.
	d = act(t, db, "chuyenvien.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})
	d = act(t, db, "lanhdao.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})
	// The counter records it on the dossier page with its electronic copy.
	b.login(p.srv, "motcua.thuanan")
	dossierPath := fmt.Sprintf("/dossiers/%d", d.ID)
	b.navigate("the dossier page", dossierPath, chromedp.Navigate(p.srv.URL+dossierPath))
	resultPDF := writePDF(t, "giay-khai-sinh.pdf")
	b.do("attach the result", chromedp.SetUploadFiles(`form[data-action="result_ready"] input[name="result_file"]`, []string{resultPDF}))
	b.navigate("record the result", dossierPath, chromedp.Click(`form[data-action="result_ready"] button[type="submit"]`))
	if got := b.text("#dossier-result"); !strings.Contains(got, "giay-khai-sinh.pdf") {
		t.Fatalf("the dossier page lists the result as %q", got)
	}
	if mail := p.mail("đã có kết quả"); !strings.Contains(mail.Text, "Hồ sơ của tôi") || !strings.Contains(mail.Text, p.srv.URL+mine) {
		t.Fatalf("the result-ready mail reads %q", mail.Text)
	}
	if d, err = db.Dossier(context.Background(), actor(t, db, "motcua.thuanan"), d.ID); err != nil {
		t.Fatal(err)
	}
	open("with the result ready")
	if got := b.text("#result-where"); b.text("#submission-state") != "Có kết quả" || !strings.Contains(got, "bản điện tử") {
		t.Fatalf("result ready, the page says %q", got)
	}
	// The citizen's link answers the PDF itself, shown by the browser.
	want, err := os.ReadFile(resultPDF)
	if err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(document.querySelector("#result-download").href).then(async r =>
		[r.status, r.headers.get("Content-Type"), r.headers.get("X-Content-Type-Options"), r.headers.get("Content-Disposition").split(";")[0], await r.text()].join("|"))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if wantGot := "200|application/pdf|nosniff|inline|" + string(want); got != wantGot {
		t.Fatalf("the result link answers %q, want %q", got, wantGot)
	}
	act(t, db, "motcua.thuanan", d, motcua.Action{Type: motcua.EventResultReturned})
	open("with the result returned")
	if got := b.text("#follow-state"); b.text("#submission-state") != "Đã trả kết quả" || !strings.Contains(got, "Đã trả") && !strings.Contains(got, "đã được trả") {
		t.Fatalf("returned, the page says %q", got)
	}
	b.navigate("rate from the page", motcua.RatePath, chromedp.Click("#rate-link"))
	b.navigate("the list", "/ho-so-cua-toi", chromedp.Navigate(p.srv.URL+"/ho-so-cua-toi"))
	if got := b.text("#my-submissions tbody"); !strings.Contains(got, "Đã trả kết quả") {
		t.Fatalf("the list reads %q", got)
	}
}

// citizenLogin proves the e-mail address with the code the portal mails,
// starting from page (which asks for it), and lands there.
func citizenLogin(b tab, p *portal, email, page string) {
	b.t.Helper()
	b.navigate("open "+page, "/xac-thuc", chromedp.Navigate(p.srv.URL+page))
	b.do("type the address", chromedp.SendKeys(`input[name="contact"]`, email))
	b.navigate("ask for a code", "/xac-thuc/gui-ma", chromedp.Click(`form[action="/xac-thuc/gui-ma"] button`))
	code := regexp.MustCompile(`\d{6}`).FindString(p.mail("Mã xác thực").Subject)
	b.do("type the code", chromedp.SendKeys(`#verify-code input[name="code"]`, code))
	b.navigate("verify", page, chromedp.Click(`#verify-code button`))
}

// noOverflow fails when the page is wider than the screen.
func (b tab) noOverflow(what string) {
	b.t.Helper()
	if !b.eval(what, `document.documentElement.scrollWidth <= window.innerWidth`) {
		b.fail(what, fmt.Errorf("the page scrolls sideways at %s", "390 px"))
	}
}

func writePDF(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	body := "%PDF-1.7\n% " + name + "\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// act records an action on the dossier as the demo user.
func act(t *testing.T, db *store.DB, who string, d *motcua.Dossier, a motcua.Action) *motcua.Dossier {
	t.Helper()
	a.DossierID, a.Version = d.ID, d.Version
	next, err := db.Act(context.Background(), actor(t, db, who), a)
	if err != nil {
		t.Fatalf("%s: %s: %v", who, a.Type.Label(), err)
	}
	return next
}
