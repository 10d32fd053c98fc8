package vnpay_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
)

const (
	tmnCode = "MOTCUA01"
	secret  = "TESTSECRETFORMOTCUAVNPAY00000000"
)

// merchant is the smallest ledger a notification needs: what each order
// owes and which were recorded. The real one lives in the store.
type merchant struct {
	gw       *vnpay.Adapter
	mu       sync.Mutex
	owed     map[string]int64
	recorded map[string]payment.Result
	errs     []error // VerifyNotification's errors, in order
}

func (m *merchant) ipn(w http.ResponseWriter, r *http.Request) {
	res, err := m.gw.VerifyNotification(r)
	ack := payment.AckFor(err)
	m.mu.Lock()
	m.errs = append(m.errs, err)
	if err == nil {
		ack = m.record(res)
	}
	m.mu.Unlock()
	m.gw.Acknowledge(w, res, ack)
}

// record applies the ledger's checks: order, amount, once only.
func (m *merchant) record(res payment.Result) payment.Ack {
	owed, ok := m.owed[res.OrderID]
	switch {
	case !ok:
		return payment.AckUnknownOrder
	case res.Amount != owed:
		return payment.AckAmountMismatch
	}
	if _, done := m.recorded[res.OrderID]; done {
		return payment.AckDuplicate
	}
	m.recorded[res.OrderID] = res
	return payment.AckAccepted
}

func (m *merchant) lastErr() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.errs[len(m.errs)-1]
}

type fixture struct {
	gw  *vnpaytest.Server
	vn  *vnpay.Adapter
	m   *merchant
	now time.Time
}

func setup(t *testing.T) *fixture {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, motcua.VN)
	gw := vnpaytest.Start(t, tmnCode, secret)
	gw.Now = func() time.Time { return now.Add(time.Minute) }
	vn := &vnpay.Adapter{PayURLBase: gw.URL + vnpaytest.PayPath, APIURL: gw.URL + vnpaytest.APIPath, TmnCode: tmnCode,
		HashSecret: secret, ServerIP: "10.0.0.1", Now: func() time.Time { return now.Add(time.Hour) }}
	m := &merchant{gw: vn, owed: map[string]int64{}, recorded: map[string]payment.Result{}}
	srv := httptest.NewServer(http.HandlerFunc(m.ipn))
	t.Cleanup(srv.Close)
	gw.IPNURL = srv.URL + "/vnpay/ipn"
	return &fixture{gw: gw, vn: vn, m: m, now: now}
}

func (f *fixture) order(id string, amount int64) payment.Order {
	f.m.mu.Lock()
	f.m.owed[id] = amount
	f.m.mu.Unlock()
	return payment.Order{ID: id, Amount: amount, Info: "000.21.99.P01-261207-0001", ReturnURL: "https://motcua.example/thanh-toan/ve?cong=vnpay",
		ClientIP: "203.0.113.7", CreatedAt: f.now}
}

