package ledger_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// The rules of the lifecycle added with form 04 (apology and extension),
// form 05 (stop), linked handling (liên thông), step records and late entries
// awaiting a leader's approval. Each limit is checked at its boundary and
// just past it. Instants are in March 2024 (no days off): 04/03 is a Monday.

const acceptor = int64(5) // the counter officer who accepted the dossier

// dossierLog drives one dossier through Decide as the store does: replay,
// decide against the projection with LastAt of the log, append.
type dossierLog struct {
	tb     testing.TB
	p      *motcua.Procedure
	rules  ledger.Rules
	events []motcua.Event
}

func newLog(tb testing.TB, p *motcua.Procedure, acceptedAt string) *dossierLog {
	tb.Helper()
	e := accepted(at(tb, acceptedAt))
	e.ActorID, e.UnitID = acceptor, receiving
	return &dossierLog{tb: tb, p: p, rules: ledger.DefaultRules(), events: []motcua.Event{e}}
}

func (l *dossierLog) project() (motcua.Dossier, ledger.Clock) {
	l.tb.Helper()
	return replay(l.tb, l.p, l.events)
}

// try decides a at now (the dossier's current version) without appending.
func (l *dossierLog) try(now string, a motcua.Action) (motcua.Event, error) {
	l.tb.Helper()
	d, _ := l.project()
	a.Version = d.Version
	e, err := ledger.Decide(&d, a, ledger.Situation{Procedure: l.p, Calendar: seedCal, Rules: l.rules,
		LastAt: ledger.LastAt(l.events), Now: at(l.tb, now)})
	if err == nil {
		e.ActorID, e.UnitID = int64(100+e.Seq), motcua.ActingUnit(a, &d)
	}
	return e, err
}

// do decides a at now and appends the event; a refusal fails the test.
func (l *dossierLog) do(now string, a motcua.Action) motcua.Event {
	l.tb.Helper()
	e, err := l.try(now, a)
	if err != nil {
		l.tb.Fatalf("setup: Decide refused %s at %s: %v", a.Type, now, err)
	}
	l.events = append(l.events, e)
	return e
}

// Shorthands for valid actions; at "" means now.
func actAt(tb testing.TB, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return at(tb, s)
}

func handOver(tb testing.TB, when string) motcua.Action {
	return motcua.Action{Type: motcua.EventHandedOver, At: actAt(tb, when), Reason: "nhập bù"}
}

func askSupplement(tb testing.TB, when string) motcua.Action {
	return motcua.Action{Type: motcua.EventSupplementRequested, At: actAt(tb, when), Missing: []string{"Giấy chứng sinh"}, Reason: "nhập bù"}
}

func gotSupplement(tb testing.TB, when string) motcua.Action {
	return motcua.Action{Type: motcua.EventSupplementReceived, At: actAt(tb, when), Reason: "nhập bù"}
}

func resultReady(tb testing.TB, when string) motcua.Action {
	return motcua.Action{Type: motcua.EventResultReady, At: actAt(tb, when), Reason: "nhập bù"}
}

func extend(tb testing.TB, when, newDue string) motcua.Action {
	return motcua.Action{Type: motcua.EventExtended, At: actAt(tb, when), Reason: "Chờ xác minh", NewDueAt: actAt(tb, newDue)}
}

func stop(tb testing.TB, when string) motcua.Action {
	return motcua.Action{Type: motcua.EventStopped, At: actAt(tb, when), Reason: "Người nộp đề nghị dừng"}
}

func sendPart(tb testing.TB, when string, unit int64, minutes int) motcua.Action {
	return motcua.Action{Type: motcua.EventPartSent, At: actAt(tb, when), Reason: "nhập bù",
		PartUnitID: unit, PartTitle: fmt.Sprintf("Xác nhận của đơn vị %d", unit), PartMinutes: minutes}
}

func returnPart(tb testing.TB, when string, seq int) motcua.Action {
	return motcua.Action{Type: motcua.EventPartReturned, At: actAt(tb, when), Reason: "nhập bù", PartSeq: seq}
}

func approve() motcua.Action { return motcua.Action{Type: motcua.EventLateApproved} }

func reject() motcua.Action {
	return motcua.Action{Type: motcua.EventLateRejected, Reason: "Không có căn cứ"}
}

func checkErr(t *testing.T, err error, code, field string) {
	t.Helper()
	if motcua.ErrorCode(err) != code || motcua.ErrorField(err) != field {
		t.Errorf("err = %v; want code %q field %q", err, code, field)
	}
}

// ---------------------------------------------------------------------------
// Apology and extension (form 04)

