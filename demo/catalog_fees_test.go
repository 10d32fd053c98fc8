package demo

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestDemoFeesAreTheSamplesFees: free where the sample says so, the
// national amounts where it gives them, the note alone where the province's
// council sets the amount.
func TestDemoFeesAreTheSamplesFees(t *testing.T) {
	procs, err := Procedures()
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*motcua.Procedure{}
	stated, free := 0, 0
	for _, p := range procs {
		by[p.Code+"/"+string(p.Level)] = p
		if p.FeesStated {
			stated++
			if len(p.FeeLines) == 0 {
				free++
			}
		}
		if p.Fees == "" && p.FeesStated && len(p.FeeLines) > 0 {
			t.Errorf("%s lost its note", p.Code)
		}
	}
	if stated != 29 || free != 12 {
		t.Errorf("%d procedures state their fees, %d of them free; want 29 and 12", stated, free)
	}
	for _, c := range []struct {
		key          string
		q            motcua.FeeQuantities
		stated       bool
		total, lines int64
	}{
		{"1.001193/commune", motcua.FeeQuantities{Copies: 2}, true, 0, 0},
		{"1.000894/commune", motcua.FeeQuantities{Copies: 2}, true, 16000, 1},    // TT 281/2016/TT-BTC: 8.000 đồng a copy
		{"2.000815/commune", motcua.FeeQuantities{Pages: 10}, true, 12000, 1},    // TT 226/2016/TT-BTC: 2 × 2.000 + 8 × 1.000
		{"2.000815/commune", motcua.FeeQuantities{Pages: 1000}, true, 200000, 1}, // at most 200.000 đồng
		{"1.004583/district", motcua.FeeQuantities{}, true, 80000, 1},
		{"1.000656/commune", motcua.FeeQuantities{}, false, 0, 0}, // the council's levy: a note only
	} {
		p := by[c.key]
		if p == nil {
			t.Fatalf("no demo procedure %s", c.key)
		}
		if p.FeesStated != c.stated || int64(len(p.FeeLines)) != c.lines {
			t.Errorf("%s: stated %v with %d lines, want %v with %d", c.key, p.FeesStated, len(p.FeeLines), c.stated, c.lines)
			continue
		}
		bill, err := ledger.ComputeFees(p.FeeLines, c.q)
		if err != nil || bill.Total != c.total {
			t.Errorf("%s %+v: total %d, %v; want %d", c.key, c.q, bill.Total, err, c.total)
		}
	}
}
