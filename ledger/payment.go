package ledger

import (
	"time"

	"github.com/motcua/motcua"
)

// Waiting for payment (issue 19, docs/payments.md "Processing waits for
// payment"): a dossier accepted with fees or levies still due at intake,
// after exemptions, waits in StatePayment with its clock paused, and
// resumes with EventPaymentReceived once the intake stage is paid. The
// store knows what was paid; the ledger only knows the rule and the events.

// AwaitsPayment reports whether a dossier accepted with bill waits for
// payment: something is due at intake. A bill of a version that does not
// state its fees (nil), or one whose intake lines are exempt or absent,
// lets processing start at once.
func AwaitsPayment(bill *motcua.FeeBill) bool {
	return bill != nil && bill.DueAtIntake > 0
}

// PaymentReceived is the event that ends d's wait for payment at at, the
// payment's instant, by actor (0 for the system: an online payment).
// It is appended by the store, in the payment's transaction, once the
// intake stage owes nothing; it is not an officer's action (Decide does
// not take it). A late entry awaiting approval does not hold it back:
// the money arrived whatever the leader decides. at is never before the
// dossier's last event, so the log stays in order.
func PaymentReceived(d *motcua.Dossier, at, lastAt, now time.Time, actorID, unitID int64) (motcua.Event, error) {
	if d.State != motcua.StatePayment {
		return motcua.Event{}, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s không ở trạng thái chờ nộp phí, lệ phí.", d.Code)
	}
	at = Instant(at)
	if at.Before(lastAt) {
		at = lastAt
	}
	return motcua.Event{DossierID: d.ID, Seq: d.Version + 1, Type: motcua.EventPaymentReceived, At: at, RecordedAt: Instant(now),
		ActorID: actorID, UnitID: unitID}, nil
}

// checkResultReturned refuses to return a result while the result stage
// still owes money (Situation.OwedAtResult): the counter records the cash
// first, and the receipt goes with the result.
func checkResultReturned(d *motcua.Dossier, s Situation) error {
	if s.OwedAtResult > 0 {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s còn phải nộp %s phí, lệ phí khi nhận kết quả; hãy thu tiền (ghi nhận nộp tiền mặt) hoặc chờ thanh toán trực tuyến trước khi trả kết quả.",
			d.Code, motcua.FormatDong(s.OwedAtResult))
	}
	return nil
}
