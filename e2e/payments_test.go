package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/mail/mailtest"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const (
	e2eTmn    = "MOTCUAE2E"
	e2eSecret = "E2ESECRETFORTHESIMULATEDVNPAY000"
)

// servePaying is servePortal with a simulated VNPAY as the gateway, set
// as serve --vnpay-url and the MOTCUA_VNPAY_* settings would, its IPN
// registered at the server's notification address.
func servePaying(t *testing.T) (*portal, *vnpaytest.Server) {
	t.Helper()
	db, _ := openDemo(t, demo.Options{})
	gw := vnpaytest.Start(t, e2eTmn, e2eSecret)
	smtp := mailtest.Start(t)
	sender, err := mail.NewSender(smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, &server.Main{DB: db, Mailer: sender}, func(c *server.Config) {
		c.VNPAY = server.VNPAY{PayURL: gw.URL + vnpaytest.PayPath, APIURL: gw.URL + vnpaytest.APIPath, TmnCode: e2eTmn,
			HashSecret: e2eSecret, ServerIP: "127.0.0.1"}
	})
	gw.IPNURL = srv.URL + "/thanh-toan/vnpay/ipn"
	return &portal{t: t, db: db, srv: srv, smtp: smtp, notifier: &notify.Sender{DB: db, Mail: sender}}, gw
}

