package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/store"
)

// TestReceiptNumbersHaveNoGaps: payments made at the same time (cash at
// the counter and gateway notifications, and for one order a notification
// and the browser's return racing) get numbers 1…n of the unit's series,
// once each, and the raced order one receipt.
func TestReceiptNumbersHaveNoGaps(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		const n = 12
		var cash, online []*motcua.Dossier
		var results []payment.Result
		for i := range n {
			d := r.owing(t, int64(10_000+i), 0)
			if i%2 == 0 {
				cash = append(cash, d)
				continue
			}
			p, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
			if err != nil {
				t.Fatal(err)
			}
			online = append(online, d)
			results = append(results, payment.Result{OrderID: p.OrderID, Amount: p.Amount, TransactionNo: "1400" + p.OrderID[9:],
				Paid: true, ResponseCode: "00", PaidAt: monday})
		}
		errs := make(chan error, 2*n)
		acks := make(chan payment.Ack, 2*n)
		start := make(chan struct{})
		for _, d := range cash {
			go func() {
				<-start
				_, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake)
				errs <- err
			}()
		}
		for _, res := range results {
			for range 2 { // the notification and the return
				go func() {
					<-start
					ack, err := db.ApplyGatewayResult(ctx, "vnpay", res)
					acks <- ack
					errs <- err
				}()
			}
		}
		close(start)
		for range len(cash) + 2*len(results) {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		accepted, duplicates := 0, 0
		for range 2 * len(results) {
			switch <-acks {
			case payment.AckAccepted:
				accepted++
			case payment.AckDuplicate:
				duplicates++
			}
		}
		if accepted != len(results) || duplicates != len(results) {
			t.Fatalf("%d accepted, %d duplicates of %d orders each told twice", accepted, duplicates, len(results))
		}
		seen := map[int64]bool{}
		for _, d := range append(cash, online...) {
			b := r.book(t, d)
			if len(b.Receipts) != 1 || b.PaidIntake != b.DueIntake {
				t.Fatalf("%s: %+v", d.Code, b)
			}
			seen[b.Receipts[0].Number] = true
		}
		for i := int64(1); i <= n; i++ {
			if !seen[i] {
				t.Fatalf("receipt numbers %v: %d is missing", seen, i)
			}
		}
	})
}
