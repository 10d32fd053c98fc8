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
	Extension     time.Duration // working time an apology added beyond the legal time
	PausedAt      time.Time
}

// replay folds events into a projection; pending holds a late entry that
// counts only once approved.
type replay struct {
	d       motcua.Dossier
	c       Clock
	p       *motcua.Procedure
	cal     *calendar.Calendar
	pending *motcua.Event
}

// Replay folds events, oldest first, into the dossier projection and its
// clock. Dossier fields that events do not carry (code, ids, procedure names)
// are kept from base.
func Replay(base motcua.Dossier, events []motcua.Event, p *motcua.Procedure, cal *calendar.Calendar) (motcua.Dossier, Clock, error) {
	// Only identity comes from base: everything else is what the events say,
	// so replaying onto a projection gives the same projection.
	r := replay{p: p, cal: cal, d: motcua.Dossier{ID: base.ID, Code: base.Code, ProcedureID: base.ProcedureID,
		ProcedureCode: base.ProcedureCode, ProcedureName: base.ProcedureName, TrackingSecret: base.TrackingSecret}}
	for i := range events {
		if err := r.apply(&events[i]); err != nil {
			return r.d, r.c, fmt.Errorf("ledger.Replay(%s) event %d: %w", base.Code, events[i].Seq, err)
		}
	}
	return r.d, r.c, nil
}

func (r *replay) apply(e *motcua.Event) error {
	switch {
	case e.Data.Pending:
		r.pending = e
		r.d.Pending = &motcua.PendingEntry{Seq: e.Seq, Type: e.Type, At: e.At, RecordedAt: e.RecordedAt,
			UnitID: e.UnitID, ActorID: e.ActorID, Reason: e.Reason, Repeat: e.Data.Repeat}
	case e.Type == motcua.EventLateApproved || e.Type == motcua.EventLateRejected:
		if r.pending == nil || r.pending.Seq != e.Data.RefSeq {
			return fmt.Errorf("%s refers to event %d, which awaits no approval", e.Type, e.Data.RefSeq)
		}
		approved := *r.pending
		r.pending, r.d.Pending = nil, nil
		if e.Type == motcua.EventLateApproved {
			approved.Data.Pending, approved.Data.Clock = false, nil // it counts from its own at
			if err := r.effect(&approved); err != nil {
				return err
			}
		}
	default:
		if err := r.effect(e); err != nil {
			return err
		}
	}
	if s := e.Data.Clock; s != nil { // what was decided then, not what today's calendar says
		r.d.DueAt, r.d.StepDueAt, r.d.PromisedAt = s.DueAt, s.StepDueAt, s.PromisedAt
		r.c.Remaining, r.c.StepRemaining, r.c.Extension = s.Remaining, s.StepRemaining, s.Extension
		for _, pd := range s.Parts {
			if pt := r.d.PartBySeq(pd.Seq); pt != nil && pt.Open() {
				pt.DueAt = pd.DueAt
				if !pd.StepDueAt.IsZero() {
					pt.Records[len(pt.Records)-1].DueAt = pd.StepDueAt
				}
			}
		}
	}
	if n := len(r.d.Steps); n > 0 && r.d.Steps[n-1].EndedAt.IsZero() {
		r.d.Steps[n-1].DueAt = r.d.StepDueAt
	}
	r.d.Version = e.Seq
	return nil
}

