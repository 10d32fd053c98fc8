package calendar

import "time"

// The loops below advance one interval or one date at a time, never minute
// by minute, because Add runs for every dossier in every report. They always
// end: New guarantees office hours on some weekday, and only finitely many
// dates can be declared days off.

// NextOpening returns t itself (in Loc) if t is inside office time, start
// inclusive and end exclusive, else the start of the next interval. So 11:30
// becomes 13:30 and 17:00 becomes the next working day's opening.
func (c *Calendar) NextOpening(t time.Time) time.Time {
	cur, off := locate(t)
	for {
		for _, iv := range c.intervals(cur.date, cur.wd) {
			if off < minutes(iv.End) {
				return cur.midnight.Add(max(off, minutes(iv.Start)))
			}
		}
		cur.advance()
		off = 0
	}
}

// Add returns the earliest instant at which work of working time, counted
// from NextOpening(from), is used up. The result is therefore at the end of
// an interval rather than at the next opening when the work ends exactly
// there. Add(from, 0) = NextOpening(from); negative work counts as 0.
func (c *Calendar) Add(from time.Time, work time.Duration) time.Time {
	if work <= 0 {
		return c.NextOpening(from)
	}
	cur, off := locate(from)
	for {
		for _, iv := range c.intervals(cur.date, cur.wd) {
			end := minutes(iv.End)
			if off >= end {
				continue
			}
			start := max(off, minutes(iv.Start))
			if avail := end - start; work > avail {
				work -= avail
				continue
			}
			return cur.midnight.Add(start + work)
		}
		cur.advance()
		off = 0
	}
}

// Between returns the working time inside [from, to); 0 if to <= from.
// Between(NextOpening(from), Add(from, d)) == d for every d >= 0.
func (c *Calendar) Between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	var total time.Duration
	cur, off := locate(from)
	for cur.midnight.Before(to) {
		limit := to.Sub(cur.midnight) // offset of to from this midnight
		for _, iv := range c.intervals(cur.date, cur.wd) {
			start, end := max(off, minutes(iv.Start)), min(limit, minutes(iv.End))
			if end > start {
				total += end - start
			}
		}
		cur.advance()
		off = 0
	}
	return total
}

// SameDayDue is the due instant of a "trong ngày" procedure: the end of the
// last interval of the day the clock starts (NextOpening(accepted)) if it
// starts at or before cutoffMinute (15:00 = 900) that day, else the end of the
// next working day. Acceptance at 18:00 thus starts the next morning, before
// the cutoff, and is due that evening.
func (c *Calendar) SameDayDue(accepted time.Time, cutoffMinute int) time.Time {
	cur, off := locate(c.NextOpening(accepted))
	if off > minutes(cutoffMinute) { // domain.md §5: "received after 15:00"
		cur.advance()
		for len(c.intervals(cur.date, cur.wd)) == 0 {
			cur.advance()
		}
	}
	ivs := c.intervals(cur.date, cur.wd)
	return cur.midnight.Add(minutes(ivs[len(ivs)-1].End))
}
