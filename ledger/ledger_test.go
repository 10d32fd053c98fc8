package ledger_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
)

// seedCal is the seed calendar: default office hours (Mon–Fri 07:30–11:30,
// 13:30–17:00) over the built-in Vietnamese days off.
var seedCal = calendar.New(calendar.DefaultOfficeHours(), calendar.Vietnam())

const (
	receiving = int64(10) // the commune's one-stop that accepted the dossier
	deciding  = int64(20) // the office competent to decide
)

// at parses "2006-01-02 15:04" in Vietnam's zone.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Loc)
	if err != nil {
		tb.Fatalf("bad test instant %q", s)
	}
	return t
}

func show(t time.Time) string {
	if t.IsZero() {
		return "zero"
	}
	return t.In(calendar.Loc).Format("Mon 2006-01-02 15:04:05")
}

// procedure has the four-step commune workflow (90 + 900 + 270 + 90 = 1350
// catalogue minutes) and the given legal time.
func procedure(amount float64, unit motcua.TimeUnit) *motcua.Procedure {
	return &motcua.Procedure{ID: 1, VersionID: 1, Code: "1.001193", Name: "Đăng ký khai sinh", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: amount, Unit: unit},
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 900},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 270},
			{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
		}}
}

var threeDays = procedure(3, motcua.WorkingDays)

func accepted(t time.Time) motcua.Event {
	return motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: t, RecordedAt: t, Data: motcua.EventData{
		ProcedureVersionID: 1, ReceivingUnitID: receiving, DecidingUnitID: deciding, Channel: motcua.ChannelCounter,
		Applicant: &motcua.Applicant{Name: "Nguyễn Văn Bình"}, Sets: 1}}
}

// history builds events from an acceptance and (type, instant) pairs.
func history(tb testing.TB, acceptedAt string, rest ...any) []motcua.Event {
	tb.Helper()
	events := []motcua.Event{accepted(at(tb, acceptedAt))}
	step := 0
	for i := 0; i < len(rest); i += 2 {
		e := motcua.Event{Seq: len(events) + 1, Type: rest[i].(motcua.EventType), At: at(tb, rest[i+1].(string))}
		e.RecordedAt = e.At
		if e.Type == motcua.EventHandedOver {
			step++
			e.Data.ToStep = step
		}
		events = append(events, e)
	}
	return events
}

func replay(tb testing.TB, p *motcua.Procedure, events []motcua.Event) (motcua.Dossier, ledger.Clock) {
	tb.Helper()
	d, c, err := ledger.Replay(motcua.Dossier{ID: 7, Code: "000.21.99.T01-240304-0001"}, events, p, seedCal)
	if err != nil {
		tb.Fatal(err)
	}
	return d, c
}

func TestReplayAcceptDueIsEarliestInstantLegalTimeIsUsedUp(t *testing.T) {
	cases := []struct {
		name, accepted, due string
		p                   *motcua.Procedure
	}{
		{"Mon 14:00 + 3 days is Thu 14:00", "2024-03-04 14:00", "2024-03-07 14:00", threeDays},
		{"Mon 09:00 + 3 days is Thu 09:00", "2024-03-04 09:00", "2024-03-07 09:00", threeDays},
		{"Tue 07:30 + 3 days is Thu 17:00, not Fri 07:30", "2024-03-05 07:30", "2024-03-07 17:00", threeDays},
		{"after hours the clock starts next opening", "2024-03-04 18:00", "2024-03-07 17:00", threeDays},
		{"before opening the clock starts at 07:30", "2024-03-05 06:00", "2024-03-07 17:00", threeDays},
		{"at lunch the clock starts 13:30 and ends at 11:30, not 13:30", "2024-03-04 12:00", "2024-03-07 11:30", threeDays},
		{"a Saturday acceptance starts Monday", "2024-03-09 10:00", "2024-03-13 17:00", threeDays},
		{"Tết days off are skipped", "2024-02-07 14:00", "2024-02-19 14:00", threeDays},
		{"a make-up Saturday is worked", "2024-05-03 14:00", "2024-05-04 14:00", procedure(1, motcua.WorkingDays)},
		{"half a working day is 225 minutes", "2024-03-04 09:00", "2024-03-04 14:45", procedure(0.5, motcua.WorkingDays)},
		{"Thu 11:00 + half an hour is 11:30, not 13:30", "2024-03-07 11:00", "2024-03-07 11:30", procedure(0.5, motcua.WorkingHours)},
		{"4 working hours over lunch", "2024-03-07 10:00", "2024-03-07 16:00", procedure(4, motcua.WorkingHours)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			acc := at(t, c.accepted)
			d, clock := replay(t, c.p, []motcua.Event{accepted(acc)})
			if want := at(t, c.due); !d.DueAt.Equal(want) {
				t.Errorf("DueAt = %s, want %s", show(d.DueAt), show(want))
			}
			if want := ledger.DueAt(c.p, acc, seedCal); !d.DueAt.Equal(want) {
				t.Errorf("Replay DueAt %s differs from ledger.DueAt %s", show(d.DueAt), show(want))
			}
			if d.State != motcua.StateProcessing || d.Version != 1 || d.Step != 0 || !d.AcceptedAt.Equal(acc) {
				t.Errorf("state %s version %d step %d accepted %s", d.State, d.Version, d.Step, show(d.AcceptedAt))
			}
			if d.ReceivingUnitID != receiving || d.DecidingUnitID != deciding || d.CurrentUnitID != receiving {
				t.Errorf("units %d/%d/%d: step 0 happens at the receiving unit", d.ReceivingUnitID, d.DecidingUnitID, d.CurrentUnitID)
			}
			if d.Code != "000.21.99.T01-240304-0001" || d.ID != 7 || d.Applicant.Name != "Nguyễn Văn Bình" {
				t.Errorf("base fields lost: %+v", d)
			}
			legal := c.p.Time.Duration(seedCal.StandardDay())
			if !clock.Running || clock.Remaining != legal || !clock.Since.Equal(seedCal.NextOpening(acc)) {
				t.Errorf("clock = %+v, want running since the next opening with %v left", clock, legal)
			}
		})
	}
}

