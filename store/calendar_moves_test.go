package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

// Issue 15 item 10: a calendar edit is previewed (what would move, nothing
// written), then applied (the same moves reported), and each applicant
// whose promised date moved is told the new date in the transaction that
// records the due_recomputed event.
func TestCalendarEditPreviewsReportsAndNotifiesMoves(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID) // due Thu 07/03 09:00
		wed := calendar.Date{Year: 2024, Month: time.March, Day: 6}
		off := calendar.Special{Date: wed, Kind: calendar.DayOff, Name: "Nghỉ đột xuất"}
		notices, events, days := count(t, db, "notifications"), count(t, db, "events"), count(t, db, "calendar_changes")

		if _, err := db.PreviewCalendarDay(ctx, f.specialistA, off); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Errorf("a specialist previews a calendar edit: %v", err)
		}
		preview, err := db.PreviewCalendarDay(ctx, f.admin, off)
		if err != nil {
			t.Fatal(err)
		}
		wantMoves(t, "preview", preview, d, vn(3, 7, 9, 0), vn(3, 8, 9, 0))
		if got := count(t, db, "notifications") + count(t, db, "events") + count(t, db, "calendar_changes"); got != notices+events+days {
			t.Errorf("the preview wrote %d rows", got-notices-events-days)
		}
		if cur, _ := db.Dossier(ctx, f.counterA, d.ID); !cur.DueAt.Equal(vn(3, 7, 9, 0)) {
			t.Errorf("the preview moved the due date to %s", cur.DueAt)
		}

		moved, err := db.SetCalendarDay(ctx, f.admin, off)
		if err != nil {
			t.Fatal(err)
		}
		wantMoves(t, "set", moved, d, vn(3, 7, 9, 0), vn(3, 8, 9, 0))
		sms := count(t, db, "notifications WHERE about = '"+d.Code+"' AND channel = 'sms' AND body LIKE '%07/03/2024%08/03/2024%'")
		if sms != 1 {
			t.Errorf("%d SMS with the new date to the applicant, want 1", sms)
		}

		back, err := db.PreviewCalendarDelete(ctx, f.admin, wed)
		if err != nil {
			t.Fatal(err)
		}
		wantMoves(t, "delete preview", back, d, vn(3, 8, 9, 0), vn(3, 7, 9, 0))
		if back, err = db.DeleteCalendarDay(ctx, f.admin, wed); err != nil {
			t.Fatal(err)
		}
		wantMoves(t, "delete", back, d, vn(3, 8, 9, 0), vn(3, 7, 9, 0))
		if n := count(t, db, "notifications WHERE about = '"+d.Code+"' AND channel = 'sms' AND body LIKE '%08/03/2024%07/03/2024%'"); n != 1 {
			t.Errorf("%d SMS telling the date came back, want 1", n)
		}
		// An edit far from every due date moves nothing and tells no one.
		before := count(t, db, "notifications")
		if none, err := db.SetCalendarDay(ctx, f.admin, calendar.Special{Date: calendar.Date{Year: 2024, Month: time.December, Day: 24}, Kind: calendar.DayOff, Name: "Nghỉ"}); err != nil || len(none) != 0 {
			t.Errorf("a far day off moved %v, %v", none, err)
		}
		if n := count(t, db, "notifications"); n != before {
			t.Errorf("%d notices for no move", n-before)
		}
	})
}

func wantMoves(t *testing.T, what string, got []store.DueMove, d *motcua.Dossier, from, to time.Time) {
	t.Helper()
	if len(got) != 1 || got[0].DossierID != d.ID || got[0].Code != d.Code || !got[0].From.Equal(from) || !got[0].To.Equal(to) {
		t.Errorf("%s: moves %+v, want %s %s → %s", what, got, d.Code, from, to)
	}
}
