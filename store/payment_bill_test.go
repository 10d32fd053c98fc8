package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestPaymentAsksWhatTheBillSays: a dossier accepted with fee lines owes
// at each stage what its bill says (no test-only dues): the intake stage's
// request carries the levy, the result stage's the per-copy and per-set
// charges; cash at the counter pays the intake stage and then nothing is
// due there.
func TestPaymentAsksWhatTheBillSays(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		p := f.withFees(t, "2.000002", true, extractFee, entryLevy, setFee)
		in := f.intake(f.a.ID)
		in.ProcedureID, in.Sets = p.ID, 2
		in.Fees = motcua.FeeQuantities{Copies: 3}
		d, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		atIntake, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil || atIntake.Amount != 5000 {
			t.Fatalf("intake stage asks %+v, %v; want the levy, 5.000 đồng", atIntake, err)
		}
		atResult, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtResult)
		if err != nil || atResult.Amount != 3*8000+2*20000 {
			t.Fatalf("result stage asks %+v, %v; want 64.000 đồng", atResult, err)
		}
		if _, _, err := db.RecordCash(ctx, f.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("the intake stage paid in cash still asks: %v", err)
		}
	})
}