func TestReplaySameDayDueBeforeAndAfterCutoff(t *testing.T) {
	sameDay := procedure(1, motcua.SameDay)
	cases := []struct{ name, accepted, due string }{
		{"before 15:00 due the same evening", "2024-03-04 14:59", "2024-03-04 17:00"},
		{"at 15:00 exactly due the same day (only after 15:00 moves)", "2024-03-04 15:00", "2024-03-04 17:00"},
		{"at 15:01 due the next working day", "2024-03-04 15:01", "2024-03-05 17:00"},
		{"after 15:00 due the next working day", "2024-03-04 16:30", "2024-03-05 17:00"},
		{"before opening due the same evening", "2024-03-04 06:45", "2024-03-04 17:00"},
		{"at lunch the clock starts 13:30, before the cutoff", "2024-03-04 12:15", "2024-03-04 17:00"},
		{"after hours the clock starts next morning, due that evening", "2024-03-04 18:00", "2024-03-05 17:00"},
		{"Friday after 15:00 is due Monday", "2024-03-08 15:30", "2024-03-11 17:00"},
		{"after 15:00 before 29/04–01/05 off is due 02/05", "2024-04-26 15:30", "2024-05-02 17:00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, _ := replay(t, sameDay, []motcua.Event{accepted(at(t, c.accepted))})
			if want := at(t, c.due); !d.DueAt.Equal(want) {
				t.Errorf("accepted %s: DueAt = %s, want %s", c.accepted, show(d.DueAt), show(want))
			}
		})
	}
}