// effect applies what an event does to the dossier and its clock.
func (r *replay) effect(e *motcua.Event) error {
	d, c, cal := &r.d, &r.c, r.cal
	switch e.Type {
	case motcua.EventAccepted:
		r.accepted(e)
	case motcua.EventHandedOver:
		c.settle(e.At, cal)
		r.endStep(e)
		d.Step = e.Data.ToStep
		d.CurrentUnitID = StepUnitID(d, r.p, d.Step)
		c.StepRemaining = StepBudget(r.p, d.Step, cal)
		d.StepDueAt = cal.Add(e.At, c.StepRemaining)
		r.startStep(e.At, e.ActorID, e.Data.ToUserID)
	case motcua.EventSupplementRequested:
		r.pause(e.At, motcua.StateSupplement)
		d.Supplements++
	case motcua.EventSupplementReceived:
		r.resume(e.At)
	case motcua.EventPaymentReceived:
		if d.State != motcua.StatePayment {
			return fmt.Errorf("payment received while %s, not waiting for payment", d.State)
		}
		r.resume(e.At)
	case motcua.EventResultReady:
		r.stop(e.At, motcua.StateResultReady)
		r.endStep(e)
		d.ResultAt = e.At
	case motcua.EventResultReturned:
		d.State, d.ReturnedAt = motcua.StateReturned, e.At
	case motcua.EventDueRecomputed:
		// The time already worked stays worked; what is left runs on the new calendar.
		c.settle(e.At, cal)
		if c.Running {
			r.setDue(e.At)
		}
		for i := range d.Parts { // a part's own clock runs from its sending
			if pt := &d.Parts[i]; pt.Open() {
				pt.DueAt = cal.Add(pt.SentAt, CatalogueMinutes(pt.Minutes(), cal))
				rec := &pt.Records[len(pt.Records)-1]
				rec.DueAt = cal.Add(rec.StartedAt, CatalogueMinutes(pt.Plan[pt.Step].Minutes, cal))
			}
		}
	case motcua.EventExtended:
		r.extended(e)
	case motcua.EventStopped:
		r.stop(e.At, motcua.StateStopped)
		r.abandonStep(e)
		d.ClosedAt = e.At
	case motcua.EventWithdrawn:
		r.stop(e.At, motcua.StateWithdrawn)
		r.abandonStep(e)
		d.ClosedAt = e.At
	case motcua.EventTransferred:
		// Another unit now decides (and returns): the clock runs on, as
		// promised; the step in progress is now that unit's.
		if e.Data.DecidingUnitID != 0 {
			d.DecidingUnitID = e.Data.DecidingUnitID
		}
		if e.Data.ReturnUnitID != 0 {
			d.ReturnUnitID = e.Data.ReturnUnitID
		}
		d.CurrentUnitID = StepUnitID(d, r.p, d.Step)
		if d.Step < len(r.p.Steps) && r.p.Steps[d.Step].Unit == motcua.AtIntake && e.Data.ReturnUnitID != 0 {
			d.CurrentUnitID = d.ReturnUnitID // the receiving unit is gone: its successor holds the dossier
		}
		if n := len(d.Steps); n > 0 && d.Steps[n-1].EndedAt.IsZero() {
			d.Steps[n-1].UnitID = d.CurrentUnitID
		}
	case motcua.EventPartSent:
		r.partSent(e)
	case motcua.EventPartHandedOver:
		return r.partHandedOver(e)
	case motcua.EventPartReturned:
		return r.partReturned(e)
	default:
		return fmt.Errorf("unknown event type %q", e.Type)
	}
	return nil
}

func (r *replay) accepted(e *motcua.Event) {
	d, x, cal := &r.d, e.Data, r.cal
	d.VersionID, d.ReceivingUnitID, d.DecidingUnitID = x.ProcedureVersionID, x.ReceivingUnitID, x.DecidingUnitID
	d.ReturnUnitID, d.LocalityUnitID, d.ForOther = x.ReceivingUnitID, x.LocalityUnitID, x.ForOther
	if x.ReturnUnitID != 0 {
		d.ReturnUnitID = x.ReturnUnitID
	}
	d.Channel, d.Sets, d.Documents, d.Fees, d.Identity = x.Channel, x.Sets, x.Documents, x.Fees, x.Identity
	if x.Applicant != nil {
		d.Applicant = *x.Applicant
	}
	d.State, d.Step, d.AcceptedAt = motcua.StateProcessing, 0, e.At
	d.CurrentUnitID = StepUnitID(d, r.p, 0)
	d.DueAt = DueAt(r.p, e.At, cal)
	start := cal.NextOpening(e.At)
	r.c = Clock{Running: true, Since: start, Remaining: cal.Between(start, d.DueAt)}
	r.c.StepRemaining = StepBudget(r.p, 0, cal)
	d.StepDueAt = cal.Add(start, r.c.StepRemaining)
	r.startStep(e.At, e.ActorID, 0)
	if x.AwaitsPayment { // fees due at intake: the clock waits for them as for a supplement
		r.pause(e.At, motcua.StatePayment)
	}
}

