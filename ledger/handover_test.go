package ledger_test

import (
	"testing"

	"github.com/motcua/motcua"
)

// TestHandOversBetweenCentreAndDecidingUnit: a dossier received for
// another authority goes to the deciding unit once, by a known means, with a deadline of one working day
// by default; the result travels back only once ready, and the counter
// returns it only once it has arrived. A linked part still open blocks the
// result; a hand-over does not.
func TestHandOversBetweenCentreAndDecidingUnit(t *testing.T) {
	forward := motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartForward, PartMeans: motcua.MeansPost}
	back := motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartResult, PartMeans: motcua.MeansCourier}
	returned := motcua.Action{Type: motcua.EventResultReturned}

	l := newLog(t, procedure(3, motcua.WorkingDays), "2025-09-15 08:00")
	if _, err := l.try("2025-09-15 08:30", forward); err == nil {
		t.Error("a dossier received for its own authority was forwarded")
	}
	l.events[0].Data.ForOther = true // received at a centre for another commune
	if _, err := l.try("2025-09-15 08:30", motcua.Action{Type: motcua.EventPartSent, PartKind: motcua.PartForward}); err == nil {
		t.Error("a hand-over without its means was accepted")
	}
	if _, err := l.try("2025-09-15 08:30", back); err == nil {
		t.Error("the result was sent back before it was ready")
	}
	sent := l.do("2025-09-15 08:30", forward)
	if sent.Data.PartUnitID != deciding || sent.Data.PartMinutes != 450 || sent.Data.PartKind != motcua.PartForward {
		t.Errorf("forward event %+v, want to the deciding unit, 450 minutes", sent.Data)
	}
	if _, err := l.try("2025-09-15 08:40", forward); err == nil {
		t.Error("the dossier was forwarded twice while on its way")
	}
	d, _ := l.project()
	if p := d.PartBySeq(sent.Seq); p == nil || !p.DueAt.Equal(at(t, "2025-09-16 08:30")) {
		t.Errorf("forward due %v, want one working day later", p)
	}
	l.do("2025-09-15 09:00", resultReady(t, "")) // an open hand-over does not hold the result back
	back1 := l.do("2025-09-15 10:00", back)
	if back1.Data.PartUnitID != receiving {
		t.Errorf("result sent to %d, want the receiving unit %d", back1.Data.PartUnitID, receiving)
	}
	if _, err := l.try("2025-09-15 10:30", returned); err == nil {
		t.Error("the result was returned before it arrived at the counter")
	}
	l.do("2025-09-15 11:00", returnPart(t, "", back1.Seq))
	l.do("2025-09-15 11:30", returned)
	if d, _ := l.project(); d.State != motcua.StateReturned {
		t.Errorf("state %s, want returned", d.State)
	}
}
