package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const (
	testTmn    = "MOTCUAWEB"
	testSecret = "WEBTESTSECRETFORVNPAY0000000000"
)

// withVNPAY offers a simulated VNPAY on the site, its IPN registered at
// the site's notification address, as serve --vnpay-url does.
func withVNPAY(t *testing.T, e *env) *vnpaytest.Server {
	t.Helper()
	gw := vnpaytest.Start(t, testTmn, testSecret)
	gw.Now = func() time.Time { return sample.Now.Add(time.Minute) }
	gw.IPNURL = e.srv.URL + "/thanh-toan/vnpay/ipn"
	e.site.Gateways = map[string]payment.Gateway{"vnpay": &vnpay.Adapter{PayURLBase: gw.URL + vnpaytest.PayPath,
		APIURL: gw.URL + vnpaytest.APIPath, TmnCode: testTmn, HashSecret: testSecret, ServerIP: "127.0.0.1"}}
	return gw
}

// owingTracked accepts a dossier at commune A that owes intake fees.
func owingTracked(t *testing.T, e *env, intake int64) (id int64, code, secret string) {
	t.Helper()
	id, code, secret = e.acceptTracked(t, "Nguyễn Văn An")
	if err := storetest.SetFeeDuesForTest(t.Context(), e.db, id, intake, 0); err != nil {
		t.Fatal(err)
	}
	return id, code, secret
}

// payFromTracking posts the tracking page's payment form and returns the
// gateway's payment URL it redirects to and the order reference.
func payFromTracking(t *testing.T, b *browser, gw *vnpaytest.Server, code, secret string) (string, string) {
	t.Helper()
	p := b.post(t, "/thanh-toan", url.Values{"ma": {code}, "khoa": {secret}, "giai-doan": {"intake"}, "cong": {"vnpay"}})
	wantStatus(t, p, http.StatusSeeOther)
	loc := p.header.Get("Location")
	if !strings.HasPrefix(loc, gw.URL+vnpaytest.PayPath+"?") {
		t.Fatalf("redirected to %q, not the gateway", loc)
	}
	u, _ := url.Parse(loc)
	return loc, u.Query().Get("vnp_TxnRef")
}

