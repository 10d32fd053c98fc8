package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func TestOfficerSeesAndActsOnlyWithinScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		mine := f.accept(t, f.counterA, f.a.ID)
		theirs := f.accept(t, f.counterB, f.b.ID)
		logged := reads(t, db)
		for _, a := range []*motcua.Actor{f.counterA, f.specialistA, f.leaderA} {
			name := a.User.Username
			if _, err := db.Dossier(ctx, a, theirs.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s: Dossier(B's) err = %v, want not_found", name, err)
			}
			if _, err := db.DossierByCode(ctx, a, theirs.Code); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s: DossierByCode(B's) err = %v, want not_found", name, err)
			}
			if _, err := db.Timeline(ctx, a, theirs); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s: Timeline(B's) err = %v, want not_found", name, err)
			}
			events := count(t, db, "events")
			for _, typ := range []motcua.EventType{motcua.EventHandedOver, motcua.EventSupplementRequested, motcua.EventResultReady, motcua.EventWithdrawn} {
				_, err := db.Act(ctx, a, motcua.Action{DossierID: theirs.ID, Version: theirs.Version, Type: typ,
					Reason: "lý do", Missing: []string{"Giấy tờ"}})
				if c := motcua.ErrorCode(err); c != motcua.ENOTFOUND && c != motcua.EFORBIDDEN {
					t.Errorf("%s: Act(%s on B's) err = %v, want not_found or forbidden", name, typ, err)
				}
			}
			if n := count(t, db, "events"); n != events {
				t.Errorf("%s: acting out of scope appended %d events", name, n-events)
			}
			list, total, err := db.Worklist(ctx, a, motcua.DossierFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || len(list) != 1 || list[0].ID != mine.ID {
				t.Errorf("%s: worklist total %d, ids %v; want only A's dossier %d", name, total, ids(list), mine.ID)
			}
			if list, _, _ := db.Worklist(ctx, a, motcua.DossierFilter{Query: theirs.Code}); len(list) != 0 {
				t.Errorf("%s: worklist search by B's code found %v", name, ids(list))
			}
		}
		if n := reads(t, db); n != logged {
			t.Errorf("refused reads left %d audited reads", n-logged)
		}
		if _, err := db.DossierByCode(ctx, f.counterA, f.b.Code+"-240304-9999"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("unknown code err = %v, want not_found like an out-of-scope one", err)
		}
		before := count(t, db, "dossiers")
		_, err := db.Accept(ctx, f.counterA, f.intake(f.b.ID))
		wantCode(t, err, motcua.EFORBIDDEN)
		_, err = db.Accept(ctx, f.specialistA, f.intake(f.a.ID))
		wantCode(t, err, motcua.EFORBIDDEN) // only counter officers receive
		if n := count(t, db, "dossiers"); n != before {
			t.Errorf("forbidden intakes created %d dossiers", n-before)
		}
		// B's own officers see B's dossier and not A's: the refusals above
		// are scope, not breakage.
		for _, a := range []*motcua.Actor{f.counterB, f.specialistB, f.leaderB} {
			if _, err := db.Dossier(ctx, a, theirs.ID); err != nil {
				t.Errorf("%s on B's dossier: %v", a.User.Username, err)
			}
			if _, err := db.Dossier(ctx, a, mine.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s on A's dossier: %v, want not_found", a.User.Username, err)
			}
		}
	})
}

func ids(list []*motcua.Dossier) []int64 {
	var out []int64
	for _, d := range list {
		out = append(out, d.ID)
	}
	return out
}
