package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestDrillDownFollowsTheDossierPolicy: a district leader reports on the
// communes below (the count holds their dossiers) but may not view their
// dossiers, so the drill-down lists none and says how many it leaves out;
// the commune's leader sees them, and each dossier listed is a read in the
// audit trail.
func TestDrillDownFollowsTheDossierPolicy(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		district := mustUser(t, db, "lanhdao.huyen", "Đinh Văn Huyện", motcua.RoleLeader, f.district.ID)
		setNow(db, vn(3, 4, 9, 0))
		first, second := f.accept(t, f.counterA, f.a.ID), f.accept(t, f.counterA, f.a.ID)
		q := report.Query{From: vn(3, 1, 0, 0), To: vn(4, 1, 0, 0), UnitID: f.district.ID}

		dr, err := db.II06aDossiers(t.Context(), district, q, "received_total", "", 0)
		if err != nil || dr.Total != 2 || dr.Visible != 0 || dr.Hidden != 2 || len(dr.Rows) != 0 {
			t.Fatalf("district leader's drill-down: %+v, %v; want 2 counted, none listed, 2 hidden", dr, err)
		}
		if _, err := db.Dossier(t.Context(), district, first.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("the district leader opens the commune's dossier: %v (the policy changed: this test assumes 404)", err)
		}
		q.UnitID = f.a.ID
		dr, err = db.II06aDossiers(t.Context(), f.leaderA, q, "received_total", "", 0)
		if err != nil || dr.Total != 2 || dr.Visible != 2 || dr.Hidden != 0 || len(dr.Rows) != 2 {
			t.Fatalf("commune leader's drill-down: %+v, %v; want both listed", dr, err)
		}
		for _, d := range []*motcua.Dossier{first, second} {
			log, err := db.AuditLog(t.Context(), store.AuditFilter{Object: d.Code, Actor: f.leaderA.AuditName()})
			if err != nil || len(log) != 1 || log[0].Action != "dossier.read" {
				t.Errorf("audit of %s by the commune leader: %+v, %v; want one dossier.read", d.Code, log, err)
			}
			log, err = db.AuditLog(t.Context(), store.AuditFilter{Object: d.Code, Actor: district.AuditName()})
			if err != nil || len(log) != 0 {
				t.Errorf("audit of %s by the district leader: %+v, %v; it was not listed, so not read", d.Code, log, err)
			}
		}
	})
}
