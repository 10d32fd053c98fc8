package calendar

import (
	"testing"
	"time"
)

func TestAdd(t *testing.T) {
	tests := []struct {
		name string
		from string
		work time.Duration
		want string
	}{
		{"Tết 2024 08/02–14/02 is skipped", "2024-02-07 15:00", 3 * day, "2024-02-19 15:00"},
		{"Tết 2025 27/01–31/01 is skipped", "2025-01-24 10:00", 2 * day, "2025-02-04 10:00"},
		{"Tết 2026 16/02–20/02 is skipped", "2026-02-13 16:00", day, "2026-02-23 16:00"},
		{"make-up Saturday 26/04/2025 is worked", "2025-04-25 16:00", day, "2025-04-26 16:00"},
		{"make-up Saturday 04/05/2024 is worked after 29/04–01/05 off", "2024-04-26 09:00", 3 * day, "2024-05-04 09:00"},
		{"make-up Saturday 10/01/2026 ends at its morning close", "2026-01-09 13:30", day, "2026-01-10 11:30"},
		{"Mon 14:00 + 3 days is Thu 14:00", "2024-03-04 14:00", 3 * day, "2024-03-07 14:00"},
		{"at opening: Tue 07:30 + 3 days is Thu 17:00, not Fri 07:30", "2024-03-05 07:30", 3 * day, "2024-03-07 17:00"},
		{"end of break: Thu 11:00 + 30 min is 11:30, not 13:30", "2024-03-07 11:00", 30 * time.Minute, "2024-03-07 11:30"},
		{"end of day before a holiday: Fri 16:00 + 1 h is 17:00, not Thu 07:30", "2024-04-26 16:00", time.Hour, "2024-04-26 17:00"},
		{"after hours: Mon 18:00 starts Tue 07:30", "2024-03-04 18:00", day, "2024-03-05 17:00"},
		{"Sunday starts Monday 07:30", "2024-03-10 09:00", 3 * day, "2024-03-13 17:00"},
		{"lunch break 12:00 starts 13:30 and ends at next noon", "2024-03-04 12:00", day, "2024-03-05 11:30"},
		{"hours: 4 working hours from 10:00 span lunch", "2024-03-04 10:00", 4 * time.Hour, "2024-03-04 16:00"},
		{"half day from opening", "2024-03-04 07:30", day / 2, "2024-03-04 11:15"},
		{"seconds are kept", "2024-03-04 10:00:30", time.Hour, "2024-03-04 11:00:30"},
		{"zero work inside office time is from itself", "2024-03-04 10:00", 0, "2024-03-04 10:00"},
		{"zero work after hours is the next opening", "2024-03-04 18:00", 0, "2024-03-05 07:30"},
		{"zero work at the end of the morning is 13:30", "2024-03-04 11:30", 0, "2024-03-04 13:30"},
		{"negative work counts as zero", "2024-03-04 17:00", -time.Hour, "2024-03-05 07:30"},
		{"many days cross a year end and Tết Dương lịch", "2024-12-02 07:30", 30 * day, "2025-01-13 17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vn.Add(at(t, tt.from), tt.work)
			if want := at(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %v) = %s, want %s", tt.from, tt.work, show(got), show(want))
			}
			if got.Location() != Loc {
				t.Errorf("Add returned location %v, want Loc", got.Location())
			}
		})
	}
}

func TestAddFromOtherZone(t *testing.T) {
	from := time.Date(2024, 3, 4, 3, 0, 0, 0, time.UTC) // 10:00 in Vietnam
	got := vn.Add(from, time.Hour)
	if want := at(t, "2024-03-04 11:00"); !got.Equal(want) {
		t.Errorf("Add = %s, want %s", show(got), show(want))
	}
}

func TestNextOpening(t *testing.T) {
	tests := []struct{ name, t, want string }{
		{"inside the morning is itself", "2024-03-04 09:00", "2024-03-04 09:00"},
		{"opening is inclusive", "2024-03-04 07:30", "2024-03-04 07:30"},
		{"before opening waits", "2024-03-04 07:29", "2024-03-04 07:30"},
		{"end of the morning is exclusive", "2024-03-04 11:30", "2024-03-04 13:30"},
		{"lunch break waits for 13:30", "2024-03-04 12:00", "2024-03-04 13:30"},
		{"last minute of the day is inside", "2024-03-04 16:59", "2024-03-04 16:59"},
		{"end of day is the next morning", "2024-03-04 17:00", "2024-03-05 07:30"},
		{"Friday evening is Monday", "2024-03-08 18:00", "2024-03-11 07:30"},
		{"Sunday is Monday", "2024-03-10 09:00", "2024-03-11 07:30"},
		{"eve of Tết 2024 is after Tết", "2024-02-07 17:00", "2024-02-15 07:30"},
		{"Friday before a make-up Saturday", "2024-05-03 17:00", "2024-05-04 07:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vn.NextOpening(at(t, tt.t))
			if want := at(t, tt.want); !got.Equal(want) {
				t.Errorf("NextOpening(%s) = %s, want %s", tt.t, show(got), show(want))
			}
		})
	}
}

