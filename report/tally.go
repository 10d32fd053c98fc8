package report

import (
	"math"
	"time"

	"github.com/motcua/motcua"
)

// Biểu II.06a for a period of whole days is read from counters instead of
// from every dossier: each dossier adds a few counts to the days on which
// something that the report counts happened to it, and a period's columns
// are sums of those counts (design.md §6 asks for a year of ten million
// dossiers in under 100 ms). The rules are those of Classify; a test
// checks that both agree on random ledgers.

// Facts are what Biểu II.06a reads of one dossier.
type Facts struct {
	Group                                         Group
	AcceptedAt, DueAt, ResultAt, ClosedAt, Paused time.Time
	State                                         motcua.State
	ForOther                                      bool // received for another authority
}

// Group is what the counters are kept by: every grouping and scope of the
// report is a function of it.
type Group struct {
	DecidingUnitID, ReceivingUnitID, ProcedureID int64
	Channel                                      motcua.Channel
}

// FactsOf takes a dossier's facts, at the millisecond precision the store
// keeps, so that counting a dossier before and after storing it agrees.
func FactsOf(d *motcua.Dossier) Facts {
	return Facts{
		Group:      Group{d.DecidingUnitID, d.ReceivingUnitID, d.ProcedureID, d.Channel},
		AcceptedAt: d.AcceptedAt.Truncate(time.Millisecond), DueAt: d.DueAt.Truncate(time.Millisecond),
		ResultAt: d.ResultAt.Truncate(time.Millisecond), ClosedAt: d.ClosedAt.Truncate(time.Millisecond),
		Paused: d.PausedAt.Truncate(time.Millisecond), State: d.State, ForOther: d.ForOther,
	}
}

// Counts are a day's counts for one group.
//
//   - Accepted: dossiers accepted that day; Finished: dossiers that left
//     the in-progress column that day (result, stop or withdrawal). Their
//     running difference is the number in progress.
//   - Early, OnTime, Late: resolved that day, by grade; Withdrawn likewise.
//   - Overdue: +1 the day a dossier in progress became overdue, −1 the day
//     an overdue one finished; its running sum is the overdue column.
//   - ForOther: of those accepted that day, the ones received for another
//     authority (the receiving view's "Nhận hộ đơn vị khác").
type Counts struct {
	Accepted, Finished, Early, OnTime, Late, Withdrawn, Overdue, ForOther int
}

// Add adds o (times sign) to c.
func (c *Counts) Add(o Counts, sign int) {
	c.Accepted += sign * o.Accepted
	c.Finished += sign * o.Finished
	c.Early += sign * o.Early
	c.OnTime += sign * o.OnTime
	c.Late += sign * o.Late
	c.Withdrawn += sign * o.Withdrawn
	c.Overdue += sign * o.Overdue
	c.ForOther += sign * o.ForOther
}

// Zero reports whether c counts nothing.
func (c Counts) Zero() bool { return c == Counts{} }

// Day numbers Vietnam's calendar days from 01/01/1970 (Vietnam has no
// daylight saving, so a day is always 24 hours).
type Day int

// DayOf is the Vietnam calendar day of t.
func DayOf(t time.Time) Day {
	const offset, day = 7 * 3600 * 1000, 24 * 3600 * 1000
	return Day((t.UnixMilli() + offset) / day)
}

// Start is the first instant of d.
func (d Day) Start() time.Time {
	return time.Unix(int64(d)*86400-7*3600, 0).In(motcua.VN)
}

// Month numbers months as year×12 + month − 1.
type Month int

// Month is the month d falls in.
func (d Day) Month() Month {
	y, m, _ := time.Unix(int64(d)*86400, 0).UTC().Date()
	return Month(y*12 + int(m) - 1)
}

