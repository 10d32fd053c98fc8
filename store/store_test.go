package store_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// Accepted Mon 04/03 09:00 with 3 working days (1350 min): Mon 09:00–17:00
// uses 360, Tue 450, Wed 450, leaving 90 from Thu 07:30.
var dueFromMonday = vn(3, 7, 9, 0) // Thu 07/03 09:00

func TestAcceptIssuesCodeDueDateAndEvent(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240304-0001"; d.Code != want {
			t.Errorf("code = %q, want %q", d.Code, want)
		}
		wantInstant(t, "AcceptedAt", d.AcceptedAt, monday)
		wantInstant(t, "DueAt", d.DueAt, dueFromMonday)
		if d.State != motcua.StateProcessing || d.Step != 0 || d.Version != 1 {
			t.Errorf("state, step, version = %s, %d, %d; want processing, 0, 1", d.State, d.Step, d.Version)
		}
		if d.ReceivingUnitID != f.a.ID || d.DecidingUnitID != f.a.ID || d.CurrentUnitID != f.a.ID {
			t.Errorf("units receiving/deciding/current = %d/%d/%d, want commune A %d", d.ReceivingUnitID, d.DecidingUnitID, d.CurrentUnitID, f.a.ID)
		}
		if d.ProcedureID != f.proc.ID || d.VersionID != f.proc.VersionID || d.ProcedureName != f.proc.Name {
			t.Errorf("procedure = %d/%d/%q, want %d/%d/%q", d.ProcedureID, d.VersionID, d.ProcedureName, f.proc.ID, f.proc.VersionID, f.proc.Name)
		}

		logged := reads(t, db)
		stored, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "stored dossier", stored, d)
		if n := reads(t, db); n != logged+1 {
			t.Errorf("audited reads %d → %d: reading a dossier must log one row", logged, n)
		}
		byCode, err := db.DossierByCode(ctx, f.counterA, " "+d.Code+" ")
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "dossier by code", byCode, d)

		events, err := db.Timeline(ctx, f.counterA, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 {
			t.Fatalf("timeline has %d events, want 1", len(events))
		}
		e := events[0]
		if e.Type != motcua.EventAccepted || e.Seq != 1 || e.DossierID != d.ID || e.UnitID != f.a.ID {
			t.Errorf("event = %+v", e)
		}
		if e.ActorID != f.counterA.User.ID || e.ActorName != f.counterA.User.FullName {
			t.Errorf("event actor = %d %q, want %d %q", e.ActorID, e.ActorName, f.counterA.User.ID, f.counterA.User.FullName)
		}
		wantInstant(t, "event At", e.At, monday)
		wantInstant(t, "event RecordedAt", e.RecordedAt, monday)
		if e.LateEntry() {
			t.Error("an acceptance keyed as it happens is not a late entry")
		}
		if e.Data.Applicant == nil || e.Data.Applicant.Name != "Nguyễn Văn Bình" || e.Data.ProcedureVersionID != f.proc.VersionID ||
			e.Data.Channel != motcua.ChannelCounter || len(e.Data.Documents) != 1 {
			t.Errorf("event data = %+v", e.Data)
		}

		second := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240304-0002"; second.Code != want {
			t.Errorf("second code = %q, want %q", second.Code, want)
		}
		other := f.accept(t, f.counterB, f.b.ID)
		if want := f.b.Code + "-240304-0001"; other.Code != want {
			t.Errorf("first code at commune B = %q, want %q (sequences are per unit)", other.Code, want)
		}
		setNow(db, vn(3, 5, 8, 0))
		tuesday := f.accept(t, f.counterA, f.a.ID)
		if want := f.a.Code + "-240305-0001"; tuesday.Code != want {
			t.Errorf("next day's first code = %q, want %q (sequences are per day)", tuesday.Code, want)
		}
	})
}

func TestConcurrentAcceptNeverRepeatsCode(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		const workers, each = 8, 10
		var (
			mu    sync.Mutex
			codes []string
			errs  []error
			wg    sync.WaitGroup
		)
		start := make(chan struct{})
		for range workers {
			wg.Go(func() {
				<-start
				for range each {
					d, err := db.Accept(t.Context(), f.counterA, f.intake(f.a.ID))
					mu.Lock()
					if err != nil {
						errs = append(errs, err)
					} else {
						codes = append(codes, d.Code)
					}
					mu.Unlock()
				}
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			t.Errorf("concurrent Accept: %v", err)
		}
		slices.Sort(codes)
		var want []string
		for i := 1; i <= workers*each; i++ {
			want = append(want, fmt.Sprintf("%s-240304-%04d", f.a.Code, i))
		}
		if !slices.Equal(codes, want) {
			t.Errorf("codes issued:\n%s\nwant 0001..%04d each once", strings.Join(codes, "\n"), workers*each)
		}
		if n := count(t, db, "dossiers"); n != workers*each {
			t.Errorf("%d dossiers stored, want %d", n, workers*each)
		}
	})
}

