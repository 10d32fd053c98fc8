package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

// loadStats describes a bulk load.
type loadStats struct {
	Dossiers  int
	Elapsed   time.Duration
	Open      int
	ByState   map[motcua.State]int
	From, To  time.Time
	MaxPerDay int // the busiest unit-day's dossier count (codes allow 9,999)
}

// bulkLoad generates n dossiers with their acceptance events, spread over
// the two years of working days before now, and has the store write them
// (DB.BulkLoadDossiers) while they are generated.
func bulkLoad(ctx context.Context, db *store.DB, o *org, n int, now time.Time, progress func(done int)) (*loadStats, error) {
	st := &loadStats{Dossiers: n, ByState: map[motcua.State]int{}}
	start := time.Now()
	days := workingDays(o.cals[o.desk.ID], now.AddDate(-2, 0, 0), now)
	if len(days) == 0 {
		return nil, fmt.Errorf("no working day in the two years before %s", now.Format(time.DateOnly))
	}
	st.From, st.To = days[0].At(0), days[len(days)-1].At(24*60)
	rep, err := db.BulkLoadDossiers(ctx, func(add store.BulkAdd) error {
		return generate(o, n, days, now, st, add)
	}, progress)
	if err != nil {
		return nil, err
	}
	st.Dossiers, st.MaxPerDay = rep.Dossiers, rep.BusiestUnitDay
	st.Elapsed = time.Since(start)
	return st, nil
}

// workingDays lists the working days in [from, to), by the calendar.
func workingDays(cal *calendar.Calendar, from, to time.Time) []calendar.Date {
	var out []calendar.Date
	last := calendar.DateOf(to)
	for d := calendar.DateOf(from); d != last; d = d.AddDays(1) {
		if ok, _ := cal.WorkingDay(d); ok {
			out = append(out, d)
		}
	}
	return out
}

// generate produces the dossiers day by day, oldest first, so that codes
// are issued in the order of acceptance: n spread evenly over the days, at
// random seconds within office hours (see dossierAt for the rest).
func generate(o *org, n int, days []calendar.Date, now time.Time, st *loadStats, add store.BulkAdd) error {
	g := &generator{o: o, rng: rand.New(rand.NewPCG(2024, uint64(n))), apps: newApplicants(), now: now}
	made := 0
	offsets := make([]float64, 0, n/len(days)+2)
	for di, day := range days {
		// Spread n over the days: day di gets its share of the remainder.
		k := (n - made) / (len(days) - di)
		offsets = offsets[:0]
		for range k {
			offsets = append(offsets, g.rng.Float64())
		}
		slices.Sort(offsets)
		for _, off := range offsets {
			d, e, err := g.dossierAt(day, off)
			if err != nil {
				return err
			}
			if d == nil {
				continue
			}
			st.ByState[d.State]++
			if d.State.Open() || d.State == motcua.StateResultReady {
				st.Open++
			}
			if err := add(d, e); err != nil {
				return err
			}
			made++
		}
	}
	st.Dossiers = made
	return nil
}

// generator invents dossiers.
type generator struct {
	o    *org
	rng  *rand.Rand
	apps *applicants
	now  time.Time
}