// First is the first day of m.
func (m Month) First() Day {
	return Day(time.Date(int(m)/12, time.Month(int(m)%12+1), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Year is a calendar year.
type Year int

// Year is the year m falls in.
func (m Month) Year() Year { return Year(int(m) / 12) }

// First is the first month of y.
func (y Year) First() Month { return Month(int(y) * 12) }

// Mark is one dossier's counts on one day.
type Mark struct {
	Day    Day
	Counts Counts
}

// Marks appends one dossier's counts by day to buf (at most five days;
// a buffer spares the allocation when millions are counted).
func (f Facts) Marks(buf []Mark) []Mark {
	marks := buf[:0]
	add := func(t time.Time, c Counts) {
		d := DayOf(t)
		for i := range marks {
			if marks[i].Day == d {
				marks[i].Counts.Add(c, 1)
				return
			}
		}
		marks = append(marks, Mark{d, c})
	}
	if f.AcceptedAt.IsZero() {
		return marks
	}
	accepted := Counts{Accepted: 1}
	if f.ForOther {
		accepted.ForOther = 1
	}
	add(f.AcceptedAt, accepted)
	done, gone := f.ResultAt, time.Time{}
	switch f.State {
	case motcua.StateStopped:
		done = f.ClosedAt
	case motcua.StateWithdrawn:
		gone = f.ClosedAt
	}
	fin := cmpOr(done, gone)
	switch {
	case !done.IsZero():
		switch motcua.GradeAt(done, f.DueAt) {
		case motcua.GradeEarly:
			add(done, Counts{Early: 1})
		case motcua.GradeOnTime:
			add(done, Counts{OnTime: 1})
		default:
			add(done, Counts{Late: 1})
		}
	case !gone.IsZero():
		add(gone, Counts{Withdrawn: 1})
	}
	if !fin.IsZero() {
		add(fin, Counts{Finished: 1})
	}
	// Overdue at a period's end: in progress then (accepted before it, not
	// finished before it), due before it, and not paused (supplement, payment)
	// before its due date (as the store's query reads a paused dossier).
	overdueFrom := f.DueAt
	if f.AcceptedAt.After(overdueFrom) {
		overdueFrom = f.AcceptedAt
	}
	paused := f.State.Paused() && !f.Paused.IsZero() && !f.Paused.After(f.DueAt)
	switch {
	case fin.IsZero() && !paused:
		add(overdueFrom, Counts{Overdue: 1})
	case !fin.IsZero() && DayOf(fin) > DayOf(overdueFrom):
		add(overdueFrom, Counts{Overdue: 1})
		add(fin, Counts{Overdue: -1})
	}
	return marks
}

func cmpOr(a, b time.Time) time.Time {
	if !a.IsZero() {
		return a
	}
	return b
}

// Grain is how long a counter row's period is.
type Grain int

const (
	GrainDay Grain = iota + 1
	GrainMonth
	GrainYear
)

// Term is a signed sum of the counters of one grain numbered [From, To).
type Term struct {
	Grain    Grain
	From, To int
	Sign     int
}

// Prefix lists the terms that sum to the counts of every day before x:
// the years before x's year, then its months before x's month and the
// days before x in its month — each either added, or taken as the whole
// year (month) less the months (days) from x on, whichever reads fewer
// rows. So any period reads at most about forty rows per group: the
// period is Prefix(to) less Prefix(from).
func Prefix(x Day) []Term {
	m := x.Month()
	y := m.Year()
	terms := []Term{{GrainYear, math.MinInt32, int(y), 1}}
	if k := int(m - y.First()); k > 6 {
		terms = append(terms, Term{GrainYear, int(y), int(y) + 1, 1}, Term{GrainMonth, int(m), int((y + 1).First()), -1})
	} else if k > 0 {
		terms = append(terms, Term{GrainMonth, int(y.First()), int(m), 1})
	}
	next := (m + 1).First()
	if k, length := int(x-m.First()), int(next-m.First()); k > length/2 {
		terms = append(terms, Term{GrainMonth, int(m), int(m) + 1, 1}, Term{GrainDay, int(x), int(next), -1})
	} else if k > 0 {
		terms = append(terms, Term{GrainDay, int(m.First()), int(x), 1})
	}
	return terms
}

// RowOf turns a group's sums before the period and during it into its row.
func RowOf(ch motcua.Channel, before, during Counts) Row {
	r := Row{
		CarriedOver:   before.Accepted - before.Finished,
		ResolvedEarly: during.Early, ResolvedOnTime: during.OnTime, ResolvedLate: during.Late,
		Withdrawn:         during.Withdrawn,
		InProgressOverdue: before.Overdue + during.Overdue,
		ReceivedForOther:  during.ForOther,
	}
	switch ch {
	case motcua.ChannelOnline:
		r.ReceivedOnline = during.Accepted
	case motcua.ChannelPost:
		r.ReceivedPostal = during.Accepted
	default:
		r.ReceivedCounter = during.Accepted
	}
	inProgress := before.Accepted + during.Accepted - before.Finished - during.Finished
	r.InProgressOnTime = inProgress - r.InProgressOverdue
	r.Sum()
	return r
}

// DayAligned reports whether a period starts and ends at midnight in
// Vietnam, so that counters by day can answer it.
func (q Query) DayAligned() bool {
	return q.From.Equal(DayOf(q.From).Start()) && q.To.Equal(DayOf(q.To).Start())
}
