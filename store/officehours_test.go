package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func TestOfficeHoursPerUnitChangeDueDatesAndHistory(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := context.Background()
		wantCode(t, db.SetOfficeHours(ctx, f.counterA, f.a.ID, "Mon-Fri 07:00-11:00,13:00-17:00"), motcua.EFORBIDDEN)
		wantCode(t, db.SetOfficeHours(ctx, f.admin, f.a.ID, "Mon-Fri 17:00-07:00"), motcua.EINVALID)
		if err := db.SetOfficeHours(ctx, f.admin, f.a.ID, "Mon-Fri 07:00-11:00,13:00-17:00"); err != nil {
			t.Fatal(err)
		}
		cal, err := db.Calendar(ctx, f.a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := cal.StandardDay(); got != 8*time.Hour {
			t.Errorf("commune A's standard day = %s, want 8h", got)
		}
		other, _ := db.Calendar(ctx, f.b.ID)
		if got := other.StandardDay(); got != 7*time.Hour+30*time.Minute {
			t.Errorf("commune B keeps the default day, got %s", got)
		}
		// Accepted Mon 04/03/2024 09:00 with 3 working days of 8 h: Thu 09:00.
		d := f.accept(t, f.counterA, f.a.ID)
		wantInstant(t, "due with 8-hour days", d.DueAt, vn(3, 7, 9, 0))
		changes, err := db.CalendarChanges(ctx)
		if err != nil || len(changes) == 0 || changes[0].Action != "office_hours" || changes[0].Day != f.a.Code ||
			changes[0].ActorName != f.admin.User.FullName {
			t.Fatalf("newest change = %+v, %v; want the office-hours change by the admin", changes[0], err)
		}
	})
}

func TestHandlingRolesStopAtGovernedUnitsBelow(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := context.Background()
		d := f.accept(t, f.counterA, f.a.ID)
		districtLeader := mustUser(t, db, "lanhdao.huyen", "Lãnh đạo huyện", motcua.RoleLeader, f.district.ID)
		for who, a := range map[string]*motcua.Actor{"district leader": districtLeader, "administrator": f.admin} {
			if _, err := db.Dossier(ctx, a, d.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s reads a commune dossier: err = %v", who, err)
			}
			_, err := db.Act(ctx, a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver})
			if motcua.ErrorCode(err) != motcua.ENOTFOUND {
				t.Errorf("%s acts on a commune dossier: err = %v", who, err)
			}
			if list, _, _ := db.Worklist(ctx, a, motcua.DossierFilter{}); len(list) != 0 {
				t.Errorf("%s's worklist shows %d commune dossiers", who, len(list))
			}
		}
	})
}

func TestCalendarChangeMovesPromisedDatesOnlyThroughRecordedEvents(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := context.Background()
		d := f.accept(t, f.counterA, f.a.ID) // Mon 04/03 09:00 + 3 days: Thu 07/03 09:00
		if err := db.SetOfficeHours(ctx, f.admin, f.a.ID, "Mon-Fri 13:30-17:00"); err != nil {
			t.Fatal(err)
		}
		moved, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing worked yet at 09:00; the 22 h 30 left run 3 h 30 a day from Mon 13:30: six days, then 1 h 30 on Tue 12/03.
		wantInstant(t, "due under the new office hours", moved.DueAt, vn(3, 12, 15, 0))
		events, err := db.Timeline(ctx, f.counterA, moved)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if last.Type != motcua.EventDueRecomputed || !strings.Contains(last.Reason, "Mon-Fri 13:30-17:00") || last.ActorID != f.admin.User.ID {
			t.Fatalf("last event = %+v; want the recorded recomputation with its reason and author", last)
		}
		// A later action replays the log and keeps the recorded date.
		after, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: moved.Version, Type: motcua.EventHandedOver})
		if err != nil {
			t.Fatal(err)
		}
		wantInstant(t, "due after a later action", after.DueAt, moved.DueAt)
	})
}

func TestIntakeWithTheSameKeyAcceptsOneDossier(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := f.intake(f.a.ID)
		in.Key = "form-7f3a"
		first, err := db.Accept(t.Context(), f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		again, err := db.Accept(t.Context(), f.counterA, in)
		if err != nil || again.Code != first.Code {
			t.Fatalf("second submit = %v, %v; want the first dossier %s", again, err, first.Code)
		}
		if n := count(t, db, "dossiers"); n != 1 {
			t.Errorf("%d dossiers after a double submit, want 1", n)
		}
		in.Key = ""
		if _, err := db.Accept(t.Context(), f.counterA, in); err != nil || count(t, db, "dossiers") != 2 {
			t.Errorf("an intake without a key must create a dossier: %v", err)
		}
	})
}

func TestNULAndInvalidUTF8AreCleanedOnBothEngines(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := f.intake(f.a.ID)
		in.Applicant.Name = "Trần\x00 Thị \xffBình"
		d, err := db.Accept(t.Context(), f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		if d.Applicant.Name != "Trần Thị Bình" {
			t.Errorf("stored name %q", d.Applicant.Name)
		}
		if _, _, err := db.Worklist(t.Context(), f.counterA, motcua.DossierFilter{Query: "\x00\xff"}); err != nil {
			t.Errorf("worklist query with NUL: %v", err)
		}
		if _, err := db.DossierByCode(t.Context(), f.counterA, "\x00"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("code with NUL: %v", err)
		}
	})
}