func TestBetween(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           time.Duration
	}{
		{"to before from is zero", "2024-03-04 10:00", "2024-03-04 09:00", 0},
		{"empty range is zero", "2024-03-04 10:00", "2024-03-04 10:00", 0},
		{"inside one interval", "2024-03-04 08:00", "2024-03-04 09:00", time.Hour},
		{"lunch break does not count", "2024-03-04 11:00", "2024-03-04 14:00", time.Hour},
		{"a full day is the standard day", "2024-03-04 00:00", "2024-03-05 00:00", day},
		{"a weekend is zero", "2024-03-09 00:00", "2024-03-11 07:30", 0},
		{"Tết 2024 counts only working days around it", "2024-02-07 00:00", "2024-02-19 00:00", 3 * day},
		{"a make-up Saturday counts", "2024-05-04 00:00", "2024-05-05 00:00", day},
		{"a day off counts nothing", "2024-04-30 00:00", "2024-05-01 00:00", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vn.Between(at(t, tt.from), at(t, tt.to)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestSameDayDue(t *testing.T) {
	tests := []struct {
		name, accepted string
		cutoff         int
		want           string
	}{
		{"before 15:00 is due the same evening", "2024-03-04 10:00", 900, "2024-03-04 17:00"},
		{"one minute before the cutoff", "2024-03-04 14:59", 900, "2024-03-04 17:00"},
		{"at 15:00 exactly is still due the same evening", "2024-03-04 15:00", 900, "2024-03-04 17:00"},
		{"one second after 15:00 is due the next evening", "2024-03-04 15:00:01", 900, "2024-03-05 17:00"},
		{"after 15:00 is due the next evening", "2024-03-04 16:00", 900, "2024-03-05 17:00"},
		{"after hours starts next morning, before the cutoff", "2024-03-04 18:00", 900, "2024-03-05 17:00"},
		{"on a Saturday is due Monday", "2024-03-09 10:00", 900, "2024-03-11 17:00"},
		{"late on the day before Tết is due after Tết", "2024-02-07 16:00", 900, "2024-02-15 17:00"},
		{"early on the day before Tết is due that day", "2024-02-07 09:00", 900, "2024-02-07 17:00"},
		{"late Friday before a make-up Saturday", "2024-05-03 15:30", 900, "2024-05-04 17:00"},
		{"a later cutoff keeps the same day", "2024-03-04 15:30", 960, "2024-03-04 17:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := vn.SameDayDue(at(t, tt.accepted), tt.cutoff)
			if want := at(t, tt.want); !got.Equal(want) {
				t.Errorf("SameDayDue(%s, %d) = %s, want %s", tt.accepted, tt.cutoff, show(got), show(want))
			}
		})
	}
}

// TestPauseResumeExtend shows how the caller composes a pause (supplement
// request), a resumption and an extension from Between and Add. Every
// instant below was computed by hand with the default hours.
func TestPauseResumeExtend(t *testing.T) {
	accepted := at(t, "2024-03-04 08:00") // Monday
	due := vn.Add(accepted, 5*day)
	expect(t, "due", due, "2024-03-11 08:00") // 3h30+3h30, 4 × 7h30, then 30 min

	pause := at(t, "2024-03-05 10:00")
	used := vn.Between(vn.NextOpening(accepted), pause) // Mon 7h, Tue 07:30–10:00
	if used != 9*time.Hour+30*time.Minute {
		t.Fatalf("used = %v, want 9h30m", used)
	}
	remaining := 5*day - used
	if alt := vn.Between(pause, due); alt != remaining {
		t.Errorf("remaining by Between(pause, due) = %v, want %v", alt, remaining)
	}
	if remaining != 28*time.Hour {
		t.Fatalf("remaining = %v, want 28h", remaining)
	}

	resume := at(t, "2024-03-11 09:00")
	due = vn.Add(resume, remaining) // Mon 6h, Tue, Wed 7h30 each, Thu 4h + 3h
	expect(t, "due after resume", due, "2024-03-14 16:30")

	due = vn.Add(due, 2*day) // Thu 30 min, Fri 7h30, Mon 4h + 3h
	expect(t, "due after extension", due, "2024-03-18 16:30")
}

func expect(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if w := at(t, want); !got.Equal(w) {
		t.Errorf("%s = %s, want %s", what, show(got), show(w))
	}
}

func BenchmarkAdd(b *testing.B) {
	froms := []time.Time{
		at(b, "2024-02-07 15:00"), at(b, "2024-03-04 18:00"),
		at(b, "2025-01-24 10:00"), at(b, "2025-04-25 16:00"),
	}
	for _, bc := range []struct {
		name string
		work time.Duration
	}{{"4h", 4 * time.Hour}, {"3days", 3 * day}, {"15days", 15 * day}} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				vn.Add(froms[i%len(froms)], bc.work)
				i++
			}
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	from, to := at(b, "2024-02-07 15:00"), at(b, "2024-02-19 15:00")
	for b.Loop() {
		vn.Between(from, to)
	}
}
