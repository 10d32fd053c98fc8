package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestTrialRunsAtAServiceCentre: a catalogue trial with no unit chosen
// receives where the organisation receives since 07/2025 — a commune
// procedure at a commune's centre, decided by its commune; a province
// procedure at the provincial centre, decided by the department it names.
func TestTrialRunsAtAServiceCentre(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		for _, w := range []struct {
			p                   *motcua.Procedure
			receiving, deciding *motcua.Unit
		}{
			{c.communeProc, c.centreA, c.communeA},
			{c.provinceProc, c.centre, c.justice},
		} {
			r, err := db.TrialOf(t.Context(), w.p.Code, w.p.Level, 0, false, monday)
			if err != nil {
				t.Errorf("trial of %s: %v", w.p.Name, err)
				continue
			}
			if r.Receiving.ID != w.receiving.ID || r.Deciding.ID != w.deciding.ID {
				t.Errorf("trial of %s: receiving/deciding %s / %s, want %s / %s", w.p.Name,
					r.Receiving.Name, r.Deciding.Name, w.receiving.Name, w.deciding.Name)
			}
		}
	})
}
