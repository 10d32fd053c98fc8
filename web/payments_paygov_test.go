package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/paygov"
	"github.com/motcua/motcua/adapter/payment/paygov/paygovtest"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

const (
	testPartner = "MOTCUAWEBPG"
	testHashKey = "WEBTESTHASHKEYFORPAYGOV000000000"
)

// withPayGov offers the simulated national payment platform on the site,
// its confirm messages registered at the site's notification address, as
// serve --paygov-url does.
func withPayGov(t *testing.T, e *env) *paygovtest.Server {
	t.Helper()
	gw := paygovtest.Start(t, testPartner, testHashKey)
	gw.Now = func() time.Time { return sample.Now.Add(time.Minute) }
	gw.CallbackURL = e.srv.URL + "/thanh-toan/paygov/ipn"
	e.site.Gateways = map[string]payment.Gateway{"paygov": &paygov.Adapter{InitURL: gw.URL + paygovtest.InitPath,
		QueryURL: gw.URL + paygovtest.QueryPath, PartnerCode: testPartner, HashKey: testHashKey}}
	return gw
}

// payGovFromTracking posts the tracking page's payment form for the
// platform and returns its payment page and the order reference the
// dossier's request holds.
func payGovFromTracking(t *testing.T, e *env, gw *paygovtest.Server, id int64, code, secret string) (string, string) {
	t.Helper()
	p := e.anonymous().post(t, "/thanh-toan", url.Values{"ma": {code}, "khoa": {secret}, "giai-doan": {"intake"}, "cong": {"paygov"}})
	wantStatus(t, p, http.StatusSeeOther)
	loc := p.header.Get("Location")
	if !strings.HasPrefix(loc, gw.URL+"/thanh-toan/") {
		t.Fatalf("redirected to %q, not the platform's payment page", loc)
	}
	b := stagePayments(t, e, id)
	if len(b.Payments) != 1 {
		t.Fatalf("payments %+v, want the one request", b.Payments)
	}
	return loc, b.Payments[0].OrderID
}

func TestTrackedCitizenPaysThroughPayGov(t *testing.T) {
	e := newEnv(t)
	gw := withPayGov(t, e)
	id, code, secret := owingTracked(t, e, 45_000)
	anon := e.anonymous()
	p := anon.track(t, code, secret)
	if !strings.Contains(p.body, `name="cong" value="paygov"`) {
		t.Fatalf("the tracking page offers no payment through the platform:\n%s", excerpt(p.body))
	}
	payURL, order := payGovFromTracking(t, e, gw, id, code, secret)
	back, err := gw.Pay(payURL, paygovtest.Paid)
	if err != nil {
		t.Fatal(err)
	}
	d := gw.Deliveries()
	if len(d) != 1 || d[0].Status != http.StatusOK || d[0].Answer["MaLoi"] != "00" {
		t.Fatalf("the confirm message was answered %+v, want 00", d)
	}
	if d[0].Ref != order {
		t.Fatalf("confirmed %q, want the request's %q", d[0].Ref, order)
	}
	if txn, ok := gw.Txn(order); !ok || txn.Amount != 45_000 {
		t.Fatalf("the platform was asked %+v, want the dossier's 45.000 đồng", txn)
	}
	if !strings.HasPrefix(back, e.srv.URL+"/thanh-toan/paygov/ve?") {
		t.Fatalf("the platform sent the browser to %q", back)
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
	p = anon.get(t, m[1]+"?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
	wantStatus(t, p, http.StatusOK)
	pdftest.InOrder(t, pdftest.Text(t, []byte(p.body)), "BIÊN LAI THU PHÍ, LỆ PHÍ", "Nguyễn Văn An", code, "Bốn mươi lăm nghìn đồng")
	b := stagePayments(t, e, id)
	if b.PaidIntake != 45_000 || len(b.Receipts) != 1 || len(b.Payments) != 1 || b.Payments[0].Method != "paygov" {
		t.Errorf("after paying: paid %d, payments %+v, receipts %d", b.PaidIntake, b.Payments, len(b.Receipts))
	}
	if v, _ := storetest.PaymentVerdicts(t.Context(), e.db, order); len(v) != 2 || v[0] != "accepted" || v[1] != "duplicate" {
		t.Errorf("verdicts %v: want the confirm message accepted, the browser's return a duplicate", v)
	}
}

func TestForgedPayGovConfirmationPaysNothing(t *testing.T) {
	e := newEnv(t)
	gw := withPayGov(t, e)
	gw.Hold = true // the test sends each confirm message itself
	id, code, secret := owingTracked(t, e, 30_000)
	payURL, order := payGovFromTracking(t, e, gw, id, code, secret)
	if _, err := gw.Pay(payURL, paygovtest.Paid); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		tamper paygovtest.Tamper
		want   string
	}{
		{"signed with another key", paygovtest.Tamper{Key: "ANOTHERKEYANOTHERKEYANOTHERKEY00"}, "97"},
		{"one đồng more", paygovtest.Tamper{AmountDelta: 1}, "04"},
	} {
		d, _ := gw.Notify(order, c.tamper)
		if d.Answer["MaLoi"] != c.want {
			t.Errorf("%s: answered %+v; want %s", c.name, d, c.want)
		}
		if b := stagePayments(t, e, id); b.PaidIntake != 0 || len(b.Receipts) != 0 {
			t.Fatalf("%s: paid %d with %d receipts", c.name, b.PaidIntake, len(b.Receipts))
		}
	}
	for i := range 2 { // the confirm message, then its duplicate: paid once
		if d, err := gw.Notify(order, paygovtest.Tamper{}); err != nil || d.Answer["MaLoi"] != "00" {
			t.Errorf("confirm message %d: answered %+v, %v; want 00", i+1, d, err)
		}
	}
	if b := stagePayments(t, e, id); b.PaidIntake != 30_000 || len(b.Receipts) != 1 {
		t.Errorf("after a duplicate: paid %d with %d receipts, want 30.000 and one", b.PaidIntake, len(b.Receipts))
	}
	if v, _ := storetest.PaymentVerdicts(t.Context(), e.db, order); len(v) != 3 || v[0] != "amount_mismatch" || v[1] != "accepted" || v[2] != "duplicate" {
		t.Errorf("verdicts %v: the forged signature never reached the ledger, the amount was refused, then one payment", v)
	}
}
