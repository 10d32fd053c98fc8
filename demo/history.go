package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/store"
)

// The seed report's figures for 01/01–01/06/2024, whole district
// (domain.md §1): the history reproduces them exactly.
const (
	seedReceived   = 19667 // carried over included
	seedOnTime     = 17281 // early plus on time
	seedLate       = 693
	seedInProgress = 733
	seedWithdrawn  = 960
	seedCarried    = 412 // accepted in December 2023, resolved in January
	seedOnlinePerM = 834 // online share of newly received, per ten thousand (8,34 %)
	seedEarlyPct   = 52  // of the early-or-on-time, the share early
)

var (
	historyFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)
	historyTo   = time.Date(2024, 6, 1, 0, 0, 0, 0, motcua.VN)
	historyEnd  = time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN) // the previous system's last day was 31/12/2024
)

// seedHistory imports the 2024 history of the district as the register of
// the previous system, so that Biểu II.06a for 01/01–01/06/2024 gives the
// seed report's figures — which, unlike the report, add up.
func seedHistory(ctx context.Context, db *store.DB, o *org, procs []*motcua.Procedure) error {
	cal, err := db.Calendar(ctx, o.district.ID)
	if err != nil {
		return err
	}
	h := history{cal: cal, rng: rand.New(rand.NewPCG(2024, 1)), seq: map[string]int{}}
	kinds := h.kinds()
	entries := make([]motcua.RegisterEntry, 0, len(kinds))
	newCount := seedReceived - seedCarried
	online := newCount * seedOnlinePerM / 10000
	for i, kind := range kinds {
		p := procs[h.rng.IntN(len(procs))]
		unit := o.oneStop
		if p.Level == motcua.LevelCommune {
			unit = o.communes[h.rng.IntN(len(o.communes))]
		}
		carried := i < seedCarried
		ch := motcua.ChannelCounter
		switch n := i - seedCarried; {
		case carried:
		case n < online:
			ch = motcua.ChannelOnline
		case n%25 == 0:
			ch = motcua.ChannelPost
		}
		entries = append(entries, h.entry(i, kind, carried, ch, p, unit))
	}
	r, err := db.ImportRegister(ctx, entries, store.RegisterOptions{})
	if err != nil {
		for _, bad := range r.Rejected {
			err = fmt.Errorf("%w; row %d: %s", err, bad.Row, bad.Reason)
		}
		return err
	}
	return nil
}

type history struct {
	cal *calendar.Calendar
	rng *rand.Rand
	seq map[string]int // per unit and day, for the dossier codes
}

// kinds deals out the outcomes in the seed's numbers, carried-over ones
// first (all resolved in time in January), the rest shuffled.
func (h *history) kinds() []string {
	early := seedOnTime * seedEarlyPct / 100
	var out []string
	add := func(kind string, n int) {
		for range n {
			out = append(out, kind)
		}
	}
	add("early", seedCarried)
	rest := []string{}
	for _, k := range []struct {
		kind string
		n    int
	}{{"early", early - seedCarried}, {"on_time", seedOnTime - early}, {"late", seedLate}, {"in_progress", seedInProgress}, {"withdrawn", seedWithdrawn}} {
		for range k.n {
			rest = append(rest, k.kind)
		}
	}
	h.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	return append(out, rest...)
}

// entry invents one register row of the given outcome; every outcome
// falls inside the period, as the seed counts it.
func (h *history) entry(i int, kind string, carried bool, ch motcua.Channel, p *motcua.Procedure, unit *motcua.Unit) motcua.RegisterEntry {
	e := motcua.RegisterEntry{Row: i + 2, ProcedureCode: p.Code, ProcedureName: p.Name, Field: p.Field, UnitCode: unit.Code,
		Channel: ch, Applicant: fmt.Sprintf("Công dân %05d (dữ liệu mẫu)", i+1)}
	if carried { // received the last afternoon of 2023, resolved early in January
		e.AcceptedAt = time.Date(2023, 12, 29, 15, h.rng.IntN(60), 0, 0, motcua.VN)
		e.DueAt = time.Date(2024, 1, 3, 9, h.rng.IntN(60), 0, 0, motcua.VN)
		e.ResultAt = time.Date(2024, 1, 2, 10, h.rng.IntN(60), 0, 0, motcua.VN)
	} else {
		h.outcome(&e, kind, p)
	}
	e.Code = h.code(unit, e.AcceptedAt)
	if !e.ResultAt.IsZero() {
		e.ReturnedAt = e.ResultAt.Add(2 * time.Hour)
	}
	return e
}

