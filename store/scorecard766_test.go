package store_test

import (
	"testing"

	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestScorecardAgreesWithTheIndicators: the scorecard computed from the
// projected national records gives 4.1–4.4 exactly as the digital
// indicators (report/digital.go) on the digital fixture, and 3.5–3.6
// exactly as the payment indicators (report/payment_indicators.go) on the
// payment fixture, at a commune, its district and the whole province.
//
// Where the national formula differs from ours (docs/scorecard-766.md):
// the scorecard attributes a dossier to its deciding unit only, ours to
// its deciding or receiving unit (the fixtures' dossiers are decided where
// received, so the figures agree); 3.6 keeps in its denominator a dossier
// of a procedure with fees that carries no fee data at all, ours counts
// only bills above 0 (no fixture dossier of a procedure with fees lacks a
// bill: every version with fee lines bills its dossiers).
func TestScorecardAgreesWithTheIndicators(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newDigitalFixture(t, db)
		for _, unit := range []int64{f.a.ID, f.district.ID, 0} {
			want, err := db.DigitalIndicators(t.Context(), march(unit))
			if err != nil {
				t.Fatal(err)
			}
			sc, err := db.Scorecard766(t.Context(), march(unit), nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				got, _ := sc.Indicator(w.Code)
				if got.Numerator != w.Numerator || got.Denominator != w.Denominator {
					t.Errorf("unit %d, %s: scorecard %d/%d, indicators %d/%d", unit, w.Code, got.Numerator, got.Denominator, w.Numerator, w.Denominator)
				}
			}
		}
	})
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newPaymentIndicatorFixture(t, db)
		for _, unit := range []int64{f.a.ID, f.b.ID, f.district.ID, 0} {
			want, err := db.PaymentIndicators(t.Context(), march(unit))
			if err != nil {
				t.Fatal(err)
			}
			sc, err := db.Scorecard766(t.Context(), march(unit), &report.SyncCount{Synced: 1, Received: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				got, _ := sc.Indicator(w.Code)
				if got.Numerator != w.Numerator || got.Denominator != w.Denominator {
					t.Errorf("unit %d, %s: scorecard %d/%d, indicators %d/%d", unit, w.Code, got.Numerator, got.Denominator, w.Numerator, w.Denominator)
				}
			}
		}
	})
}
