package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/store"
)

// reconDay is a day prepared with one order of each kind, on the ledger
// and at the simulated VNPAY; it returns the orders by name.
func (r *payRig) reconDay(t *testing.T) map[string]string {
	t.Helper()
	ctx := t.Context()
	orders := map[string]string{}
	request := func(name string, amount int64) *motcua.Payment {
		d := r.owing(t, amount, 0)
		p, err := r.db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		orders[name] = p.OrderID
		return p
	}
	payAt := func(o payment.Order, hold bool) vnpaytest.Txn {
		r.gw.Hold = hold
		u, err := r.vn.PayURL(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.gw.Pay(u, vnpaytest.Paid); err != nil {
			t.Fatal(err)
		}
		txn, _ := r.gw.Txn(o.ID)
		return txn
	}
	order := func(p *motcua.Payment) payment.Order {
		return store.PaymentOrder(p, "https://motcua.example/ve", "203.0.113.7")
	}
	record := func(p *motcua.Payment, txnNo string) {
		res := payment.Result{OrderID: p.OrderID, Amount: p.Amount, TransactionNo: txnNo, Paid: true, ResponseCode: "00", PaidAt: monday}
		if ack, err := r.db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
			t.Fatalf("record %s: %v, %v", p.OrderID, ack, err)
		}
	}

	payAt(order(request("matched", 50_000)), false)          // paid on both sides, notified
	record(request("here only", 20_000), "99990001")         // recorded here, never at the gateway
	payAt(order(request("lost notification", 30_000)), true) // paid there, the notification never came
	drift := request("amount", 40_000)
	o := order(drift)
	o.Amount += 1_000 // the gateway was told another amount
	record(drift, payAt(o, true).TransactionNo)
	refunded := request("refunded there", 60_000)
	payAt(order(refunded), false)
	r.gw.SetStatus(refunded.OrderID, "00", "05")
	request("never paid", 70_000)
	foreign := payment.Order{ID: "MC240304-F0RE16N00000", Amount: 10_000, Info: "Khong phai cua ta", ReturnURL: "https://x.example/",
		ClientIP: "203.0.113.9", CreatedAt: monday}
	payAt(foreign, true)
	orders["foreign"] = foreign.ID
	return orders
}

// TestReconcileFindsEachMismatch: a day with one order of each kind is
// reconciled from the gateway's answers to per-order queries: paid here
// not there, there not here, an amount that differs, a paid order whose
// notification was lost and one refunded at the gateway; the rest match.
func TestReconcileFindsEachMismatch(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		orders := r.reconDay(t)
		refs, err := db.ReconcileRefs(ctx, monday, "vnpay")
		if err != nil {
			t.Fatal(err)
		}
		if len(refs) != 6 {
			t.Fatalf("%d orders to query, want the day's 6", len(refs))
		}
		txns, err := payment.QueryEach(ctx, r.vn, append(refs, payment.Ref{OrderID: orders["foreign"], CreatedAt: monday}))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := db.Reconcile(ctx, monday, "vnpay", txns)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]store.Mismatch{
			orders["here only"]:         store.MismatchMissingThere,
			orders["foreign"]:           store.MismatchMissingHere,
			orders["amount"]:            store.MismatchAmount,
			orders["lost notification"]: store.MismatchState,
			orders["refunded there"]:    store.MismatchState,
		}
		if len(rec.Rows) != len(want) || rec.Checked != 7 || rec.Matched != 2 {
			t.Fatalf("checked %d, matched %d, rows %+v", rec.Checked, rec.Matched, rec.Rows)
		}
		for _, row := range rec.Rows {
			if want[row.OrderID] != row.Kind {
				t.Errorf("%s: %s, want %s", row.OrderID, row.Kind, want[row.OrderID])
			}
			if row.OrderID == orders["amount"] && (row.LedgerAmount != 40_000 || row.GatewayAmount != 41_000) {
				t.Errorf("amounts %+v", row)
			}
		}
		other, err := db.Reconcile(ctx, monday.AddDate(0, 0, 1), "vnpay", nil)
		if err != nil || other.Checked != 0 || len(other.Rows) != 0 {
			t.Fatalf("the next day: %+v, %v", other, err)
		}
		_, err = db.Reconcile(ctx, monday, "bank", nil)
		wantCode(t, err, motcua.EINVALID)
	})
}
