package store_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const (
	vnpTmn    = "MOTCUA01"
	vnpSecret = "TESTSECRETFORMOTCUAVNPAY00000000"
)

// payRig is a store with a VNPAY simulator whose IPN calls reach the
// store through the adapter, as the web's handler will.
type payRig struct {
	*fixture
	gw *vnpaytest.Server
	vn *vnpay.Adapter
	// feeProc owes at intake and at the result (waiting, payment_resume_test.go)
	feeProc *motcua.Procedure
}

func newPayRig(t *testing.T, db *store.DB) *payRig {
	t.Helper()
	r := &payRig{fixture: newFixture(t, db)}
	r.gw = vnpaytest.Start(t, vnpTmn, vnpSecret)
	r.gw.Now = func() time.Time { return db.Now().Add(time.Minute) }
	r.vn = &vnpay.Adapter{PayURLBase: r.gw.URL + vnpaytest.PayPath, APIURL: r.gw.URL + vnpaytest.APIPath, TmnCode: vnpTmn,
		HashSecret: vnpSecret, ServerIP: "10.0.0.1", Now: func() time.Time { return db.Now().Add(time.Hour) }}
	ipn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		res, err := r.vn.VerifyNotification(req)
		ack := payment.AckFor(err)
		if err == nil {
			if ack, err = db.ApplyGatewayResult(req.Context(), r.vn.Name(), res); err != nil {
				t.Errorf("ApplyGatewayResult: %v", err)
			}
		}
		r.vn.Acknowledge(w, res, ack)
	}))
	t.Cleanup(ipn.Close)
	r.gw.IPNURL = ipn.URL + "/thanh-toan/vnpay/ipn"
	return r
}

// owing accepts a dossier at commune A that owes intake and result.
func (r *payRig) owing(t *testing.T, intake, result int64) *motcua.Dossier {
	t.Helper()
	d := r.accept(t, r.counterA, r.a.ID)
	if err := storetest.SetFeeDuesForTest(t.Context(), r.db, d.ID, intake, result); err != nil {
		t.Fatal(err)
	}
	return d
}

// payOnline requests the intake dues as the system and pays them on the
// simulated gateway; it returns the payment and the browser's return URL.
func (r *payRig) payOnline(t *testing.T, d *motcua.Dossier, outcome vnpaytest.Outcome) (*motcua.Payment, string) {
	t.Helper()
	p, err := r.db.RequestPayment(t.Context(), store.Requester{}, d.ID, motcua.FeePayAtIntake)
	if err != nil {
		t.Fatal(err)
	}
	u, err := r.vn.PayURL(t.Context(), store.PaymentOrder(p, "https://motcua.example/thanh-toan/ve", "203.0.113.7"))
	if err != nil {
		t.Fatal(err)
	}
	back, err := r.gw.Pay(u, outcome)
	if err != nil {
		t.Fatal(err)
	}
	return p, back
}

func (r *payRig) book(t *testing.T, d *motcua.Dossier) *store.PaymentBook {
	t.Helper()
	b, err := r.db.DossierPayments(t.Context(), store.Requester{Actor: r.counterA}, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPaymentAmountComesFromTheDossier: nothing owed is refused; the
// request is for what the stage owes; a live request is reused; a stale
// one is replaced (and cancelled); paid dues are not asked again.
func TestPaymentAmountComesFromTheDossier(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		free := r.accept(t, r.counterA, r.a.ID)
		_, err := db.RequestPayment(ctx, store.Requester{}, free.ID, motcua.FeePayAtIntake)
		wantCode(t, err, motcua.ENOTALLOWED)

		d := r.owing(t, 125_500, 0)
		p, err := db.RequestPayment(ctx, store.Requester{Actor: r.counterA}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		if p.Amount != 125_500 || p.State != motcua.PaymentRequested || !payment.ValidOrderID(p.OrderID) || p.DossierCode != d.Code {
			t.Fatalf("request %+v", p)
		}
		if err := store.PaymentOrder(p, "https://motcua.example/ve", "203.0.113.7").Validate(); err != nil {
			t.Fatalf("the order is not gateway-safe: %v", err)
		}
		_, err = db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtResult)
		wantCode(t, err, motcua.ENOTALLOWED)
		_, err = db.RequestPayment(ctx, store.Requester{Actor: r.counterB}, d.ID, motcua.FeePayAtIntake)
		wantCode(t, err, motcua.ENOTFOUND)
		_, err = db.RequestPayment(ctx, store.Requester{Contact: &motcua.Contact{Email: "la@example.vn"}}, d.ID, motcua.FeePayAtIntake)
		wantCode(t, err, motcua.ENOTFOUND)

		again, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil || again.ID != p.ID {
			t.Fatalf("a live request is not reused: %+v, %v", again, err)
		}
		setNow(db, monday.Add(store.PaymentValidity-store.PaymentReuseMargin))
		fresh, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil || fresh.ID == p.ID || fresh.OrderID == p.OrderID || fresh.Amount != 125_500 {
			t.Fatalf("a stale request is reused: %+v, %v", fresh, err)
		}
		b := r.book(t, d)
		if len(b.Payments) != 2 || b.Payments[0].State != motcua.PaymentCancelled || b.Owed(motcua.FeePayAtIntake) != 125_500 {
			t.Fatalf("book %+v", b)
		}
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		_, err = db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		wantCode(t, err, motcua.ENOTALLOWED)
		if b := r.book(t, d); b.Payments[1].State != motcua.PaymentCancelled || b.Owed(motcua.FeePayAtIntake) != 0 || len(b.Receipts) != 1 {
			t.Fatalf("after cash: %+v", b)
		}
	})
}

