package store

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// recomputeDueDates moves the due dates of running dossiers after the
// working calendar changed (domain.md §6): each moved dossier gets an event
// saying why, so every promised date stays explainable. unitID 0 means every
// unit; dossiers due before from are not touched by a change on or after it.
func (db *DB) recomputeDueDates(ctx context.Context, actorID, unitID int64, from time.Time, reason string) (moved int, err error) {
	defer motcua.Wrap(&err, "DB.recomputeDueDates")
	// Running dossiers whose due instants may lie after the change, and
	// paused ones with a linked part still out: a part's clock never pauses.
	q, args := `SELECT id FROM dossiers WHERE ((state = 'processing' AND (due_at >= ? OR step_due_at >= ?)) OR
		(state = 'supplement' AND id IN (SELECT dossier_id FROM dossier_parts WHERE returned_at = 0 AND due_at >= ?)))`,
		[]any{ms(from), ms(from), ms(from)}
	if unitID != 0 {
		q += ` AND receiving_unit_id = ?`
		args = append(args, unitID)
	}
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, q, args...)
		return err
	})
	for _, id := range ids {
		if err != nil {
			break
		}
		var changed bool
		changed, err = db.recomputeOne(ctx, id, actorID, reason)
		if changed {
			moved++
		}
	}
	return moved, err
}

func (db *DB) recomputeOne(ctx context.Context, id, actorID int64, reason string) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		cur, stored, events, p, cal, err := db.loadForAction(tx, id)
		if err != nil || !cur.State.Open() {
			return err
		}
		now := db.now()
		e := motcua.Event{DossierID: id, Seq: cur.Version + 1, Type: motcua.EventDueRecomputed, At: now, RecordedAt: now,
			ActorID: actorID, UnitID: cur.CurrentUnitID, Reason: reason}
		next, clock, err := ledger.Replay(baseOf(cur), append(events, e), p, cal)
		if err != nil {
			return err
		}
		if sameDue(cur, &next) {
			return nil
		}
		ledger.Stamp(&e, &next, clock)
		if err := updateDossier(tx, stored, &next); err != nil {
			return err
		}
		if err := syncSteps(tx, &next, len(cur.Steps)-1); err != nil {
			return err
		}
		if err := syncParts(tx, &next); err != nil {
			return err
		}
		changed = true
		return insertEvent(tx, &next, &e)
	})
	return changed, err
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
