package ledger_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestIntakeBillFollowsTheVersion: a version without stated fees gives no
// bill, one stated free an empty one; per-set lines count the intake's
// sets unless the quantities say otherwise; a reason past the bound is
// refused.
func TestIntakeBillFollowsTheVersion(t *testing.T) {
	perSet := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí thẩm định", Amount: 20000, Basis: motcua.FeePerSet, PayAt: motcua.FeePayAtResult}
	stated := &motcua.Procedure{FeesStated: true, FeeLines: []motcua.FeeLine{perSet}}
	long := make([]rune, ledger.MaxReasonLen+1)
	for i := range long {
		long[i] = 'a'
	}
	for _, c := range []struct {
		name  string
		p     *motcua.Procedure
		in    motcua.Intake
		total int64
		nilOK bool
		field string
	}{
		{"not stated", &motcua.Procedure{Fees: "Theo HĐND tỉnh"}, motcua.Intake{Sets: 3}, 0, true, ""},
		{"free", &motcua.Procedure{FeesStated: true}, motcua.Intake{Sets: 3}, 0, false, ""},
		{"the intake's sets", stated, motcua.Intake{Sets: 3}, 60000, false, ""},
		{"sets given", stated, motcua.Intake{Sets: 3, Fees: motcua.FeeQuantities{Sets: 1}}, 20000, false, ""},
		{"reason too long", stated, motcua.Intake{Sets: 1, Fees: motcua.FeeQuantities{Exempt: []motcua.FeeExemptionClaim{{Line: 0, Reason: string(long)}}}}, 0, false, "exempt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			bill, err := ledger.IntakeBill(c.p, c.in)
			switch {
			case c.field != "":
				if motcua.ErrorField(err) != c.field {
					t.Fatalf("err = %v, want one on %s", err, c.field)
				}
			case err != nil:
				t.Fatal(err)
			case c.nilOK != (bill == nil):
				t.Fatalf("bill %+v, want nil: %v", bill, c.nilOK)
			case bill != nil && bill.Total != c.total:
				t.Fatalf("total %d, want %d", bill.Total, c.total)
			}
		})
	}
}