// TestVerifiedNotificationPaysOnce: the gateway's notification, verified
// by the adapter, pays the request and issues receipt 1; the duplicate,
// the browser's return, a forged notification and one with another amount
// change nothing.
func TestVerifiedNotificationPaysOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.owing(t, 50_000, 0)
		p, back := r.payOnline(t, d, vnpaytest.Paid)
		ds := r.gw.Deliveries()
		if len(ds) != 1 || ds[0].RspCode != "00" {
			t.Fatalf("IPN answers %+v", ds)
		}
		b := r.book(t, d)
		got := b.Payments[0]
		if got.State != motcua.PaymentPaid || got.Method != motcua.PayVNPAY || got.TransactionNo == "" || len(b.Receipts) != 1 {
			t.Fatalf("after the notification: %+v", b)
		}
		rc := b.Receipts[0]
		if rc.Number != 1 || rc.Kind != motcua.ReceiptPayment || rc.Amount != 50_000 || rc.PayerName != "Nguyễn Văn Bình" ||
			rc.DossierCode != d.Code || rc.Series != "BL-2024" || rc.UnitName != r.a.Name {
			t.Fatalf("receipt %+v", rc)
		}

		dup, _ := r.gw.Notify(p.OrderID, vnpaytest.Tamper{})
		forged, _ := r.gw.Notify(p.OrderID, vnpaytest.Tamper{Secret: "ANOTHERKEYANOTHERKEYANOTHERKEY00"})
		oneMore, _ := r.gw.Notify(p.OrderID, vnpaytest.Tamper{AmountDelta: 1})
		if dup.RspCode != "02" || forged.RspCode != "97" || oneMore.RspCode != "04" {
			t.Fatalf("answers: duplicate %+v, forged %+v, one đồng more %+v", dup, forged, oneMore)
		}
		u, _ := url.Parse(back)
		res, err := r.vn.VerifyReturn(u.Query())
		if err != nil {
			t.Fatal(err)
		}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckDuplicate {
			t.Fatalf("the return after the notification: %v, %v", ack, err)
		}
		if b := r.book(t, d); len(b.Receipts) != 1 || b.PaidIntake != 50_000 || b.Payments[0].TransactionNo != got.TransactionNo {
			t.Fatalf("a duplicate changed the book: %+v", b)
		}
		verdicts, err := storetest.PaymentVerdicts(ctx, db, p.OrderID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"accepted", "duplicate", "amount_mismatch", "duplicate"} // the forged one never reached the ledger
		if len(verdicts) != len(want) {
			t.Fatalf("kept notifications %v, want %v", verdicts, want)
		}
		for i := range want {
			if verdicts[i] != want[i] {
				t.Fatalf("kept notifications %v, want %v", verdicts, want)
			}
		}
		byOrder, err := db.PaymentByOrder(ctx, p.OrderID)
		if err != nil || byOrder.State != motcua.PaymentPaid {
			t.Fatalf("PaymentByOrder: %+v, %v", byOrder, err)
		}
	})
}

// TestNotificationRefusals: an unknown order, one đồng more or less on a
// live request, and an unsupported gateway are refused; nothing is paid.
func TestNotificationRefusals(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.owing(t, 80_000, 0)
		p, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		paid := payment.Result{OrderID: p.OrderID, Amount: 80_000, TransactionNo: "14000001", Paid: true, ResponseCode: "00", PaidAt: monday}
		unknown := paid
		unknown.OrderID = "MC240304-000000000000"
		for name, c := range map[string]struct {
			res  payment.Result
			want payment.Ack
		}{
			"unknown order":   {unknown, payment.AckUnknownOrder},
			"one đồng more":   {withAmount(paid, 80_001), payment.AckAmountMismatch},
			"one đồng less":   {withAmount(paid, 79_999), payment.AckAmountMismatch},
			"zero":            {withAmount(paid, 0), payment.AckAmountMismatch},
			"the full amount": {withAmount(paid, 8_000_000), payment.AckAmountMismatch},
		} {
			if ack, err := db.ApplyGatewayResult(ctx, "vnpay", c.res); err != nil || ack != c.want {
				t.Errorf("%s: %v, %v; want %v", name, ack, err, c.want)
			}
		}
		if _, err := db.ApplyGatewayResult(ctx, "momo", paid); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("an unsupported gateway: %v", err)
		}
		if b := r.book(t, d); b.Payments[0].State != motcua.PaymentRequested || len(b.Receipts) != 0 {
			t.Fatalf("a refused notification changed the book: %+v", b)
		}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", paid); err != nil || ack != payment.AckAccepted {
			t.Fatalf("the right notification: %v, %v", ack, err)
		}
	})
}

