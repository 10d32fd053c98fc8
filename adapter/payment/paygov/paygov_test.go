package paygov_test

import (
	"encoding/json"
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
	"github.com/motcua/motcua/adapter/payment/paygov"
	"github.com/motcua/motcua/adapter/payment/paygov/paygovtest"
)

const (
	partner = "000.21.99.P01"
	key     = "TESTKEYFORMOTCUAPAYGOV0000000000"
	other   = "ANOTHERKEYANOTHERKEYANOTHERKEY00"
)

// merchant is the smallest ledger a confirm message needs.
type merchant struct {
	gw       *paygov.Adapter
	mu       sync.Mutex
	owed     map[string]int64
	recorded map[string]payment.Result
	errs     []error
}

func (m *merchant) callback(w http.ResponseWriter, r *http.Request) {
	res, err := m.gw.VerifyNotification(r)
	ack := payment.AckFor(err)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.errs = append(m.errs, err)
	if err == nil {
		owed, ok := m.owed[res.OrderID]
		_, done := m.recorded[res.OrderID]
		switch {
		case !ok:
			ack = payment.AckUnknownOrder
		case res.Amount != owed:
			ack = payment.AckAmountMismatch
		case done:
			ack = payment.AckDuplicate
		default:
			m.recorded[res.OrderID] = res
		}
	}
	m.gw.Acknowledge(w, res, ack)
}

type fixture struct {
	pf  *paygovtest.Server
	pg  *paygov.Adapter
	m   *merchant
	now time.Time
}

func setup(t *testing.T) *fixture {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, motcua.VN)
	pf := paygovtest.Start(t, partner, key)
	pf.Now = func() time.Time { return now.Add(2 * time.Minute) }
	pg := &paygov.Adapter{InitURL: pf.URL + paygovtest.InitPath, QueryURL: pf.URL + paygovtest.QueryPath, PartnerCode: partner,
		HashKey: key, UnitCode: partner, UnitName: "UBND xã A"}
	m := &merchant{gw: pg, owed: map[string]int64{}, recorded: map[string]payment.Result{}}
	srv := httptest.NewServer(http.HandlerFunc(m.callback))
	t.Cleanup(srv.Close)
	pf.CallbackURL = srv.URL + "/paygov/xac-nhan"
	return &fixture{pf: pf, pg: pg, m: m, now: now}
}

func (f *fixture) order(id string, amount int64) payment.Order {
	f.m.mu.Lock()
	f.m.owed[id] = amount
	f.m.mu.Unlock()
	return payment.Order{ID: id, Amount: amount, Info: "000.21.99.P01-261207-0002", ReturnURL: "https://motcua.example/thanh-toan/ve?cong=paygov",
		ClientIP: "203.0.113.9", CreatedAt: f.now}
}

func (f *fixture) pay(t *testing.T, o payment.Order, outcome paygovtest.Outcome) url.Values {
	u, err := f.pg.PayURL(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	back, err := f.pf.Pay(u, outcome)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(back, o.ReturnURL+"&") {
		t.Fatalf("sent back to %s", back)
	}
	p, _ := url.Parse(back)
	return p.Query()
}

// TestPaymentRoundTrip: the init is accepted, the page offers "Thanh
// toán", the confirm message is accepted (and the answer signed), the
// browser's return verifies and says paid.
func TestPaymentRoundTrip(t *testing.T) {
	f := setup(t)
	o := f.order("HS-1", 50000)
	u, err := f.pg.PayURL(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), ">Thanh toán</button>") || !strings.Contains(string(page), "50000") {
		t.Fatalf("payment page: %s", page)
	}
	back, err := f.pf.Pay(u, paygovtest.Paid)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := url.Parse(back)
	r, err := f.pg.VerifyReturn(p.Query())
	if err != nil || !r.Paid || r.OrderID != "HS-1" || r.Amount != 50000 || r.TransactionNo == "" || r.PaidAt.IsZero() {
		t.Fatalf("return: %+v %v", r, err)
	}
	ds := f.pf.Deliveries()
	if len(ds) != 1 || ds[0].Answer["MaLoi"] != "00" || f.m.recorded["HS-1"] != r {
		t.Fatalf("confirm: %+v; recorded %+v", ds, f.m.recorded)
	}
}

