package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Step budgets (domain.md §7: step deadlines are graded per step) with the
// default 450-minute day are the catalogue minutes themselves.
func TestStepDueInstantsAreStored(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		wantInstant(t, "step 0 (90 min from Mon 09:00)", d.StepDueAt, vn(3, 4, 10, 30))
		for _, s := range []struct {
			at, want time.Time
			by       *motcua.Actor
			what     string
		}{
			{vn(3, 4, 10, 0), vn(3, 6, 10, 0), f.counterA, "step 1 (900 min from Mon 10:00: Mon 300, Tue 450, Wed 150)"},
			{vn(3, 6, 9, 0), vn(3, 6, 15, 30), f.specialistA, "step 2 (270 min from Wed 09:00: 150 + 120)"},
			{vn(3, 6, 16, 0), vn(3, 7, 8, 0), f.leaderA, "step 3 (90 min from Wed 16:00: 60 + 30 on Thu)"},
		} {
			setNow(db, s.at)
			var err error
			if d, err = db.Act(ctx, s.by, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}); err != nil {
				t.Fatal(err)
			}
			wantInstant(t, s.what, d.StepDueAt, s.want)
			stored, err := db.Dossier(ctx, f.counterA, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantInstant(t, "stored "+s.what, stored.StepDueAt, s.want)
		}
	})
}