func withAmount(r payment.Result, amount int64) payment.Result {
	r.Amount = amount
	return r
}

// TestLatePaymentAfterCancellationIsFlagged: money that arrives after its
// request was cancelled is receipted and flagged refund_due, not lost;
// the refund is a new receipt naming the first; cancelling a cash receipt
// issues a cancellation receipt. Numbers follow each other.
func TestLatePaymentAfterCancellationIsFlagged(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.owing(t, 30_000, 20_000)
		r.gw.Hold = true
		p, _ := r.payOnline(t, d, vnpaytest.Paid)
		if _, err := db.CancelPayment(ctx, store.Requester{}, p.ID, ""); err != nil {
			t.Fatal(err)
		}
		late, err := r.gw.Notify(p.OrderID, vnpaytest.Tamper{})
		if err != nil || late.RspCode != "00" {
			t.Fatalf("late notification: %+v, %v", late, err)
		}
		b := r.book(t, d)
		if b.Payments[0].State != motcua.PaymentRefundDue || b.PaidIntake != 0 || len(b.Receipts) != 1 {
			t.Fatalf("after the late payment: %+v", b)
		}
		_, err = db.RefundPayment(ctx, r.counterA, p.ID, "")
		wantCode(t, err, motcua.EINVALID)
		_, err = db.RefundPayment(ctx, r.counterB, p.ID, "Hoàn trả")
		wantCode(t, err, motcua.ENOTFOUND)
		refund, err := db.RefundPayment(ctx, r.counterA, p.ID, "Yêu cầu đã hủy trước khi tiền về")
		if err != nil {
			t.Fatal(err)
		}
		first := b.Receipts[0]
		if refund.Kind != motcua.ReceiptRefund || refund.RefersTo != first.ID || refund.Number != first.Number+1 || refund.Amount != 30_000 {
			t.Fatalf("refund receipt %+v (first %+v)", refund, first)
		}
		_, err = db.RefundPayment(ctx, r.counterA, p.ID, "again")
		wantCode(t, err, motcua.ENOTALLOWED)

		cash, receipt, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtResult)
		if err != nil || cash.Amount != 20_000 || receipt.Number != 3 {
			t.Fatalf("cash %+v, receipt %+v, %v", cash, receipt, err)
		}
		void, err := db.CancelPayment(ctx, store.Requester{Actor: r.counterA}, cash.ID, "Thu nhầm hồ sơ")
		if err != nil || void.Kind != motcua.ReceiptCancellation || void.RefersTo != receipt.ID || void.Number != 4 {
			t.Fatalf("cancellation %+v, %v", void, err)
		}
		b = r.book(t, d)
		if len(b.Receipts) != 4 || b.Receipts[0] != first || b.Receipts[3].RefersToNo != "BL-2024 số 0000003" {
			t.Fatalf("receipts %+v", b.Receipts)
		}
		got, err := db.Receipt(ctx, store.Requester{Actor: r.counterA}, refund.ID)
		if err != nil || got.RefersToNo != first.Reference() {
			t.Fatalf("Receipt: %+v, %v", got, err)
		}
		_, err = db.Receipt(ctx, store.Requester{Actor: r.counterB}, refund.ID)
		wantCode(t, err, motcua.ENOTFOUND)
	})
}

// TestForgedNotificationPaysNothing: a notification signed with another
// key, for an order still waiting, is refused by the adapter (code 97)
// and never reaches the ledger; the genuine one then pays.
func TestForgedNotificationPaysNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		d := r.owing(t, 45_000, 0)
		r.gw.Hold = true
		p, _ := r.payOnline(t, d, vnpaytest.Paid)
		forged, err := r.gw.Notify(p.OrderID, vnpaytest.Tamper{Secret: "ANOTHERKEYANOTHERKEYANOTHERKEY00"})
		if err != nil || forged.RspCode != "97" {
			t.Fatalf("forged: %+v, %v", forged, err)
		}
		if b := r.book(t, d); b.Payments[0].State != motcua.PaymentRequested || len(b.Receipts) != 0 {
			t.Fatalf("a forged notification changed the book: %+v", b)
		}
		if v, err := storetest.PaymentVerdicts(t.Context(), db, p.OrderID); err != nil || len(v) != 0 {
			t.Fatalf("a forged notification was kept: %v, %v", v, err)
		}
		genuine, err := r.gw.Notify(p.OrderID, vnpaytest.Tamper{})
		if err != nil || genuine.RspCode != "00" {
			t.Fatalf("genuine: %+v, %v", genuine, err)
		}
		if b := r.book(t, d); b.Payments[0].State != motcua.PaymentPaid || len(b.Receipts) != 1 {
			t.Fatalf("after the genuine notification: %+v", b)
		}
	})
}