func TestExtensionLimits(t *testing.T) {
	// Accepted Mon 04/03 09:00, 3 working days: due Thu 07/03 09:00.
	due := at(t, "2024-03-07 09:00")
	const accept = "2024-03-04 09:00"
	extendedOnce := func(l *dossierLog) { l.do("2024-03-05 09:00", extend(t, "", "2024-03-11 09:00")) }
	cases := []struct {
		name   string
		setup  func(*dossierLog)
		rules  func(*ledger.Rules)
		now    string
		action motcua.Action
		code   string
		field  string
	}{
		{name: "issued exactly 1 working day before the due instant", now: "2024-03-06 09:00",
			action: extend(t, "", "2024-03-11 09:00")},
		{name: "issued 1 minute less than 1 working day before", now: "2024-03-06 09:01",
			action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "the evening before holds no working day", now: "2024-03-06 17:30",
			action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "issued at the due instant", now: "2024-03-07 09:00",
			action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "issued after the due instant", now: "2024-03-08 09:00",
			action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "a late entry is measured from its own at", now: "2024-03-06 14:00",
			action: extend(t, "2024-03-06 09:00", "2024-03-11 09:00")},
		{name: "half-day lead: exactly 225 minutes before", rules: func(r *ledger.Rules) { r.ExtensionLeadDays = 0.5 },
			now: "2024-03-06 14:45", action: extend(t, "", "2024-03-11 09:00")},
		{name: "half-day lead: 224 minutes before", rules: func(r *ledger.Rules) { r.ExtensionLeadDays = 0.5 },
			now: "2024-03-06 14:46", action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "reason required", now: "2024-03-05 09:00",
			action: motcua.Action{Type: motcua.EventExtended, NewDueAt: at(t, "2024-03-11 09:00")}, code: motcua.EINVALID, field: "reason"},
		{name: "blank reason", now: "2024-03-05 09:00",
			action: motcua.Action{Type: motcua.EventExtended, Reason: " \t\n", NewDueAt: at(t, "2024-03-11 09:00")}, code: motcua.EINVALID, field: "reason"},
		{name: "new date required", now: "2024-03-05 09:00",
			action: extend(t, "", ""), code: motcua.EINVALID, field: "new_due_at"},
		{name: "new date at the current due instant", now: "2024-03-05 09:00",
			action: extend(t, "", "2024-03-07 09:00"), code: motcua.EINVALID, field: "new_due_at"},
		{name: "new date before the current due instant", now: "2024-03-05 09:00",
			action: extend(t, "", "2024-03-06 09:00"), code: motcua.EINVALID, field: "new_due_at"},
		{name: "new date one minute after the current due instant", now: "2024-03-05 09:00",
			action: extend(t, "", "2024-03-07 09:01")},
		{name: "new date exactly MaxExtension after", now: "2024-03-05 09:00",
			action: motcua.Action{Type: motcua.EventExtended, Reason: "Chờ xác minh", NewDueAt: due.Add(ledger.DefaultRules().MaxExtension)}},
		{name: "new date a minute beyond MaxExtension", now: "2024-03-05 09:00",
			action: motcua.Action{Type: motcua.EventExtended, Reason: "Chờ xác minh", NewDueAt: due.Add(ledger.DefaultRules().MaxExtension + time.Minute)},
			code:   motcua.EINVALID, field: "new_due_at"},
		{name: "second extension refused by default", setup: extendedOnce, now: "2024-03-06 09:00",
			action: extend(t, "", "2024-03-12 09:00"), code: motcua.ENOTALLOWED},
		// The promised date is Mon 11/03 09:00; Fri 08/03 09:00 is 450 minutes
		// before it (360 + 90) although the legal due has passed.
		{name: "second extension (MaxExtensions 2) exactly 1 working day before the promised date", setup: extendedOnce,
			rules: func(r *ledger.Rules) { r.MaxExtensions = 2 }, now: "2024-03-08 09:00", action: extend(t, "", "2024-03-12 09:00")},
		{name: "second extension (MaxExtensions 2) 1 minute later", setup: extendedOnce,
			rules: func(r *ledger.Rules) { r.MaxExtensions = 2 }, now: "2024-03-08 09:01", action: extend(t, "", "2024-03-12 09:00"), code: motcua.ENOTALLOWED},
		{name: "second extension must promise a date after the promised one", setup: extendedOnce,
			rules: func(r *ledger.Rules) { r.MaxExtensions = 2 }, now: "2024-03-06 09:00", action: extend(t, "", "2024-03-11 09:00"),
			code: motcua.EINVALID, field: "new_due_at"},
		{name: "third extension refused with MaxExtensions 2", setup: func(l *dossierLog) {
			extendedOnce(l)
			l.do("2024-03-06 09:00", extend(t, "", "2024-03-13 09:00"))
		}, rules: func(r *ledger.Rules) { r.MaxExtensions = 2 }, now: "2024-03-06 10:00", action: extend(t, "", "2024-03-14 09:00"), code: motcua.ENOTALLOWED},
		{name: "while waiting for a supplement", setup: func(l *dossierLog) { l.do("2024-03-05 08:00", askSupplement(t, "")) },
			now: "2024-03-05 09:00", action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
		{name: "after the result is ready", setup: func(l *dossierLog) { l.do("2024-03-05 08:00", resultReady(t, "")) },
			now: "2024-03-05 09:00", action: extend(t, "", "2024-03-11 09:00"), code: motcua.ENOTALLOWED},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, accept)
			if c.rules != nil {
				c.rules(&l.rules)
			}
			if c.setup != nil {
				c.setup(l)
			}
			e, err := l.try(c.now, c.action)
			checkErr(t, err, c.code, c.field)
			if err == nil && (!e.Data.NewDueAt.Equal(c.action.NewDueAt) || e.Type != motcua.EventExtended) {
				t.Errorf("event %s new due %s, want %s", e.Type, show(e.Data.NewDueAt), show(c.action.NewDueAt))
			}
		})
	}
}

// An apology does not turn a late dossier into an on-time one: grading and
// lateness use the legal due instant; Due() is what the applicant was told.
func TestExtensionKeepsGradingOnTheLegalDue(t *testing.T) {
	cases := []struct {
		name, result string
		grade        motcua.Grade
	}{
		{"result after the legal due, before the promised date, is late", "2024-03-08 10:00", motcua.GradeLate},
		{"result on the promised day, before the promised instant, is late", "2024-03-11 08:00", motcua.GradeLate},
		{"result on the legal due day is on time", "2024-03-07 08:59", motcua.GradeOnTime},
		{"result before the legal due day is early", "2024-03-06 10:00", motcua.GradeEarly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			l.do("2024-03-05 09:00", extend(t, "", "2024-03-11 09:00"))
			ext, clock := l.project()
			legal, promised := at(t, "2024-03-07 09:00"), at(t, "2024-03-11 09:00")
			if !ext.DueAt.Equal(legal) || !ext.PromisedAt.Equal(promised) || !ext.Due().Equal(promised) || ext.Extensions != 1 {
				t.Errorf("after the apology: DueAt %s PromisedAt %s Due() %s extensions %d", show(ext.DueAt), show(ext.PromisedAt), show(ext.Due()), ext.Extensions)
			}
			// Thu 09:00 → Mon 09:00: Thu 360 + Fri 450 + Mon 90.
			if clock.Extension != 900*time.Minute {
				t.Errorf("clock.Extension = %v, want 15h0m0s", clock.Extension)
			}
			if !ext.Overdue(at(t, "2024-03-08 10:00")) {
				t.Error("an extended dossier past its legal due is overdue")
			}
			l.do(c.result, resultReady(t, ""))
			d, _ := l.project()
			if g := d.Grade(); g != c.grade || g != motcua.GradeAt(d.ResultAt, legal) {
				t.Errorf("Grade = %q, want %q (against the legal due %s, not %s)", g, c.grade, show(legal), show(promised))
			}
			if d.Overdue(at(t, "2024-12-31 17:00")) != (c.grade == motcua.GradeLate) {
				t.Errorf("Overdue = %v for grade %s", !(c.grade == motcua.GradeLate), c.grade)
			}
		})
	}
}

