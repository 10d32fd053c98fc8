// Package ledger holds the rules of the dossier lifecycle. It is pure: given a
// dossier's events, its procedure version and the working calendar, it
// rebuilds the dossier's state and clock (Replay) and decides whether a new
// action is allowed and which event it appends (Decide).
package ledger

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// SameDayCutoff is 15:00 in minutes: "trong ngày" dossiers accepted later are
// due the next working day (domain.md §5).
const SameDayCutoff = 15 * 60

// Clock is the working-time state of a dossier: how much of the legal time
// and of the current step's budget is left, and since when it runs.
type Clock struct {
	Running       bool
	Since         time.Time     // start of the current running segment
	Remaining     time.Duration // legal time left at Since
	StepRemaining time.Duration // current step's budget left at Since
	PausedAt      time.Time
}

// Replay folds events, oldest first, into the dossier projection and its
// clock. Dossier fields that events do not carry (code, ids, procedure names)
// are kept from base.
func Replay(base motcua.Dossier, events []motcua.Event, p *motcua.Procedure, cal *calendar.Calendar) (motcua.Dossier, Clock, error) {
	d := base
	var c Clock
	for i := range events {
		if err := apply(&d, &c, &events[i], p, cal); err != nil {
			return d, c, fmt.Errorf("ledger.Replay(%s) event %d: %w", base.Code, events[i].Seq, err)
		}
	}
	return d, c, nil
}

func apply(d *motcua.Dossier, c *Clock, e *motcua.Event, p *motcua.Procedure, cal *calendar.Calendar) error {
	switch e.Type {
	case motcua.EventAccepted:
		applyAccepted(d, c, e, p, cal)
	case motcua.EventHandedOver:
		c.settle(e.At, cal)
		d.Step = e.Data.ToStep
		d.CurrentUnitID = StepUnitID(d, p, d.Step)
		c.StepRemaining = StepBudget(p, d.Step, cal)
		d.StepDueAt = cal.Add(e.At, c.StepRemaining)
	case motcua.EventSupplementRequested:
		c.settle(e.At, cal)
		c.Running, c.PausedAt = false, e.At
		d.State, d.PausedAt = motcua.StateSupplement, e.At
	case motcua.EventSupplementReceived:
		c.Running, c.Since, c.PausedAt = true, e.At, time.Time{}
		d.State, d.PausedAt = motcua.StateProcessing, time.Time{}
		d.DueAt = resumeDue(d.DueAt, e.At, c.Remaining, cal)
		d.StepDueAt = resumeDue(d.StepDueAt, e.At, c.StepRemaining, cal)
	case motcua.EventResultReady:
		c.settle(e.At, cal)
		c.Running = false
		d.State, d.ResultAt = motcua.StateResultReady, e.At
	case motcua.EventResultReturned:
		d.State, d.ReturnedAt = motcua.StateReturned, e.At
	case motcua.EventDueRecomputed:
		// The time already worked stays worked; what is left runs on the new calendar.
		c.settle(e.At, cal)
		if c.Running {
			d.DueAt = resumeDue(d.DueAt, e.At, c.Remaining, cal)
			d.StepDueAt = resumeDue(d.StepDueAt, e.At, c.StepRemaining, cal)
		}
	case motcua.EventWithdrawn:
		c.settle(e.At, cal)
		c.Running = false
		d.State = motcua.StateWithdrawn
	default:
		return fmt.Errorf("unknown event type %q", e.Type)
	}
	if s := e.Data.Clock; s != nil { // what was decided then, not what today's calendar says
		d.DueAt, d.StepDueAt, c.Remaining, c.StepRemaining = s.DueAt, s.StepDueAt, s.Remaining, s.StepRemaining
	}
	d.Version = e.Seq
	return nil
}

// Stamp records on e the clock that replaying it produced.
func Stamp(e *motcua.Event, d *motcua.Dossier, c Clock) {
	e.Data.Clock = &motcua.ClockStamp{DueAt: d.DueAt, StepDueAt: d.StepDueAt, Remaining: c.Remaining, StepRemaining: c.StepRemaining}
}

func applyAccepted(d *motcua.Dossier, c *Clock, e *motcua.Event, p *motcua.Procedure, cal *calendar.Calendar) {
	x := e.Data
	d.VersionID, d.ReceivingUnitID, d.DecidingUnitID = x.ProcedureVersionID, x.ReceivingUnitID, x.DecidingUnitID
	d.Channel, d.Sets, d.Documents = x.Channel, x.Sets, x.Documents
	if x.Applicant != nil {
		d.Applicant = *x.Applicant
	}
	d.State, d.Step, d.AcceptedAt = motcua.StateProcessing, 0, e.At
	d.CurrentUnitID = StepUnitID(d, p, 0)
	d.DueAt = DueAt(p, e.At, cal)
	start := cal.NextOpening(e.At)
	*c = Clock{Running: true, Since: start, Remaining: cal.Between(start, d.DueAt)}
	c.StepRemaining = StepBudget(p, 0, cal)
	d.StepDueAt = cal.Add(start, c.StepRemaining)
}

// settle charges the working time elapsed since the clock last started to
// the remaining budgets, and restarts the segment at t.
func (c *Clock) settle(t time.Time, cal *calendar.Calendar) {
	if !c.Running {
		return
	}
	used := cal.Between(c.Since, t)
	c.Remaining -= used
	c.StepRemaining -= used
	c.Since = t
}

// resumeDue is the new due instant when a paused clock resumes at t. A
// dossier already late when paused keeps its due instant: lateness is not
// forgiven by a pause.
func resumeDue(old, t time.Time, remaining time.Duration, cal *calendar.Calendar) time.Time {
	if remaining <= 0 {
		return old
	}
	return cal.Add(t, remaining)
}

// DueAt is the promised instant for a dossier of procedure p accepted at t.
func DueAt(p *motcua.Procedure, t time.Time, cal *calendar.Calendar) time.Time {
	if p.Time.Unit == motcua.SameDay {
		return cal.SameDayDue(t, SameDayCutoff)
	}
	return cal.Add(t, p.Time.Duration(cal.StandardDay()))
}

// StepBudget is the working time of step i, scaled from the catalogue's
// 450-minute day to the unit's own standard day.
func StepBudget(p *motcua.Procedure, i int, cal *calendar.Calendar) time.Duration {
	if i < 0 || i >= len(p.Steps) {
		return 0
	}
	const catalogueDayMinutes = 450
	return time.Duration(int64(p.Steps[i].Minutes) * int64(cal.StandardDay()) / catalogueDayMinutes)
}

// StepUnitID is the unit that performs step i of the dossier's workflow.
func StepUnitID(d *motcua.Dossier, p *motcua.Procedure, i int) int64 {
	if i >= 0 && i < len(p.Steps) && p.Steps[i].Unit == motcua.AtIntake {
		return d.ReceivingUnitID
	}
	return d.DecidingUnitID
}
