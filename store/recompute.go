package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
)

// DueMove is one dossier whose promised date (Dossier.Due) a change of the
// working calendar moves, as the administrator is shown before and after.
type DueMove struct {
	DossierID int64
	Code      string
	Procedure string
	From, To  time.Time
}

// calendarChange is what recomputeDueDates needs to know of an edit: the
// units it touches (0: all), the first instant it can move, why, and, for
// a preview, the calendar of a unit as it would be after the edit.
type calendarChange struct {
	unitID int64
	from   time.Time
	reason string
	after  func(ctx context.Context, unitID int64) (*calendar.Calendar, error) // nil: the stored calendar
}

// recomputeDueDates moves the due dates of running dossiers after the
// working calendar changed (domain.md §6): each moved dossier gets an event
// saying why, so every promised date stays explainable, and an applicant
// whose promised date moved is told in the same transaction. With
// change.after set nothing is written: the moves are only computed.
func (db *DB) recomputeDueDates(ctx context.Context, actorID int64, change calendarChange) (moves []DueMove, err error) {
	defer motcua.Wrap(&err, "DB.recomputeDueDates")
	// Running dossiers whose due instants may lie after the change, and
	// paused ones with a linked part still out: a part's clock never pauses.
	from := ms(change.from)
	q, args := `SELECT id FROM dossiers WHERE ((state = 'processing' AND (due_at >= ? OR step_due_at >= ?)) OR
		(state = 'supplement' AND id IN (SELECT dossier_id FROM dossier_parts WHERE returned_at = 0 AND due_at >= ?)))`,
		[]any{from, from, from}
	if change.unitID != 0 {
		q += ` AND receiving_unit_id = ?`
		args = append(args, change.unitID)
	}
	q += ` ORDER BY id`
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, q, args...)
		return err
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var move *DueMove
		move, err = db.recomputeOne(ctx, id, actorID, change)
		if move != nil {
			moves = append(moves, *move)
		}
	}
	return moves, err
}

// recomputeOne replays one dossier with a due_recomputed event; it returns
// the move of its promised date, nil if that date stays.
func (db *DB) recomputeOne(ctx context.Context, id, actorID int64, change calendarChange) (move *DueMove, err error) {
	run := db.inTx
	if change.after != nil { // a preview only reads
		run = db.readTx
	}
	err = run(ctx, func(tx *Tx) error {
		cur, stored, events, p, cal, err := db.loadForAction(tx, id)
		if err != nil || !cur.State.Open() {
			return err
		}
		if change.after != nil {
			if cal, err = change.after(tx.ctx, stored.ReceivingUnitID); err != nil {
				return err
			}
		}
		now := db.now()
		e := motcua.Event{DossierID: id, Seq: cur.Version + 1, Type: motcua.EventDueRecomputed, At: now, RecordedAt: now,
			ActorID: actorID, UnitID: cur.CurrentUnitID, Reason: change.reason}
		next, clock, err := ledger.Replay(baseOf(cur), append(events, e), p, cal)
		if err != nil {
			return err
		}
		if !stored.Due().Equal(next.Due()) {
			move = &DueMove{DossierID: id, Code: stored.Code, Procedure: stored.ProcedureName, From: stored.Due(), To: next.Due()}
		}
		if change.after != nil || sameDue(cur, &next) {
			return nil
		}
		ledger.Stamp(&e, &next, clock)
		return db.writeSystemEvent(tx, stored, cur, &next, &e)
	})
	return move, err
}

// sameDue reports whether a recompute left every due instant as it was:
// the dossier's, its step's, the apology's promise and the open parts'.
func sameDue(a, b *motcua.Dossier) bool {
	if !a.DueAt.Equal(b.DueAt) || !a.StepDueAt.Equal(b.StepDueAt) || !a.PromisedAt.Equal(b.PromisedAt) || len(a.Parts) != len(b.Parts) {
		return false
	}
	for i := range a.Parts {
		if !a.Parts[i].DueAt.Equal(b.Parts[i].DueAt) {
			return false
		}
	}
	return true
}

func calendarReason(what string) string {
	return fmt.Sprintf("Thay đổi lịch làm việc: %s", what)
}
