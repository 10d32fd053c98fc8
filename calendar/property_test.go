package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// randomInstant picks an instant near a seed special date, where mistakes
// are likely, with a random second of the day.
func randomInstant(r *rand.Rand, specials []Special) time.Time {
	s := specials[r.IntN(len(specials))]
	d := s.Date.AddDays(r.IntN(10) - 7)
	return d.At(0).Add(time.Duration(r.IntN(24*3600)) * time.Second)
}

// TestBetweenInvertsAdd checks, over random instants and durations, that
// Add uses up exactly the allotted working time, that its result is the
// earliest such instant, and that Explain's day notes add up to it.
func TestBetweenInvertsAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 2))
	specials := Vietnam()
	for i := range 20000 {
		from := randomInstant(r, specials)
		work := time.Duration(r.Int64N(int64(20 * day)))
		if i%2 == 0 {
			work = work.Truncate(time.Minute)
		}
		start, due := vn.NextOpening(from), vn.Add(from, work)
		if got := vn.Between(start, due); got != work {
			t.Fatalf("Between(NextOpening(%s), Add(.., %v)) = %v", show(from), work, got)
		}
		if work > 0 && vn.Between(start, due.Add(-time.Nanosecond)) >= work {
			t.Fatalf("Add(%s, %v) = %s is not the earliest instant", show(from), work, show(due))
		}
		if i%20 == 0 {
			var sum time.Duration
			for _, n := range vn.Explain(from, work).Days {
				sum += n.Worked
			}
			if sum != work {
				t.Fatalf("Explain(%s, %v) days add up to %v", show(from), work, sum)
			}
		}
	}
}

// naiveWorkingMinute restates the rules of domain.md §6 directly, for the
// default hours, without sharing any code path with Calendar.
func naiveWorkingMinute(t time.Time, kinds map[Date]Kind) bool {
	t = t.In(Loc)
	wd := t.Weekday()
	working := wd != time.Saturday && wd != time.Sunday
	switch kinds[Date{t.Year(), t.Month(), t.Day()}] {
	case DayOff:
		working = false
	case MakeUpDay:
		working = true
	}
	m := t.Hour()*60 + t.Minute()
	return working && (m >= 450 && m < 690 || m >= 810 && m < 1020)
}

// naiveAdd walks minute by minute: the due instant is the end of the
// minute that uses up the work, or the first working minute for no work.
func naiveAdd(from time.Time, n int, kinds map[Date]Kind) time.Time {
	t := from
	for !naiveWorkingMinute(t, kinds) {
		t = t.Add(time.Minute)
	}
	if n == 0 {
		return t
	}
	for {
		if naiveWorkingMinute(t, kinds) {
			if n--; n == 0 {
				return t.Add(time.Minute)
			}
		}
		t = t.Add(time.Minute)
	}
}

func TestAddMatchesMinuteByMinute(t *testing.T) {
	specials := Vietnam()
	kinds := map[Date]Kind{}
	for _, s := range specials {
		kinds[s.Date] = s.Kind
	}
	r := rand.New(rand.NewPCG(7, 30))
	for range 400 {
		from := randomInstant(r, specials).Truncate(time.Minute)
		n := r.IntN(3 * 450)
		got, want := vn.Add(from, time.Duration(n)*time.Minute), naiveAdd(from, n, kinds)
		if !got.Equal(want) {
			t.Fatalf("Add(%s, %d min) = %s, minute by minute %s", show(from), n, show(got), show(want))
		}
	}
}

// TestAddIsMonotonic: more work never gives an earlier due instant.
func TestAddIsMonotonic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 5))
	specials := Vietnam()
	for range 5000 {
		from := randomInstant(r, specials)
		a := time.Duration(r.Int64N(int64(10 * day)))
		b := a + time.Duration(r.Int64N(int64(day)))
		if vn.Add(from, b).Before(vn.Add(from, a)) {
			t.Fatalf("Add(%s, %v) is before Add(.., %v)", show(from), b, a)
		}
	}
}