// TestTamperedRequestsAreRefused: an init signed with another key, from
// another partner, or a payment page whose token was changed.
func TestTamperedRequestsAreRefused(t *testing.T) {
	f := setup(t)
	wrongKey, wrongPartner := *f.pg, *f.pg
	wrongKey.HashKey = other
	wrongPartner.PartnerCode = "000.22.99.P01"
	for name, c := range map[string]struct {
		a    *paygov.Adapter
		code string
	}{"another key": {&wrongKey, "97"}, "another partner": {&wrongPartner, "02"}} {
		_, err := c.a.PayURL(t.Context(), f.order("HS-2", 50000))
		if payment.Reason(err) != payment.ReasonGateway || !strings.Contains(motcua.ErrorMessage(err), "mã "+c.code) {
			t.Errorf("%s: %v", name, err)
		}
	}
	u, err := f.pg.PayURL(t.Context(), f.order("HS-3", 50000))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.pf.Pay(u[:len(u)-2]+"00", paygovtest.Paid); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("changed token: %v", err)
	}
	if tx, _ := f.pf.Txn("HS-3"); tx.Code != "02" || len(f.pf.Deliveries()) != 0 {
		t.Fatalf("a refused page paid: %+v", tx)
	}
}

// TestConfirmMessagesAsTheLedgerSeesThem: duplicate (answered 00, nothing
// changes), forged (97, bad-signature reason), one đồng more (04), an
// order the partner never made (01).
func TestConfirmMessagesAsTheLedgerSeesThem(t *testing.T) {
	f := setup(t)
	f.pay(t, f.order("HS-4", 50000), paygovtest.Paid)
	first := f.m.recorded["HS-4"]
	cases := []struct {
		name   string
		tamper paygovtest.Tamper
		code   string
		reason string
	}{
		{"duplicate", paygovtest.Tamper{}, "00", ""},
		{"forged", paygovtest.Tamper{Key: other}, "97", payment.ReasonBadSignature},
		{"one đồng more", paygovtest.Tamper{AmountDelta: 1}, "04", ""},
	}
	for _, c := range cases {
		d, err := f.pf.Notify("HS-4", c.tamper)
		f.m.mu.Lock()
		last := f.m.errs[len(f.m.errs)-1]
		f.m.mu.Unlock()
		if err != nil || d.Answer["MaLoi"] != c.code || payment.Reason(last) != c.reason {
			t.Errorf("%s: %+v %v; verification %v", c.name, d, err, last)
		}
	}
	if f.m.recorded["HS-4"] != first || len(f.m.recorded) != 1 {
		t.Fatalf("the record changed: %+v", f.m.recorded)
	}
	stranger := f.order("HS-5", 20000)
	delete(f.m.owed, "HS-5")
	f.pay(t, stranger, paygovtest.Paid)
	if ds := f.pf.Deliveries(); ds[len(ds)-1].Answer["MaLoi"] != "01" {
		t.Fatalf("unknown order: %+v", ds[len(ds)-1])
	}
}