func TestReplayPauseAndResumeMoveDueByPausedWorkingTime(t *testing.T) {
	cases := []struct {
		name                 string
		events               []motcua.Event
		pausedAt, resumedAt  string
		dueBefore, dueAfter  string
		remainingWhilePaused time.Duration
	}{
		{
			// 420 of 1350 min used (Mon 360 + Tue 60); 930 left from Mon
			// 11/03 14:00: Mon 180, Tue 450, Wed 240 + 60.
			name: "paused a week during processing",
			events: history(t, "2024-03-04 09:00", motcua.EventHandedOver, "2024-03-04 10:00",
				motcua.EventSupplementRequested, "2024-03-05 08:30", motcua.EventSupplementReceived, "2024-03-11 14:00"),
			pausedAt: "2024-03-05 08:30", resumedAt: "2024-03-11 14:00",
			dueBefore: "2024-03-07 09:00", dueAfter: "2024-03-13 14:30", remainingWhilePaused: 930 * time.Minute,
		},
		{
			// Used Mon 360 + Tue 90 = 450; 900 left from Thu 15/02 09:00:
			// Thu 360, Fri 450, Mon 90. Tết (08–14/02) adds nothing.
			name: "paused over Tết",
			events: history(t, "2024-02-05 09:00", motcua.EventSupplementRequested, "2024-02-06 09:00",
				motcua.EventSupplementReceived, "2024-02-15 09:00"),
			pausedAt: "2024-02-06 09:00", resumedAt: "2024-02-15 09:00",
			dueBefore: "2024-02-15 09:00", dueAfter: "2024-02-19 09:00", remainingWhilePaused: 900 * time.Minute,
		},
		{
			name: "paused and resumed the same evening moves nothing",
			events: history(t, "2024-03-04 09:00", motcua.EventSupplementRequested, "2024-03-04 17:30",
				motcua.EventSupplementReceived, "2024-03-04 20:00"),
			pausedAt: "2024-03-04 17:30", resumedAt: "2024-03-04 20:00",
			dueBefore: "2024-03-07 09:00", dueAfter: "2024-03-07 09:00", remainingWhilePaused: 990 * time.Minute,
		},
		{
			name: "one minute left when paused",
			events: history(t, "2024-03-04 09:00", motcua.EventSupplementRequested, "2024-03-07 08:59",
				motcua.EventSupplementReceived, "2024-03-11 08:00"),
			pausedAt: "2024-03-07 08:59", resumedAt: "2024-03-11 08:00",
			dueBefore: "2024-03-07 09:00", dueAfter: "2024-03-11 08:01", remainingWhilePaused: time.Minute,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			paused, clock := replay(t, threeDays, c.events[:len(c.events)-1])
			if paused.State != motcua.StateSupplement || !paused.PausedAt.Equal(at(t, c.pausedAt)) {
				t.Errorf("while paused: state %s PausedAt %s", paused.State, show(paused.PausedAt))
			}
			if !paused.DueAt.Equal(at(t, c.dueBefore)) {
				t.Errorf("DueAt while paused = %s, want %s (unchanged until resumed)", show(paused.DueAt), c.dueBefore)
			}
			if clock.Running || clock.Remaining != c.remainingWhilePaused {
				t.Errorf("clock while paused = running %v, %v left; want stopped, %v left", clock.Running, clock.Remaining, c.remainingWhilePaused)
			}
			if paused.Overdue(at(t, "2024-12-31 17:00")) {
				t.Error("a dossier paused before its due instant is not late, however long it waits")
			}
			d, clock := replay(t, threeDays, c.events)
			if want := at(t, c.dueAfter); !d.DueAt.Equal(want) {
				t.Errorf("DueAt after resume = %s, want %s", show(d.DueAt), show(want))
			}
			if d.State != motcua.StateProcessing || !d.PausedAt.IsZero() || !clock.Running {
				t.Errorf("after resume: state %s PausedAt %s running %v", d.State, show(d.PausedAt), clock.Running)
			}
			moved := seedCal.Between(at(t, c.dueBefore), d.DueAt)
			pausedFor := seedCal.Between(at(t, c.pausedAt), at(t, c.resumedAt))
			if moved != pausedFor {
				t.Errorf("due date moved by %v of working time, the pause lasted %v", moved, pausedFor)
			}
		})
	}
}

func TestReplayLateWhenPausedKeepsDueDate(t *testing.T) {
	cases := []struct {
		name   string
		events []motcua.Event
	}{
		{"paused a day after the due instant", history(t, "2024-03-04 09:00",
			motcua.EventSupplementRequested, "2024-03-08 10:00", motcua.EventSupplementReceived, "2024-03-12 10:00")},
		{"paused exactly at the due instant", history(t, "2024-03-04 09:00",
			motcua.EventSupplementRequested, "2024-03-07 09:00", motcua.EventSupplementReceived, "2024-03-12 10:00")},
	}
	due := at(t, "2024-03-07 09:00")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			paused, _ := replay(t, threeDays, c.events[:2])
			pausedLate := paused.PausedAt.After(due)
			if paused.Overdue(at(t, "2024-03-12 09:00")) != pausedLate {
				t.Errorf("Overdue while paused = %v, want %v (late only if paused after the due instant)", !pausedLate, pausedLate)
			}
			d, _ := replay(t, threeDays, c.events)
			if !d.DueAt.Equal(due) {
				t.Errorf("DueAt = %s, want %s kept: lateness is not forgiven by a pause", show(d.DueAt), show(due))
			}
			if !d.Overdue(at(t, "2024-03-12 10:00")) {
				t.Error("resumed after its due instant yet not overdue")
			}
		})
	}
}