// outcome dates a dossier received in the period so that it ends as kind.
func (h *history) outcome(e *motcua.RegisterEntry, kind string, p *motcua.Procedure) {
	if kind == "in_progress" {
		e.AcceptedAt = h.opening(time.Date(2024, 5, 20, 0, 0, 0, 0, motcua.VN), 9)
		e.DueAt = h.cal.Add(e.AcceptedAt, p.Time.Duration(h.cal.StandardDay()))
		if h.rng.IntN(3) == 0 { // a third already overdue on 01/06
			e.DueAt = e.AcceptedAt.Add(time.Hour)
		}
		h.closeLater(e)
		return
	}
	e.AcceptedAt = h.opening(historyFrom, 92)
	e.DueAt = h.cal.Add(e.AcceptedAt, p.Time.Duration(h.cal.StandardDay()))
	switch kind {
	case "withdrawn":
		e.WithdrawnAt = e.AcceptedAt.Add(time.Minute)
	case "early":
		e.ResultAt = e.AcceptedAt.Add(time.Minute)
		if sameDay(e.ResultAt, e.DueAt) { // same-day procedures: promised for a later day
			e.DueAt = e.ResultAt.AddDate(0, 0, 2)
		}
	case "on_time":
		e.ResultAt = maxTime(e.AcceptedAt, e.DueAt.Add(-time.Duration(1+h.rng.IntN(30))*time.Minute))
		if !sameDay(e.ResultAt, e.DueAt) {
			e.ResultAt = e.DueAt
		}
	case "late":
		e.ResultAt = h.cal.Add(e.DueAt, time.Duration(1+h.rng.IntN(3))*h.cal.StandardDay())
	}
	if !e.ResultAt.IsZero() && !e.ResultAt.Before(historyTo) { // due after the period: resolve it on its last day
		e.ResultAt = historyTo.Add(-time.Hour)
		switch kind {
		case "early":
			e.DueAt = e.ResultAt.AddDate(0, 0, 2)
		case "on_time":
			e.DueAt = e.ResultAt
		case "late":
			e.DueAt = e.ResultAt.Add(-time.Hour)
		}
	}
}

// closeLater ends a dossier still in progress on 01/06/2024 in the second
// half of 2024, as the previous system did before the district moved to
// motcua: most are resolved by their due date, the overdue ones a few
// working days after 01/06, one in twenty is withdrawn in June. Nothing
// imported stays open, so the officers' lists hold today's work only.
func (h *history) closeLater(e *motcua.RegisterEntry) {
	start := h.cal.NextOpening(historyTo)
	if h.rng.IntN(20) == 0 {
		e.WithdrawnAt = h.cal.Add(start, time.Duration(h.rng.IntN(10*450))*time.Minute).Truncate(time.Minute)
		return
	}
	if left := h.cal.Between(start, e.DueAt); left > time.Minute { // on time: some working time before the due instant
		e.ResultAt = h.cal.Add(start, time.Duration(h.rng.Int64N(int64(left)))).Truncate(time.Minute)
		return
	}
	// Late: overdue already on 01/06, resolved within two working weeks.
	e.ResultAt = h.cal.Add(start, time.Duration(1+h.rng.IntN(10))*h.cal.StandardDay()-time.Duration(h.rng.IntN(240))*time.Minute).Truncate(time.Minute)
}

// opening is a random opening instant among the first days working days from day.
func (h *history) opening(day time.Time, days int) time.Time {
	t := h.cal.Add(h.cal.NextOpening(day), time.Duration(h.rng.IntN(days*450))*time.Minute)
	return t.Truncate(time.Minute)
}

func (h *history) code(u *motcua.Unit, at time.Time) string {
	day := at.In(motcua.VN).Format("060102")
	h.seq[u.Code+day]++
	return fmt.Sprintf("%s-%s-%04d", u.Code, day, h.seq[u.Code+day])
}

func sameDay(a, b time.Time) bool {
	return a.In(motcua.VN).Format("20060102") == b.In(motcua.VN).Format("20060102")
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
