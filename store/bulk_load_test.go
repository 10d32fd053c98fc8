package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

// acceptedAt builds a dossier of the fixture procedure received at unit by
// counter at the instant, with its acceptance event replayed and stamped
// as intake writes it (what a bulk load's generator hands over).
func (f *fixture) acceptedAt(t *testing.T, unit *motcua.Unit, counter *motcua.Actor, at time.Time) (motcua.Dossier, motcua.Event) {
	t.Helper()
	cal, err := f.db.Calendar(t.Context(), unit.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := f.intake(unit.ID)
	e := motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: at, ActorID: counter.User.ID, UnitID: unit.ID,
		Data: motcua.EventData{ProcedureVersionID: f.proc.VersionID, ReceivingUnitID: unit.ID, DecidingUnitID: unit.ID,
			Channel: in.Channel, Applicant: &in.Applicant, Documents: in.Documents, Sets: in.Sets}}
	d, clock, err := ledger.Replay(motcua.Dossier{ProcedureID: f.proc.ID}, []motcua.Event{e}, f.proc, cal)
	if err != nil {
		t.Fatal(err)
	}
	ledger.Stamp(&e, &d, clock)
	return d, e
}

// A bulk-loaded dossier reads back as the intake's own would: the stored
// row, and its replayed acceptance event. Its code continues the unit's
// sequence of the day, and intake afterwards continues both the codes and
// the ids (PostgreSQL's sequences are moved past the loaded ids).
func TestBulkLoadDossiersReadsBackAsAccepted(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newFixture(t, db)
		first := f.accept(t, f.counterA, f.a.ID)
		atA, eventA := f.acceptedAt(t, f.a, f.counterA, vn(3, 4, 8, 0))
		atB, eventB := f.acceptedAt(t, f.b, f.counterB, vn(3, 1, 10, 30))
		// Withdrawn without its withdrawal event, as the bench loads it.
		atB.State, atB.ClosedAt = motcua.StateWithdrawn, atB.AcceptedAt
		var told []int
		rep, err := db.BulkLoadDossiers(ctx, func(add store.BulkAdd) error {
			if err := add(&atB, &eventB); err != nil {
				return err
			}
			return add(&atA, &eventA)
		}, func(done int) { told = append(told, done) })
		if err != nil {
			t.Fatal(err)
		}
		if rep.Dossiers != 2 || rep.BusiestUnitDay != 2 || len(told) != 1 || told[0] != 2 {
			t.Errorf("report %+v, progress %v; want 2 dossiers, busiest unit-day 2 (one accepted, one loaded), progress [2]", rep, told)
		}
		if want := f.a.Code + "-240304-0002"; atA.Code != want {
			t.Errorf("code at A %q, want %q (after the intake's %s)", atA.Code, want, first.Code)
		}
		if want := f.b.Code + "-240301-0001"; atB.Code != want {
			t.Errorf("code at B %q, want %q", atB.Code, want)
		}
		for _, x := range []struct {
			want *motcua.Dossier
			a    *motcua.Actor
		}{{&atA, f.counterA}, {&atB, f.counterB}} {
			got, err := db.DossierByCode(ctx, x.a, x.want.Code)
			if err != nil {
				t.Fatal(err)
			}
			want := *x.want
			want.ProcedureCode, want.ProcedureName = f.proc.Code, f.proc.Name
			sameDossier(t, "stored "+want.Code, got, &want)
		}
		replayed, events, _, err := db.History(ctx, f.counterA, atA.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 || events[0].Type != motcua.EventAccepted || events[0].DossierID != atA.ID {
			t.Errorf("events %+v, want the acceptance", events)
		}
		want := atA
		want.ProcedureCode, want.ProcedureName = f.proc.Code, f.proc.Name
		sameDossier(t, "replayed", replayed, &want)

		next := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240304-0003"; next.Code != want || next.ID <= atA.ID {
			t.Errorf("intake after the load: %s id %d, want %s after id %d", next.Code, next.ID, want, atA.ID)
		}
	})
}

// A generator's failure is the load's: the transaction it interrupts is
// not written, and the store writes as before.
func TestBulkLoadDossiersStopsAtTheGeneratorsFailure(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d, e := f.acceptedAt(t, f.a, f.counterA, vn(3, 4, 8, 0))
		stop := errors.New("generator stopped")
		_, err := db.BulkLoadDossiers(t.Context(), func(add store.BulkAdd) error {
			if err := add(&d, &e); err != nil {
				return err
			}
			return stop
		}, nil)
		if !errors.Is(err, stop) {
			t.Fatalf("err %v, want the generator's", err)
		}
		if n := count(t, db, "dossiers"); n != 0 {
			t.Errorf("%d dossiers written, want none", n)
		}
		if got := f.accept(t, f.counterA, f.a.ID); got.Code != f.a.Code+"-240304-0001" {
			t.Errorf("intake after a failed load: %s, want the day's first code", got.Code)
		}
	})
}
