package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// budgetReport is design.md §6's bound for a year's II.06a of all units.
const budgetReport = 100 * time.Millisecond

// reportResult times Biểu II.06a for all units over the year of whole
// days up to the newest acceptance: one row, and one row per unit, from the
// counters; one row per receiving unit (the receiving view) and per unit
// rolled up into successors; once by reading every dossier, as periods
// that do not start at midnight are; and for the last full calendar year,
// by unit.
type reportResult struct {
	one, byUnit, receiving, rolledUp, calendarYear []time.Duration
	scan                                           time.Duration
	received                                       int
}

func measureII06a(ctx context.Context, db *store.DB, runs int) (*reportResult, error) {
	newest, err := db.LastAcceptance(ctx)
	if err != nil {
		return nil, err
	}
	if newest.IsZero() {
		newest = time.UnixMilli(0)
	}
	to := (report.DayOf(newest) + 1).Start()
	q := report.Query{From: to.AddDate(-1, 0, 0), To: to}
	r := &reportResult{}
	start := time.Now()
	scanned, err := db.II06aScan(ctx, q)
	if err != nil {
		return nil, err
	}
	r.scan = time.Since(start)
	for range runs {
		for _, by := range []report.By{report.ByNone, report.ByUnit} {
			q.By = by
			start := time.Now()
			rep, err := db.II06a(ctx, q)
			if err != nil {
				return nil, err
			}
			if by == report.ByNone {
				r.one, r.received = append(r.one, time.Since(start)), rep.Total.ReceivedTotal
			} else {
				r.byUnit = append(r.byUnit, time.Since(start))
			}
		}
	}
	for range runs {
		for _, v := range []struct {
			q     report.Query
			times *[]time.Duration
		}{{report.Query{From: q.From, To: q.To, By: report.ByUnit, View: report.ViewReceiving}, &r.receiving},
			{report.Query{From: q.From, To: q.To, By: report.ByUnit, Successors: true}, &r.rolledUp}} {
			start := time.Now()
			rep, err := db.II06a(ctx, v.q)
			if err != nil {
				return nil, err
			}
			*v.times = append(*v.times, time.Since(start))
			if rep.Total.ReceivedTotal != r.received {
				return nil, fmt.Errorf("bench: view %q roll-up %v counts %d dossiers in the year, the default %d", v.q.View, v.q.Successors, rep.Total.ReceivedTotal, r.received)
			}
		}
	}
	year := time.Date(to.Year(), 1, 1, 0, 0, 0, 0, to.Location()) // the calendar year before this one
	for range runs {
		start := time.Now()
		if _, err := db.II06a(ctx, report.Query{From: year.AddDate(-1, 0, 0), To: year, By: report.ByUnit}); err != nil {
			return nil, err
		}
		r.calendarYear = append(r.calendarYear, time.Since(start))
	}
	slices.Sort(r.one)
	slices.Sort(r.byUnit)
	slices.Sort(r.receiving)
	slices.Sort(r.rolledUp)
	slices.Sort(r.calendarYear)
	if r.received != scanned.Total.ReceivedTotal {
		return nil, fmt.Errorf("bench: the counters count %d dossiers in the year, reading the dossiers %d", r.received, scanned.Total.ReceivedTotal)
	}
	return r, nil
}

func (r *reportResult) print(w io.Writer) {
	fmt.Fprintf(w, "%-58s %16s  (%s dossiers in the year)\n", "db.II06a: a year, all units, one row (p50)", formatMS(percentile(r.one, .5)), thousands(r.received))
	fmt.Fprintf(w, "%-58s %16s\n", "db.II06a: a year, all units, by unit (p50)", formatMS(percentile(r.byUnit, .5)))
	fmt.Fprintf(w, "%-58s %16s\n", "db.II06a: the same, by receiving unit (p50)", formatMS(percentile(r.receiving, .5)))
	fmt.Fprintf(w, "%-58s %16s\n", "db.II06a: the same, by unit rolled up (p50)", formatMS(percentile(r.rolledUp, .5)))
	fmt.Fprintf(w, "%-58s %16s\n", "db.II06aScan: the same year read from every dossier (once)", formatMS(r.scan))
	fmt.Fprintf(w, "%-58s %16s\n", "db.II06a: the last calendar year, by unit (p50)", formatMS(percentile(r.calendarYear, .5)))
}
