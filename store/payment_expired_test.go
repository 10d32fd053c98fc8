package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/store"
)

// TestExpiredRequestsListedAndClosed: an open request is listed once its
// order expired, not before; ExpireRequest closes it only then and only
// once, leaving a paid payment and a live request alone; money arriving
// afterwards is refund_due, not lost.
func TestExpiredRequestsListedAndClosed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		stale, err := db.RequestPayment(ctx, store.Requester{}, r.owing(t, 20_000, 0).ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		paid, err := db.RequestPayment(ctx, store.Requester{}, r.owing(t, 30_000, 0).ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		res := payment.Result{OrderID: paid.OrderID, Amount: paid.Amount, TransactionNo: "14000001", Paid: true, ResponseCode: "00", PaidAt: monday}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
			t.Fatalf("pay: %v, %v", ack, err)
		}
		if refs, err := db.ExpiredRequests(ctx, monday.Add(10*time.Minute), 10); err != nil || len(refs) != 0 {
			t.Fatalf("before the expiry: %+v, %v", refs, err)
		}
		if closed, err := db.ExpireRequest(ctx, stale.OrderID, "x"); err != nil || closed {
			t.Fatalf("a live request closed: %v, %v", closed, err)
		}
		refs, err := db.ExpiredRequests(ctx, monday.Add(store.PaymentValidity+time.Second), 10)
		if err != nil || len(refs) != 1 || refs[0].OrderID != stale.OrderID || !refs[0].CreatedAt.Equal(stale.RequestedAt) {
			t.Fatalf("after the expiry: %+v, %v; want only %s", refs, err, stale.OrderID)
		}
		setNow(db, monday.Add(20*time.Minute))
		const note = "Hết hạn thanh toán; cổng thanh toán không ghi nhận khoản tiền nào."
		for i, want := range []bool{true, false} {
			if closed, err := db.ExpireRequest(ctx, stale.OrderID, note); err != nil || closed != want {
				t.Fatalf("expire %d: %v, %v; want %v", i+1, closed, err, want)
			}
		}
		if closed, err := db.ExpireRequest(ctx, paid.OrderID, note); err != nil || closed {
			t.Fatalf("a paid payment closed: %v, %v", closed, err)
		}
		if _, err := db.ExpireRequest(ctx, "MC240304-000000000000", note); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("an unknown order: %v, want not_found", err)
		}
		p, err := db.PaymentByOrder(ctx, stale.OrderID)
		if err != nil || p.State != motcua.PaymentCancelled || !strings.Contains(p.Note, "Hết hạn") {
			t.Fatalf("the expired request: %+v, %v", p, err)
		}
		if refs, _ := db.ExpiredRequests(ctx, monday.Add(time.Hour), 10); len(refs) != 0 {
			t.Errorf("closed requests still listed: %+v", refs)
		}
		late := payment.Result{OrderID: stale.OrderID, Amount: stale.Amount, TransactionNo: "14000002", Paid: true, ResponseCode: "00"}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", late); err != nil || ack != payment.AckAccepted {
			t.Fatalf("late money: %v, %v", ack, err)
		}
		if p, _ := db.PaymentByOrder(ctx, stale.OrderID); p.State != motcua.PaymentRefundDue {
			t.Errorf("money after the expiry: %s, want refund_due", p.State)
		}
	})
}
