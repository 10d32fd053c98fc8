package report

import (
	"time"

	"github.com/motcua/motcua"
)

// Classify counts one dossier's projection into a row for the period of q:
// the same rules as the store's query, written over a replayed dossier (for
// reports "as of" a past date, and to check the query). It reports false
// when the dossier is outside the period.
func Classify(d *motcua.Dossier, q Query) (Row, bool) {
	var r Row
	in := func(x time.Time) bool { return !x.IsZero() && !x.Before(q.From) && x.Before(q.To) }
	done, gone := d.ResultAt, time.Time{}
	switch d.State {
	case motcua.StateStopped:
		done = d.ClosedAt
	case motcua.StateWithdrawn:
		gone = d.ClosedAt
	}
	fin := done
	if fin.IsZero() {
		fin = gone
	}
	if d.AcceptedAt.IsZero() || !d.AcceptedAt.Before(q.To) || (!fin.IsZero() && fin.Before(q.From)) {
		return r, false
	}
	switch {
	case d.AcceptedAt.Before(q.From):
		r.CarriedOver++
	case d.Channel == motcua.ChannelOnline:
		r.ReceivedOnline++
	case d.Channel == motcua.ChannelPost:
		r.ReceivedPostal++
	default:
		r.ReceivedCounter++
	}
	if d.ForOther && !d.AcceptedAt.Before(q.From) {
		r.ReceivedForOther++
	}
	switch {
	case in(done):
		switch motcua.GradeAt(done, d.DueAt) {
		case motcua.GradeEarly:
			r.ResolvedEarly++
		case motcua.GradeOnTime:
			r.ResolvedOnTime++
		default:
			r.ResolvedLate++
		}
	case in(gone):
		r.Withdrawn++
	case q.To.After(d.DueAt) && !(d.State.Paused() && !d.PausedAt.After(d.DueAt)):
		r.InProgressOverdue++
	default:
		r.InProgressOnTime++
	}
	r.Sum()
	return r, true
}
