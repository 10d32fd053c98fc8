package calendar

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseOfficeHours(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty means the default", "", "Mon-Fri 07:30-11:30,13:30-17:00"},
		{"default spelled out", "Mon-Fri 07:30-11:30,13:30-17:00", "Mon-Fri 07:30-11:30,13:30-17:00"},
		{"Saturday morning office", "Mon-Fri 07:00-11:00,13:00-17:00; Sat 07:30-11:30", "Mon-Fri 07:00-11:00,13:00-17:00; Sat 07:30-11:30"},
		{"Vietnamese day names and 7h30", "T2-T6 7h30-11h30,13h30-17h00; T7 7h30-11h30", "Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30"},
		{"spaces, case and order do not matter", " mon - fri 13:30-17:00 , 7:30-11:30 ; ", "Mon-Fri 07:30-11:30,13:30-17:00"},
		{"day lists regroup into ranges", "Mon,Tue,Wed 08:00-12:00; Thu-Fri 08:00-12:00", "Mon-Fri 08:00-12:00"},
		{"gaps between days stay apart", "Mon,Wed 08:00-12:00", "Mon 08:00-12:00; Wed 08:00-12:00"},
		{"Sunday comes last", "CN 08:00-10:00; T2 08:00-10:00", "Mon 08:00-10:00; Sun 08:00-10:00"},
		{"24:00 is a valid end", "Mon 20:00-24:00", "Mon 20:00-24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseOfficeHours(tt.in)
			if err != nil {
				t.Fatalf("ParseOfficeHours(%q): %v", tt.in, err)
			}
			if got := h.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			again, err := ParseOfficeHours(h.String())
			if err != nil || !reflect.DeepEqual(again, h) {
				t.Errorf("round trip of %q gave %v, %v", h.String(), again, err)
			}
		})
	}
}

func TestParseOfficeHoursIntervals(t *testing.T) {
	h, err := ParseOfficeHours("Mon-Fri 07:00-11:00,13:00-17:00; Sat 07:30-11:30")
	if err != nil {
		t.Fatal(err)
	}
	weekday := []Interval{{420, 660}, {780, 1020}}
	want := OfficeHours{
		time.Monday: weekday, time.Tuesday: weekday, time.Wednesday: weekday,
		time.Thursday: weekday, time.Friday: weekday, time.Saturday: {{450, 690}},
	}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("got %v, want %v", h, want)
	}
	if !reflect.DeepEqual(DefaultOfficeHours(), mustHours(t, "Mon-Fri 07:30-11:30,13:30-17:00")) {
		t.Error("DefaultOfficeHours differs from its documented text")
	}
}

func mustHours(t *testing.T, s string) OfficeHours {
	t.Helper()
	h, err := ParseOfficeHours(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestParseOfficeHoursErrors(t *testing.T) {
	tests := []struct{ name, in, wantErr string }{
		{"days without times", "Mon-Fri", "no times"},
		{"times without days", "07:30-11:30", "no days"},
		{"unknown day", "Xyz 07:30-11:30", `bad day "Xyz"`},
		{"backward day range", "Fri-Mon 07:30-11:30", "goes backwards"},
		{"interval ending before it starts", "Mon-Fri 11:30-07:30", "ends before it starts"},
		{"empty interval", "Mon-Fri 07:30-07:30", "ends before it starts"},
		{"overlapping intervals", "Mon-Fri 07:30-11:30,11:00-12:00", "overlap"},
		{"day given twice", "Mon-Fri 07:30-11:30; Fri 13:00-14:00", "Fri given twice"},
		{"hour out of range", "Mon-Fri 25:00-26:00", `bad time "25:00"`},
		{"minute out of range", "Mon-Fri 07:60-08:00", `bad time "07:60"`},
		{"after midnight", "Mon 20:00-24:01", `bad time "24:01"`},
		{"sign in a time", "Mon 7:+3-11:30", `bad time "7:+3"`},
		{"one-digit minutes", "Mon 7:3-11:30", `bad time "7:3"`},
		{"half an interval", "Mon-Fri 07:30", "bad interval"},
		{"missing separator between groups", "Mon-Fri 07:30-11:30 Sat 08:00-09:00", "bad time"},
		{"nothing but separators", " ; ; ", "no office time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseOfficeHours(tt.in)
			if err == nil {
				t.Fatalf("ParseOfficeHours(%q) = %v, want an error", tt.in, h)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

// TestCustomHoursAdd: a unit with 8-hour days and a Saturday morning office.
// Make-up days use Monday's intervals, not Saturday's.
func TestCustomHoursAdd(t *testing.T) {
	h := mustHours(t, "Mon-Fri 07:00-11:00,13:00-17:00; Sat 07:30-11:30")
	c := New(h, Vietnam())
	std := c.StandardDay()
	tests := []struct {
		name, from string
		work       time.Duration
		want       string
	}{
		{"Saturday morning counts", "2024-03-08 16:00", std, "2024-03-11 10:00"},
		{"opening is 07:00", "2024-03-04 06:00", time.Hour, "2024-03-04 08:00"},
		{"make-up Saturday uses Monday's hours", "2024-05-04 10:00", 4 * time.Hour, "2024-05-04 16:00"},
		{"end of the Saturday office", "2024-03-09 11:00", 30 * time.Minute, "2024-03-09 11:30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Add(at(t, tt.from), tt.work)
			if want := at(t, tt.want); !got.Equal(want) {
				t.Errorf("Add(%s, %v) = %s, want %s", tt.from, tt.work, show(got), show(want))
			}
		})
	}
}
