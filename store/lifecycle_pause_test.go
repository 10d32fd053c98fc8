package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The dossier goes through every state; each instant below is worked out by
// hand from the default office hours (07:30–11:30, 13:30–17:00, Mon–Fri).
func TestLifecycleWithSupplementPause(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID) // Mon 04/03 09:00, due Thu 07/03 09:00
		act := func(who *motcua.Actor, at time.Time, typ motcua.EventType, edit ...func(*motcua.Action)) *motcua.Dossier {
			t.Helper()
			setNow(db, at)
			a := motcua.Action{DossierID: d.ID, Version: d.Version, Type: typ}
			for _, e := range edit {
				e(&a)
			}
			next, err := db.Act(ctx, who, a)
			if err != nil {
				t.Fatalf("%s at %s: %v", typ, show(at), err)
			}
			if next.Version != d.Version+1 {
				t.Fatalf("%s: version %d → %d", typ, d.Version, next.Version)
			}
			return next
		}

		// Mon 10:00 the counter hands over to the specialist. Step due
		// instants are checked by TestStepDueInstantsAreStored.
		d = act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		if d.Step != 1 || d.CurrentUnitID != f.a.ID {
			t.Errorf("after hand-over step %d unit %d", d.Step, d.CurrentUnitID)
		}

		// Tue 08:30 the specialist asks for a supplement: 420 of 1350 min
		// used, 930 left.
		d = act(f.specialistA, vn(3, 5, 8, 30), motcua.EventSupplementRequested,
			func(a *motcua.Action) {
				a.Missing = []string{"Giấy chứng sinh (bản chính)", "Giấy tờ tùy thân của người đi đăng ký"}
			})
		if d.State != motcua.StateSupplement {
			t.Errorf("state %s, want supplement", d.State)
		}
		wantInstant(t, "PausedAt", d.PausedAt, vn(3, 5, 8, 30))
		wantInstant(t, "DueAt while paused", d.DueAt, dueFromMonday)
		list, _, err := db.Worklist(ctx, f.counterA, motcua.DossierFilter{State: motcua.StateSupplement})
		if err != nil || len(list) != 1 || list[0].ID != d.ID {
			t.Errorf("worklist of waiting dossiers = %v, %v", ids(list), err)
		}

		// Mon 11/03 14:00 the applicant brings the documents. Paused working
		// time Tue 08:30 → Mon 14:00 is 390+450+450+450+270 = 2010 min, so
		// the due date moves from Thu 07/03 09:00 to Wed 13/03 14:30 (930
		// min from Mon 14:00: Mon 180, Tue 450, Wed 240+60).
		// The stored projection right after the resume is checked by
		// TestSupplementReceivedMovesStoredDueDate; here it is read back
		// after the next action, which replays the whole log.
		d = act(f.counterA, vn(3, 11, 14, 0), motcua.EventSupplementReceived)
		if d.State != motcua.StateProcessing || !d.PausedAt.IsZero() {
			t.Errorf("after supplement: state %s pausedAt %s", d.State, show(d.PausedAt))
		}
		wantDue := vn(3, 13, 14, 30)

		// Tue 12/03 09:00 the specialist hands over to the leader.
		d = act(f.specialistA, vn(3, 12, 9, 0), motcua.EventHandedOver)
		wantInstant(t, "DueAt after the pause", d.DueAt, wantDue)
		cal, err := db.Calendar(ctx, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if moved, paused := cal.Between(dueFromMonday, d.DueAt), cal.Between(vn(3, 5, 8, 30), vn(3, 11, 14, 0)); moved != paused || paused != 2010*time.Minute {
			t.Errorf("due date moved by %v of working time, paused %v; want both 2010 min", moved, paused)
		}

		// Tue 10:00 the leader signs and sends the result to the counter
		// (step 3); Tue 10:30 the result is ready, Tue 14:00 returned.
		d = act(f.leaderA, vn(3, 12, 10, 0), motcua.EventHandedOver)
		if d.Step != 3 || d.CurrentUnitID != f.a.ID {
			t.Errorf("step %d unit %d, want 3 at A", d.Step, d.CurrentUnitID)
		}
		d = act(f.counterA, vn(3, 12, 10, 30), motcua.EventResultReady)
		wantInstant(t, "ResultAt", d.ResultAt, vn(3, 12, 10, 30))
		if d.State != motcua.StateResultReady || d.Overdue(vn(3, 20, 9, 0)) {
			t.Errorf("state %s overdue %v: result before the moved due date is on time", d.State, d.Overdue(vn(3, 20, 9, 0)))
		}
		if list, _, _ := db.Worklist(ctx, f.counterA, motcua.DossierFilter{}); len(list) != 1 {
			t.Errorf("a ready result awaiting return is still on the worklist; got %v", ids(list))
		}
		d = act(f.counterA, vn(3, 12, 14, 0), motcua.EventResultReturned)
		wantInstant(t, "ReturnedAt", d.ReturnedAt, vn(3, 12, 14, 0))
		if d.State != motcua.StateReturned || d.Version != 8 {
			t.Errorf("state %s version %d, want returned 8", d.State, d.Version)
		}

		stored, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "stored after return", stored, d)
		events, err := db.Timeline(ctx, f.counterA, stored)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			typ   motcua.EventType
			at    time.Time
			actor *motcua.Actor
		}{
			{motcua.EventAccepted, monday, f.counterA},
			{motcua.EventHandedOver, vn(3, 4, 10, 0), f.counterA},
			{motcua.EventSupplementRequested, vn(3, 5, 8, 30), f.specialistA},
			{motcua.EventSupplementReceived, vn(3, 11, 14, 0), f.counterA},
			{motcua.EventHandedOver, vn(3, 12, 9, 0), f.specialistA},
			{motcua.EventHandedOver, vn(3, 12, 10, 0), f.leaderA},
			{motcua.EventResultReady, vn(3, 12, 10, 30), f.counterA},
			{motcua.EventResultReturned, vn(3, 12, 14, 0), f.counterA},
		}
		if len(events) != len(want) {
			t.Fatalf("timeline has %d events, want %d", len(events), len(want))
		}
		for i, w := range want {
			e := events[i]
			if e.Seq != i+1 || e.Type != w.typ || !e.At.Equal(w.at) || !e.RecordedAt.Equal(w.at) ||
				e.ActorID != w.actor.User.ID || e.ActorName != w.actor.User.FullName {
				t.Errorf("event %d = seq %d %s at %s by %d %q; want %s at %s by %q", i+1, e.Seq, e.Type, show(e.At),
					e.ActorID, e.ActorName, w.typ, show(w.at), w.actor.User.FullName)
			}
		}
		if m := events[2].Data.Missing; len(m) != 2 || m[0] != "Giấy chứng sinh (bản chính)" {
			t.Errorf("supplement request lists %q", m)
		}
		if list, total, _ := db.Worklist(ctx, f.counterA, motcua.DossierFilter{}); total != 0 || len(list) != 0 {
			t.Errorf("default worklist after return shows %v", ids(list))
		}
		if list, _, _ := db.Worklist(ctx, f.counterA, motcua.DossierFilter{State: motcua.StateReturned}); len(list) != 1 {
			t.Errorf("returned filter shows %v, want the dossier", ids(list))
		}
	})
}

