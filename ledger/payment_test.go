package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// awaiting is an acceptance with 50.000 đồng due at intake that waits for
// payment, as ledger.Accept writes it.
func awaiting(t time.Time) motcua.Event {
	e := accepted(t)
	e.Data.Fees = &motcua.FeeBill{Total: 50000, DueAtIntake: 50000}
	e.Data.AwaitsPayment = true
	return e
}

// paid is the event the store appends when the intake stage is paid.
func paid(tb testing.TB, d *motcua.Dossier, when string) motcua.Event {
	tb.Helper()
	e, err := ledger.PaymentReceived(d, at(tb, when), d.AcceptedAt, at(tb, when), 0, receiving)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

// TestReplayWaitsForPaymentFromAcceptance: a dossier accepted with fees due
// at intake waits, clock paused from the acceptance, and resumes when paid;
// its due instants move by the working time it waited, as after a
// supplement. Three working days (1350 min), step 0 of 90 min.
func TestReplayWaitsForPaymentFromAcceptance(t *testing.T) {
	cases := []struct {
		name, accepted, paidAt string
		dueBefore, dueAfter    string
		stepDueAfter           string
	}{
		{"paid at once moves nothing", "2024-03-04 09:00", "2024-03-04 09:00", "2024-03-07 09:00", "2024-03-07 09:00", "2024-03-04 10:30"},
		{"paid the next morning: one working day later", "2024-03-04 09:00", "2024-03-05 09:00", "2024-03-07 09:00", "2024-03-08 09:00", "2024-03-05 10:30"},
		{"accepted after hours, paid next day 09:00", "2024-03-04 18:00", "2024-03-05 09:00", "2024-03-07 17:00", "2024-03-08 09:00", "2024-03-05 10:30"},
		{"paid over a weekend counts only working time", "2024-03-08 16:00", "2024-03-11 08:00", "2024-03-13 16:00", "2024-03-14 08:00", "2024-03-11 09:30"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events := []motcua.Event{awaiting(at(t, c.accepted))}
			waiting, clock := replay(t, threeDays, events)
			if waiting.State != motcua.StatePayment || !waiting.State.Open() || !waiting.State.Paused() {
				t.Fatalf("state %s: want payment, open and paused", waiting.State)
			}
			if !waiting.PausedAt.Equal(at(t, c.accepted)) || clock.Running {
				t.Errorf("PausedAt %s running %v: want paused from the acceptance", show(waiting.PausedAt), clock.Running)
			}
			if legal := threeDays.Time.Duration(seedCal.StandardDay()); clock.Remaining != legal {
				t.Errorf("%v left while waiting, want the whole legal time %v", clock.Remaining, legal)
			}
			if !waiting.DueAt.Equal(at(t, c.dueBefore)) {
				t.Errorf("DueAt while waiting = %s, want %s", show(waiting.DueAt), c.dueBefore)
			}
			if waiting.Overdue(at(t, "2024-12-31 17:00")) {
				t.Error("waiting for payment is not the unit's delay: never overdue while paused in time")
			}
			events = append(events, paid(t, &waiting, c.paidAt))
			d, clock := replay(t, threeDays, events)
			if d.State != motcua.StateProcessing || !d.PausedAt.IsZero() || !clock.Running || d.Version != 2 {
				t.Fatalf("after payment: state %s PausedAt %s running %v version %d", d.State, show(d.PausedAt), clock.Running, d.Version)
			}
			if !d.DueAt.Equal(at(t, c.dueAfter)) || !d.StepDueAt.Equal(at(t, c.stepDueAfter)) {
				t.Errorf("after payment due %s step due %s, want %s and %s", show(d.DueAt), show(d.StepDueAt), c.dueAfter, c.stepDueAfter)
			}
			if moved, waited := seedCal.Between(at(t, c.dueBefore), d.DueAt), seedCal.Between(at(t, c.accepted), at(t, c.paidAt)); moved != waited {
				t.Errorf("due moved by %v, the wait lasted %v of working time", moved, waited)
			}
			if len(d.Steps) != 1 || !d.Steps[0].DueAt.Equal(d.StepDueAt) {
				t.Errorf("step records %+v: the intake step keeps running, due with the dossier's step", d.Steps)
			}
		})
	}
}

// TestOldAcceptanceWithFeesDoesNotWait: an acceptance written before the
// rule, with fees due at intake but no AwaitsPayment, replays as it did:
// history never changes.
func TestOldAcceptanceWithFeesDoesNotWait(t *testing.T) {
	e := awaiting(at(t, "2024-03-04 09:00"))
	e.Data.AwaitsPayment = false
	d, clock := replay(t, threeDays, []motcua.Event{e})
	if d.State != motcua.StateProcessing || !clock.Running || !d.PausedAt.IsZero() {
		t.Fatalf("state %s running %v paused %s: an old acceptance runs at once", d.State, clock.Running, show(d.PausedAt))
	}
	if d.Fees == nil || d.Fees.DueAtIntake != 50000 {
		t.Errorf("fees %+v: the bill is kept", d.Fees)
	}
}

