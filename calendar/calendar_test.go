package calendar

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2024-02-08", Date{2024, time.February, 8}, false},
		{"08/02/2024", Date{2024, time.February, 8}, false},
		{"8/2/2024", Date{2024, time.February, 8}, false},
		{" 29/02/2024 ", Date{2024, time.February, 29}, false},
		{"29/02/2025", Date{}, true},
		{"2024-02-30", Date{}, true},
		{"02/08", Date{}, true},
		{"2024/02/08", Date{}, true},
		{"hôm nay", Date{}, true},
		{"", Date{}, true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestDateBasics(t *testing.T) {
	d := Date{2024, time.February, 8}
	if s := d.String(); s != "2024-02-08" {
		t.Errorf("String = %q", s)
	}
	if s := d.VN(); s != "08/02/2024" {
		t.Errorf("VN = %q", s)
	}
	if wd := d.Weekday(); wd != time.Thursday {
		t.Errorf("Weekday = %v, want Thursday", wd)
	}
	if got := d.At(15*60 + 30); !got.Equal(time.Date(2024, 2, 8, 8, 30, 0, 0, time.UTC)) {
		t.Errorf("At(15:30) = %v, want 08:30 UTC", got)
	}
	if got := d.AddDays(25); got != (Date{2024, time.March, 4}) {
		t.Errorf("AddDays(25) = %v, want 2024-03-04 across 29/02", got)
	}
	if got := (Date{2025, time.January, 1}).AddDays(-1); got != (Date{2024, time.December, 31}) {
		t.Errorf("AddDays(-1) = %v, want 2024-12-31", got)
	}
	// 17:30 UTC is already the next morning in Vietnam.
	if got := DateOf(time.Date(2024, 2, 7, 17, 30, 0, 0, time.UTC)); got != d {
		t.Errorf("DateOf = %v, want %v", got, d)
	}
}

// TestDateNextAgreesWithAddDays guards the hand-written calendar arithmetic
// of the hot path (month ends, leap years, 1900 and 2000) against time.Date.
func TestDateNextAgreesWithAddDays(t *testing.T) {
	for d := (Date{1899, time.December, 1}); d.Year < 2101; d = d.next() {
		if want := d.AddDays(1); d.next() != want {
			t.Fatalf("%v.next() = %v, want %v", d, d.next(), want)
		}
	}
}

func TestWorkingDay(t *testing.T) {
	saturdays, _ := ParseOfficeHours("Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30")
	withSat := New(saturdays, Vietnam())
	tests := []struct {
		name    string
		c       *Calendar
		date    string
		ok      bool
		wantWhy string
	}{
		{"plain Monday", vn, "2024-03-04", true, ""},
		{"Saturday is a weekend", vn, "2024-03-09", false, "Thứ Bảy"},
		{"Sunday is a weekend", vn, "2024-03-10", false, "Chủ nhật"},
		{"Tết gives its name", vn, "2024-02-08", false, "Tết Nguyên đán"},
		{"30/04 gives its name", vn, "2024-04-30", false, "Ngày Giải phóng miền Nam, thống nhất đất nước"},
		{"swapped day says so", vn, "2024-04-29", false, "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)"},
		{"make-up Saturday is worked", vn, "2024-05-04", true, "làm bù: Làm bù cho ngày 29/04/2024"},
		{"Saturday with office hours is worked", withSat, "2024-03-09", true, ""},
		{"a holiday closes a Saturday office too", withSat, "2024-02-08", false, "Tết Nguyên đán"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, why := tt.c.WorkingDay(date(t, tt.date))
			if ok != tt.ok || why != tt.wantWhy {
				t.Errorf("WorkingDay(%s) = %v, %q; want %v, %q", tt.date, ok, why, tt.ok, tt.wantWhy)
			}
		})
	}
}

func TestStandardDay(t *testing.T) {
	tests := []struct {
		hours string
		want  time.Duration
	}{
		{"", day},
		{"Mon-Fri 07:00-11:00,13:00-17:00", 8 * time.Hour},
		{"Mon 08:00-12:00; Tue-Fri 07:00-11:00,13:00-17:00", 4 * time.Hour},
		{"Tue-Sat 08:00-12:00", 4 * time.Hour}, // no Monday: the first open weekday
	}
	for _, tt := range tests {
		h, err := ParseOfficeHours(tt.hours)
		if err != nil {
			t.Fatal(err)
		}
		if got := New(h, nil).StandardDay(); got != tt.want {
			t.Errorf("StandardDay(%q) = %v, want %v", tt.hours, got, tt.want)
		}
	}
}

// TestNewZeroHoursMeansDefault: the zero OfficeHours would have no working
// time at all and the clock loops would never end; New uses the default.
func TestNewZeroHoursMeansDefault(t *testing.T) {
	c := New(OfficeHours{}, nil)
	if got := c.StandardDay(); got != day {
		t.Errorf("StandardDay = %v, want %v", got, day)
	}
	if got, want := c.Add(at(t, "2024-03-04 18:00"), day), at(t, "2024-03-05 17:00"); !got.Equal(want) {
		t.Errorf("Add = %s, want %s", show(got), show(want))
	}
}

// TestNewNormalizesHours: hand-built hours may be unsorted, overlapping or
// outside the day; New must not trust them, nor alias the caller's slices.
func TestNewNormalizesHours(t *testing.T) {
	var h OfficeHours
	h[time.Monday] = []Interval{{810, 1020}, {450, 690}, {600, 700}, {-30, 0}, {1000, 2000}}
	c := New(h, nil)
	h[time.Monday][0] = Interval{0, 1440} // must not leak into c
	mon := at(t, "2024-03-04 00:00")
	if got, want := c.Between(mon, mon.Add(24*time.Hour)), 250*time.Minute+630*time.Minute; got != want {
		t.Errorf("Monday working time = %v, want %v (07:30-11:40 and 13:30-24:00)", got, want)
	}
	if got, want := c.NextOpening(at(t, "2024-03-04 11:35")), at(t, "2024-03-04 11:35"); !got.Equal(want) {
		t.Errorf("NextOpening(11:35) = %s, want %s: intervals were not sorted", show(got), show(want))
	}
}

func TestNewIgnoresUnknownKinds(t *testing.T) {
	d := Date{2024, time.March, 4}
	c := New(DefaultOfficeHours(), []Special{{Date: d, Kind: "maybe", Name: "?"}})
	if ok, why := c.WorkingDay(d); !ok || why != "" {
		t.Errorf("WorkingDay = %v, %q; want a plain working day", ok, why)
	}
}

func TestWeekdayNamesAreNFC(t *testing.T) {
	for _, name := range weekdayVN {
		assertNFC(t, name)
	}
}

// assertNFC fails on combining marks: Vietnamese text in NFD spells its
// diacritics with them, in NFC never.
func assertNFC(t *testing.T, s string) {
	t.Helper()
	if strings.ContainsFunc(s, func(r rune) bool { return r >= 0x300 && r <= 0x36f }) {
		t.Errorf("%q is not NFC", s)
	}
}
