package report

import (
	"testing"
	"time"
)

func TestRowIdentityAndRates(t *testing.T) {
	r := Row{CarriedOver: 733, ReceivedOnline: 3369, ReceivedCounter: 35000, ReceivedPostal: 2036,
		ResolvedEarly: 17000, ResolvedOnTime: 281, ResolvedLate: 693, InProgressOnTime: 20000, InProgressOverdue: 2304, Withdrawn: 960}
	r.Sum()
	if r.ReceivedTotal != 41138 || r.ResolvedTotal != 17974 || r.InProgressTotal != 22304 {
		t.Errorf("sums %d %d %d", r.ReceivedTotal, r.ResolvedTotal, r.InProgressTotal)
	}
	if err := r.Balanced(); err == nil {
		t.Error("an unbalanced row passed") // 41138 ≠ 17974 + 22304 + 960 = 41238
	}
	if got := r.OnlineShare(); got != "8,34 %" {
		t.Errorf("online share %q, want 8,34 %% (the seed wrote 0.083 %%)", got)
	}
	if got := r.OnTimeRate(); got != "96,14 %" {
		t.Errorf("on-time rate %q", got)
	}
	var total Row
	total.Add(r)
	total.Add(r)
	if total.ReceivedTotal != 2*r.ReceivedTotal || total.Withdrawn != 1920 {
		t.Errorf("Add: %+v", total)
	}
}

func TestQueryCheck(t *testing.T) {
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, q := range []Query{{}, {From: day, To: day}, {From: day, To: day.AddDate(0, 1, 0), By: "xa"}} {
		if q.Check() == nil {
			t.Errorf("query %+v accepted", q)
		}
	}
	if err := (Query{From: day, To: day.AddDate(0, 1, 0), By: ByField}).Check(); err != nil {
		t.Error(err)
	}
}

// TestViewsParseAndCheck: the two views are read from their names, an
// unknown one is refused with the field it came from.
func TestViewsParseAndCheck(t *testing.T) {
	for text, want := range map[string]View{"": ViewDeciding, "deciding": ViewDeciding, "receiving": ViewReceiving} {
		if got, err := ParseView(text); err != nil || got != want {
			t.Errorf("ParseView(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
	if _, err := ParseView("tiep_nhan"); err == nil {
		t.Error("an unknown view was read")
	}
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	if (Query{From: day, To: day.AddDate(0, 1, 0), View: "centre"}).Check() == nil {
		t.Error("a query with an unknown view passed its check")
	}
}