// TestCitizenPaysOnlineAndOfficerSeesItPaid: on a phone, a citizen files a
// marriage registration online asking for two copies of the extract
// (8.000 đồng each, paid at intake), the commune's counter accepts it, the
// acceptance e-mail says what is owed; the citizen opens its tracking link,
// pays on the simulated VNPAY page, comes back to "Đã thanh toán" and the
// receipt (PDF: number, amount in words); the officer sees the dossier paid;
// the leader reads it in indicator 3.6 on the report page and its list.
func TestCitizenPaysOnlineAndOfficerSeesItPaid(t *testing.T) {
	ctx := newBrowser(t, 120*time.Second)
	p, gw := servePaying(t)
	marriage := demoProcedure(t, p.db, "1.000894")
	const email = "tran.binh@example.vn"
	b := tab{t: t, ctx: ctx}
	b.do("a phone's screen", chromedp.EmulateViewport(390, 844))

	b.navigate("open online filing", "/xac-thuc", chromedp.Navigate(p.srv.URL+"/nop-truc-tuyen"))
	b.do("type the address", chromedp.SendKeys(`input[name="contact"]`, email))
	b.navigate("ask for a code", "/xac-thuc/gui-ma", chromedp.Click(`form[action="/xac-thuc/gui-ma"] button`))
	code := regexp.MustCompile(`\d{6}`).FindString(p.mail("Mã xác thực").Subject)
	b.do("type the code", chromedp.SendKeys(`#verify-code input[name="code"]`, code))
	b.navigate("verify", "/nop-truc-tuyen", chromedp.Click(`#verify-code button`))

	pdf := writePDF(t, "to-khai.pdf")
	b.navigate("choose the procedure", fmt.Sprintf("/nop-truc-tuyen/%d", marriage.ID), chromedp.Navigate(fmt.Sprintf("%s/nop-truc-tuyen/%d", p.srv.URL, marriage.ID)))
	centre := unitNamed(t, p.db, "Trung tâm Phục vụ hành chính công xã Thuận An")
	b.do("fill the form",
		chromedp.SetValue(`select[name="unit"]`, fmt.Sprint(centre.ID)),
		chromedp.SendKeys(`input[name="name"]`, "Trần Văn Bình"),
		chromedp.SendKeys(`input[name="phone"]`, "0912345679"),
		chromedp.SendKeys(`#copies`, "2"),
		chromedp.SetUploadFiles(`input[name="file_0"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_1"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_2"]`, []string{pdf}))
	b.do("choose the locality when the form asks", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`(s => { if (s) s.value = %q })(document.querySelector('select[name="locality"]'))`, fmt.Sprint(centre.ParentID))))
	b.navigate("submit", `/ho-so-cua-toi/\d+`, chromedp.Click("#submit-online"))
	if state := b.text("#submission-state"); state != "Chờ tiếp nhận" {
		t.Fatalf("after filing the submission reads %q", state)
	}
	p.mail("Đã nhận hồ sơ nộp trực tuyến")

	b.login(p.srv, "motcua.thuanan")
	b.navigate("open the queue", "/submissions", chromedp.Navigate(p.srv.URL+"/submissions"))
	b.navigate("open the submission", `/submissions/\d+`, chromedp.Click(`#submission-queue a`))
	dossierPage := b.navigate("accept", `/dossiers/\d+`, chromedp.Click("#accept-submission"))
	if got := b.text("#dossier-state"); got != "Chờ nộp phí, lệ phí" {
		t.Fatalf("accepted with fees due at intake, the dossier reads %q", got)
	}
	accepted := p.mail("đã được tiếp nhận")
	if !strings.Contains(accepted.Text, "16.000 đồng") || !strings.Contains(accepted.Text, "chờ nộp phí, lệ phí") {
		t.Fatalf("the acceptance e-mail does not say what is owed and that processing waits for it:\n%s", accepted.Text)
	}
	track := linkIn.FindString(accepted.Text)

	b.navigate("follow the e-mail's link", motcua.TrackPath, chromedp.Navigate(track))
	if got := b.text("#stage-intake .payment-state"); got != "Chưa thanh toán" {
		t.Fatalf("before paying the tracking page says %q", got)
	}
	if got := b.text("#track-state"); got != "Chờ nộp phí, lệ phí" {
		t.Fatalf("before paying the tracking page's state is %q", got)
	}
	b.noOverflow("the tracking page with its payment section on a phone")
	b.navigate("pay online", vnpaytest.PayPath, chromedp.Click(`#stage-intake button.pay-online`))
	if got := b.text("#amount"); got != "16000" {
		t.Fatalf("the gateway asks for %q đồng", got)
	}
	b.navigate("pay on the gateway", "/thanh-toan/vnpay/ve", chromedp.Click("#pay"))
	if got := b.text("#payment-outcome"); got != "Đã thanh toán" {
		t.Fatalf("back from the gateway: %q", got)
	}
	href, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('#payment-receipt').getAttribute('href')`))
	if err != nil {
		b.fail("the receipt's link", err)
	}
	trackURL, _ := url.Parse(track)
	receipt := fetchPDF(t, p.srv.URL+href+"?"+trackURL.RawQuery)
	text := pdftest.Text(t, receipt)
	pdftest.InOrder(t, text, "BIÊN LAI THU PHÍ, LỆ PHÍ", "Trần Văn Bình", "Mười sáu nghìn đồng")
	if !regexp.MustCompile(`\d{7}`).MatchString(text) {
		t.Errorf("the receipt prints no number:\n%s", text)
	}
	if d := gw.Deliveries(); len(d) != 1 || d[0].RspCode != "00" {
		t.Errorf("the gateway's notification was answered %+v", d)
	}

	b.navigate("the officer opens the dossier", dossierPage.Path, chromedp.Navigate(p.srv.URL+dossierPage.Path))
	if got := b.text("#stage-intake .payment-state"); got != "Đã thanh toán" {
		t.Fatalf("the officer's dossier page says %q", got)
	}
	if got := b.text("#dossier-state"); got != "Đang xử lý" {
		t.Fatalf("paid online, the dossier reads %q, want it processing again", got)
	}
	if list := b.text("#payment-list"); !strings.Contains(list, "Trực tuyến qua VNPAY") {
		t.Errorf("the officer's payment list: %q", list)
	}

	// The commune's leader reads the online payment share (indicator 3.6)
	// on the report page, and the dossier behind its numerator.
	leader := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	leader.login(p.srv, "lanhdao.thuanan")
	today := time.Now().In(motcua.VN)
	report := "/reports/ii06a?" + url.Values{"from": {today.AddDate(0, 0, -1).Format("2006-01-02")}, "to": {today.Format("2006-01-02")}}.Encode()
	leader.navigate("the report page", "/reports/ii06a", chromedp.Navigate(p.srv.URL+report))
	share := leader.text(`#payment li[data-code="3.6"]`)
	if !regexp.MustCompile(`: 1 / \d+ hồ sơ = `).MatchString(share) {
		t.Fatalf("indicator 3.6 reads %q, want one dossier paid online", share)
	}
	leader.navigate("the dossiers paid online", "/reports/payment/dossiers", chromedp.Click(`#payment li[data-code="3.6"] a.met`))
	dossierCode := dossierCodeOf(t, p.db, dossierPage.Path)
	if listed := leader.text("main"); !strings.Contains(listed, dossierCode) {
		t.Errorf("the dossiers paid online do not list %s:\n%s", dossierCode, listed)
	}
}

// dossierCodeOf is the code of the dossier whose page is at path.
func dossierCodeOf(t *testing.T, db *store.DB, path string) string {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/dossiers/"), 10, 64)
	if err != nil {
		t.Fatalf("dossier page %s: %v", path, err)
	}
	d, err := storetest.Dossier(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Code
}

// fetchPDF downloads a PDF the way the citizen's browser would open it.
func fetchPDF(t *testing.T, link string) []byte {
	t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), "GET", link, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("%s: %d %s", link, res.StatusCode, res.Header.Get("Content-Type"))
	}
	return body
}
