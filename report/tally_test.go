package report

import (
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

// TestPrefixCoversTheDaysBefore: the signed terms of Prefix(x) count
// every day before x once and no day from x on, reading few rows.
func TestPrefixCoversTheDaysBefore(t *testing.T) {
	base := DayOf(time.Date(2022, 1, 1, 0, 0, 0, 0, motcua.VN))
	for x := base; x < base+3*366; x++ {
		seen := map[Day]int{}
		rows := 0
		for _, term := range Prefix(x) {
			lo, hi := term.From, term.To
			if term.Grain == GrainYear {
				lo = max(lo, 2020)
			}
			rows += hi - lo
			for at := lo; at < hi; at++ {
				first, end := Day(at), Day(at+1)
				switch term.Grain {
				case GrainMonth:
					first, end = Month(at).First(), Month(at+1).First()
				case GrainYear:
					first, end = Year(at).First().First(), Year(at+1).First().First()
				}
				for d := first; d < end; d++ {
					seen[d] += term.Sign
				}
			}
		}
		for d := Year(2020).First().First(); d < base+4*366; d++ {
			if want := map[bool]int{true: 1, false: 0}[d < x]; seen[d] != want {
				t.Fatalf("Prefix(%s) counts %s %d times", x.Start().Format("02/01/2006"), d.Start().Format("02/01/2006"), seen[d])
			}
		}
		if rows > 2+1+6+1+16 {
			t.Fatalf("Prefix(%s) reads %d rows per group", x.Start().Format("02/01/2006"), rows)
		}
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

// TestMarksCountReceivingForOthersOnTheDayOfAcceptance: a dossier received
// for another authority adds to ForOther on the day it was accepted only,
// and RowOf shows it among the period's receipts.
func TestMarksCountReceivingForOthersOnTheDayOfAcceptance(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2025, 8, d, h, 0, 0, 0, motcua.VN) }
	f := Facts{AcceptedAt: at(4, 9), DueAt: at(7, 9), ResultAt: at(6, 10), State: motcua.StateReturned, ForOther: true}
	var during Counts
	for _, m := range f.Marks(nil) {
		if m.Counts.ForOther != 0 && m.Day != DayOf(at(4, 9)) {
			t.Fatalf("ForOther counted on %s", m.Day.Start().Format("02/01/2006"))
		}
		during.Add(m.Counts, 1)
	}
	if during.ForOther != 1 {
		t.Fatalf("ForOther = %d, want 1", during.ForOther)
	}
	if r := RowOf(motcua.ChannelCounter, Counts{}, during); r.ReceivedForOther != 1 || r.ReceivedCounter != 1 || r.Balanced() != nil {
		t.Fatalf("row %+v", r)
	}
	f.ForOther = false
	for _, m := range f.Marks(nil) {
		if m.Counts.ForOther != 0 {
			t.Fatal("a dossier received for its own authority counted as received for another")
		}
	}
}

// TestWaitingForPaymentIsInProgressNotOverdue: a dossier waiting for the
// fees due at intake (paused since its acceptance) counts in progress in
// II.06a, never overdue, however long it waits — in the tally (Marks) and
// in the replayed classification alike; the same dossier processing past
// its due instant is overdue in both.
func TestWaitingForPaymentIsInProgressNotOverdue(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, motcua.VN) }
	q := Query{From: at(1, 0), To: at(31, 0)}
	for _, c := range []struct {
		state   motcua.State
		overdue int
	}{{motcua.StatePayment, 0}, {motcua.StateSupplement, 0}, {motcua.StateProcessing, 1}} {
		d := &motcua.Dossier{AcceptedAt: at(4, 9), DueAt: at(7, 9), PausedAt: at(4, 9), State: c.state, Channel: motcua.ChannelOnline}
		if c.state == motcua.StateProcessing {
			d.PausedAt = time.Time{}
		}
		var sum Counts
		for _, m := range FactsOf(d).Marks(nil) {
			sum.Add(m.Counts, 1)
		}
		if sum.Overdue != c.overdue || sum.Accepted != 1 || sum.Finished != 0 {
			t.Errorf("%s: tally %+v, want %d overdue, one in progress", c.state, sum, c.overdue)
		}
		r, ok := Classify(d, q)
		if !ok || r.InProgressOverdue != c.overdue || r.InProgressOnTime != 1-c.overdue || r.ReceivedOnline != 1 {
			t.Errorf("%s: row %+v, want %d overdue of one in progress", c.state, r, c.overdue)
		}
	}
}