func TestReplayHandOverMovesToStepUnit(t *testing.T) {
	events := history(t, "2024-03-04 09:00", motcua.EventHandedOver, "2024-03-04 10:00",
		motcua.EventHandedOver, "2024-03-06 09:00", motcua.EventHandedOver, "2024-03-06 16:00",
		motcua.EventResultReady, "2024-03-07 08:00", motcua.EventResultReturned, "2024-03-07 10:00")
	want := []struct {
		step  int
		unit  int64
		state motcua.State
	}{
		{0, receiving, motcua.StateProcessing}, {1, deciding, motcua.StateProcessing}, {2, deciding, motcua.StateProcessing},
		{3, receiving, motcua.StateProcessing}, {3, receiving, motcua.StateResultReady}, {3, receiving, motcua.StateReturned},
	}
	for i, w := range want {
		d, _ := replay(t, threeDays, events[:i+1])
		if d.Step != w.step || d.CurrentUnitID != w.unit || d.State != w.state || d.Version != i+1 {
			t.Errorf("after %s: step %d unit %d state %s version %d; want %d %d %s %d",
				events[i].Type, d.Step, d.CurrentUnitID, d.State, d.Version, w.step, w.unit, w.state, i+1)
		}
	}
	d, _ := replay(t, threeDays, events)
	if !d.ResultAt.Equal(at(t, "2024-03-07 08:00")) || !d.ReturnedAt.Equal(at(t, "2024-03-07 10:00")) || !d.DueAt.Equal(at(t, "2024-03-07 09:00")) {
		t.Errorf("ResultAt %s ReturnedAt %s DueAt %s", show(d.ResultAt), show(d.ReturnedAt), show(d.DueAt))
	}
	if d.Overdue(at(t, "2024-03-20 09:00")) {
		t.Error("a result ready before the due instant is on time")
	}
}