func TestConflictingActionsExactlyOneWins(t *testing.T) {
	withdraw := func(d *motcua.Dossier) motcua.Action {
		return motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventWithdrawn, Reason: "Người nộp có đơn xin rút"}
	}
	handOver := func(d *motcua.Dossier) motcua.Action {
		return motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// The leader holds every step of the commune, so the loser of the
		// first race still passes the policy and meets the version check.
		cases := []struct {
			name          string
			first, second func(*motcua.Dossier) motcua.Action
			by1, by2      *motcua.Actor
		}{
			{"same hand-over twice", handOver, handOver, f.leaderA, f.leaderA},
			{"hand-over against withdrawal", handOver, withdraw, f.counterA, f.counterA},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				// Several rounds, so that the two transactions really overlap
				// in some of them on either engine.
				for round := range 6 {
					d := f.accept(t, f.counterA, f.a.ID)
					before := count(t, db, "events")
					errs := make([]error, 2)
					var wg sync.WaitGroup
					start := make(chan struct{})
					for i, act := range []motcua.Action{c.first(d), c.second(d)} {
						by := []*motcua.Actor{c.by1, c.by2}[i]
						wg.Go(func() {
							<-start
							_, errs[i] = db.Act(t.Context(), by, act)
						})
					}
					close(start)
					wg.Wait()
					ok, conflicts := 0, 0
					for _, err := range errs {
						switch motcua.ErrorCode(err) {
						case "":
							ok++
						case motcua.ECONFLICT:
							conflicts++
						default:
							t.Errorf("round %d: unexpected error %v", round, err)
						}
					}
					if ok != 1 || conflicts != 1 {
						t.Errorf("round %d: %d succeeded, %d conflicts (%v); want exactly one of each", round, ok, conflicts, errs)
					}
					if n := count(t, db, "events"); n != before+1 {
						t.Errorf("round %d: %d new events, want 1", round, n-before)
					}
					got, err := db.Dossier(t.Context(), f.counterA, d.ID)
					if err != nil {
						t.Fatal(err)
					}
					if got.Version != 2 {
						t.Errorf("round %d: version after the race = %d, want 2", round, got.Version)
					}
				}
			})
		}
	})
}

// An officer acting on the version they saw, after someone else moved the
// dossier on, must hear "reload" (conflict), not "you may not" (forbidden).
func TestStaleActionIsConflictEvenIfStepMovedOn(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.accept(t, f.counterA, f.a.ID)
		hand := motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}
		if _, err := db.Act(t.Context(), f.counterA, hand); err != nil {
			t.Fatal(err)
		}
		_, err := db.Act(t.Context(), f.counterA, hand) // the same click, from a second tab
		wantCode(t, err, motcua.ECONFLICT)
	})
}

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