// TestAcceptAwaitsPaymentOnlyWhenSomethingIsDueAtIntake: the bill decides.
func TestAcceptAwaitsPaymentOnlyWhenSomethingIsDueAtIntake(t *testing.T) {
	for _, c := range []struct {
		name string
		bill *motcua.FeeBill
		want bool
	}{
		{"fees not stated", nil, false},
		{"free", &motcua.FeeBill{}, false},
		{"due at the result only", &motcua.FeeBill{Total: 30000, DueAtResult: 30000}, false},
		{"intake line exempt", &motcua.FeeBill{Total: 0, Lines: []motcua.FeeBillLine{{Gross: 50000, Exempt: true, PayAt: motcua.FeePayAtIntake}}}, false},
		{"due at intake", &motcua.FeeBill{Total: 80000, DueAtIntake: 50000, DueAtResult: 30000}, true},
	} {
		if got := ledger.AwaitsPayment(c.bill); got != c.want {
			t.Errorf("%s: AwaitsPayment = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestWhatMayHappenWhileWaitingForPayment: nothing moves the dossier on
// until it is paid; it may be withdrawn or stopped (the applicant never
// paid); an officer cannot key the payment's resumption as an action.
func TestWhatMayHappenWhileWaitingForPayment(t *testing.T) {
	const accept, now = "2024-03-04 09:00", "2024-03-04 10:00"
	withdraw := motcua.Action{Type: motcua.EventWithdrawn, Reason: "Người nộp đề nghị rút hồ sơ"}
	cases := []struct {
		name        string
		action      motcua.Action
		code, field string
	}{
		{"hand over", handOver(t, ""), motcua.ENOTALLOWED, ""},
		{"ask for additions", askSupplement(t, ""), motcua.ENOTALLOWED, ""},
		{"receive additions", gotSupplement(t, ""), motcua.ENOTALLOWED, ""},
		{"result ready", resultReady(t, ""), motcua.ENOTALLOWED, ""},
		{"apology", extend(t, "", "2024-03-12 09:00"), motcua.ENOTALLOWED, ""},
		{"linked part", sendPart(t, "", 30, 450), motcua.ENOTALLOWED, ""},
		{"payment keyed by an officer", motcua.Action{Type: motcua.EventPaymentReceived}, motcua.EINVALID, "type"},
		{"withdraw", withdraw, "", ""},
		{"stop", stop(t, ""), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, accept)
			l.events[0].Data.AwaitsPayment = true
			_, err := l.try(now, c.action)
			checkErr(t, err, c.code, c.field)
		})
	}
}

// TestPaymentReceivedOnlyWhileWaiting: the resumption needs the waiting
// state, and is never dated before the dossier's last event.
func TestPaymentReceivedOnlyWhileWaiting(t *testing.T) {
	d, _ := replay(t, threeDays, []motcua.Event{accepted(at(t, "2024-03-04 09:00"))})
	if _, err := ledger.PaymentReceived(&d, at(t, "2024-03-04 10:00"), d.AcceptedAt, at(t, "2024-03-04 10:00"), 0, receiving); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
		t.Errorf("a processing dossier resumed by a payment: %v", err)
	}
	events := []motcua.Event{awaiting(at(t, "2024-03-04 09:00"))}
	w, _ := replay(t, threeDays, events)
	e, err := ledger.PaymentReceived(&w, at(t, "2024-03-04 08:59"), w.AcceptedAt, at(t, "2024-03-04 08:59"), 5, receiving)
	if err != nil || !e.At.Equal(w.AcceptedAt) || e.Seq != 2 || e.Type != motcua.EventPaymentReceived || e.ActorID != 5 {
		t.Fatalf("event %+v, %v: want seq 2 at the acceptance (the clocks drift), by the officer", e, err)
	}
	twice := append(events, e, e)
	twice[2].Seq = 3
	if _, _, err := ledger.Replay(motcua.Dossier{}, twice, threeDays, seedCal); err == nil {
		t.Error("a second payment_received replayed: the log is inconsistent and must say so")
	}
}

// TestResultNotReturnedWhileTheResultStageOwes: the counter collects what
// the result stage owes before handing the result over.
func TestResultNotReturnedWhileTheResultStageOwes(t *testing.T) {
	l := newLog(t, procedure(3, motcua.WorkingDays), "2024-03-04 09:00")
	for _, when := range []string{"2024-03-04 10:00", "2024-03-04 11:00", "2024-03-05 08:00"} {
		l.do(when, handOver(t, ""))
	}
	l.do("2024-03-05 09:00", resultReady(t, ""))
	d, _ := l.project()
	s := ledger.Situation{Procedure: l.p, Calendar: seedCal, Rules: l.rules, LastAt: ledger.LastAt(l.events), Now: at(t, "2024-03-05 10:00"),
		OwedAtResult: 30000}
	ret := motcua.Action{Type: motcua.EventResultReturned, Version: d.Version}
	_, err := ledger.Decide(&d, ret, s)
	if motcua.ErrorCode(err) != motcua.ENOTALLOWED || !strings.Contains(motcua.ErrorMessage(err), "30.000 đồng") {
		t.Errorf("returned while owing: %v", err)
	}
	s.OwedAtResult = 0
	if _, err := ledger.Decide(&d, ret, s); err != nil {
		t.Errorf("returned once paid: %v", err)
	}
}