// Pauses freeze the promised date like the legal one: it moves by the
// working time paused while the promise still had time left.
func TestPauseAfterExtensionMovesPromisedAtByPausedWorkingTime(t *testing.T) {
	cases := []struct {
		name                   string
		extendAt, newDue       string
		pausedAt, resumedAt    string
		wantDue, wantPromised  string
		legalMoves, promiseMov bool
	}{
		// Paused Tue 10:00 → Wed 10:00: 450 min (90 + 210 + 150).
		{"paused with legal time left moves both dates", "2024-03-05 09:00", "2024-03-11 09:00",
			"2024-03-05 10:00", "2024-03-06 10:00", "2024-03-08 09:00", "2024-03-12 09:00", true, true},
		// Paused Fri 10:00 → Tue 10:00: 900 min; 390 were left of the promise.
		{"paused after the legal due, before the promised date, moves only the promise", "2024-03-05 09:00", "2024-03-11 09:00",
			"2024-03-08 10:00", "2024-03-12 10:00", "2024-03-07 09:00", "2024-03-13 09:00", false, true},
		{"paused after the promised date moves neither", "2024-03-05 09:00", "2024-03-08 09:00",
			"2024-03-11 09:00", "2024-03-13 09:00", "2024-03-07 09:00", "2024-03-08 09:00", false, false},
		// No working time passes between 17:30 and 20:00: nothing may move.
		{"paused and resumed the same evening moves neither", "2024-03-04 10:00", "2024-03-11 16:00",
			"2024-03-04 17:30", "2024-03-04 20:00", "2024-03-07 09:00", "2024-03-11 16:00", false, false},
		// The form's datetime-local field lets the leader promise "07:30 on
		// Tuesday 12/03" (an opening) or any hour of the evening.
		{"a no-working-time pause keeps a promise made for an opening", "2024-03-04 10:00", "2024-03-12 07:30",
			"2024-03-04 17:30", "2024-03-04 20:00", "2024-03-07 09:00", "2024-03-12 07:30", false, false},
		{"a no-working-time pause keeps a promise made for an evening hour", "2024-03-04 10:00", "2024-03-11 18:00",
			"2024-03-04 17:30", "2024-03-04 20:00", "2024-03-07 09:00", "2024-03-11 18:00", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			l.do(c.extendAt, extend(t, "", c.newDue))
			l.do(c.pausedAt, askSupplement(t, ""))
			before, _ := l.project()
			l.do(c.resumedAt, gotSupplement(t, ""))
			d, _ := l.project()
			if !d.DueAt.Equal(at(t, c.wantDue)) {
				t.Errorf("DueAt = %s, want %s", show(d.DueAt), c.wantDue)
			}
			if !d.PromisedAt.Equal(at(t, c.wantPromised)) {
				t.Errorf("PromisedAt = %s, want %s (promised %s)", show(d.PromisedAt), c.wantPromised, c.newDue)
			}
			paused := seedCal.Between(at(t, c.pausedAt), at(t, c.resumedAt))
			if moved := seedCal.Between(before.PromisedAt, d.PromisedAt); c.promiseMov && moved != paused {
				t.Errorf("PromisedAt moved by %v of working time, the pause lasted %v", moved, paused)
			}
			if moved := seedCal.Between(before.DueAt, d.DueAt); c.legalMoves && moved != paused {
				t.Errorf("DueAt moved by %v of working time, the pause lasted %v", moved, paused)
			}
			if d.PromisedAt.Before(d.DueAt) {
				t.Errorf("PromisedAt %s before DueAt %s", show(d.PromisedAt), show(d.DueAt))
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Stop (form 05)

func TestStopRules(t *testing.T) {
	const accept = "2024-03-04 09:00"
	processing := func(*dossierLog) {}
	waiting := func(l *dossierLog) { l.do("2024-03-04 10:00", askSupplement(t, "")) }
	ready := func(l *dossierLog) { l.do("2024-03-04 10:00", resultReady(t, "")) }
	withdrawn := func(l *dossierLog) {
		l.do("2024-03-04 10:00", motcua.Action{Type: motcua.EventWithdrawn, Reason: "Đơn xin rút"})
	}
	stopped := func(l *dossierLog) {
		l.do("2024-03-04 09:30", handOver(t, ""))
		l.do("2024-03-04 09:40", sendPart(t, "", 30, 450))
		l.do("2024-03-04 10:00", stop(t, ""))
	}
	cases := []struct {
		name   string
		setup  func(*dossierLog)
		action motcua.Action
		code   string
		field  string
	}{
		{"stop from processing", processing, stop(t, ""), "", ""},
		{"stop while waiting for a supplement", waiting, stop(t, ""), "", ""},
		{"stop without reason", processing, motcua.Action{Type: motcua.EventStopped}, motcua.EINVALID, "reason"},
		{"stop with a blank reason", waiting, motcua.Action{Type: motcua.EventStopped, Reason: "\u00a0 "}, motcua.EINVALID, "reason"},
		{"stop after the result is ready", ready, stop(t, ""), motcua.ENOTALLOWED, ""},
		{"stop after withdrawal", withdrawn, stop(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: stop again", stopped, stop(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: hand-over", stopped, handOver(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: supplement request", stopped, askSupplement(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: supplement received", stopped, gotSupplement(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: result ready", stopped, resultReady(t, ""), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: result returned", stopped, motcua.Action{Type: motcua.EventResultReturned}, motcua.ENOTALLOWED, ""},
		{"stopped is terminal: withdrawal", stopped, motcua.Action{Type: motcua.EventWithdrawn, Reason: "Đơn xin rút"}, motcua.ENOTALLOWED, ""},
		{"stopped is terminal: extension", stopped, extend(t, "", "2024-03-12 09:00"), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: part sent", stopped, sendPart(t, "", 40, 450), motcua.ENOTALLOWED, ""},
		{"stopped is terminal: part returned", stopped, returnPart(t, "", 3), motcua.ENOTALLOWED, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, accept)
			c.setup(l)
			_, err := l.try("2024-03-04 11:00", c.action)
			checkErr(t, err, c.code, c.field)
		})
	}
}

func TestStoppedDossierIsClosedAndNotGraded(t *testing.T) {
	for _, waiting := range []bool{false, true} {
		t.Run(fmt.Sprintf("waiting for a supplement %v", waiting), func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			if waiting {
				l.do("2024-03-05 09:00", askSupplement(t, ""))
			}
			before, _ := l.project()
			l.do("2024-03-06 09:00", stop(t, ""))
			d, clock := l.project()
			if d.State != motcua.StateStopped || d.State.Open() || !d.StoppedAt().Equal(at(t, "2024-03-06 09:00")) {
				t.Errorf("state %s StoppedAt %s", d.State, show(d.StoppedAt()))
			}
			if !d.ResultAt.IsZero() || d.Grade() != "" {
				t.Errorf("a stopped dossier is not graded: ResultAt %s grade %q", show(d.ResultAt), d.Grade())
			}
			if d.Overdue(at(t, "2024-12-31 17:00")) {
				t.Error("a stopped dossier is never overdue")
			}
			if clock.Running || !d.DueAt.Equal(before.DueAt) {
				t.Errorf("clock running %v, DueAt %s → %s", clock.Running, show(before.DueAt), show(d.DueAt))
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Linked handling (liên thông)

func TestLinkedPartRules(t *testing.T) {
	// After the hand-over at Mon 09:30 the deciding unit (20) holds the dossier.
	base := func(l *dossierLog) { l.do("2024-03-04 09:30", handOver(t, "")) }
	partAt30 := func(l *dossierLog) { base(l); l.do("2024-03-04 10:00", sendPart(t, "", 30, 450)) } // seq 3
	returned := func(l *dossierLog) { partAt30(l); l.do("2024-03-04 10:30", returnPart(t, "", 3)) }
	titled := func(title string) motcua.Action {
		a := sendPart(t, "", 30, 450)
		a.PartTitle = title
		return a
	}
	cases := []struct {
		name   string
		setup  func(*dossierLog)
		action motcua.Action
		code   string
		field  string
	}{
		{"part to a co-ordinating unit", base, sendPart(t, "", 30, 450), "", ""},
		{"part to the receiving unit", base, sendPart(t, "", receiving, 450), "", ""},
		{"part without a unit", base, sendPart(t, "", 0, 450), motcua.EINVALID, "part_unit"},
		{"part to the unit holding the dossier", base, sendPart(t, "", deciding, 450), motcua.EINVALID, "part_unit"},
		{"part without a title", base, titled(" "), motcua.EINVALID, "part_title"},
		{"title of 500 runes", base, titled(strings.Repeat("ễ", 500)), "", ""},
		{"title of 501 runes", base, titled(strings.Repeat("ễ", 501)), motcua.EINVALID, "part_title"},
		{"budget of 0 minutes", base, sendPart(t, "", 30, 0), motcua.EINVALID, "part_minutes"},
		{"negative budget", base, sendPart(t, "", 30, -450), motcua.EINVALID, "part_minutes"},
		{"budget of 1 minute", base, sendPart(t, "", 30, 1), "", ""},
		{"budget of 60 working days", base, sendPart(t, "", 30, ledger.MaxPartMinutes), "", ""},
		{"budget of 60 working days and a minute", base, sendPart(t, "", 30, ledger.MaxPartMinutes+1), motcua.EINVALID, "part_minutes"},
		{"second open part at the same unit", partAt30, sendPart(t, "", 30, 450), motcua.ENOTALLOWED, ""},
		{"another unit while one part is open", partAt30, sendPart(t, "", 40, 450), "", ""},
		{"the same unit again once its part is back", returned, sendPart(t, "", 30, 450), "", ""},
		{"part while waiting for a supplement", func(l *dossierLog) { base(l); l.do("2024-03-04 10:00", askSupplement(t, "")) },
			sendPart(t, "", 30, 450), motcua.ENOTALLOWED, ""},
		{"result ready while a part is open", partAt30, resultReady(t, ""), motcua.ENOTALLOWED, ""},
		{"result ready once every part is back", returned, resultReady(t, ""), "", ""},
		{"return of the open part", partAt30, returnPart(t, "", 3), "", ""},
		{"return of a part never sent", partAt30, returnPart(t, "", 99), motcua.EINVALID, "part"},
		{"return of an event that is no part", partAt30, returnPart(t, "", 2), motcua.EINVALID, "part"},
		{"return of a part already back", returned, returnPart(t, "", 3), motcua.EINVALID, "part"},
		{"return while waiting for a supplement", func(l *dossierLog) { partAt30(l); l.do("2024-03-04 10:30", askSupplement(t, "")) },
			returnPart(t, "", 3), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			c.setup(l)
			e, err := l.try("2024-03-04 11:00", c.action)
			checkErr(t, err, c.code, c.field)
			if err == nil && c.action.Type == motcua.EventPartSent &&
				(e.Data.PartUnitID != c.action.PartUnitID || e.Data.PartMinutes != c.action.PartMinutes || e.Data.PartTitle != motcua.NFC(c.action.PartTitle)) {
				t.Errorf("event data %+v", e.Data)
			}
		})
	}
}

func TestLinkedPartDueAndGrade(t *testing.T) {
	// Sent Mon 16:00 with 450 catalogue minutes: Mon 60 + Tue 240 + 150 → Tue 16:00.
	cases := []struct {
		name, returned string
		pause          bool
		grade          motcua.Grade
	}{
		{"returned the day before its due day is early", "2024-03-04 16:30", false, motcua.GradeEarly},
		{"returned on its due day before the instant is on time", "2024-03-05 08:00", false, motcua.GradeOnTime},
		{"returned at its due instant is on time", "2024-03-05 16:00", false, motcua.GradeOnTime},
		{"returned a minute past its due instant is late", "2024-03-05 16:01", false, motcua.GradeLate},
		{"a pause of the dossier does not move the part's due", "2024-03-05 16:01", true, motcua.GradeLate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			l.do("2024-03-04 09:30", handOver(t, ""))
			sent := l.do("2024-03-04 16:00", sendPart(t, "", 30, 450))
			if c.pause {
				l.do("2024-03-04 16:10", askSupplement(t, ""))
			}
			ret := l.do(c.returned, returnPart(t, "", sent.Seq))
			d, _ := l.project()
			if len(d.Parts) != 1 {
				t.Fatalf("parts %+v", d.Parts)
			}
			p := d.Parts[0]
			if !p.DueAt.Equal(at(t, "2024-03-05 16:00")) || !p.DueAt.Equal(seedCal.Add(sent.At, ledger.CatalogueMinutes(450, seedCal))) {
				t.Errorf("part due %s, want Tue 2024-03-05 16:00", show(p.DueAt))
			}
			if p.Grade != c.grade || p.Open() || !p.ReturnedAt.Equal(ret.At) || p.ReturnedBy != ret.ActorID ||
				p.Seq != sent.Seq || p.UnitID != 30 || p.SentBy != sent.ActorID || !p.SentAt.Equal(sent.At) {
				t.Errorf("part %+v; want grade %s", p, c.grade)
			}
			if len(d.OpenParts()) != 0 {
				t.Errorf("open parts %+v", d.OpenParts())
			}
		})
	}
}

// ---------------------------------------------------------------------------
// Step records (control slip, form 06)

func stepLine(s motcua.StepRecord) string {
	return fmt.Sprintf("step %d unit %d giver %d holder %d %s → %s due %s by %d %s",
		s.Step, s.UnitID, s.GiverID, s.HolderID, show(s.StartedAt), show(s.EndedAt), show(s.DueAt), s.EndedBy, s.Grade)
}

func TestStepRecordsOnePerStepGradedAtHandOver(t *testing.T) {
	l := newLog(t, threeDays, "2024-03-04 09:00")
	d0, _ := l.project()
	if len(d0.Steps) != 1 || stepLine(d0.Steps[0]) != "step 0 unit 10 giver 5 holder 0 Mon 2024-03-04 09:00:00 → zero due Mon 2024-03-04 10:30:00 by 0 " {
		t.Errorf("after acceptance: %v", d0.Steps)
	}
	h1 := l.do("2024-03-04 10:30", motcua.Action{Type: motcua.EventHandedOver, ToUserID: 42}) // step 0 due 10:30: on time
	l.do("2024-03-05 10:00", askSupplement(t, ""))
	l.do("2024-03-06 10:00", gotSupplement(t, "")) // 450 min paused: step 1 due Wed 10:30 → Thu 10:30
	h2 := l.do("2024-03-07 10:30", handOver(t, ""))
	h3 := l.do("2024-03-08 08:00", handOver(t, ""))   // step 2 (270 min) due Thu 17:00: late
	r := l.do("2024-03-08 09:00", resultReady(t, "")) // step 3 (90 min) due Fri 09:30: on time
	d, _ := l.project()
	want := []string{
		fmt.Sprintf("step 0 unit 10 giver 5 holder 0 Mon 2024-03-04 09:00:00 → Mon 2024-03-04 10:30:00 due Mon 2024-03-04 10:30:00 by %d on_time", h1.ActorID),
		fmt.Sprintf("step 1 unit 20 giver %d holder 42 Mon 2024-03-04 10:30:00 → Thu 2024-03-07 10:30:00 due Thu 2024-03-07 10:30:00 by %d on_time", h1.ActorID, h2.ActorID),
		fmt.Sprintf("step 2 unit 20 giver %d holder 0 Thu 2024-03-07 10:30:00 → Fri 2024-03-08 08:00:00 due Thu 2024-03-07 17:00:00 by %d late", h2.ActorID, h3.ActorID),
		fmt.Sprintf("step 3 unit 10 giver %d holder 0 Fri 2024-03-08 08:00:00 → Fri 2024-03-08 09:00:00 due Fri 2024-03-08 09:30:00 by %d on_time", h3.ActorID, r.ActorID),
	}
	var got []string
	for _, s := range d.Steps {
		got = append(got, stepLine(s))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("steps:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if !d.DueAt.Equal(at(t, "2024-03-08 09:00")) || d.Grade() != motcua.GradeOnTime {
		t.Errorf("DueAt %s grade %s", show(d.DueAt), d.Grade())
	}
}

func TestStepGradeAtItsBoundary(t *testing.T) {
	cases := []struct {
		name, accepted, handed string
		grade                  motcua.Grade
	}{
		// Accepted Mon 16:00, step 0 (90 min) due Tue 08:00.
		{"handed over the day before the step's due day", "2024-03-04 16:00", "2024-03-04 16:30", motcua.GradeEarly},
		{"handed over at the step's due instant", "2024-03-04 16:00", "2024-03-05 08:00", motcua.GradeOnTime},
		{"handed over a minute past the step's due instant", "2024-03-04 16:00", "2024-03-05 08:01", motcua.GradeLate},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, c.accepted)
			l.do(c.handed, handOver(t, ""))
			d, _ := l.project()
			if len(d.Steps) != 2 || d.Steps[0].Grade != c.grade || !d.Steps[0].DueAt.Equal(at(t, "2024-03-05 08:00")) {
				t.Errorf("steps %v, want step 0 %s", d.Steps, c.grade)
			}
			if !d.Steps[1].EndedAt.IsZero() || d.Steps[1].Grade != "" {
				t.Errorf("the current step is neither ended nor graded: %s", stepLine(d.Steps[1]))
			}
		})
	}
}

// A step record must not end before it starts. An online dossier accepted
// at 18:00 and handed on at 19:00 the same evening: its first step's budget
// still runs from the next opening (due Tue 09:00), but the record may not
// say it started after the hand-over that ended it.
func TestStepNeverEndsBeforeItStarts(t *testing.T) {
	l := newLog(t, threeDays, "2024-03-04 18:00")
	l.do("2024-03-04 19:00", handOver(t, ""))
	d, _ := l.project()
	for _, s := range d.Steps {
		if !s.EndedAt.IsZero() && s.EndedAt.Before(s.StartedAt) {
			t.Errorf("step %d started %s but ended %s", s.Step, show(s.StartedAt), show(s.EndedAt))
		}
	}
	if s := d.Steps[0]; !s.DueAt.Equal(at(t, "2024-03-05 09:00")) || s.Grade != motcua.GradeEarly {
		t.Errorf("step 0: %s; want due Tue 09:00 (90 min from the next opening), early", stepLine(s))
	}
}

// ---------------------------------------------------------------------------
// Late entries awaiting a leader's approval

func TestLateEntryNeedsApprovalBeyondTheLimit(t *testing.T) {
	cases := []struct {
		name, accepted, when, now string
		limit                     time.Duration // 0: the default 4 working hours
		pending                   bool
	}{
		{"exactly 4 working hours late", "2024-03-04 07:00", "2024-03-04 07:30", "2024-03-04 13:30", 0, false},
		{"4 working hours and a minute late", "2024-03-04 07:00", "2024-03-04 07:30", "2024-03-04 13:31", 0, true},
		{"lunch does not count", "2024-03-04 07:00", "2024-03-04 09:30", "2024-03-04 15:30", 0, false},
		{"a weekend does not count (65 hours, 150 working minutes)", "2024-03-08 09:00", "2024-03-08 16:00", "2024-03-11 09:00", 0, false},
		{"a whole working day late", "2024-03-04 07:00", "2024-03-04 09:00", "2024-03-05 09:00", 0, true},
		{"a configured limit of 30 minutes: exactly", "2024-03-04 07:00", "2024-03-04 09:00", "2024-03-04 09:30", 30 * time.Minute, false},
		{"a configured limit of 30 minutes: a minute past", "2024-03-04 07:00", "2024-03-04 09:00", "2024-03-04 09:31", 30 * time.Minute, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, c.accepted)
			if c.limit != 0 {
				l.rules.ApprovalLimit = c.limit
			}
			e, err := l.try(c.now, handOver(t, c.when))
			if err != nil {
				t.Fatal(err)
			}
			if e.Data.Pending != c.pending || !e.At.Equal(at(t, c.when)) || !e.RecordedAt.Equal(at(t, c.now)) {
				t.Errorf("pending %v at %s recorded %s; want pending %v", e.Data.Pending, show(e.At), show(e.RecordedAt), c.pending)
			}
		})
	}
}

// pendingLog: accepted Mon 09:00, handed to the deciding unit at 09:30, a
// part at unit 30 (seq 3) at 10:00, then a supplement request dated Mon
// 11:00 keyed Tue 11:00 (450 working minutes later): seq 4, pending.
func pendingLog(t *testing.T) *dossierLog {
	l := newLog(t, threeDays, "2024-03-04 09:00")
	l.do("2024-03-04 09:30", handOver(t, ""))
	l.do("2024-03-04 10:00", sendPart(t, "", 30, 450))
	if e := l.do("2024-03-05 11:00", askSupplement(t, "2024-03-04 11:00")); !e.Data.Pending {
		t.Fatal("setup: the late supplement request is not pending")
	}
	return l
}

func TestWhilePendingEveryOtherActionIsRefused(t *testing.T) {
	actions := []motcua.Action{
		handOver(t, ""), askSupplement(t, ""), extend(t, "", "2024-03-11 09:00"), stop(t, ""),
		{Type: motcua.EventWithdrawn, Reason: "Đơn xin rút"}, sendPart(t, "", 40, 450), returnPart(t, "", 3),
	}
	for _, a := range actions {
		t.Run(string(a.Type), func(t *testing.T) {
			l := pendingLog(t)
			_, err := l.try("2024-03-05 11:10", a)
			checkErr(t, err, motcua.ENOTALLOWED, "")
			// The same action is valid once the leader has decided: the
			// refusal above was the pending entry's doing.
			l.do("2024-03-05 11:05", reject())
			if _, err := l.try("2024-03-05 11:10", a); err != nil {
				t.Errorf("after the rejection %s is still refused: %v", a.Type, err)
			}
		})
	}
}

func TestApprovalRules(t *testing.T) {
	cases := []struct {
		name    string
		pending bool
		action  motcua.Action
		code    string
		field   string
	}{
		{"approve the pending entry", true, approve(), "", ""},
		{"reject the pending entry", true, reject(), "", ""},
		{"reject without reason", true, motcua.Action{Type: motcua.EventLateRejected}, motcua.EINVALID, "reason"},
		{"approve with nothing pending", false, approve(), motcua.ENOTALLOWED, ""},
		{"reject with nothing pending", false, reject(), motcua.ENOTALLOWED, ""},
		// An approval is bookkeeping: however late it is keyed, it never waits itself.
		{"a late approval is not pending", true, motcua.Action{Type: motcua.EventLateApproved, At: at(t, "2024-03-04 11:00"), Reason: "Duyệt bù"}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			l.do("2024-03-04 09:30", handOver(t, ""))
			if c.pending {
				l.do("2024-03-05 11:00", askSupplement(t, "2024-03-04 11:00"))
			}
			e, err := l.try("2024-03-06 11:00", c.action)
			checkErr(t, err, c.code, c.field)
			if err == nil && (e.Data.RefSeq != 3 || e.Data.Pending) {
				t.Errorf("RefSeq %d pending %v; want 3, false", e.Data.RefSeq, e.Data.Pending)
			}
		})
	}
}

// A pending entry changes nothing; rejected, it never counts: the projection
// is the one before it was keyed (but for the version).
func TestRejectedLateEntryLeavesTheProjectionAsBefore(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*dossierLog)
		late  motcua.Action
	}{
		{"hand-over", nil, handOver(t, "2024-03-05 09:00")},
		{"supplement request", nil, askSupplement(t, "2024-03-05 09:00")},
		{"result ready", nil, resultReady(t, "2024-03-05 09:00")},
		{"extension", nil, extend(t, "2024-03-05 09:00", "2024-03-12 09:00")},
		{"stop", nil, stop(t, "2024-03-05 09:00")},
		{"withdrawal", nil, motcua.Action{Type: motcua.EventWithdrawn, At: at(t, "2024-03-05 09:00"), Reason: "Đơn xin rút"}},
		{"part sent", nil, sendPart(t, "2024-03-05 09:00", 30, 450)},
		{"part returned", func(l *dossierLog) { l.do("2024-03-04 10:30", sendPart(t, "", 30, 450)) }, returnPart(t, "2024-03-05 09:00", 3)},
		{"supplement received", func(l *dossierLog) { l.do("2024-03-04 10:30", askSupplement(t, "")) }, gotSupplement(t, "2024-03-05 09:00")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newLog(t, threeDays, "2024-03-04 09:00")
			l.do("2024-03-04 10:00", handOver(t, ""))
			if c.setup != nil {
				c.setup(l)
			}
			before, beforeClock := l.project()
			beforeLast := ledger.LastAt(l.events)
			late := l.do("2024-03-06 09:00", c.late) // 450 working minutes after its at
			if !late.Data.Pending {
				t.Fatalf("not pending: %+v", late)
			}
			waiting, waitingClock := l.project()
			if waiting.Pending == nil || waiting.Pending.Seq != late.Seq || waiting.Pending.Type != late.Type || !waiting.Pending.At.Equal(late.At) {
				t.Errorf("Pending = %+v", waiting.Pending)
			}
			waiting.Pending, waiting.Version = nil, before.Version
			if !reflect.DeepEqual(waiting, before) || !reflect.DeepEqual(waitingClock, beforeClock) {
				t.Errorf("a pending entry changed the projection:\n%+v\n%+v\nwant\n%+v\n%+v", waiting, waitingClock, before, beforeClock)
			}
			l.do("2024-03-06 09:05", reject())
			d, clock := l.project()
			if d.Version != before.Version+2 || d.Pending != nil {
				t.Errorf("version %d pending %+v", d.Version, d.Pending)
			}
			d.Version = before.Version
			if !reflect.DeepEqual(d, before) || !reflect.DeepEqual(clock, beforeClock) {
				t.Errorf("a rejected entry changed the projection:\n%+v\n%+v\nwant\n%+v\n%+v", d, clock, before, beforeClock)
			}
			if got := ledger.LastAt(l.events); !got.Equal(beforeLast) {
				t.Errorf("LastAt = %s, want %s: a rejected entry does not bound later ones", show(got), show(beforeLast))
			}
		})
	}
}