// extended records an apology's new date: the working time between the
// promised date and the new one is added beyond the legal time.
func (r *replay) extended(e *motcua.Event) {
	r.c.settle(e.At, r.cal)
	r.c.Extension += r.cal.Between(r.d.Due(), e.Data.NewDueAt)
	r.d.PromisedAt = e.Data.NewDueAt
	r.d.Extensions++
}

// DefaultPartStep names the single step of a part sent without a workflow.
const DefaultPartStep = "Xử lý phần liên thông"

// partSent opens a linked part at the co-ordinating unit, at its first step.
func (r *replay) partSent(e *motcua.Event) {
	plan := e.Data.PartSteps
	if len(plan) == 0 {
		plan = []motcua.PartStep{{Name: DefaultPartStep, Minutes: e.Data.PartMinutes}}
	}
	pt := motcua.Part{Seq: e.Seq, UnitID: e.Data.PartUnitID, Kind: e.Data.PartKind, Means: e.Data.PartMeans, Title: e.Data.PartTitle,
		Plan: plan, SentAt: e.At, SentBy: e.ActorID}
	pt.DueAt = r.cal.Add(e.At, CatalogueMinutes(pt.Minutes(), r.cal))
	r.d.Parts = append(r.d.Parts, pt)
	r.startPartStep(&r.d.Parts[len(r.d.Parts)-1], e)
}

func (r *replay) startPartStep(pt *motcua.Part, e *motcua.Event) {
	pt.Records = append(pt.Records, motcua.StepRecord{Step: pt.Step, UnitID: pt.UnitID, GiverID: e.ActorID, HolderID: e.Data.ToUserID,
		StartedAt: e.At, DueAt: r.cal.Add(e.At, CatalogueMinutes(pt.Plan[pt.Step].Minutes, r.cal))})
}

// endPartStep closes and grades the part's current step.
func endPartStep(pt *motcua.Part, e *motcua.Event) {
	rec := &pt.Records[len(pt.Records)-1]
	rec.EndedAt, rec.EndedBy, rec.Grade = e.At, e.ActorID, motcua.GradeAt(e.At, rec.DueAt)
}

func (r *replay) partHandedOver(e *motcua.Event) error {
	pt := r.d.PartBySeq(e.Data.PartSeq)
	if pt == nil || !pt.Open() || pt.Step+1 >= len(pt.Plan) {
		return fmt.Errorf("part %d has no next step", e.Data.PartSeq)
	}
	endPartStep(pt, e)
	pt.Step++
	r.startPartStep(pt, e)
	return nil
}

func (r *replay) partReturned(e *motcua.Event) error {
	pt := r.d.PartBySeq(e.Data.PartSeq)
	if pt == nil {
		return fmt.Errorf("part %d was never sent", e.Data.PartSeq)
	}
	endPartStep(pt, e)
	pt.ReturnedAt, pt.ReturnedBy, pt.Grade = e.At, e.ActorID, motcua.GradeAt(e.At, pt.DueAt)
	return nil
}

func (r *replay) pause(t time.Time, s motcua.State) {
	r.c.settle(t, r.cal)
	r.c.Running, r.c.PausedAt = false, t
	r.d.State, r.d.PausedAt = s, t
}