// The catalogue gives step budgets in minutes of a 450-minute day; a unit
// with longer days gets proportionally longer budgets.
func TestStepBudgetScalesCatalogueMinutesToUnitDay(t *testing.T) {
	eight, err := calendar.ParseOfficeHours("Mon-Fri 07:00-11:00,13:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	long := calendar.New(eight, nil)
	cases := []struct {
		cal  *calendar.Calendar
		step int
		want time.Duration
	}{
		{seedCal, 0, 90 * time.Minute}, {seedCal, 1, 900 * time.Minute}, {seedCal, 2, 270 * time.Minute}, {seedCal, 3, 90 * time.Minute},
		{long, 0, 96 * time.Minute}, {long, 1, 960 * time.Minute}, // × 480/450
		{seedCal, -1, 0}, {seedCal, 4, 0},
	}
	for _, c := range cases {
		if got := ledger.StepBudget(threeDays, c.step, c.cal); got != c.want {
			t.Errorf("StepBudget(step %d, %v day) = %v, want %v", c.step, c.cal.StandardDay(), got, c.want)
		}
	}
}

func TestReplayStepDueInstants(t *testing.T) {
	events := history(t, "2024-03-04 09:00", motcua.EventHandedOver, "2024-03-04 10:00",
		motcua.EventHandedOver, "2024-03-06 09:00", motcua.EventHandedOver, "2024-03-06 16:00")
	want := []string{
		"2024-03-04 10:30", // step 0: 90 min from Mon 09:00
		"2024-03-06 10:00", // step 1: 900 min from Mon 10:00 (Mon 300, Tue 450, Wed 150)
		"2024-03-06 15:30", // step 2: 270 min from Wed 09:00 (150 + 120)
		"2024-03-07 08:00", // step 3: 90 min from Wed 16:00 (60 + 30)
	}
	for i, w := range want {
		d, _ := replay(t, threeDays, events[:i+1])
		if !d.StepDueAt.Equal(at(t, w)) {
			t.Errorf("step %d due %s, want %s", i, show(d.StepDueAt), w)
		}
	}
	// A pause freezes the step's budget too: step 1 had used 360 of 900 min
	// at Tue 08:30; the other 540 run from Mon 11/03 14:00 (180 + 240 + 120).
	paused := history(t, "2024-03-04 09:00", motcua.EventHandedOver, "2024-03-04 10:00",
		motcua.EventSupplementRequested, "2024-03-05 08:30", motcua.EventSupplementReceived, "2024-03-11 14:00")
	if d, _ := replay(t, threeDays, paused); !d.StepDueAt.Equal(at(t, "2024-03-12 15:30")) {
		t.Errorf("step 1 due after the pause %s, want Tue 2024-03-12 15:30", show(d.StepDueAt))
	}
}

func TestDecideRejectsWhatTheRulesForbid(t *testing.T) {
	now := at(t, "2024-03-04 10:00")
	processing := history(t, "2024-03-04 09:00")
	lastStep := history(t, "2024-03-04 07:30", motcua.EventHandedOver, "2024-03-04 08:00",
		motcua.EventHandedOver, "2024-03-04 08:30", motcua.EventHandedOver, "2024-03-04 09:00")
	resultReady := history(t, "2024-03-04 08:00", motcua.EventResultReady, "2024-03-04 09:00")
	withdrawn := history(t, "2024-03-04 08:00", motcua.EventWithdrawn, "2024-03-04 09:00")
	cases := []struct {
		name   string
		events []motcua.Event
		action motcua.Action // Version 0 means the dossier's version
		code   string
		field  string
	}{
		{"older version is a conflict", processing, motcua.Action{Type: motcua.EventHandedOver, Version: -1}, motcua.ECONFLICT, ""},
		{"newer version is a conflict", processing, motcua.Action{Type: motcua.EventHandedOver, Version: 2}, motcua.ECONFLICT, ""},
		{"conflict is checked before the instant", processing, motcua.Action{Type: motcua.EventHandedOver, Version: 2, At: now.Add(time.Hour)}, motcua.ECONFLICT, ""},
		{"result returned while processing", processing, motcua.Action{Type: motcua.EventResultReturned}, motcua.ENOTALLOWED, ""},
		{"supplement received while processing", processing, motcua.Action{Type: motcua.EventSupplementReceived}, motcua.ENOTALLOWED, ""},
		{"hand-over past the last step", lastStep, motcua.Action{Type: motcua.EventHandedOver}, motcua.ENOTALLOWED, ""},
		{"withdraw after the result is ready", resultReady, motcua.Action{Type: motcua.EventWithdrawn, Reason: "đơn xin rút"}, motcua.ENOTALLOWED, ""},
		{"result ready twice", resultReady, motcua.Action{Type: motcua.EventResultReady}, motcua.ENOTALLOWED, ""},
		{"anything after withdrawal", withdrawn, motcua.Action{Type: motcua.EventResultReady}, motcua.ENOTALLOWED, ""},
		{"future instant beyond the drift allowance", processing, motcua.Action{Type: motcua.EventHandedOver, At: now.Add(ledger.MaxFuture + time.Second)}, motcua.EINVALID, "at"},
		{"instant before the last event", processing, motcua.Action{Type: motcua.EventHandedOver, At: at(t, "2024-03-04 08:59"), Reason: "nhập bù"}, motcua.EINVALID, "at"},
		{"late entry without reason", processing, motcua.Action{Type: motcua.EventHandedOver, At: now.Add(-motcua.LateEntryTolerance - time.Second)}, motcua.EINVALID, "reason"},
		{"late entry with a blank reason", processing, motcua.Action{Type: motcua.EventHandedOver, At: at(t, "2024-03-04 09:00"), Reason: " \n "}, motcua.EINVALID, "reason"},
		{"supplement request without a list", processing, motcua.Action{Type: motcua.EventSupplementRequested}, motcua.EINVALID, "missing"},
		{"supplement request listing only blanks", processing, motcua.Action{Type: motcua.EventSupplementRequested, Missing: []string{"", "  "}}, motcua.EINVALID, "missing"},
		{"withdraw without reason", processing, motcua.Action{Type: motcua.EventWithdrawn, Reason: "  "}, motcua.EINVALID, "reason"},
		{"unknown action", processing, motcua.Action{Type: "deleted"}, motcua.EINVALID, "type"},
		{"acceptance is not an action", processing, motcua.Action{Type: motcua.EventAccepted}, motcua.EINVALID, "type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, _ := replay(t, threeDays, c.events)
			a := c.action
			switch a.Version {
			case 0:
				a.Version = d.Version
			case -1:
				a.Version = d.Version - 1
			}
			_, err := decide(&d, threeDays, c.events[len(c.events)-1].At, a, now)
			if motcua.ErrorCode(err) != c.code || motcua.ErrorField(err) != c.field {
				t.Errorf("err = %v; want code %q field %q", err, c.code, c.field)
			}
		})
	}
}

