package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// boundaryNow is the store suite's clock for intake regardless of
// boundary: Monday 02/03/2026 09:00, the listing in force since 01/07/2025.
var boundaryNow = time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.VN)

func newBoundary(t *testing.T, db *store.DB) (sample.Boundary, map[string]*motcua.Actor) {
	t.Helper()
	db.Now = func() time.Time { return boundaryNow }
	b, err := sample.BuildBoundary(t.Context(), db, time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN), testPassword)
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]*motcua.Actor{}
	for _, u := range []motcua.User{b.CounterA, b.CounterB, b.SpecialistA, b.SpecialistB} {
		if actors[u.Username], err = db.Actor(t.Context(), u.ID); err != nil {
			t.Fatal(err)
		}
	}
	return b, actors
}

// TestReceivedAtAForBIsDecidedByBAndReturnedAtA (issue 17 acceptance): a
// dossier received at commune A's centre for a resident of commune B is
// decided by B: it is in B's worklist and not in A's, which sees it in its
// "received for others" view with the hand-over; B confirms the paper,
// decides, sends the result back; A confirms it and returns it, the
// result once more in A's worklist until then.
func TestReceivedAtAForBIsDecidedByBAndReturnedAtA(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		b, who := newBoundary(t, db)
		counterA, counterB, specialistA, specialistB := who["motcua.thuanan"], who["motcua.duclap"], who["chuyenvien.thuanan"], who["chuyenvien.duclap"]
		d, err := db.Accept(t.Context(), counterA, b.Resident("Y Bhin Niê"))
		if err != nil {
			t.Fatal(err)
		}
		if d.ReceivingUnitID != b.CentreA.ID || d.DecidingUnitID != b.CommuneB.ID || d.ReturnUnit() != b.CentreA.ID ||
			d.LocalityUnitID != b.CommuneB.ID || !d.ForOther {
			t.Fatalf("receiving/deciding/return/locality/for other = %d/%d/%d/%d/%v, want centre A %d / commune B %d / centre A / commune B / true",
				d.ReceivingUnitID, d.DecidingUnitID, d.ReturnUnit(), d.LocalityUnitID, d.ForOther, b.CentreA.ID, b.CommuneB.ID)
		}
		act := func(a *motcua.Actor, x motcua.Action) {
			t.Helper()
			x.DossierID, x.Version = d.ID, d.Version
			if d, err = db.Act(t.Context(), a, x); err != nil {
				t.Fatalf("%s by %s: %v", x.Type, a.User.Username, err)
			}
		}
		act(counterA, motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartForward, PartMeans: motcua.MeansCourier})
		act(counterA, motcua.Action{Type: motcua.EventHandedOver})

		wantIn := func(what string, a *motcua.Actor, want bool) {
			t.Helper()
			if got := inWorklist(t, db, a, d); got != want {
				t.Errorf("%s: in %s's worklist = %v, want %v", what, a.User.Username, got, want)
			}
		}
		wantIn("handed on to B", specialistB, true)
		wantIn("handed on to B", counterA, false)
		wantIn("handed on to B", specialistA, false)
		wantIn("handed on to B", counterB, false)
		rows, total, err := db.ReceivedForOthers(t.Context(), counterA, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(rows) != 1 || rows[0].ID != d.ID || len(rows[0].HandOvers) != 1 ||
			rows[0].HandOvers[0].Kind != motcua.PartForward || rows[0].HandOvers[0].Means != motcua.MeansCourier ||
			rows[0].HandOvers[0].UnitID != b.CommuneB.ID {
			t.Fatalf("A's received for others: %d rows of %d, %+v; want the dossier with its courier hand-over to B", len(rows), total, rows)
		}
		if _, n, err := db.ReceivedForOthers(t.Context(), specialistB, 0, 50); err != nil || n != 0 {
			t.Errorf("B's received for others holds %d (%v), want 0: B received nothing", n, err)
		}

		forward := d.Parts[0].Seq
		act(specialistB, motcua.Action{Type: motcua.EventPartReturned, PartSeq: forward})
		act(specialistB, motcua.Action{Type: motcua.EventResultReady})
		wantIn("result ready at B, to be returned at A", counterA, true)
		act(specialistB, motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartResult, PartMeans: motcua.MeansElectronic})
		result := d.Parts[1]
		if result.Kind != motcua.PartResult || result.UnitID != b.CentreA.ID {
			t.Fatalf("result hand-over %+v, want a result part to centre A", result)
		}
		act(counterA, motcua.Action{Type: motcua.EventPartReturned, PartSeq: result.Seq})
		act(counterA, motcua.Action{Type: motcua.EventResultReturned})
		if d.State != motcua.StateReturned {
			t.Fatalf("state %s, want returned", d.State)
		}
		rows, _, err = db.ReceivedForOthers(t.Context(), counterA, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range rows[0].HandOvers {
			if h.ReturnedAt.IsZero() || h.Grade == "" {
				t.Errorf("hand-over %s: received %s, grade %q; want both received and graded", h.Kind, h.ReturnedAt, h.Grade)
			}
		}
	})
}