func TestBadInputIsRejectedAndChangesNothing(t *testing.T) {
	long := strings.Repeat("ễ", 201) // 201 runes, 603 bytes
	cases := []struct {
		name  string
		edit  func(*motcua.Intake)
		field string
	}{
		{"empty applicant name", func(in *motcua.Intake) { in.Applicant.Name = " \t " }, "applicant_name"},
		{"no procedure", func(in *motcua.Intake) { in.ProcedureID = 0 }, "procedure"},
		{"name of 201 runes", func(in *motcua.Intake) { in.Applicant.Name = long }, "applicant_name"},
		{"bad channel", func(in *motcua.Intake) { in.Channel = "fax" }, "channel"},
		{"future instant", func(in *motcua.Intake) { in.At = monday.Add(time.Hour) }, "at"},
		{"late entry without reason", func(in *motcua.Intake) { in.At = monday.Add(-2 * time.Hour) }, "reason"},
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		dossiers, events := count(t, db, "dossiers"), count(t, db, "events")
		unchanged := func(t *testing.T) {
			t.Helper()
			if n, m := count(t, db, "dossiers"), count(t, db, "events"); n != dossiers || m != events {
				t.Errorf("dossiers %d → %d, events %d → %d: a rejected request must change nothing", dossiers, n, events, m)
			}
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				in := f.intake(f.a.ID)
				c.edit(&in)
				_, err := db.Accept(ctx, f.counterA, in)
				if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field {
					t.Errorf("err = %v, want invalid on field %q", err, c.field)
				}
				unchanged(t)
			})
		}
		t.Run("unknown procedure", func(t *testing.T) {
			in := f.intake(f.a.ID)
			in.ProcedureID = 987654
			if _, err := db.Accept(ctx, f.counterA, in); err == nil || motcua.ErrorCode(err) == motcua.EINTERNAL {
				t.Errorf("err = %v, want an application error", err)
			}
			unchanged(t)
		})
		t.Run("name of 200 runes is accepted", func(t *testing.T) {
			in := f.intake(f.a.ID)
			in.Applicant.Name = long[:len(long)-len("ễ")]
			got, err := db.Accept(ctx, f.counterA, in)
			if err != nil {
				t.Fatal(err)
			}
			if got.Applicant.Name != in.Applicant.Name {
				t.Error("200-rune name not stored as given")
			}
			dossiers, events = count(t, db, "dossiers"), count(t, db, "events")
		})
		t.Run("action not allowed in the state", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReturned})
			wantCode(t, err, motcua.ENOTALLOWED)
			_, err = db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventSupplementReceived})
			wantCode(t, err, motcua.ENOTALLOWED)
			unchanged(t)
		})
		t.Run("supplement request without a list", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventSupplementRequested, Missing: []string{" "}})
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "missing" {
				t.Errorf("err = %v, want invalid on field missing", err)
			}
			unchanged(t)
		})
		t.Run("stale version", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version + 1, Type: motcua.EventHandedOver})
			wantCode(t, err, motcua.ECONFLICT)
			unchanged(t)
		})
		t.Run("unknown dossier", func(t *testing.T) {
			_, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: 987654, Version: 1, Type: motcua.EventHandedOver})
			wantCode(t, err, motcua.ENOTFOUND)
			unchanged(t)
		})
	})
}

// An intake naming a procedure that does not exist is bad input in the
// intake form, like procedure id 0 is.
func TestUnknownProcedureIsInvalidInput(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := f.intake(f.a.ID)
		in.ProcedureID = 987654
		_, err := db.Accept(t.Context(), f.counterA, in)
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "procedure" {
			t.Errorf("err = %v, want invalid on field procedure", err)
		}
	})
}

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

func TestLateEntryNeedsReasonAndIsMarked(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		// Received Mon 07:00 (before opening), keyed Mon 09:00: the clock
		// starts at 07:30, so 3 days end Wed 17:00, not Thu 07:30.
		in := f.intake(f.a.ID)
		in.At, in.Reason = vn(3, 4, 7, 0), "  Mất điện, nhập lại từ sổ tiếp nhận  "
		d, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		wantInstant(t, "AcceptedAt", d.AcceptedAt, vn(3, 4, 7, 0))
		wantInstant(t, "DueAt", d.DueAt, vn(3, 6, 17, 0))
		events, err := db.Timeline(ctx, f.counterA, d)
		if err != nil {
			t.Fatal(err)
		}
		e := events[0]
		if !e.LateEntry() || e.Reason != "Mất điện, nhập lại từ sổ tiếp nhận" {
			t.Errorf("late acceptance: LateEntry %v reason %q", e.LateEntry(), e.Reason)
		}
		wantInstant(t, "At", e.At, vn(3, 4, 7, 0))
		wantInstant(t, "RecordedAt", e.RecordedAt, monday)

		// Within the tolerance no reason is needed and the entry is not late.
		in = f.intake(f.a.ID)
		in.At = monday.Add(-motcua.LateEntryTolerance)
		d2, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		if events, _ := db.Timeline(ctx, f.counterA, d2); len(events) != 1 || events[0].LateEntry() {
			t.Errorf("entry %v after the fact counted as late", motcua.LateEntryTolerance)
		}

		// Actions too: keyed at 12:00 for 10:00 needs a reason, and cannot
		// predate the acceptance.
		setNow(db, vn(3, 4, 12, 0))
		hand := motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver, At: vn(3, 4, 10, 0)}
		_, err = db.Act(ctx, f.counterA, hand)
		if motcua.ErrorField(err) != "reason" {
			t.Errorf("late hand-over without reason: %v, want invalid on reason", err)
		}
		early := hand
		early.At, early.Reason = vn(3, 4, 6, 59), "nhập bù"
		_, err = db.Act(ctx, f.counterA, early)
		if motcua.ErrorField(err) != "at" {
			t.Errorf("hand-over before the acceptance: %v, want invalid on at", err)
		}
		hand.Reason = "Quên bấm chuyển"
		d, err = db.Act(ctx, f.counterA, hand)
		if err != nil {
			t.Fatal(err)
		}
		events, _ = db.Timeline(ctx, f.counterA, d)
		if len(events) != 2 || !events[1].LateEntry() || events[1].Reason != "Quên bấm chuyển" {
			t.Errorf("late hand-over recorded as %+v", events[len(events)-1])
		}
	})
}

