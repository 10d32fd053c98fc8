package calendar

import (
	"strings"
	"testing"
	"time"
)

// TestVietnamSeed checks the embedded data against domain.md §13: how many
// weekday days off and make-up days each year has, that days off are
// weekdays (weekends are automatic) and make-up days Saturdays.
func TestVietnamSeed(t *testing.T) {
	type count struct{ off, makeUp int }
	want := map[int]count{2024: {12, 1}, 2025: {12, 1}, 2026: {13, 2}}
	got := map[int]count{}
	for _, s := range Vietnam() {
		c := got[s.Date.Year]
		wd := s.Date.Weekday()
		switch s.Kind {
		case DayOff:
			c.off++
			if wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%s %q is a weekend day off: weekends need no listing", s.Date, s.Name)
			}
		case MakeUpDay:
			c.makeUp++
			if wd != time.Saturday {
				t.Errorf("make-up day %s is a %v, want a Saturday", s.Date, wd)
			}
		}
		got[s.Date.Year] = c
		assertNFC(t, s.Name)
	}
	for year, w := range want {
		if got[year] != w {
			t.Errorf("%d: %+v, want %+v", year, got[year], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("years %v, want %v", got, want)
	}
}

// TestVietnamSwapsPair: every make-up day names the day it pays for, which
// must be a day off naming the make-up day back.
func TestVietnamSwapsPair(t *testing.T) {
	byDate := map[Date]Special{}
	for _, s := range Vietnam() {
		byDate[s.Date] = s
	}
	for _, s := range byDate {
		if s.Kind != MakeUpDay {
			continue
		}
		swapped, err := ParseDate(strings.TrimPrefix(s.Name, "Làm bù cho ngày "))
		if err != nil {
			t.Errorf("make-up %s: name %q does not name a date", s.Date, s.Name)
			continue
		}
		off := byDate[swapped]
		if off.Kind != DayOff || !strings.Contains(off.Name, s.Date.VN()) {
			t.Errorf("make-up %s pays for %s, which is %+v", s.Date, swapped, off)
		}
	}
}

func TestVietnamNames(t *testing.T) {
	want := map[string]string{
		"2024-01-01": "Tết Dương lịch",
		"2024-02-08": "Tết Nguyên đán",
		"2024-04-18": "Giỗ Tổ Hùng Vương",
		"2025-04-07": "Giỗ Tổ Hùng Vương",
		"2025-05-01": "Ngày Quốc tế Lao động",
		"2025-09-02": "Quốc khánh",
		"2026-02-20": "Tết Nguyên đán",
		"2026-04-27": "Nghỉ bù Giỗ Tổ Hùng Vương",
	}
	days := map[Date]string{}
	for _, s := range Vietnam() {
		days[s.Date] = s.Name
	}
	for d, name := range want {
		if got := days[date(t, d)]; got != name {
			t.Errorf("%s: %q, want %q", d, got, name)
		}
	}
}

func TestVietnamReturnsACopy(t *testing.T) {
	Vietnam()[0].Name = "changed"
	if Vietnam()[0].Name == "changed" {
		t.Error("Vietnam() shares its slice with callers")
	}
}

func TestReadSpecials(t *testing.T) {
	in := "# comment\ndate,kind,name\n08/02/2024, off, Tết Nguyên đán\n2024-05-04,makeup,\"Làm bù, thử\"\n"
	got, err := ReadSpecials(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Special{
		{Date{2024, time.February, 8}, DayOff, "Tết Nguyên đán"},
		{Date{2024, time.May, 4}, MakeUpDay, "Làm bù, thử"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestReadSpecialsErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"empty file", "", "header"},
		{"wrong header", "day,kind,name\n", "want date,kind,name"},
		{"bad date", "date,kind,name\n2024-13-01,off,X\n", "line 2: calendar: bad date"},
		{"unknown kind", "date,kind,name\n2024-01-01,holiday,X\n", `kind "holiday"`},
		{"no name", "date,kind,name\n2024-01-01,off,\n", "has no name"},
		{"make-up on a weekday", "date,kind,name\n2024-05-03,makeup,X\n", "not a weekend"},
		{"date twice", "date,kind,name\n2024-01-01,off,X\n01/01/2024,off,Y\n", "line 3: 2024-01-01 listed twice"},
		{"missing column", "date,kind,name\n2024-01-01,off\n", "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadSpecials(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want one mentioning %q", err, tt.wantErr)
			}
		})
	}
}