func TestApprovedLateResultIsGradedFromItsAt(t *testing.T) {
	// Due Thu 07/03 09:00. The result was ready Wed 10:00 but keyed Fri 10:00.
	l := newLog(t, threeDays, "2024-03-04 09:00")
	late := l.do("2024-03-08 10:00", resultReady(t, "2024-03-06 10:00"))
	waiting, _ := l.project()
	if !late.Data.Pending || waiting.State != motcua.StateProcessing || !waiting.ResultAt.IsZero() || waiting.Grade() != "" {
		t.Fatalf("while pending: pending %v state %s ResultAt %s", late.Data.Pending, waiting.State, show(waiting.ResultAt))
	}
	if !waiting.Overdue(at(t, "2024-03-08 10:00")) {
		t.Error("until approved, the dossier is open and past its due")
	}
	l.do("2024-03-08 10:30", approve())
	d, clock := l.project()
	if d.State != motcua.StateResultReady || !d.ResultAt.Equal(at(t, "2024-03-06 10:00")) || d.Grade() != motcua.GradeEarly {
		t.Errorf("state %s ResultAt %s grade %q; want result_ready, Wed 10:00, early", d.State, show(d.ResultAt), d.Grade())
	}
	if d.Overdue(at(t, "2024-03-08 10:30")) || d.Pending != nil || clock.Running || d.Version != 3 {
		t.Errorf("overdue %v pending %+v running %v version %d", d.Overdue(at(t, "2024-03-08 10:30")), d.Pending, clock.Running, d.Version)
	}
	if s := d.Steps[0]; !s.EndedAt.Equal(at(t, "2024-03-06 10:00")) || s.EndedBy != late.ActorID {
		t.Errorf("step 0 ended %s by %d; want at the result's own at, by who keyed it", show(s.EndedAt), s.EndedBy)
	}
	// A later action may not be dated before the approved entry.
	if _, err := l.try("2024-03-08 11:00", motcua.Action{Type: motcua.EventResultReturned, At: at(t, "2024-03-06 09:59"), Reason: "nhập bù"}); motcua.ErrorField(err) != "at" {
		t.Errorf("an action dated before the approved entry: err = %v, want invalid at", err)
	}
}

