package calendar

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Interval of office time, minutes since midnight, [Start, End).
type Interval struct{ Start, End int }

// String renders the interval as "07:30-11:30".
func (iv Interval) String() string {
	return formatClock(iv.Start) + "-" + formatClock(iv.End)
}

// OfficeHours: intervals per weekday (index time.Weekday). Make-up days use
// Monday's intervals.
type OfficeHours [7][]Interval

// DefaultOfficeHours returns Mon–Fri 07:30–11:30 and 13:30–17:00, the usual
// hours of state agencies; provinces may set their own.
func DefaultOfficeHours() OfficeHours {
	var h OfficeHours
	for wd := time.Monday; wd <= time.Friday; wd++ {
		h[wd] = []Interval{{7*60 + 30, 11*60 + 30}, {13*60 + 30, 17 * 60}}
	}
	return h
}

// weekOrder lists weekdays Monday first, the order in which Vietnamese
// weeks and day ranges such as "Mon-Sun" read.
var weekOrder = [7]time.Weekday{
	time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
	time.Friday, time.Saturday, time.Sunday,
}

// dayAbbrev is the English abbreviation used by String.
var dayAbbrev = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// dayNames maps lower-case day names to weekdays. The Vietnamese forms
// (T2 … T7, CN) are accepted because administrators type them.
var dayNames = map[string]time.Weekday{
	"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday,
	"t2": time.Monday, "t3": time.Tuesday, "t4": time.Wednesday,
	"t5": time.Thursday, "t6": time.Friday, "t7": time.Saturday, "cn": time.Sunday,
}

// ParseOfficeHours reads groups separated by ";", each a day list then
// comma-separated intervals, e.g. "Mon-Fri 07:00-11:00,13:00-17:00; Sat
// 07:30-11:30". Days are Mon…Sun or T2…T7, CN, as single days, ranges
// (Monday first, no wrap-around) or comma lists. Times are HH:MM or 7h30;
// 24:00 is allowed as an end. "" means DefaultOfficeHours.
//
// A non-empty string that yields no interval at all is rejected rather than
// producing a week without working time, on which no due date could ever
// fall. Overlapping intervals and a day given twice are errors too.
func ParseOfficeHours(s string) (OfficeHours, error) {
	if strings.TrimSpace(s) == "" {
		return DefaultOfficeHours(), nil
	}
	var h OfficeHours
	var seen [7]bool
	for group := range strings.SplitSeq(s, ";") {
		if strings.TrimSpace(group) == "" {
			continue // tolerate a trailing ";"
		}
		days, ivs, err := parseGroup(group)
		if err != nil {
			return OfficeHours{}, err
		}
		for _, wd := range days {
			if seen[wd] {
				return OfficeHours{}, fmt.Errorf("calendar: office hours: %s given twice", dayAbbrev[wd])
			}
			seen[wd] = true
			h[wd] = slices.Clone(ivs)
		}
	}
	if h.empty() {
		return OfficeHours{}, fmt.Errorf("calendar: office hours %q: no office time at all", s)
	}
	return h, nil
}

// parseGroup splits "Mon-Fri 07:30-11:30, 13:30-17:00" at the first field
// starting with a digit (days never do, times always do), so spaces around
// "-" or "," do not matter.
func parseGroup(g string) ([]time.Weekday, []Interval, error) {
	fields := strings.Fields(g)
	i := slices.IndexFunc(fields, func(f string) bool { return f[0] >= '0' && f[0] <= '9' })
	switch {
	case i < 0:
		return nil, nil, fmt.Errorf("calendar: office hours %q: no times, want e.g. \"Mon-Fri 07:30-11:30,13:30-17:00\"", strings.TrimSpace(g))
	case i == 0:
		return nil, nil, fmt.Errorf("calendar: office hours %q: no days before the times, want e.g. \"Mon-Fri 07:30-11:30\"", strings.TrimSpace(g))
	}
	days, err := parseDays(strings.Join(fields[:i], ""))
	if err != nil {
		return nil, nil, err
	}
	ivs, err := parseIntervals(strings.Join(fields[i:], ""))
	if err != nil {
		return nil, nil, err
	}
	return days, ivs, nil
}

