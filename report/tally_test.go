package report

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func TestDaysAndMonths(t *testing.T) {
	d := DayOf(time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN))
	if DayOf(time.Date(2024, 2, 29, 23, 59, 0, 0, motcua.VN)) != d-1 || DayOf(time.Date(2024, 2, 29, 17, 0, 0, 0, time.UTC)) != d {
		t.Fatal("days do not turn at midnight in Vietnam")
	}
	if got := d.Start(); !got.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)) {
		t.Fatalf("start of 01/03/2024 = %s", got)
	}
	if m := d.Month(); m != 2024*12+2 || m.First() != d || (m-1).First() != d-29 {
		t.Fatalf("month of 01/03/2024 = %d, first %d", m, m.First())
	}
}

// TestSpansCoverThePeriodOnce: the spans before a period cover every day
// before it and those of the period every day in it, each once.
func TestSpansCoverThePeriodOnce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := DayOf(time.Date(2023, 11, 1, 0, 0, 0, 0, motcua.VN))
	for range 2000 {
		from := base + Day(rng.IntN(500))
		to := from + 1 + Day(rng.IntN(450))
		seen := map[Day]int{}
		var days int // loose days, to check months are used where they can
		for _, s := range Spans(from, to) {
			lo, hi := s.From, s.To
			if s.Months {
				lo, hi = max(s.FromMonth, (base-400).Month()).First(), s.ToMonth.First()
			} else {
				days += int(hi - lo)
			}
			for d := lo; d < hi; d++ {
				if s.BeforePeriod != (d < from) {
					t.Fatalf("%d–%d: day %d in a span with before=%v", from, to, d, s.BeforePeriod)
				}
				seen[d]++
			}
		}
		for d := base - 400; d < to; d++ {
			if seen[d] != 1 {
				t.Fatalf("%d–%d: day %d covered %d times", from, to, d, seen[d])
			}
		}
		if days > 62+31 {
			t.Fatalf("%d–%d: %d loose days", from, to, days)
		}
	}
	year := Spans(DayOf(time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)), DayOf(time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN)))
	if len(year) != 2 || !year[1].Months || year[1].ToMonth-year[1].FromMonth != 12 {
		t.Fatalf("a calendar year is not twelve months: %+v", year)
	}
}

// TestMarksOfAResolvedLateDossier: accepted Mon 04/03, due Thu 07/03, result
// Fri 08/03: accepted, overdue from 07/03, late and finished on 08/03.
func TestMarksOfAResolvedLateDossier(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, motcua.VN) }
	f := Facts{AcceptedAt: at(4, 9), DueAt: at(7, 9), ResultAt: at(8, 10), State: motcua.StateResultReady}
	got := map[Day]Counts{}
	for _, m := range f.Marks(nil) {
		got[m.Day] = m.Counts
	}
	want := map[Day]Counts{DayOf(at(4, 9)): {Accepted: 1}, DayOf(at(7, 9)): {Overdue: 1}, DayOf(at(8, 10)): {Late: 1, Finished: 1, Overdue: -1}}
	if len(got) != len(want) {
		t.Fatalf("marks %+v, want %+v", got, want)
	}
	for d, c := range want {
		if got[d] != c {
			t.Fatalf("marks %+v, want %+v", got, want)
		}
	}
}