// TestUnlistedProcedureOutsideItsCommuneIsRefused: a procedure not listed
// for intake regardless of boundary, asked at A's centre for a resident of
// B, is refused with the reason and where to file it; nothing is written.
func TestUnlistedProcedureOutsideItsCommuneIsRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		b, who := newBoundary(t, db)
		in := b.Resident("Nguyễn Văn Quý")
		in.ProcedureID = b.Unlisted.ID
		_, err := db.Accept(t.Context(), who["motcua.thuanan"], in)
		wantCode(t, err, motcua.EINVALID)
		msg := motcua.ErrorMessage(err)
		for _, part := range []string{b.Unlisted.Code, "không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính", b.CommuneB.Name} {
			if !strings.Contains(msg, part) {
				t.Errorf("refusal %q lacks %q", msg, part)
			}
		}
		if f := motcua.ErrorField(err); f != "procedure" {
			t.Errorf("refusal on field %q, want procedure", f)
		}
		if _, n, err := db.ReceivedForOthers(t.Context(), who["motcua.thuanan"], 0, 50); err != nil || n != 0 {
			t.Errorf("after the refusal A has %d received for others (%v), want 0", n, err)
		}
		// The same procedure for a resident of A is A's own: received.
		in.Competence.ResidenceUnitID = b.CommuneA.ID
		d, err := db.Accept(t.Context(), who["motcua.thuanan"], in)
		if err != nil {
			t.Fatal(err)
		}
		if d.DecidingUnitID != b.CommuneA.ID || d.ForOther {
			t.Errorf("resident of A: deciding %d, for other %v; want commune A %d, false", d.DecidingUnitID, d.ForOther, b.CommuneA.ID)
		}
	})
}

// TestReceivedForOthersPages: the view pages by offset and counts them all.
func TestReceivedForOthersPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		b, who := newBoundary(t, db)
		for _, name := range []string{"Một", "Hai", "Ba"} {
			if _, err := db.Accept(t.Context(), who["motcua.thuanan"], b.Resident("Nguyễn Văn "+name)); err != nil {
				t.Fatal(err)
			}
		}
		first, total, err := db.ReceivedForOthers(t.Context(), who["motcua.thuanan"], 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		second, _, err := db.ReceivedForOthers(t.Context(), who["motcua.thuanan"], 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(first) != 2 || len(second) != 1 || second[0].ID == first[0].ID || second[0].ID == first[1].ID {
			t.Errorf("pages of 2: %d + %d rows of %d, want 2 + 1 distinct of 3", len(first), len(second), total)
		}
		if _, _, err := db.ReceivedForOthers(t.Context(), who["motcua.thuanan"], 0, store.ForOthersPageMax+1); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("a page too long: %v, want invalid", err)
		}
	})
}

// TestResultReadyComesToTheChosenPlaceOfReturn: received at A's centre for
// a resident of B who collects the result at B's centre — once ready it is
// in B's centre's worklist, not A's, and B's counter returns it.
func TestResultReadyComesToTheChosenPlaceOfReturn(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		b, who := newBoundary(t, db)
		counterA, counterB, specialistB := who["motcua.thuanan"], who["motcua.duclap"], who["chuyenvien.duclap"]
		in := b.Resident("H'Hen Niê")
		in.ReturnUnitID = b.CentreB.ID
		d, err := db.Accept(t.Context(), counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		if d.ReturnUnit() != b.CentreB.ID {
			t.Fatalf("return unit %d, want centre B %d", d.ReturnUnit(), b.CentreB.ID)
		}
		act := func(a *motcua.Actor, x motcua.Action) {
			t.Helper()
			x.DossierID, x.Version = d.ID, d.Version
			if d, err = db.Act(t.Context(), a, x); err != nil {
				t.Fatalf("%s by %s: %v", x.Type, a.User.Username, err)
			}
		}
		act(counterA, motcua.Action{Type: motcua.EventHandedOver})
		act(specialistB, motcua.Action{Type: motcua.EventResultReady})
		if inWorklist(t, db, counterA, d) {
			t.Error("a result to be returned at B's centre is in A's worklist")
		}
		if !inWorklist(t, db, counterB, d) {
			t.Error("a result to be returned at B's centre is not in its worklist")
		}
		x := motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReturned}
		if _, err := db.Act(t.Context(), counterA, x); err == nil {
			t.Error("A's counter returned a result the applicant collects at B")
		}
		act(counterB, motcua.Action{Type: motcua.EventResultReturned})
		if d.State != motcua.StateReturned {
			t.Fatalf("state %s, want returned", d.State)
		}
	})
}