func (f *fixture) payURL(t *testing.T, o payment.Order) string {
	u, err := f.vn.PayURL(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestPaymentRoundTrip: the signed URL is accepted, the citizen pays, the
// gateway calls the IPN (accepted) and sends the browser back; the return
// verifies and says paid, with the amount in đồng.
func TestPaymentRoundTrip(t *testing.T) {
	f := setup(t)
	o := f.order("HS-1", 50000)
	back, err := f.gw.Pay(f.payURL(t, o), vnpaytest.Paid)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(back, o.ReturnURL+"&") {
		t.Fatalf("sent back to %s", back)
	}
	u, _ := url.Parse(back)
	res, err := f.vn.VerifyReturn(u.Query())
	if err != nil || !res.Paid || res.OrderID != "HS-1" || res.Amount != 50000 || res.TransactionNo == "" || res.ResponseCode != "00" || res.PaidAt.IsZero() {
		t.Fatalf("return: %+v, %v", res, err)
	}
	ds := f.gw.Deliveries()
	if len(ds) != 1 || ds[0].Status != 200 || ds[0].RspCode != "00" || ds[0].Message != "Confirm Success" {
		t.Fatalf("IPN deliveries %+v", ds)
	}
	if got := f.m.recorded["HS-1"]; got != res {
		t.Fatalf("the IPN recorded %+v; the return said %+v", got, res)
	}
}

// TestPaymentPageForBrowsers: the page a browser lands on names the order
// and offers the "Thanh toán" button.
func TestPaymentPageForBrowsers(t *testing.T) {
	f := setup(t)
	res, err := http.Get(f.payURL(t, f.order("HS-2", 120000)))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(string(page), ">Thanh toán</button>") || !strings.Contains(string(page), "120000") {
		t.Fatalf("%s\n%s", res.Status, page)
	}
}

// TestTamperedPaymentURLsAreRefused: the gateway refuses a URL whose
// amount was changed, one signed with another key, another terminal's and
// an expired one, each with its code; nothing is recorded.
func TestTamperedPaymentURLsAreRefused(t *testing.T) {
	f := setup(t)
	good := f.payURL(t, f.order("HS-3", 50000))
	other := *f.vn
	other.HashSecret = "ANOTHERKEYANOTHERKEYANOTHERKEY00"
	otherTmn := *f.vn
	otherTmn.TmnCode = "OTHER001"
	expired := f.order("HS-4", 50000)
	expired.CreatedAt, expired.ExpiresAt = f.now.Add(-time.Hour), f.now.Add(-time.Minute)
	cases := map[string]struct{ url, code string }{
		"amount changed":  {strings.Replace(good, "vnp_Amount=5000000", "vnp_Amount=100", 1), "97"},
		"order changed":   {strings.Replace(good, "vnp_TxnRef=HS-3", "vnp_TxnRef=HS-9", 1), "97"},
		"another key":     {mustURL(t, &other, f.order("HS-3", 50000)), "97"},
		"repeated amount": {good + "&vnp_Amount=100", "03"},
		"other terminal":  {mustURL(t, &otherTmn, f.order("HS-3", 50000)), "02"},
		"expired":         {mustURL(t, f.vn, expired), "11"},
	}
	for name, c := range cases {
		if c.url == good {
			t.Fatalf("%s: the URL was not changed", name)
		}
		_, err := f.gw.Pay(c.url, vnpaytest.Paid)
		if err == nil || !strings.HasSuffix(err.Error(), ": "+c.code) {
			t.Errorf("%s: %v; want code %s", name, err, c.code)
		}
	}
	if _, ok := f.gw.Txn("HS-3"); ok || len(f.gw.Deliveries()) != 0 {
		t.Fatal("a refused URL left a transaction")
	}
}

func mustURL(t *testing.T, a *vnpay.Adapter, o payment.Order) string {
	u, err := a.PayURL(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// pay completes an order through the gateway and returns its return URL.
func (f *fixture) pay(t *testing.T, o payment.Order, outcome vnpaytest.Outcome) url.Values {
	back, err := f.gw.Pay(f.payURL(t, o), outcome)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(back)
	return u.Query()
}

// TestNotificationsAsTheLedgerSeesThem: a duplicate verifies the same and
// is answered "already confirmed"; a forged one (another key) is refused
// with the bad-signature reason and "97"; one with a different amount
// verifies, carries that amount, and the ledger's check answers "04"; one
// for an order the merchant never made is answered "01".
func TestNotificationsAsTheLedgerSeesThem(t *testing.T) {
	f := setup(t)
	f.pay(t, f.order("HS-5", 50000), vnpaytest.Paid)
	first := f.m.recorded["HS-5"]
	cases := []struct {
		name   string
		tamper vnpaytest.Tamper
		rsp    string
		reason string
	}{
		{"duplicate", vnpaytest.Tamper{}, "02", ""},
		{"forged", vnpaytest.Tamper{Secret: "ANOTHERKEYANOTHERKEYANOTHERKEY00"}, "97", payment.ReasonBadSignature},
		{"one đồng more", vnpaytest.Tamper{AmountDelta: 1}, "04", ""},
	}
	for _, c := range cases {
		d, err := f.gw.Notify("HS-5", c.tamper)
		if err != nil || d.RspCode != c.rsp || payment.Reason(f.m.lastErr()) != c.reason {
			t.Errorf("%s: answered %+v (%v), verification %v", c.name, d, err, f.m.lastErr())
		}
	}
	if got := f.m.recorded["HS-5"]; got != first || len(f.m.recorded) != 1 {
		t.Fatalf("notifications changed the record: %+v", f.m.recorded)
	}
	if motcua.ErrorCode(f.m.errs[2]) != motcua.EFORBIDDEN {
		t.Fatalf("a forged notification is %s", motcua.ErrorCode(f.m.errs[2]))
	}
	// An order the gateway holds but this merchant never made.
	stranger := f.order("HS-6", 70000)
	delete(f.m.owed, "HS-6")
	f.pay(t, stranger, vnpaytest.Paid)
	if ds := f.gw.Deliveries(); ds[len(ds)-1].RspCode != "01" {
		t.Fatalf("unknown order answered %+v", ds[len(ds)-1])
	}
}

// TestDuplicateVerifiesTheSame: idempotence is the ledger's job, so the
// adapter must return the very same Result for a replay.
func TestDuplicateVerifiesTheSame(t *testing.T) {
	f := setup(t)
	q := f.pay(t, f.order("HS-7", 50000), vnpaytest.Paid)
	a, err1 := f.vn.VerifyReturn(q)
	b, err2 := f.vn.VerifyReturn(q)
	if err1 != nil || err2 != nil || a != b {
		t.Fatalf("%+v %v / %+v %v", a, err1, b, err2)
	}
}

// TestCancelledPaymentIsNotPaid: the return and IPN verify and say unpaid.
func TestCancelledPaymentIsNotPaid(t *testing.T) {
	f := setup(t)
	res, err := f.vn.VerifyReturn(f.pay(t, f.order("HS-8", 50000), vnpaytest.Cancelled))
	if err != nil || res.Paid || res.ResponseCode != "24" {
		t.Fatalf("%+v %v", res, err)
	}
}

// TestMalformedSignedReturnsAreRefused: correctly signed parameters with an
// amount that has separators, a sign, a fraction of a đồng or nothing, or an
// order reference out of format, are refused with stable reasons.
func TestMalformedSignedReturnsAreRefused(t *testing.T) {
	f := setup(t)
	base := f.pay(t, f.order("HS-9", 50000), vnpaytest.Paid)
	cases := []struct {
		name, field, value, reason string
	}{
		{"dots", "vnp_Amount", "5.000.000", payment.ReasonMalformedAmount},
		{"commas", "vnp_Amount", "5,000,000", payment.ReasonMalformedAmount},
		{"negative", "vnp_Amount", "-5000000", payment.ReasonMalformedAmount},
		{"decimal", "vnp_Amount", "5000000.00", payment.ReasonMalformedAmount},
		{"half a đồng", "vnp_Amount", "5000050", payment.ReasonMalformedAmount},
		{"missing amount", "vnp_Amount", "", payment.ReasonMalformedAmount},
		{"order with slash", "vnp_TxnRef", "HS/9", payment.ReasonBadOrderID},
		{"order too long", "vnp_TxnRef", strings.Repeat("9", 40), payment.ReasonBadOrderID},
		{"pay date", "vnp_PayDate", "2026-12-07", payment.ReasonMalformed},
		{"another terminal", "vnp_TmnCode", "OTHER001", payment.ReasonMalformed},
	}
	for _, c := range cases {
		q := url.Values{}
		for k, v := range base {
			q[k] = append([]string(nil), v...)
		}
		q.Set(c.field, c.value)
		_, err := f.vn.VerifyReturn(vnpaytest.Sign(secret, q))
		if payment.Reason(err) != c.reason || motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	unsigned := url.Values{}
	for k, v := range base {
		unsigned[k] = v
	}
	unsigned.Set("vnp_Amount", "100")
	if _, err := f.vn.VerifyReturn(unsigned); payment.Reason(err) != payment.ReasonBadSignature {
		t.Errorf("changed after signing: %v", err)
	}
	repeated := url.Values{}
	for k, v := range base {
		repeated[k] = v
	}
	repeated.Add("vnp_Amount", "100")
	if _, err := f.vn.VerifyReturn(repeated); payment.Reason(err) != payment.ReasonMalformed {
		t.Errorf("repeated parameter: %v", err)
	}
}

// TestLateNotification: the IPN is held; querydr already knows the
// payment; the late IPN is then accepted like a prompt one.
func TestLateNotification(t *testing.T) {
	f := setup(t)
	f.gw.Hold = true
	o := f.order("HS-10", 50000)
	f.pay(t, o, vnpaytest.Paid)
	if len(f.gw.Deliveries()) != 0 {
		t.Fatal("the IPN was not held")
	}
	tx, err := f.vn.Query(t.Context(), "HS-10", o.CreatedAt)
	if err != nil || tx.State != payment.StatePaid || tx.Amount != 50000 || tx.TransactionNo == "" || tx.Code != "00" {
		t.Fatalf("query before the IPN: %+v %v", tx, err)
	}
	if d, err := f.gw.Notify("HS-10", vnpaytest.Tamper{}); err != nil || d.RspCode != "00" {
		t.Fatalf("late IPN: %+v %v", d, err)
	}
}

// TestQueryDR: states from the gateway, an unknown order, a wrong creation
// date, a refund in progress, and an answer signed with another key.
func TestQueryDR(t *testing.T) {
	f := setup(t)
	paid, cancelled := f.order("HS-11", 50000), f.order("HS-12", 30000)
	f.pay(t, paid, vnpaytest.Paid)
	f.pay(t, cancelled, vnpaytest.Cancelled)
	ctx := t.Context()
	if tx, err := f.vn.Query(ctx, "HS-12", cancelled.CreatedAt); err != nil || tx.State != payment.StateFailed || tx.Amount != 30000 {
		t.Fatalf("cancelled: %+v %v", tx, err)
	}
	for name, q := range map[string]struct {
		id string
		at time.Time
	}{"unknown": {"HS-404", paid.CreatedAt}, "other date": {"HS-11", paid.CreatedAt.Add(time.Second)}} {
		if _, err := f.vn.Query(ctx, q.id, q.at); payment.Reason(err) != payment.ReasonUnknownOrder || motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := f.vn.Query(ctx, "HS/11", paid.CreatedAt); payment.Reason(err) != payment.ReasonBadOrderID {
		t.Errorf("bad reference: %v", err)
	}
	f.gw.SetStatus("HS-11", "00", "05")
	if tx, err := f.vn.Query(ctx, "HS-11", paid.CreatedAt); err != nil || tx.State != payment.StateRefunded {
		t.Fatalf("refunding: %+v %v", tx, err)
	}
	wrong := *f.vn
	wrong.HashSecret = "ANOTHERKEYANOTHERKEYANOTHERKEY00"
	if _, err := wrong.Query(ctx, "HS-11", paid.CreatedAt); payment.Reason(err) != payment.ReasonBadSignature {
		t.Fatalf("another key: %v", err)
	}
	txs, err := payment.QueryEach(ctx, f.vn, []payment.Ref{{OrderID: "HS-11", CreatedAt: paid.CreatedAt},
		{OrderID: "HS-404", CreatedAt: paid.CreatedAt}, {OrderID: "HS-12", CreatedAt: cancelled.CreatedAt}})
	if err != nil || len(txs) != 2 || txs[0].OrderID != "HS-11" || txs[1].OrderID != "HS-12" {
		t.Fatalf("QueryEach: %+v %v", txs, err)
	}
}

// TestPayURLRefusesBadOrders: nothing reaches the gateway from an order
// out of format.
func TestPayURLRefusesBadOrders(t *testing.T) {
	f := setup(t)
	o := f.order("HS-13", -1)
	if _, err := f.vn.PayURL(t.Context(), o); payment.Reason(err) != payment.ReasonMalformedAmount {
		t.Fatalf("%v", err)
	}
}
