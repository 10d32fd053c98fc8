package ledger_test

import (
	"math"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Real national amounts: the copy of a civil-status extract (Circular
// 281/2016/TT-BTC, art. 4: 8.000 đồng per copy) and the certification of a
// copy from its original (Circular 226/2016/TT-BTC: 2.000 đồng a page, from
// the third page 1.000 đồng, at most 200.000 đồng a copy).
var (
	extractCopies = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000,
		Basis: motcua.FeePerCopy, LegalBasis: "TT 281/2016/TT-BTC", PayAt: motcua.FeePayAtResult}
	certifyPages = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí chứng thực bản sao từ bản chính", Basis: motcua.FeeTable,
		Over: motcua.FeePerPage, Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 3, Amount: 1000}}, Max: 200000,
		LegalBasis: "TT 226/2016/TT-BTC", PayAt: motcua.FeePayAtIntake}
	levyFixed = motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 50000, Basis: motcua.FeeFixed,
		Exemptions: []motcua.FeeExemption{{Who: "Hộ nghèo", Basis: "NĐ 123/2015/NĐ-CP, Điều 11"}}, PayAt: motcua.FeePayAtIntake}
	perSet  = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí thẩm định", Amount: 120000, Basis: motcua.FeePerSet, PayAt: motcua.FeePayAtIntake}
	perPage = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí sao lục", Amount: 3000, Basis: motcua.FeePerPage, PayAt: motcua.FeePayAtResult}
)

func TestComputeFees(t *testing.T) {
	for _, c := range []struct {
		name                    string
		lines                   []motcua.FeeLine
		q                       motcua.FeeQuantities
		amounts                 []int64
		total, intake, atResult int64
	}{
		{"free: no lines", []motcua.FeeLine{}, motcua.FeeQuantities{Copies: 3}, nil, 0, 0, 0},
		{"per copy", []motcua.FeeLine{extractCopies}, motcua.FeeQuantities{Copies: 3}, []int64{24000}, 24000, 0, 24000},
		{"per copy, none asked", []motcua.FeeLine{extractCopies}, motcua.FeeQuantities{}, []int64{0}, 0, 0, 0},
		{"per page", []motcua.FeeLine{perPage}, motcua.FeeQuantities{Pages: 7}, []int64{21000}, 21000, 0, 21000},
		{"per set", []motcua.FeeLine{perSet}, motcua.FeeQuantities{Sets: 2, Copies: 9}, []int64{240000}, 240000, 240000, 0},
		{"fixed ignores quantities", []motcua.FeeLine{levyFixed}, motcua.FeeQuantities{Copies: 5, Pages: 5}, []int64{50000}, 50000, 50000, 0},
		{"table, first band", []motcua.FeeLine{certifyPages}, motcua.FeeQuantities{Pages: 2}, []int64{4000}, 4000, 4000, 0},
		{"table, two bands", []motcua.FeeLine{certifyPages}, motcua.FeeQuantities{Pages: 10}, []int64{12000}, 12000, 12000, 0},
		{"table, capped", []motcua.FeeLine{certifyPages}, motcua.FeeQuantities{Pages: 500}, []int64{200000}, 200000, 200000, 0},
		{"table, zero pages", []motcua.FeeLine{certifyPages}, motcua.FeeQuantities{}, []int64{0}, 0, 0, 0},
		{"intake and result split", []motcua.FeeLine{levyFixed, extractCopies}, motcua.FeeQuantities{Copies: 2},
			[]int64{50000, 16000}, 66000, 50000, 16000},
		{"exempt with a reason", []motcua.FeeLine{levyFixed, extractCopies},
			motcua.FeeQuantities{Copies: 1, Exempt: []motcua.FeeExemptionClaim{{Line: 0, Reason: "Hộ nghèo, sổ số 12/2026"}}},
			[]int64{0, 8000}, 8000, 0, 8000},
	} {
		t.Run(c.name, func(t *testing.T) {
			bill, err := ledger.ComputeFees(c.lines, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(bill.Lines) != len(c.amounts) {
				t.Fatalf("%d bill lines, want %d", len(bill.Lines), len(c.amounts))
			}
			for i, want := range c.amounts {
				if got := bill.Lines[i].Amount; got != want {
					t.Errorf("line %d: %d đồng, want %d", i, got, want)
				}
			}
			if bill.Total != c.total || bill.DueAtIntake != c.intake || bill.DueAtResult != c.atResult {
				t.Errorf("total %d (intake %d, result %d), want %d (%d, %d)", bill.Total, bill.DueAtIntake, bill.DueAtResult,
					c.total, c.intake, c.atResult)
			}
		})
	}
}

func TestComputeFeesExemptionKeepsGrossAndReason(t *testing.T) {
	bill, err := ledger.ComputeFees([]motcua.FeeLine{levyFixed},
		motcua.FeeQuantities{Exempt: []motcua.FeeExemptionClaim{{Line: 0, Reason: "  Người khuyết tật  "}}})
	if err != nil {
		t.Fatal(err)
	}
	l := bill.Lines[0]
	if !l.Exempt || l.Gross != 50000 || l.Amount != 0 || l.Reason != "Người khuyết tật" {
		t.Errorf("exempt line = %+v", l)
	}
}

func TestComputeFeesRefuses(t *testing.T) {
	huge := motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí", Amount: motcua.MaxFeeAmount, Basis: motcua.FeePerPage, PayAt: motcua.FeePayAtIntake}
	many := make([]motcua.FeeLine, 10)
	for i := range many {
		many[i] = huge
	}
	badBands := certifyPages
	badBands.Bands = []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 4, Amount: 1000}}
	for _, c := range []struct {
		name  string
		lines []motcua.FeeLine
		q     motcua.FeeQuantities
		field string
	}{
		{"exemption without a reason", []motcua.FeeLine{levyFixed}, motcua.FeeQuantities{Exempt: []motcua.FeeExemptionClaim{{Line: 0, Reason: " "}}}, "exempt"},
		{"exemption of no line", []motcua.FeeLine{levyFixed}, motcua.FeeQuantities{Exempt: []motcua.FeeExemptionClaim{{Line: 1, Reason: "x"}}}, "exempt"},
		{"exemption twice", []motcua.FeeLine{levyFixed}, motcua.FeeQuantities{Exempt: []motcua.FeeExemptionClaim{{Line: 0, Reason: "x"}, {Line: 0, Reason: "y"}}}, "exempt"},
		{"negative copies", []motcua.FeeLine{extractCopies}, motcua.FeeQuantities{Copies: -1}, "quantity"},
		{"absurd pages", []motcua.FeeLine{perPage}, motcua.FeeQuantities{Pages: math.MaxInt32}, "quantity"},
		{"overflow of the total", many, motcua.FeeQuantities{Pages: 1_000_000}, "quantity"},
		{"invalid line", []motcua.FeeLine{badBands}, motcua.FeeQuantities{Pages: 3}, "fee_lines"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ledger.ComputeFees(c.lines, c.q)
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field {
				t.Fatalf("err = %v, want EINVALID on %s", err, c.field)
			}
		})
	}
}
