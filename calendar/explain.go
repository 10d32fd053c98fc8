package calendar

import (
	"fmt"
	"strings"
	"time"
)

// DayNote says what one calendar date contributed to a due date.
type DayNote struct {
	Date    Date
	Worked  time.Duration // working time counted on this date
	Skipped bool          // no working time at all: weekend or day off
	Why     string        // as returned by WorkingDay
}

// Explanation shows how a due date was reached, so that officers and
// citizens can check it by hand (domain.md §6: every due date must be
// explainable).
type Explanation struct {
	Start time.Time // clock start = NextOpening(from)
	Due   time.Time
	Days  []DayNote // every calendar date from Start's date to Due's date
}

// Explain returns Add(from, work) together with the day-by-day account.
func (c *Calendar) Explain(from time.Time, work time.Duration) Explanation {
	e := Explanation{Start: c.NextOpening(from), Due: c.Add(from, work)}
	last := DateOf(e.Due)
	for d := DateOf(e.Start); ; d = d.next() {
		ok, why := c.WorkingDay(d)
		lo, hi := d.At(0), d.At(24*60)
		if e.Start.After(lo) {
			lo = e.Start
		}
		if e.Due.Before(hi) {
			hi = e.Due
		}
		e.Days = append(e.Days, DayNote{Date: d, Worked: c.Between(lo, hi), Skipped: !ok, Why: why})
		if d == last {
			return e
		}
	}
}

// Lines renders the explanation in Vietnamese, one line per date between a
// start line and a due line, e.g.
//
//	Bắt đầu tính thời gian: 07/02/2024 15:00 (Thứ Tư)
//	07/02/2024 (Thứ Tư): làm việc 2 giờ
//	08/02/2024 (Thứ Năm): nghỉ — Tết Nguyên đán
//	10/02/2024 (Thứ Bảy): nghỉ cuối tuần
//	04/05/2024 (Thứ Bảy): làm bù — Làm bù cho ngày 29/04/2024; làm việc 1 giờ 30 phút
//	Hạn xử lý: 19/02/2024 15:00 (Thứ Hai)
func (e Explanation) Lines() []string {
	lines := make([]string, 0, len(e.Days)+2)
	lines = append(lines, "Bắt đầu tính thời gian: "+formatInstant(e.Start))
	for _, n := range e.Days {
		wd := weekdayVN[n.Date.Weekday()]
		head := fmt.Sprintf("%s (%s): ", n.Date.VN(), wd)
		switch {
		case n.Skipped && n.Why == wd:
			lines = append(lines, head+"nghỉ cuối tuần")
		case n.Skipped:
			lines = append(lines, head+"nghỉ — "+n.Why)
		case strings.HasPrefix(n.Why, makeUpPrefix):
			name := strings.TrimPrefix(n.Why, makeUpPrefix)
			lines = append(lines, head+"làm bù — "+name+"; làm việc "+FormatDuration(n.Worked))
		default:
			lines = append(lines, head+"làm việc "+FormatDuration(n.Worked))
		}
	}
	return append(lines, "Hạn xử lý: "+formatInstant(e.Due))
}

// formatInstant renders t as "19/02/2024 15:00 (Thứ Hai)".
func formatInstant(t time.Time) string {
	t = t.In(Loc)
	return fmt.Sprintf("%s %s (%s)", DateOf(t).VN(), t.Format("15:04"), weekdayVN[t.Weekday()])
}

// FormatDuration renders working time in Vietnamese: "7 giờ 30 phút",
// "4 giờ", "30 phút", "0 phút". Seconds appear only when present, because
// an explanation must add up exactly.
func FormatDuration(d time.Duration) string {
	if d < 0 {
		return "-" + FormatDuration(-d)
	}
	h, m, s := d/time.Hour, d%time.Hour/time.Minute, d%time.Minute/time.Second
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d giờ", h))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d phút", m))
	}
	if s > 0 {
		parts = append(parts, fmt.Sprintf("%d giây", s))
	}
	if len(parts) == 0 {
		return "0 phút"
	}
	return strings.Join(parts, " ")
}
