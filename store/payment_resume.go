package store

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// Processing that waits for payment (issue 19; docs/payments.md "Processing
// waits for payment"): a dossier accepted with fees due at intake waits in
// StatePayment; the payment that settles the intake stage appends
// payment_received in its own transaction, under the dossier's row lock
// that every payment takes first, so a cash payment and a notification
// racing resume the dossier once.

// resumeIfPaid appends payment_received to a dossier waiting for payment
// once its intake stage owes nothing: at the payment's instant (never in
// the future, never before the last event), by actorID (0: the system, for
// an online payment), for the collecting unit. A dossier not waiting, or
// still owing, is left as it is.
func (db *DB) resumeIfPaid(tx *Tx, dossierID int64, at time.Time, actorID, unitID int64) error {
	cur, stored, events, p, cal, err := db.loadForAction(tx, dossierID)
	if err != nil || cur.State != motcua.StatePayment {
		return err
	}
	if left, err := stageLeft(tx, dossierID, motcua.FeePayAtIntake); err != nil || left > 0 {
		return err
	}
	now := db.now()
	if at.IsZero() || at.After(now) { // a gateway's clock ahead of ours
		at = now
	}
	e, err := ledger.PaymentReceived(cur, at, ledger.LastAt(events), now, actorID, unitID)
	if err != nil {
		return err
	}
	_, err = db.appendEvent(tx, loaded{cur, stored, events, p, cal}, e, nil)
	return err
}

// stageLeft is what is left to pay at stage, 0 when nothing is.
func stageLeft(tx *Tx, dossierID int64, stage motcua.FeePayAt) (int64, error) {
	due, err := stageDue(tx, dossierID, stage)
	if err != nil {
		return 0, err
	}
	paid, err := stagePaid(tx, dossierID, stage)
	if err != nil {
		return 0, err
	}
	return max(0, due-paid), nil
}

// owedAtResult is what the result stage still owes when act returns the
// result (the ledger refuses the return while it owes), else 0.
func owedAtResult(tx *Tx, act motcua.Action) (int64, error) {
	if act.Type != motcua.EventResultReturned {
		return 0, nil
	}
	return stageLeft(tx, act.DossierID, motcua.FeePayAtResult)
}