// The stored row, and the dossier Act returns, must equal the replay of the
// whole log after every action; right after a supplement is received the
// due date must already have moved (domain.md §6: pauses freeze the
// remaining time, resuming continues it).
func TestSupplementReceivedMovesStoredDueDate(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		// The same instants as TestLifecycleWithSupplementPause.
		for _, step := range []struct {
			at time.Time
			a  motcua.Action
			by *motcua.Actor
		}{
			{vn(3, 4, 10, 0), motcua.Action{Type: motcua.EventHandedOver}, f.counterA},
			{vn(3, 5, 8, 30), motcua.Action{Type: motcua.EventSupplementRequested, Missing: []string{"Giấy chứng sinh"}}, f.specialistA},
			{vn(3, 11, 14, 0), motcua.Action{Type: motcua.EventSupplementReceived}, f.counterA},
		} {
			setNow(db, step.at)
			step.a.DossierID, step.a.Version = d.ID, d.Version
			var err error
			if d, err = db.Act(ctx, step.by, step.a); err != nil {
				t.Fatal(err)
			}
		}
		wantInstant(t, "returned DueAt", d.DueAt, vn(3, 13, 14, 30))
		wantInstant(t, "returned StepDueAt", d.StepDueAt, vn(3, 12, 15, 30))
		stored, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantInstant(t, "stored DueAt", stored.DueAt, vn(3, 13, 14, 30))
		wantInstant(t, "stored StepDueAt", stored.StepDueAt, vn(3, 12, 15, 30))
	})
}