// parseDays reads "Mon-Fri", "Sat", "Mon,Wed,Fri" or "T2-T6".
func parseDays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for item := range strings.SplitSeq(s, ",") {
		from, to, isRange := strings.Cut(item, "-")
		if !isRange {
			to = from
		}
		a, okA := dayNames[strings.ToLower(from)]
		b, okB := dayNames[strings.ToLower(to)]
		if !okA || !okB {
			return nil, fmt.Errorf("calendar: office hours: bad day %q, want Mon…Sun or T2…T7, CN", item)
		}
		i, j := slices.Index(weekOrder[:], a), slices.Index(weekOrder[:], b)
		if i > j {
			return nil, fmt.Errorf("calendar: office hours: day range %q goes backwards; weeks start on Monday", item)
		}
		out = append(out, weekOrder[i:j+1]...)
	}
	return out, nil
}

// parseIntervals reads "07:30-11:30,13:30-17:00", sorted on return.
func parseIntervals(s string) ([]Interval, error) {
	var ivs []Interval
	for item := range strings.SplitSeq(s, ",") {
		from, to, ok := strings.Cut(item, "-")
		if !ok {
			return nil, fmt.Errorf("calendar: office hours: bad interval %q, want HH:MM-HH:MM", item)
		}
		start, err := parseClock(from)
		if err != nil {
			return nil, err
		}
		end, err := parseClock(to)
		if err != nil {
			return nil, err
		}
		if end <= start {
			return nil, fmt.Errorf("calendar: office hours: interval %q ends before it starts", item)
		}
		ivs = append(ivs, Interval{start, end})
	}
	slices.SortFunc(ivs, func(a, b Interval) int { return a.Start - b.Start })
	for i := 1; i < len(ivs); i++ {
		if ivs[i].Start < ivs[i-1].End {
			return nil, fmt.Errorf("calendar: office hours: intervals %s and %s overlap", ivs[i-1], ivs[i])
		}
	}
	return ivs, nil
}

// parseClock reads "07:30", "7:30" or "7h30" into minutes since midnight.
func parseClock(s string) (int, error) {
	bad := fmt.Errorf("calendar: office hours: bad time %q, want HH:MM between 00:00 and 24:00", s)
	hh, mm, ok := strings.Cut(strings.ToLower(s), ":")
	if !ok {
		hh, mm, ok = strings.Cut(strings.ToLower(s), "h")
	}
	if !ok || !digits(hh, 1, 2) || !digits(mm, 2, 2) {
		return 0, bad
	}
	h, _ := strconv.Atoi(hh)
	m, _ := strconv.Atoi(mm)
	if m > 59 || h*60+m > 24*60 {
		return 0, bad
	}
	return h*60 + m, nil
}

// digits reports whether s is between min and max ASCII digits, because
// strconv.Atoi alone would accept signs such as "+7".
func digits(s string, minLen, maxLen int) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func formatClock(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// String renders the hours in ParseOfficeHours syntax, grouping consecutive
// days with equal intervals: "Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30".
func (h OfficeHours) String() string {
	var groups []string
	for i := 0; i < len(weekOrder); {
		wd := weekOrder[i]
		if len(h[wd]) == 0 {
			i++
			continue
		}
		j := i
		for j+1 < len(weekOrder) && slices.Equal(h[weekOrder[j+1]], h[wd]) {
			j++
		}
		days := dayAbbrev[wd]
		if j > i {
			days += "-" + dayAbbrev[weekOrder[j]]
		}
		parts := make([]string, len(h[wd]))
		for k, iv := range h[wd] {
			parts[k] = iv.String()
		}
		groups = append(groups, days+" "+strings.Join(parts, ","))
		i = j + 1
	}
	return strings.Join(groups, "; ")
}

func (h OfficeHours) empty() bool {
	for _, ivs := range h {
		if len(ivs) > 0 {
			return false
		}
	}
	return true
}

// normalizeWeek copies the hours so later edits by the caller cannot change
// a Calendar, and makes each day's intervals sorted, within the day and
// disjoint, which the clock loops rely on.
func normalizeWeek(h OfficeHours) OfficeHours {
	var out OfficeHours
	for wd, ivs := range h {
		var day []Interval
		for _, iv := range ivs {
			iv.Start, iv.End = max(iv.Start, 0), min(iv.End, 24*60)
			if iv.Start < iv.End {
				day = append(day, iv)
			}
		}
		slices.SortFunc(day, func(a, b Interval) int { return a.Start - b.Start })
		merged := day[:0]
		for _, iv := range day {
			if n := len(merged); n > 0 && iv.Start <= merged[n-1].End {
				merged[n-1].End = max(merged[n-1].End, iv.End)
				continue
			}
			merged = append(merged, iv)
		}
		if len(merged) > 0 {
			out[wd] = merged
		}
	}
	return out
}
