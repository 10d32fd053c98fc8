package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestCheckLedger: projections written by the store agree with their
// replay; a projection changed behind the ledger's back is found.
func TestCheckLedger(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.accept(t, f.counterA, f.a.ID)
		if _, err := db.Act(t.Context(), f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}); err != nil {
			t.Fatal(err)
		}
		f.accept(t, f.counterB, f.b.ID)
		c, err := db.CheckLedger(t.Context())
		if err != nil || c.Dossiers != 2 || len(c.Problems) != 0 {
			t.Fatalf("%d dossiers, %v, %v", c.Dossiers, c.Problems, err)
		}
		if _, err := db.SQL().Exec(db.Rebind(`UPDATE dossiers SET state = 'result_ready' WHERE id = ?`), d.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.CheckLedger(t.Context()); len(c.Problems) != 1 {
			t.Fatalf("a forged state: %v", c.Problems)
		}
	})
}