func TestDecideBuildsTheEvent(t *testing.T) {
	now := at(t, "2024-03-04 10:00")
	events := history(t, "2024-03-04 09:00")
	d, _ := replay(t, threeDays, events)
	cases := []struct {
		name   string
		action motcua.Action
		check  func(t *testing.T, e motcua.Event)
	}{
		{"hand-over to the next step", motcua.Action{Type: motcua.EventHandedOver, ToUserID: 42, Note: " Chuyển chị Hai "},
			func(t *testing.T, e motcua.Event) {
				if e.Data.ToStep != 1 || e.Data.ToUserID != 42 || e.Data.Note != "Chuyển chị Hai" || !e.At.Equal(now) {
					t.Errorf("event %+v", e)
				}
			}},
		{"drift allowance: 2 minutes ahead is accepted", motcua.Action{Type: motcua.EventHandedOver, At: now.Add(ledger.MaxFuture)},
			func(t *testing.T, e motcua.Event) {
				if !e.At.Equal(now.Add(ledger.MaxFuture)) || e.LateEntry() {
					t.Errorf("event at %s late %v", show(e.At), e.LateEntry())
				}
			}},
		{"late by exactly the tolerance needs no reason", motcua.Action{Type: motcua.EventHandedOver, At: now.Add(-motcua.LateEntryTolerance)},
			func(t *testing.T, e motcua.Event) {
				if e.LateEntry() {
					t.Error("marked late")
				}
			}},
		{"late entry with reason is marked late", motcua.Action{Type: motcua.EventHandedOver, At: at(t, "2024-03-04 09:00"), Reason: "Quên bấm"},
			func(t *testing.T, e motcua.Event) {
				if !e.LateEntry() || e.Reason != "Quên bấm" || !e.RecordedAt.Equal(now) {
					t.Errorf("event %+v", e)
				}
			}},
		{"supplement list is cleaned and normalised", motcua.Action{Type: motcua.EventSupplementRequested,
			Missing: []string{" Giấy chu\u031b\u0301ng sinh ", "", "Sổ hộ khẩu"}},
			func(t *testing.T, e motcua.Event) {
				if !reflect.DeepEqual(e.Data.Missing, []string{"Giấy chứng sinh", "Sổ hộ khẩu"}) {
					t.Errorf("missing %q", e.Data.Missing)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := c.action
			a.Version = d.Version
			e, err := decide(&d, threeDays, events[0].At, a, now)
			if err != nil {
				t.Fatal(err)
			}
			if e.Seq != d.Version+1 || e.DossierID != d.ID || e.Type != a.Type || !e.RecordedAt.Equal(now) {
				t.Errorf("seq %d dossier %d type %s recorded %s", e.Seq, e.DossierID, e.Type, show(e.RecordedAt))
			}
			c.check(t, e)
		})
	}
}

func TestCleanIntakeRejectsEachBadField(t *testing.T) {
	valid := func() motcua.Intake {
		return motcua.Intake{ProcedureID: 1, UnitID: 2, Channel: motcua.ChannelOnline,
			Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1, xã Đắk Lao",
				Phone: "+84 912.345-678", Email: "binh@example.vn"},
			Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1}
	}
	runes := func(n int) string { return strings.Repeat("ễ", n) }
	cases := []struct {
		name  string
		edit  func(*motcua.Intake)
		field string // "" means valid
	}{
		{"valid", func(*motcua.Intake) {}, ""},
		{"no procedure", func(in *motcua.Intake) { in.ProcedureID = 0 }, "procedure"},
		{"empty name", func(in *motcua.Intake) { in.Applicant.Name = "" }, "applicant_name"},
		{"blank name", func(in *motcua.Intake) { in.Applicant.Name = " \u00a0\t" }, "applicant_name"},
		{"name of 200 runes", func(in *motcua.Intake) { in.Applicant.Name = runes(200) }, ""},
		{"name of 201 runes", func(in *motcua.Intake) { in.Applicant.Name = runes(201) }, "applicant_name"},
		{"name of 200 letters typed decomposed (600 runes)", func(in *motcua.Intake) {
			in.Applicant.Name = strings.Repeat("e\u0302\u0303", 200)
		}, ""},
		{"address of 501 runes", func(in *motcua.Intake) { in.Applicant.Address = runes(501) }, "applicant_address"},
		{"id number with letters", func(in *motcua.Intake) { in.Applicant.IDNumber = "0670A2345678" }, "applicant_id_number"},
		{"id number of 21 digits", func(in *motcua.Intake) { in.Applicant.IDNumber = strings.Repeat("1", 21) }, "applicant_id_number"},
		{"tax number with dash", func(in *motcua.Intake) { in.Applicant.IDNumber = "0101234567-001" }, ""},
		{"phone with letters", func(in *motcua.Intake) { in.Applicant.Phone = "09x2345678" }, "applicant_phone"},
		{"phone of 21 characters", func(in *motcua.Intake) { in.Applicant.Phone = strings.Repeat("9", 21) }, "applicant_phone"},
		{"email without @", func(in *motcua.Intake) { in.Applicant.Email = "binh.example.vn" }, "applicant_email"},
		{"email with display name", func(in *motcua.Intake) { in.Applicant.Email = "Bình <binh@example.vn>" }, "applicant_email"},
		{"no email", func(in *motcua.Intake) { in.Applicant.Email = "" }, ""},
		{"no channel", func(in *motcua.Intake) { in.Channel = "" }, "channel"},
		{"unknown channel", func(in *motcua.Intake) { in.Channel = "fax" }, "channel"},
		{"101 sets", func(in *motcua.Intake) { in.Sets = 101 }, "sets"},
		{"negative sets", func(in *motcua.Intake) { in.Sets = -1 }, "sets"},
		{"100 sets", func(in *motcua.Intake) { in.Sets = 100 }, ""},
		{"51 documents", func(in *motcua.Intake) {
			in.Documents = make([]motcua.ReceivedDocument, 51)
			for i := range in.Documents {
				in.Documents[i] = motcua.ReceivedDocument{Name: "Giấy tờ", Kind: motcua.DocCopy, Count: 1}
			}
		}, "documents"},
		{"document without name", func(in *motcua.Intake) { in.Documents[0].Name = " " }, "documents"},
		{"document count 0", func(in *motcua.Intake) { in.Documents[0].Count = 0 }, "documents"},
		{"document count 101", func(in *motcua.Intake) { in.Documents[0].Count = 101 }, "documents"},
		{"document of unknown kind", func(in *motcua.Intake) { in.Documents[0].Kind = "scan" }, "documents"},
		{"reason of 2001 runes", func(in *motcua.Intake) { in.Reason = runes(2001) }, "reason"},
		{"note of 2001 runes", func(in *motcua.Intake) { in.Note = runes(2001) }, "reason"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := valid()
			c.edit(&in)
			err := ledger.CleanIntake(&in)
			if c.field == "" {
				if err != nil {
					t.Errorf("rejected a valid intake: %v", err)
				}
				return
			}
			if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field {
				t.Errorf("err = %v, want invalid on field %q", err, c.field)
			}
		})
	}
}

