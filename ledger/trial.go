package ledger

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// TrialStep is one workflow step of a trial run: when it would start if
// every earlier step used its whole budget, and when it would be due.
type TrialStep struct {
	motcua.WorkflowStep
	UnitID     int64
	StartAt    time.Time
	DueAt      time.Time
	Budget     time.Duration // working time, on the unit's own day
	Cumulative time.Duration // working time used by the end of this step
}

// Trial is a dry run of a workflow (chạy thử): a dossier accepted at At,
// each step handed on exactly at its due instant.
type Trial struct {
	At     time.Time // acceptance
	Start  time.Time // when the clock starts (the next opening)
	DueAt  time.Time // the promised date
	Steps  []TrialStep
	Legal  time.Duration // the legal time
	Budget time.Duration // the steps' budgets summed
}

// Fits reports whether the workflow ends exactly at the promised date.
func (t *Trial) Fits() bool { return t.Legal == t.Budget }

// TrialRun simulates procedure p for a dossier received at receiving and
// decided at deciding, accepted at at, on the calendar: the same replay the
// ledger uses for real dossiers, with each hand-over at the step's due.
func TrialRun(p *motcua.Procedure, receiving, deciding int64, at time.Time, cal *calendar.Calendar) Trial {
	base := motcua.Dossier{ProcedureID: p.ID}
	events := []motcua.Event{{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: at, Data: motcua.EventData{
		ProcedureVersionID: p.VersionID, ReceivingUnitID: receiving, DecidingUnitID: deciding, Channel: motcua.ChannelCounter, Sets: 1}}}
	d, c, _ := Replay(base, events, p, cal)
	t := Trial{At: at, Start: c.Since, DueAt: d.DueAt, Legal: c.Remaining}
	for i := range p.Steps {
		step := TrialStep{WorkflowStep: p.Steps[i], UnitID: d.CurrentUnitID, StartAt: d.Steps[i].StartedAt, DueAt: d.StepDueAt,
			Budget: StepBudget(p, i, cal)}
		if i == 0 {
			step.StartAt = t.Start
		}
		t.Budget += step.Budget
		step.Cumulative = t.Budget
		t.Steps = append(t.Steps, step)
		if i+1 < len(p.Steps) {
			events = append(events, motcua.Event{Seq: len(events) + 1, Type: motcua.EventHandedOver, At: d.StepDueAt,
				RecordedAt: d.StepDueAt, Data: motcua.EventData{ToStep: i + 1}})
			d, _, _ = Replay(base, events, p, cal)
		}
	}
	return t
}
