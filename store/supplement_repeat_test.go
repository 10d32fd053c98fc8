package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestSecondSupplementRequestWaitsForTheLeader: a dossier asked once may
// be asked again only with a reason and the unit leader's approval; the
// applicant hears of it when it takes effect; the performance page's list
// of dossiers asked more than once (late under Decision 766) names it.
func TestSecondSupplementRequestWaitsForTheLeader(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		ask := func(a *motcua.Action) { a.Missing = []string{"Giấy chứng sinh"} }
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventSupplementRequested, ask)
		s.act(f.counterA, vn(3, 4, 14, 0), motcua.EventSupplementReceived)
		notices := count(t, db, "notifications WHERE about = '"+s.d.Code+"'")

		err := s.try(f.counterA, vn(3, 5, 9, 0), motcua.EventSupplementRequested, ask)
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "reason" {
			t.Fatalf("a second request without a reason: %v", err)
		}
		s.act(f.counterA, vn(3, 5, 9, 0), motcua.EventSupplementRequested, ask, reason("Bản sao chưa chứng thực"))
		if s.d.State != motcua.StateProcessing || s.d.Pending == nil {
			t.Fatalf("the second request took effect at once: state %s, pending %v", s.d.State, s.d.Pending)
		}
		if h := s.history(f.counterA); h.Pending == nil || !h.Pending.Repeat || h.Supplements != 1 {
			t.Fatalf("history: pending %+v, %d requests counted", h.Pending, h.Supplements)
		}
		if n := count(t, db, "notifications WHERE about = '"+s.d.Code+"'"); n != notices {
			t.Errorf("the applicant was told of a request still waiting (%d notices)", n-notices)
		}
		from, to := vn(3, 1, 0, 0), vn(4, 1, 0, 0)
		if list, err := db.RepeatSupplements(t.Context(), f.leaderA, f.a.ID, from, to); err != nil || len(list) != 0 {
			t.Errorf("a waiting request already counts: %v, %v", list, err)
		}
		wantCode(t, s.try(f.counterA, vn(3, 5, 9, 10), motcua.EventLateApproved), motcua.EFORBIDDEN)
		s.act(f.leaderA, vn(3, 5, 9, 30), motcua.EventLateApproved)
		if s.d.State != motcua.StateSupplement {
			t.Fatalf("approved: state %s", s.d.State)
		}
		if n := count(t, db, "notifications WHERE about = '"+s.d.Code+"' AND body LIKE '%bo sung%'"); n != 2 {
			t.Errorf("the applicant was told of %d supplement requests, want 2 (the approved one too)", n)
		}
		list, err := db.RepeatSupplements(t.Context(), f.leaderA, f.a.ID, from, to)
		if err != nil || len(list) != 1 || list[0].Code != s.d.Code || list[0].Requests != 2 || !list[0].SecondAt.Equal(vn(3, 5, 9, 0)) {
			t.Errorf("repeat supplements %+v, %v; want %s asked twice, second at 09:00 05/03", list, err, s.d.Code)
		}
		if list, _ := db.RepeatSupplements(t.Context(), f.leaderA, f.a.ID, vn(3, 6, 0, 0), to); len(list) != 0 {
			t.Errorf("a period after the second request lists %+v", list)
		}
		_, err = db.RepeatSupplements(t.Context(), f.counterA, f.a.ID, from, to)
		wantCode(t, err, motcua.EFORBIDDEN)
	})
}

// TestPartToAUnitOutOfForceIsRefused: a linked part cannot go to a unit
// that was dissolved before it is sent.
func TestPartToAUnitOutOfForceIsRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		if err := db.Dissolve(t.Context(), f.admin, f.b.ID, f.a.ID, vn(3, 1, 0, 0)); err != nil {
			t.Fatal(err)
		}
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		err := s.try(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = f.b.ID, "Xác minh nơi cư trú", 900
		})
		if motcua.ErrorField(err) != "part_unit" {
			t.Errorf("a part to a dissolved unit: %v, want invalid on part_unit", err)
		}
	})
}