func TestCleanIntakeNormalisesToNFC(t *testing.T) {
	in := motcua.Intake{ProcedureID: 1, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "  Nguye\u0302\u0303n Văn Bi\u0300nh ", Address: "Thôn Đu\u031b\u0301c Lê\u0323"},
		Documents: []motcua.ReceivedDocument{{Name: "To\u031b\u0300 khai", Kind: motcua.DocOriginal, Count: 1}},
		Reason:    " Mâ\u0301t điện "}
	if err := ledger.CleanIntake(&in); err != nil {
		t.Fatal(err)
	}
	want := []struct{ got, want string }{
		{in.Applicant.Name, "Nguyễn Văn Bình"},
		{in.Applicant.Address, "Thôn Đức Lệ"},
		{in.Documents[0].Name, "Tờ khai"},
		{in.Reason, "Mất điện"},
	}
	for _, w := range want {
		if w.got != w.want {
			t.Errorf("%q (% x), want %q (% x)", w.got, w.got, w.want, w.want)
		}
	}
	if in.Sets != 1 {
		t.Errorf("Sets = %d, want the default 1", in.Sets)
	}
}

// Property (design.md §7): replaying a log rebuilds the same projection, the
// version counts the events, and the clock conserves working time: the due
// instant is the legal time plus the working time spent paused, unless the
// dossier was already late when paused.
func TestReplayPropertiesOnRandomLogs(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 3))
	procs := []*motcua.Procedure{threeDays, procedure(1, motcua.SameDay), procedure(4, motcua.WorkingHours), procedure(15, motcua.WorkingDays)}
	from := at(t, "2024-01-01 00:00")
	gap := func() time.Duration {
		switch rng.IntN(4) {
		case 0:
			return time.Duration(rng.IntN(60)) * time.Minute
		case 1:
			return time.Duration(rng.IntN(8*60)) * time.Minute
		case 2:
			return time.Duration(rng.IntN(3*24*60)) * time.Minute
		}
		return time.Duration(rng.IntN(15*24*60)) * time.Minute
	}
	const sequences = 3000
	var stats struct{ events, pauses, resumes, latePauses, finished int }
	for i := range sequences {
		p := procs[rng.IntN(len(procs))]
		accAt := from.Add(time.Duration(rng.IntN(2*365*24*60)) * time.Minute)
		events := []motcua.Event{accepted(accAt)}
		d, clock := replay(t, p, events)
		start := seedCal.NextOpening(accAt)
		legal := seedCal.Between(start, ledger.DueAt(p, accAt, seedCal))
		var pausedFor time.Duration // working time inside closed pauses that began in time
		late := false               // a pause began with no time left
		last := accAt
		for range rng.IntN(14) {
			var options []motcua.EventType
			switch d.State {
			case motcua.StateProcessing:
				if d.Step+1 < len(p.Steps) {
					options = append(options, motcua.EventHandedOver, motcua.EventHandedOver)
				}
				if d.Supplements == 0 { // a repeat waits for a leader: TestRepeatedSupplementRequest
					options = append(options, motcua.EventSupplementRequested)
				}
				options = append(options, motcua.EventResultReady, motcua.EventWithdrawn)
			case motcua.StateSupplement:
				options = append(options, motcua.EventSupplementReceived, motcua.EventSupplementReceived, motcua.EventWithdrawn)
			case motcua.StateResultReady:
				options = append(options, motcua.EventResultReturned)
			}
			if len(options) == 0 {
				break
			}
			now := last.Add(gap())
			a := motcua.Action{Version: d.Version, Type: options[rng.IntN(len(options))], Reason: "lý do", Missing: []string{"Giấy tờ"}}
			e, err := decide(&d, p, last, a, now)
			if err != nil {
				t.Fatalf("sequence %d: Decide rejected a valid %s in state %s: %v", i, a.Type, d.State, err)
			}
			if e.Type == motcua.EventSupplementReceived && !late {
				pausedFor += seedCal.Between(d.PausedAt, e.At)
			}
			events = append(events, e)
			stats.events++
			dueBefore := d.DueAt
			d, clock = replay(t, p, events)
			switch e.Type {
			case motcua.EventSupplementRequested:
				stats.pauses++
				if clock.Remaining <= 0 {
					late = true
					stats.latePauses++
				}
			case motcua.EventSupplementReceived:
				stats.resumes++
				if late && !d.DueAt.Equal(dueBefore) {
					t.Fatalf("sequence %d: resumed a dossier paused late moved its due date %s → %s", i, show(dueBefore), show(d.DueAt))
				}
			default:
				if !d.DueAt.Equal(dueBefore) {
					t.Fatalf("sequence %d: %s moved the due date %s → %s", i, e.Type, show(dueBefore), show(d.DueAt))
				}
			}
			last = now
		}

		snapshot := slices.Clone(events)
		d1, c1, err1 := ledger.Replay(motcua.Dossier{ID: 7}, events, p, seedCal)
		d2, c2, err2 := ledger.Replay(motcua.Dossier{ID: 7}, events, p, seedCal)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(c1, c2) {
			t.Fatalf("sequence %d: two replays differ:\n%+v %+v\n%+v %+v", i, d1, c1, d2, c2)
		}
		if !reflect.DeepEqual(events, snapshot) {
			t.Fatalf("sequence %d: Replay modified the events it was given", i)
		}
		if d1.Version != len(events) {
			t.Fatalf("sequence %d: version %d after %d events", i, d1.Version, len(events))
		}
		if !d1.State.Open() {
			stats.finished++
		}
		if !late {
			if got := seedCal.Between(start, d1.DueAt); got != legal+pausedFor {
				t.Fatalf("sequence %d (%s, accepted %s): working time to due %v, want legal %v + paused %v\n%s",
					i, p.Time, show(accAt), got, legal, pausedFor, describe(events))
			}
		}
	}
	t.Logf("%d logs: %d actions, %d pauses (%d with no time left), %d resumes, %d finished",
		sequences, stats.events, stats.pauses, stats.latePauses, stats.resumes, stats.finished)
	if stats.pauses < 100 || stats.latePauses < 10 || stats.resumes < 100 {
		t.Errorf("the generator rarely reaches the interesting cases: %+v", stats)
	}
}

func describe(events []motcua.Event) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString("  " + string(e.Type) + " " + show(e.At) + "\n")
	}
	return b.String()
}

// decide calls Decide with the seed calendar and the default rules.
func decide(d *motcua.Dossier, p *motcua.Procedure, lastAt time.Time, a motcua.Action, now time.Time) (motcua.Event, error) {
	return ledger.Decide(d, a, ledger.Situation{Procedure: p, Calendar: seedCal, Rules: ledger.DefaultRules(), LastAt: lastAt, Now: now})
}