func TestRefusalCreatesNoDossierAndNeedsReason(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		applicant := motcua.Applicant{Name: "Trần Thị Cúc"}
		err := db.Refuse(ctx, f.counterA, &motcua.Refusal{UnitID: f.a.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "   "})
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "reason" {
			t.Errorf("refusal without reason: %v, want invalid on reason", err)
		}
		err = db.Refuse(ctx, f.counterA, &motcua.Refusal{UnitID: f.b.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "Không thuộc thẩm quyền"})
		wantCode(t, err, motcua.EFORBIDDEN)
		if n := count(t, db, "intake_refusals"); n != 0 {
			t.Fatalf("%d refusals stored after two rejected ones", n)
		}
		r := &motcua.Refusal{UnitID: f.a.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "Người yêu cầu không cư trú tại xã"}
		if err := db.Refuse(ctx, f.counterA, r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.ActorID != f.counterA.User.ID || !r.At.Equal(monday) || !r.RecordedAt.Equal(monday) {
			t.Errorf("refusal = %+v", r)
		}
		if d, e, n := count(t, db, "dossiers"), count(t, db, "events"), count(t, db, "intake_refusals"); d != 0 || e != 0 || n != 1 {
			t.Errorf("after a refusal: %d dossiers, %d events, %d refusals; want 0, 0, 1", d, e, n)
		}
		var c int
		if err := db.SQL().QueryRow("SELECT COUNT(*) FROM dossier_counters").Scan(&c); err != nil || c != 0 {
			t.Errorf("a refusal used a dossier code (counters %d, %v)", c, err)
		}
	})
}

func TestSearchProceduresFoldsDiacritics(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		other := &motcua.Procedure{Code: "2.000815", Name: "Chứng thực bản sao từ bản chính", Field: "Chứng thực", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.SameDay}, OnlineLevel: motcua.OnlineNone,
			Steps: []motcua.WorkflowStep{{Name: "Chứng thực", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 360},
				{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90}}}
		if err := db.CreateProcedure(ctx, other); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			query string
			level motcua.Level
			want  []string
		}{
			{"dang ky khai sinh", "", []string{f.proc.Code}},
			{"Đăng ký khai sinh", "", []string{f.proc.Code}},
			{"DANG   KY", "", []string{f.proc.Code}},
			{"ho tich", "", []string{f.proc.Code}}, // by field
			{"chung thuc", "", []string{other.Code}},
			{"1.001193", "", []string{f.proc.Code}}, // by code
			{"", motcua.LevelCommune, []string{other.Code, f.proc.Code}},
			{"khai sinh", motcua.LevelDistrict, nil},
			{"khai tu", "", nil},
			{"%", "", nil}, // LIKE wildcards are literal
			{"_", "", nil},
		}
		for _, c := range cases {
			got, err := db.SearchProcedures(ctx, c.query, c.level, 0)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range got {
				codes = append(codes, p.Code)
			}
			if !slices.Equal(codes, c.want) {
				t.Errorf("SearchProcedures(%q, %q) = %v, want %v", c.query, c.level, codes, c.want)
			}
		}
	})
}

