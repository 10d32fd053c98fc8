package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestAdoptionDecidesWhereAProcedureApplies: adopted nowhere, a procedure
// applies at every commune; once commune A adopts it from 05/03, commune B
// cannot receive it and A only from that day; A's leader assigns A's
// officers to steps, and only officers holding the step's role.
func TestAdoptionDecidesWhereAProcedureApplies(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		f.accept(t, f.counterB, f.b.ID) // adopted nowhere: open to all

		wantCode(t, db.Adopt(ctx, f.counterA, f.proc.ID, f.a.ID, vn(3, 5, 0, 0)), motcua.EFORBIDDEN)
		wantCode(t, db.Adopt(ctx, f.leaderA, f.proc.ID, f.b.ID, vn(3, 5, 0, 0)), motcua.EFORBIDDEN)
		if err := db.Adopt(ctx, f.leaderA, f.proc.ID, f.a.ID, vn(3, 5, 0, 0)); err != nil {
			t.Fatal(err)
		}
		_, err := db.Accept(ctx, f.counterB, f.intake(f.b.ID))
		if motcua.ErrorField(err) != "procedure" {
			t.Errorf("intake at a commune that did not adopt: %v", err)
		}
		_, err = db.Accept(ctx, f.counterA, f.intake(f.a.ID)) // Mon 04/03: before the adoption
		if motcua.ErrorField(err) != "procedure" {
			t.Errorf("intake before the adoption date: %v", err)
		}
		setNow(db, vn(3, 5, 9, 0))
		if _, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID)); err != nil {
			t.Errorf("intake after the adoption: %v", err)
		}
		for who, want := range map[string]int{"A": 1, "B": 0} {
			unit := map[string]int64{"A": f.a.ID, "B": f.b.ID}[who]
			list, err := db.Catalog(ctx, store.CatalogFilter{Units: []int64{unit}})
			if err != nil || len(list) != want {
				t.Errorf("procedures applying at %s: %d, %v; want %d", who, len(list), err, want)
			}
		}

		step := f.proc.Steps[1].Name
		wantCode(t, db.SetStepOfficers(ctx, f.leaderA, f.proc.ID, f.a.ID, step, []int64{f.counterA.User.ID}), motcua.EINVALID)
		wantCode(t, db.SetStepOfficers(ctx, f.leaderA, f.proc.ID, f.a.ID, "Bước không có", nil), motcua.EINVALID)
		wantCode(t, db.SetStepOfficers(ctx, f.specialistA, f.proc.ID, f.a.ID, step, []int64{f.specialistA.User.ID}), motcua.EFORBIDDEN)
		second := mustUser(t, db, "chuyenvien2.a", "Phan Thị Hai", motcua.RoleSpecialist, f.a.ID)
		if err := db.SetStepOfficers(ctx, f.leaderA, f.proc.ID, f.a.ID, step, []int64{second.User.ID}); err != nil {
			t.Fatal(err)
		}
		r, err := db.TrialOf(ctx, f.proc.Code, "", f.a.ID, false, vn(3, 5, 9, 0))
		if err != nil || len(r.Holders[1]) != 1 || r.Holders[1][0].ID != second.User.ID {
			t.Errorf("trial holders of the assigned step: %v, %v", r.Holders[1], err)
		}
	})
}