// dossierAt invents a dossier accepted on day at the fraction off of its
// office hours, or nil if that is not before now. Distribution:
//   - 75% commune procedures received at one of the communes' centres, 25%
//     province procedures received at the provincial centre's branch (for
//     the bench's load, today's units receive the two years before now,
//     01/07/2025 notwithstanding);
//   - channels 70% counter, 20% online, 10% post;
//   - a dossier is open with probability 4% + 70%·e^(−age/60 days) (open
//     ones are mostly recent; ~10% of a two-year load), otherwise finished:
//     98% returned (result within 20–125% of the legal time, so ~80% on
//     time; returned 0–3 working days later), 2% withdrawn. A finished
//     dossier whose return would fall after now stays open.
//   - open ones are 75% processing (at a random step), 15% waiting for a
//     supplement, 10% result ready.
func (g *generator) dossierAt(day calendar.Date, off float64) (*motcua.Dossier, *motcua.Event, error) {
	o, rng, now := g.o, g.rng, g.now
	var lp *proc
	var recv *motcua.Unit
	if rng.IntN(100) < 75 {
		lp, recv = o.commune[rng.IntN(len(o.commune))], o.communes[rng.IntN(len(o.communes))]
	} else {
		lp, recv = o.province[rng.IntN(len(o.province))], o.desk
	}
	cal := o.cals[recv.ID]
	std := cal.StandardDay()
	// A second within the day's office hours.
	at := cal.Add(day.At(0), time.Duration(off*float64(std)).Truncate(time.Second))
	if !at.Before(now) {
		return nil, nil, nil
	}
	p := lp.p
	deciding, err := o.decidingUnit(recv, p)
	if err != nil {
		return nil, nil, err
	}
	d := &motcua.Dossier{ProcedureID: p.ID, VersionID: p.VersionID, ReceivingUnitID: recv.ID, DecidingUnitID: deciding.ID,
		Channel: motcua.ChannelCounter, Sets: 1, Documents: lp.docs, AcceptedAt: at, Version: 1}
	switch c := rng.IntN(10); {
	case c < 2:
		d.Channel = motcua.ChannelOnline
	case c < 3:
		d.Channel = motcua.ChannelPost
	}
	d.Applicant = g.apps.make(rng)
	// The acceptance event as store.Accept writes it: replayed by the
	// ledger and stamped with the clock it decided.
	e := &motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: at, ActorID: o.counter[recv.ID].ID, UnitID: recv.ID,
		Data: motcua.EventData{ProcedureVersionID: p.VersionID, ReceivingUnitID: recv.ID, DecidingUnitID: deciding.ID,
			Channel: d.Channel, Applicant: &d.Applicant, Documents: lp.docs, Sets: 1}}
	accepted, clock, err := ledger.Replay(motcua.Dossier{ProcedureID: p.ID}, []motcua.Event{*e}, p, cal)
	if err != nil {
		return nil, nil, err
	}
	ledger.Stamp(e, &accepted, clock)
	d.DueAt, d.StepDueAt = accepted.DueAt, accepted.StepDueAt
	g.progress(d, lp, cal, std)
	return d, e, nil
}

// progress moves a dossier accepted at d.AcceptedAt to where it stands now.
func (g *generator) progress(d *motcua.Dossier, lp *proc, cal *calendar.Calendar, std time.Duration) {
	rng, now, at := g.rng, g.now, d.AcceptedAt
	last := len(lp.p.Steps) - 1
	d.State, d.Step = motcua.StateProcessing, 0
	age := now.Sub(at).Hours() / 24
	open := rng.Float64() < 0.04+0.70*math.Exp(-age/60)
	if !open {
		if rng.IntN(100) < 2 {
			// Withdrawn without the withdrawal event: the statistics
			// take it as withdrawn the day it was received.
			d.State, d.Step, d.ClosedAt = motcua.StateWithdrawn, rng.IntN(last+1), at
		} else {
			d.ResultAt = cal.Add(at, time.Duration(float64(lp.legal)*(0.2+rng.Float64()*1.05)))
			d.ReturnedAt = cal.Add(d.ResultAt, time.Duration(rng.Float64()*3*float64(std)))
			d.State, d.Step = motcua.StateReturned, last
			switch {
			case !d.ReturnedAt.After(now):
			case !d.ResultAt.After(now):
				d.State, d.ReturnedAt = motcua.StateResultReady, time.Time{}
			default:
				open, d.ResultAt, d.ReturnedAt = true, time.Time{}, time.Time{}
			}
		}
	}
	if open {
		switch r := rng.IntN(100); {
		case r < 75:
			d.State, d.Step = motcua.StateProcessing, rng.IntN(max(last, 1))
		case r < 90:
			d.State, d.Step = motcua.StateSupplement, min(1, last)
			d.PausedAt = cal.Add(at, time.Duration(rng.Float64()*float64(lp.legal)))
			if d.PausedAt.After(now) {
				d.PausedAt = now
			}
		default:
			d.State, d.Step = motcua.StateResultReady, last
			d.ResultAt = cal.Add(at, time.Duration(float64(lp.legal)*(0.2+rng.Float64()*0.8)))
			if d.ResultAt.After(now) {
				d.ResultAt = now
			}
		}
	}
	d.CurrentUnitID = ledger.StepUnitID(d, lp.p, d.Step)
}
