// Package calendar does working-time arithmetic for Vietnamese one-stop
// shops (Bộ phận Một cửa). It is pure: no I/O except the embedded seed data.
//
// The model (domain.md §6):
//
//   - All instants are read in Vietnam's fixed +07:00 zone. Vietnam has no
//     daylight saving time, so a fixed zone is exact and needs no tzdata.
//   - A unit has office hours: for each weekday, a list of half-open
//     intervals [Start, End) in minutes since midnight.
//   - A working day is a date whose office intervals are not empty: a weekday
//     with office hours that is not declared a day off, or a weekend day
//     declared a make-up day (ngày làm bù), which uses Monday's intervals.
//     Days off and make-up days are data (Special), never computed, because
//     the government announces each year's days off and swaps.
//   - The clock counts only working time. A legal limit of N working days is
//     N × StandardDay; hours and half days are plain durations.
//   - The due instant is the earliest instant at which the allotted working
//     time is used up, so it falls at the end of an interval rather than at
//     the next opening: Thu 11:00 + 30 min is Thu 11:30, not 13:30.
//
// Pauses and extensions are composed by the caller from Between and Add.
package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Loc is Vietnam's fixed +07:00 zone (no DST; avoids needing tzdata).
var Loc = time.FixedZone("ICT", 7*3600)

// Date is a calendar date in Loc. It is comparable, so it serves as a map key.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in Loc.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Loc).Date()
	return Date{y, m, d}
}

// ParseDate reads "2024-02-08" (ISO) or "08/02/2024" (Vietnamese dd/mm/yyyy).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	layout := "2006-01-02"
	if strings.Contains(s, "/") {
		layout = "2/1/2006"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("calendar: bad date %q: want yyyy-mm-dd or dd/mm/yyyy", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// String renders the date as "2024-02-08".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// VN renders the date as "08/02/2024", the form Vietnamese users read.
func (d Date) VN() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return d.At(0).Weekday()
}

// AddDays returns the date n calendar days after d (before it if n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, Loc))
}

// At returns the instant in Loc at minute minutes after midnight of d.
func (d Date) At(minute int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, minute, 0, 0, Loc)
}

// next returns the following date without going through time.Date, because
// the clock loops advance day by day and this is on their hot path.
func (d Date) next() Date {
	if d.Day < daysIn(d.Month, d.Year) {
		return Date{d.Year, d.Month, d.Day + 1}
	}
	if d.Month == time.December {
		return Date{d.Year + 1, time.January, 1}
	}
	return Date{d.Year, d.Month + 1, 1}
}

func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Kind says what a special date is.
type Kind string

const (
	DayOff    Kind = "off"    // a declared day off (holiday, nghỉ bù, nghỉ hoán đổi)
	MakeUpDay Kind = "makeup" // a Saturday/Sunday declared as working day (ngày làm bù)
)

// Special is a date that departs from the weekly pattern.
type Special struct {
	Date Date
	Kind Kind
	Name string // in Vietnamese, e.g. "Tết Nguyên đán", "Làm bù cho ngày 29/04/2024"
}

// Calendar answers working-time questions for one unit. It is immutable
// after New and safe for concurrent use.
type Calendar struct {
	hours    OfficeHours
	makeUp   []Interval // intervals of a make-up day: Monday's, see New
	days     map[Date]Special
	standard time.Duration
}

// New builds a calendar from office hours and special dates.
//
// Hours without any interval (the zero OfficeHours) mean DefaultOfficeHours,
// like "" does for ParseOfficeHours; this guarantees that every week has
// working time, so the clock loops always end. Intervals are copied, sorted,
// clipped to the day and merged. Make-up days use Monday's intervals, or the
// first weekday's with office hours when Monday has none. For a repeated
// date the last Special wins; a Kind other than DayOff and MakeUpDay is
// ignored.
func New(hours OfficeHours, days []Special) *Calendar {
	c := &Calendar{hours: normalizeWeek(hours), days: make(map[Date]Special, len(days))}
	if c.hours.empty() {
		c.hours = DefaultOfficeHours()
	}
	for _, wd := range weekOrder {
		if len(c.hours[wd]) > 0 {
			c.makeUp = c.hours[wd]
			break
		}
	}
	for _, iv := range c.makeUp {
		c.standard += minutes(iv.End - iv.Start)
	}
	for _, s := range days {
		if s.Kind == DayOff || s.Kind == MakeUpDay {
			c.days[s.Date] = s
		}
	}
	return c
}

// StandardDay is the working time of a standard (Monday) working day:
// 7h30 with the default hours. N working days last N × StandardDay.
func (c *Calendar) StandardDay() time.Duration { return c.standard }

// makeUpPrefix starts the why of a make-up day; Lines recognises it.
const makeUpPrefix = "làm bù: "

// WorkingDay says whether d has working time and why it is special. why is
// "" for a normal working day, "Thứ Bảy"/"Chủ nhật" for a weekend, the
// holiday's name for a day off, "làm bù: <name>" for a make-up day worked.
func (c *Calendar) WorkingDay(d Date) (ok bool, why string) {
	wd := d.Weekday()
	ok = len(c.intervals(d, wd)) > 0
	if s, special := c.days[d]; special {
		if s.Kind == MakeUpDay && ok {
			return true, makeUpPrefix + s.Name
		}
		if s.Kind == DayOff {
			return false, s.Name
		}
	}
	if ok {
		return true, ""
	}
	if wd == time.Saturday || wd == time.Sunday {
		return false, weekdayVN[wd]
	}
	return false, "không có giờ làm việc"
}

// intervals returns the office intervals of date d, whose weekday is wd.
func (c *Calendar) intervals(d Date, wd time.Weekday) []Interval {
	if len(c.days) > 0 {
		if s, ok := c.days[d]; ok {
			if s.Kind == MakeUpDay {
				return c.makeUp
			}
			return nil
		}
	}
	return c.hours[wd]
}

// weekdayVN names the weekdays as Vietnamese write them.
var weekdayVN = [7]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// cursor walks the calendar one date at a time, carrying the weekday and the
// midnight instant along so the hot loops never call time.Date. Advancing
// midnight by 24h is exact because Loc has no DST.
type cursor struct {
	date     Date
	wd       time.Weekday
	midnight time.Time
}

// locate returns the cursor for t's date and t's offset from its midnight.
func locate(t time.Time) (cursor, time.Duration) {
	t = t.In(Loc)
	y, m, d := t.Date()
	mid := time.Date(y, m, d, 0, 0, 0, 0, Loc)
	return cursor{Date{y, m, d}, t.Weekday(), mid}, t.Sub(mid)
}

func (k *cursor) advance() {
	k.date = k.date.next()
	k.wd = (k.wd + 1) % 7
	k.midnight = k.midnight.Add(24 * time.Hour)
}

func minutes(n int) time.Duration { return time.Duration(n) * time.Minute }
