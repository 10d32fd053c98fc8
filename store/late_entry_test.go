package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

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