func TestCalendarEditsNeedAdminAndAreRecorded(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		seeded := count(t, db, "calendar_changes")
		if seeded == 0 {
			t.Fatal("the seed calendar was not loaded")
		}
		day := calendar.Date{Year: 2024, Month: time.March, Day: 15}
		_, err := db.SetCalendarDay(ctx, f.leaderA, calendar.Special{Date: day, Kind: calendar.DayOff, Name: "Nghỉ đột xuất"})
		wantCode(t, err, motcua.EFORBIDDEN)
		if n := count(t, db, "calendar_changes"); n != seeded {
			t.Errorf("a forbidden edit recorded %d changes", n-seeded)
		}
		_, err = db.SetCalendarDay(ctx, f.admin, calendar.Special{Date: day, Kind: calendar.DayOff, Name: " "})
		if motcua.ErrorField(err) != "name" {
			t.Errorf("day off without a name: %v, want invalid on name", err)
		}

		setNow(db, vn(3, 4, 9, 5))
		if _, err := db.SetCalendarDay(ctx, f.admin, calendar.Special{Date: day, Kind: calendar.DayOff, Name: "Nghỉ đột xuất"}); err != nil {
			t.Fatal(err)
		}
		changes, err := db.CalendarChanges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != seeded+1 {
			t.Fatalf("%d changes, want %d", len(changes), seeded+1)
		}
		c := changes[0]
		if c.Day != "2024-03-15" || c.Action != "set" || c.Kind != calendar.DayOff || c.Name != "Nghỉ đột xuất" || c.ActorID != f.admin.User.ID {
			t.Errorf("newest change = %+v", c)
		}
		wantInstant(t, "ChangedAt", c.ChangedAt, vn(3, 4, 9, 5))
		days, err := db.CalendarDays(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(days, func(s calendar.Special) bool { return s.Date == day && s.Kind == calendar.DayOff }) {
			t.Error("the new day off is not listed")
		}
		cal, err := db.Calendar(ctx, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok, why := cal.WorkingDay(day); ok || why != "Nghỉ đột xuất" {
			t.Errorf("WorkingDay(%s) = %v %q right after the edit, want a day off", day, ok, why)
		}

		if _, err := db.DeleteCalendarDay(ctx, f.specialistA, day); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Errorf("delete by a specialist: %v, want forbidden", err)
		}
		if _, err := db.DeleteCalendarDay(ctx, f.admin, day); err != nil {
			t.Fatal(err)
		}
		changes, _ = db.CalendarChanges(ctx)
		if c := changes[0]; c.Action != "delete" || c.Day != "2024-03-15" || c.ActorID != f.admin.User.ID {
			t.Errorf("newest change after delete = %+v", c)
		}
		cal, _ = db.Calendar(ctx, f.a.ID)
		if ok, _ := cal.WorkingDay(day); !ok {
			t.Error("deleted day off still off")
		}
	})
}

// domain.md §6: a holiday declared after acceptance moves every open due
// date that it touches.
func TestDayOffDeclaredAfterAcceptanceMovesOpenDueDates(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID) // due Thu 07/03 09:00
		wed := calendar.Date{Year: 2024, Month: time.March, Day: 6}
		if _, err := db.SetCalendarDay(ctx, f.admin, calendar.Special{Date: wed, Kind: calendar.DayOff, Name: "Nghỉ đột xuất"}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantInstant(t, "DueAt after Wed is declared off", got.DueAt, vn(3, 8, 9, 0))
	})
}

func TestDemoSeedFillsEmptyDatabase(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if done, err := demo.Seeded(ctx, db); err != nil || done {
			t.Fatalf("Seeded on an empty database = %v, %v", done, err)
		}
		now := vn(6, 14, 10, 0)
		accounts, err := demo.Seed(ctx, db, demo.Options{Password: testPassword, Dossiers: 60, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if len(accounts) == 0 {
			t.Error("no demo accounts")
		}
		if done, err := demo.Seeded(ctx, db); err != nil || !done {
			t.Errorf("Seeded after seeding = %v, %v", done, err)
		}
		if !db.Now().Equal(monday) {
			t.Errorf("Seed left db.Now at %s", show(db.Now()))
		}
		rows, err := db.SQL().QueryContext(ctx, "SELECT state, COUNT(*) FROM dossiers GROUP BY state")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		states := map[string]int{}
		total := 0
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				t.Fatal(err)
			}
			states[s], total = n, total+n
		}
		if total == 0 || total > 60 {
			t.Errorf("%d dossiers, want 1..60", total)
		}
		if len(states) < 3 {
			t.Errorf("dossiers by state %v: want at least three different states", states)
		}
		// A few hand-overs are keyed late on purpose (the approval flow has
		// something to show); every one carries a reason.
		var late, unexplained, events int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN reason = '' THEN 1 ELSE 0 END), 0),
			(SELECT COUNT(*) FROM events) FROM events WHERE recorded_at - at > 900000`).Scan(&late, &unexplained, &events); err != nil {
			t.Fatal(err)
		}
		if unexplained != 0 || late*20 > events {
			t.Errorf("%d of %d demo events are late entries, %d without a reason", late, events, unexplained)
		}
		t.Logf("demo: %d dossiers by state %v", total, states)
		if _, err := demo.Seed(ctx, db, demo.Options{Password: testPassword, Dossiers: 1, Now: now}); err == nil {
			t.Error("a second Seed on a seeded database succeeded")
		}
	})
}