func TestApprovedLateEntryCountsFromItsAt(t *testing.T) {
	t.Run("a pause counts from its at, not from the approval", func(t *testing.T) {
		l := newLog(t, threeDays, "2024-03-04 09:00")
		l.do("2024-03-06 09:00", askSupplement(t, "2024-03-05 09:00"))
		l.do("2024-03-06 09:05", approve())
		paused, _ := l.project()
		if paused.State != motcua.StateSupplement || !paused.PausedAt.Equal(at(t, "2024-03-05 09:00")) {
			t.Errorf("state %s PausedAt %s", paused.State, show(paused.PausedAt))
		}
		l.do("2024-03-07 09:00", gotSupplement(t, ""))
		d, _ := l.project()
		// 900 working minutes paused (Tue 09:00 → Thu 09:00): due Thu → Mon 11/03 09:00.
		if !d.DueAt.Equal(at(t, "2024-03-11 09:00")) {
			t.Errorf("DueAt = %s, want Mon 2024-03-11 09:00", show(d.DueAt))
		}
	})
	t.Run("a hand-over starts the next step at its at", func(t *testing.T) {
		l := newLog(t, threeDays, "2024-03-04 09:00")
		h := l.do("2024-03-05 10:00", handOver(t, "2024-03-04 10:00"))
		l.do("2024-03-05 10:05", approve())
		d, _ := l.project()
		if d.Step != 1 || d.CurrentUnitID != deciding || len(d.Steps) != 2 {
			t.Fatalf("step %d unit %d steps %v", d.Step, d.CurrentUnitID, d.Steps)
		}
		want := fmt.Sprintf("step 1 unit 20 giver %d holder 0 Mon 2024-03-04 10:00:00 → zero due Wed 2024-03-06 10:00:00 by 0 ", h.ActorID)
		if got := stepLine(d.Steps[1]); got != want || d.Steps[0].Grade != motcua.GradeOnTime {
			t.Errorf("step 1: %s\nwant      %s\nstep 0 %s", got, want, stepLine(d.Steps[0]))
		}
	})
	t.Run("a part is identified by the pending entry's seq", func(t *testing.T) {
		l := newLog(t, threeDays, "2024-03-04 09:00")
		l.do("2024-03-04 09:30", handOver(t, ""))
		sent := l.do("2024-03-05 10:00", sendPart(t, "2024-03-04 10:00", 30, 450))
		l.do("2024-03-05 10:05", approve())
		d, _ := l.project()
		if len(d.Parts) != 1 || d.Parts[0].Seq != sent.Seq || !d.Parts[0].SentAt.Equal(at(t, "2024-03-04 10:00")) || !d.Parts[0].DueAt.Equal(at(t, "2024-03-05 10:00")) {
			t.Fatalf("parts %+v", d.Parts)
		}
		l.do("2024-03-05 10:10", returnPart(t, "", sent.Seq))
		if d, _ := l.project(); d.Parts[0].Open() || d.Parts[0].Grade != motcua.GradeLate {
			t.Errorf("part %+v, want returned late", d.Parts[0])
		}
	})
}

