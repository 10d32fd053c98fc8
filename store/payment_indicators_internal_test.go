package store

import (
	"slices"
	"testing"
)

// TestProcsWithFeesInForceInThePeriod: a procedure counts when a version
// in force at some instant of the period charges fees — not one
// superseded before the period, not a repeal, not one of the same
// instant as a later one — under its newest charging version's name.
func TestProcsWithFeesInForceInThePeriod(t *testing.T) {
	const levy = `[{"kind":"le_phi","name":"Lệ phí","amount":5000,"basis":"fixed","pay_at":"intake"}]`
	const from = 100
	v := func(proc, eff int64, name, kind, lines string) catalogueVersion {
		return catalogueVersion{procedureID: proc, effective: eff, code: name[:1], name: name, kind: kind, lines: lines}
	}
	got, err := procsWithFees([]catalogueVersion{
		v(1, 10, "A fees, superseded by a free version before the period", "add", levy), v(1, 50, "A free", "amend", "[]"),
		v(2, 10, "B free until the period's middle", "add", "[]"), v(2, 150, "B charging", "amend", levy),
		v(3, 10, "C charging", "add", levy), v(3, 120, "C repealed", "repeal", levy),
		v(4, 10, "D charging but replaced at the same instant", "add", levy), v(4, 10, "D not stated", "amend", ""),
		v(5, 10, "E old name", "add", levy), v(5, 150, "E new name", "amend", levy),
	}, from)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	want := []string{"B charging", "C charging", "E new name"}
	if !slices.Equal(names, want) {
		t.Errorf("procedures with fees %v, want %v", names, want)
	}
	if _, err := procsWithFees([]catalogueVersion{v(1, 10, "broken", "add", "{")}, from); err == nil {
		t.Error("malformed fee lines read without error")
	}
}
