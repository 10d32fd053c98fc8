package calendar

import (
	"testing"
	"time"
)

// vn is the seed calendar with default hours, shared by the tests.
var vn = New(DefaultOfficeHours(), Vietnam())

// day is one standard working day with the default hours.
const day = 7*time.Hour + 30*time.Minute

// at parses "2006-01-02 15:04" (or with seconds) as an instant in Loc.
func at(tb testing.TB, s string) time.Time {
	tb.Helper()
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, Loc); err == nil {
			return t
		}
	}
	tb.Fatalf("bad test instant %q", s)
	return time.Time{}
}

// show renders an instant with its weekday, so failures read like the rules.
func show(t time.Time) string {
	return t.In(Loc).Format("Mon 2006-01-02 15:04:05 -07:00")
}

func date(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