func TestLastAtIgnoresBookkeepingAndRejectedEntries(t *testing.T) {
	ev := func(seq int, typ motcua.EventType, when string, data motcua.EventData) motcua.Event {
		return motcua.Event{Seq: seq, Type: typ, At: at(t, when), Data: data}
	}
	acc := ev(1, motcua.EventAccepted, "2024-03-04 09:00", motcua.EventData{})
	hand := ev(2, motcua.EventHandedOver, "2024-03-04 10:00", motcua.EventData{ToStep: 1})
	pend := ev(3, motcua.EventSupplementRequested, "2024-03-05 09:00", motcua.EventData{Pending: true})
	cases := []struct {
		name   string
		events []motcua.Event
		want   string
	}{
		{"acceptance only", []motcua.Event{acc}, "2024-03-04 09:00"},
		{"the last action", []motcua.Event{acc, hand}, "2024-03-04 10:00"},
		{"a due recomputation is bookkeeping", []motcua.Event{acc, hand,
			ev(3, motcua.EventDueRecomputed, "2024-03-06 09:00", motcua.EventData{})}, "2024-03-04 10:00"},
		{"an undecided late entry bounds the next", []motcua.Event{acc, hand, pend}, "2024-03-05 09:00"},
		{"an approved late entry counts at its own at", []motcua.Event{acc, hand, pend,
			ev(4, motcua.EventLateApproved, "2024-03-06 09:00", motcua.EventData{RefSeq: 3})}, "2024-03-05 09:00"},
		{"a rejected late entry does not count", []motcua.Event{acc, hand, pend,
			ev(4, motcua.EventLateRejected, "2024-03-06 09:00", motcua.EventData{RefSeq: 3})}, "2024-03-04 10:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ledger.LastAt(c.events); !got.Equal(at(t, c.want)) {
				t.Errorf("LastAt = %s, want %s", show(got), c.want)
			}
		})
	}
	// After a rejection, the next action may be dated before the rejected entry.
	l := newLog(t, threeDays, "2024-03-04 09:00")
	l.do("2024-03-06 09:00", handOver(t, "2024-03-05 09:00"))
	l.do("2024-03-06 09:05", reject())
	if e, err := l.try("2024-03-06 09:10", handOver(t, "2024-03-05 08:00")); err != nil || !e.Data.Pending {
		t.Errorf("an entry dated before the rejected one: err %v pending %v", err, e.Data.Pending)
	}
}