// TestMalformedSignedConfirmsAreRefused: correctly signed messages whose
// amount has separators, a sign or a decimal part, whose reference is out
// of format, or from another partner, are refused with stable reasons.
func TestMalformedSignedConfirmsAreRefused(t *testing.T) {
	f := setup(t)
	base := f.pay(t, f.order("HS-6", 50000), paygovtest.Paid)
	cases := []struct{ name, field, value, reason string }{
		{"dots", "SoTien", "50.000", payment.ReasonMalformedAmount},
		{"commas", "SoTien", "50,000", payment.ReasonMalformedAmount},
		{"negative", "SoTien", "-50000", payment.ReasonMalformedAmount},
		{"decimal", "SoTien", "50000.0", payment.ReasonMalformedAmount},
		{"empty", "SoTien", "", payment.ReasonMalformedAmount},
		{"reference", "MaThamChieu", "HS_6", payment.ReasonBadOrderID},
		{"time", "ThoiGianGD", "07/12/2026", payment.ReasonMalformed},
		{"partner", "MaDoiTac", "000.22.99.P01", payment.ReasonMalformed},
		{"message type", "LoaiBanTin", "INIT", payment.ReasonMalformed},
	}
	for _, c := range cases {
		msg := map[string]string{}
		for k := range base {
			msg[k] = base.Get(k)
		}
		msg[c.field] = c.value
		msg["MaXacThuc"] = paygovtest.Checksum(key, msg["LoaiBanTin"], msg["MaLoi"], msg["MaDoiTac"], msg["MaThamChieu"], msg["SoTien"],
			msg["MaTienTe"], msg["MaGiaoDich"], msg["MaNganHang"], msg["ThoiGianGD"], msg["ThongTinGiaoDich"])
		body, _ := json.Marshal(msg)
		_, err := f.pg.VerifyNotification(httptest.NewRequest(http.MethodPost, "/paygov/xac-nhan", strings.NewReader(string(body))))
		if payment.Reason(err) != c.reason || motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	changed := url.Values{}
	for k, v := range base {
		changed[k] = v
	}
	changed.Set("SoTien", "1")
	if _, err := f.pg.VerifyReturn(changed); payment.Reason(err) != payment.ReasonBadSignature {
		t.Errorf("changed after signing: %v", err)
	}
	// A number in JSON is read by its literal text: 50000 passes, 5e4 does not.
	for lit, reason := range map[string]string{"50000": "", "5e4": payment.ReasonMalformedAmount, "50000.5": payment.ReasonMalformedAmount} {
		msg := map[string]string{}
		for k := range base {
			msg[k] = base.Get(k)
		}
		msg["SoTien"] = lit
		msg["MaXacThuc"] = paygovtest.Checksum(key, msg["LoaiBanTin"], msg["MaLoi"], msg["MaDoiTac"], msg["MaThamChieu"], msg["SoTien"],
			msg["MaTienTe"], msg["MaGiaoDich"], msg["MaNganHang"], msg["ThoiGianGD"], msg["ThongTinGiaoDich"])
		body, _ := json.Marshal(msg)
		body = []byte(strings.Replace(string(body), `"SoTien":"`+lit+`"`, `"SoTien":`+lit, 1))
		_, err := f.pg.VerifyNotification(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(string(body))))
		if payment.Reason(err) != reason {
			t.Errorf("SoTien as JSON number %s: %v", lit, err)
		}
	}
}

// TestLateConfirmAndQuery: the confirm message is held; get-bill already
// says paid; the late message is accepted; unknown and cancelled orders.
func TestLateConfirmAndQuery(t *testing.T) {
	f := setup(t)
	f.pf.Hold = true
	o, cancelled, pending := f.order("HS-7", 50000), f.order("HS-8", 30000), f.order("HS-9", 10000)
	f.pay(t, o, paygovtest.Paid)
	f.pay(t, cancelled, paygovtest.Cancelled)
	if _, err := f.pg.PayURL(t.Context(), pending); err != nil {
		t.Fatal(err)
	}
	if len(f.pf.Deliveries()) != 0 {
		t.Fatal("the confirm message was not held")
	}
	ctx := t.Context()
	for id, want := range map[string]payment.State{"HS-7": payment.StatePaid, "HS-8": payment.StateFailed, "HS-9": payment.StatePending} {
		tx, err := f.pg.Query(ctx, id, f.now)
		if err != nil || tx.State != want || tx.Amount != f.m.owed[id] {
			t.Errorf("%s: %+v %v", id, tx, err)
		}
	}
	if _, err := f.pg.Query(ctx, "HS-404", f.now); payment.Reason(err) != payment.ReasonUnknownOrder {
		t.Errorf("unknown: %v", err)
	}
	if _, err := f.pg.Query(ctx, "HS-7", f.now.Add(time.Second)); payment.Reason(err) != payment.ReasonUnknownOrder {
		t.Errorf("another registration time: %v", err)
	}
	wrong := *f.pg
	wrong.HashKey = other
	if _, err := wrong.Query(ctx, "HS-7", f.now); payment.Reason(err) != payment.ReasonGateway {
		t.Errorf("a query signed with another key: %v", err)
	}
	if d, err := f.pf.Notify("HS-7", paygovtest.Tamper{}); err != nil || d.Answer["MaLoi"] != "00" || f.m.recorded["HS-7"].Amount != 50000 {
		t.Fatalf("late confirm: %+v %v", d, err)
	}
	txs, err := payment.QueryEach(ctx, f.pg, []payment.Ref{{OrderID: "HS-7", CreatedAt: f.now}, {OrderID: "HS-404", CreatedAt: f.now}})
	if err != nil || len(txs) != 1 || txs[0].State != payment.StatePaid {
		t.Fatalf("QueryEach: %+v %v", txs, err)
	}
}