func stagePayments(t *testing.T, e *env, id int64) *store.PaymentBook {
	t.Helper()
	b, err := e.db.DossierPayments(t.Context(), store.Requester{}, id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var receiptLink = regexp.MustCompile(`href="(/bien-lai/\d+)"`)

func TestTrackedCitizenPaysOnlineAndOpensTheReceipt(t *testing.T) {
	e := newEnv(t)
	gw := withVNPAY(t, e)
	id, code, secret := owingTracked(t, e, 50_000)
	anon := e.anonymous()
	p := anon.track(t, code, secret)
	wantStatus(t, p, http.StatusOK)
	if !strings.Contains(p.body, "Thanh toán trực tuyến") || !strings.Contains(p.body, "Chưa thanh toán") {
		t.Fatalf("the tracking page offers no payment:\n%s", excerpt(p.body))
	}
	if weak := anon.track(t, code, "5678"); !strings.Contains(weak.body, `id="track-result"`) || strings.Contains(weak.body, `action="/thanh-toan"`) {
		t.Error("the phone's last digits (intakeForm's phone) track the dossier but must not open the payment form")
	}
	payURL, order := payFromTracking(t, anon, gw, code, secret)
	if q, _ := url.Parse(payURL); q.Query().Get("vnp_Amount") != "5000000" {
		t.Errorf("vnp_Amount = %q, want the dossier's 50.000 đồng × 100", q.Query().Get("vnp_Amount"))
	}
	back, err := gw.Pay(payURL, vnpaytest.Paid)
	if err != nil {
		t.Fatal(err)
	}
	if d := gw.Deliveries(); len(d) != 1 || d[0].RspCode != "00" {
		t.Fatalf("the IPN was answered %+v, want 00", d)
	}
	if !strings.HasPrefix(back, e.srv.URL+"/thanh-toan/vnpay/ve?") {
		t.Fatalf("the gateway sent the browser to %q", back)
	}
	p = anon.get(t, strings.TrimPrefix(back, e.srv.URL))
	wantStatus(t, p, http.StatusOK)
	if !strings.Contains(p.body, "Đã thanh toán") || !strings.Contains(p.body, order) || strings.Contains(p.body, "Nguyễn Văn An") ||
		strings.Contains(p.body, code) {
		t.Fatalf("the return page:\n%s", excerpt(p.body))
	}
	m := receiptLink.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no receipt link on the return page:\n%s", excerpt(p.body))
	}
	if p = anon.get(t, m[1]); p.status != http.StatusOK || !strings.Contains(p.body, `id="receipt-proof"`) {
		t.Fatalf("the receipt opened without proof: %d", p.status)
	}
	if p = anon.get(t, m[1]+"?"+url.Values{"ma": {code}, "khoa": {"ZZZZ9999"}}.Encode()); p.status != http.StatusNotFound {
		t.Errorf("a wrong secret: status %d, want 404", p.status)
	}
	p = anon.get(t, m[1]+"?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
	wantStatus(t, p, http.StatusOK)
	if p.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("receipt Content-Type %q", p.header.Get("Content-Type"))
	}
	text := pdftest.Text(t, []byte(p.body))
	pdftest.InOrder(t, text, "BIÊN LAI THU PHÍ, LỆ PHÍ", "0000001", "Nguyễn Văn An", code, "Năm mươi nghìn đồng")
	b := stagePayments(t, e, id)
	if b.PaidIntake != 50_000 || len(b.Receipts) != 1 || b.Receipts[0].SHA256 == "" {
		t.Errorf("after paying: paid %d, receipts %+v (the first rendering's hash recorded)", b.PaidIntake, b.Receipts)
	}
	if p = anon.track(t, code, secret); !strings.Contains(p.body, "Đã thanh toán") || strings.Contains(p.body, `action="/thanh-toan"`) {
		t.Errorf("the tracking page after paying:\n%s", excerpt(p.body))
	}
}

func TestNotificationsForgedOrRepeatedPayNothingMore(t *testing.T) {
	e := newEnv(t)
	gw := withVNPAY(t, e)
	gw.Hold = true // the test delivers each notification itself
	id, code, secret := owingTracked(t, e, 30_000)
	payURL, order := payFromTracking(t, e.anonymous(), gw, code, secret)
	if _, err := gw.Pay(payURL, vnpaytest.Paid); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		tamper vnpaytest.Tamper
		want   string
	}{
		{"signed with another key", vnpaytest.Tamper{Secret: "ANOTHERKEYANOTHERKEYANOTHERKEY00"}, "97"},
		{"one đồng more", vnpaytest.Tamper{AmountDelta: 1}, "04"},
	} {
		d, err := gw.Notify(order, c.tamper)
		if err != nil || d.RspCode != c.want {
			t.Errorf("%s: answered %+v, %v; want %s", c.name, d, err, c.want)
		}
		if b := stagePayments(t, e, id); b.PaidIntake != 0 || len(b.Receipts) != 0 {
			t.Fatalf("%s: paid %d with %d receipts", c.name, b.PaidIntake, len(b.Receipts))
		}
	}
	for i, want := range []string{"00", "02"} { // the notification, then its duplicate
		if d, err := gw.Notify(order, vnpaytest.Tamper{}); err != nil || d.RspCode != want {
			t.Errorf("notification %d: answered %+v, %v; want %s", i+1, d, err, want)
		}
	}
	if b := stagePayments(t, e, id); b.PaidIntake != 30_000 || len(b.Receipts) != 1 {
		t.Errorf("after a duplicate: paid %d with %d receipts, want 30.000 and one", b.PaidIntake, len(b.Receipts))
	}
	// A return whose parameters were altered after signing is refused.
	if p := e.anonymous().get(t, "/thanh-toan/vnpay/ve?vnp_TxnRef="+order+"&vnp_Amount=100&vnp_SecureHash=00"); p.status != http.StatusUnprocessableEntity {
		t.Errorf("a forged return: status %d, want 422", p.status)
	}
}

func TestCounterTakesCashAndPrintsTheReceipt(t *testing.T) {
	e := newEnv(t)
	id, _, _ := owingTracked(t, e, 25_000)
	path := "/dossiers/" + strconv.FormatInt(id, 10)
	if p := e.login(t, fx.SpecialistA).post(t, path+"/payments/cash", url.Values{"giai-doan": {"intake"}}); p.status != http.StatusForbidden {
		t.Errorf("a specialist took cash: status %d", p.status)
	}
	counter := e.login(t, fx.CounterA)
	p := counter.get(t, path)
	if !strings.Contains(p.body, "Phí, lệ phí và thanh toán") || !strings.Contains(p.body, "Thu tiền mặt") {
		t.Fatalf("the dossier page has no payment section:\n%s", excerpt(p.body))
	}
	p = counter.post(t, path+"/payments/cash", url.Values{"giai-doan": {"intake"}})
	wantRedirect(t, p, path)
	p = counter.get(t, path)
	if !strings.Contains(p.body, "Đã thanh toán") || !strings.Contains(p.body, "Tiền mặt tại bộ phận một cửa") {
		t.Fatalf("after cash:\n%s", excerpt(p.body))
	}
	m := regexp.MustCompile(`href="(` + path + `/receipts/\d+)"`).FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no receipt link:\n%s", excerpt(p.body))
	}
	pdf := counter.get(t, m[1])
	wantStatus(t, pdf, http.StatusOK)
	pdftest.InOrder(t, pdftest.Text(t, []byte(pdf.body)), "BIÊN LAI THU PHÍ, LỆ PHÍ", "Hai mươi lăm nghìn đồng")
	if p := counter.post(t, path+"/payments/cash", url.Values{"giai-doan": {"intake"}}); p.status == http.StatusSeeOther {
		t.Error("cash taken twice for one stage")
	}
	if p := e.login(t, fx.CounterB).get(t, m[1]); p.status != http.StatusNotFound {
		t.Errorf("another commune's counter read the receipt: %d", p.status)
	}
}