func TestReplayRefusesAnApprovalOfNothing(t *testing.T) {
	events := history(t, "2024-03-04 09:00", motcua.EventLateApproved, "2024-03-04 10:00")
	events[1].Data.RefSeq = 1
	if _, _, err := ledger.Replay(motcua.Dossier{}, events, threeDays, seedCal); err == nil {
		t.Error("Replay accepted an approval of an entry that awaits none")
	}
}

// Replay's contract: fields that events do not carry are kept from base;
// the others are rebuilt from the events. Extensions and PromisedAt are
// carried by the events, so a base that already went through them (a
// projection, or a row read with them) must not count them twice.
func TestReplayRebuildsExtensionsWhateverTheBase(t *testing.T) {
	l := newLog(t, threeDays, "2024-03-04 09:00")
	l.do("2024-03-05 09:00", extend(t, "", "2024-03-11 09:00"))
	d, c := l.project()
	again, c2, err := ledger.Replay(d, l.events, threeDays, seedCal)
	if err != nil {
		t.Fatal(err)
	}
	if again.Extensions != d.Extensions || !again.PromisedAt.Equal(d.PromisedAt) || c2.Extension != c.Extension {
		t.Errorf("replayed onto its own projection: extensions %d → %d, clock.Extension %v → %v",
			d.Extensions, again.Extensions, c.Extension, c2.Extension)
	}
}
