package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

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