func (r *replay) resume(t time.Time) {
	r.c.Running, r.c.Since, r.c.PausedAt = true, t, time.Time{}
	r.d.State, r.d.PausedAt = motcua.StateProcessing, time.Time{}
	r.setDue(t)
}

// stop ends the clock for good: result ready, stopped or withdrawn.
func (r *replay) stop(t time.Time, s motcua.State) {
	r.c.settle(t, r.cal)
	r.c.Running = false
	r.d.State = s
}

// setDue recomputes the due instants from what is left when the clock runs
// again at t.
func (r *replay) setDue(t time.Time) {
	d, c := &r.d, &r.c
	d.DueAt = resumeDue(d.DueAt, t, c.Remaining, r.cal)
	d.StepDueAt = resumeDue(d.StepDueAt, t, c.StepRemaining, r.cal)
	if !d.PromisedAt.IsZero() {
		d.PromisedAt = resumeDue(d.PromisedAt, t, c.Remaining+c.Extension, r.cal)
	}
}

func (r *replay) startStep(at time.Time, giver, holder int64) {
	r.d.Steps = append(r.d.Steps, motcua.StepRecord{Step: r.d.Step, UnitID: r.d.CurrentUnitID, GiverID: giver,
		HolderID: holder, StartedAt: at, DueAt: r.d.StepDueAt})
}

// endStep closes the current step at e and grades it against its due instant.
func (r *replay) endStep(e *motcua.Event) {
	if n := len(r.d.Steps); n > 0 {
		s := &r.d.Steps[n-1]
		s.EndedAt, s.EndedBy, s.Grade = e.At, e.ActorID, motcua.GradeAt(e.At, s.DueAt)
		if n == 1 {
			r.d.SentAt = e.At
		}
	}
}

// abandonStep closes the current step without a grade: the dossier stopped
// or was withdrawn, so nobody finished the step late or on time.
func (r *replay) abandonStep(e *motcua.Event) {
	if n := len(r.d.Steps); n > 0 && r.d.Steps[n-1].EndedAt.IsZero() {
		r.d.Steps[n-1].EndedAt, r.d.Steps[n-1].EndedBy = e.At, e.ActorID
	}
}

// Stamp records on e the clock that replaying it produced.
func Stamp(e *motcua.Event, d *motcua.Dossier, c Clock) {
	e.Data.Clock = &motcua.ClockStamp{DueAt: d.DueAt, StepDueAt: d.StepDueAt, Remaining: c.Remaining,
		StepRemaining: c.StepRemaining, PromisedAt: d.PromisedAt, Extension: c.Extension}
	for _, pt := range d.OpenParts() {
		e.Data.Clock.Parts = append(e.Data.Clock.Parts, motcua.PartDue{Seq: pt.Seq, DueAt: pt.DueAt,
			StepDueAt: pt.Records[len(pt.Records)-1].DueAt})
	}
}

// settle charges the working time elapsed since the clock last started to
// the remaining budgets, and restarts the segment at t. An approved late
// entry may settle at an instant before the segment's start (a calendar
// recompute ran in between): the time after t is given back.
func (c *Clock) settle(t time.Time, cal *calendar.Calendar) {
	if !c.Running {
		return
	}
	used := cal.Between(c.Since, t)
	if t.Before(c.Since) {
		used = -cal.Between(t, c.Since)
	}
	c.Remaining -= used
	c.StepRemaining -= used
	c.Since = t
}

// resumeDue is the new due instant when a paused clock resumes at t. A
// dossier already late when paused keeps its due instant: lateness is not
// forgiven by a pause. So does one whose due instant still lies exactly
// remaining working time ahead — a pause outside office hours, or a date an
// apology promised at an opening or in the evening, which the earliest
// instant would otherwise move to the previous closing.
func resumeDue(old, t time.Time, remaining time.Duration, cal *calendar.Calendar) time.Time {
	if remaining <= 0 || (old.After(t) && cal.Between(t, old) == remaining) {
		return old
	}
	return cal.Add(t, remaining)
}
