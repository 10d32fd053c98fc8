package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Verdicts kept with each gateway notification (payment_notifications).
const (
	verdictAccepted  = "accepted"        // the payment is now paid
	verdictRefundDue = "refund_due"      // money for a cancelled or already paid request: flagged
	verdictDuplicate = "duplicate"       // already recorded: nothing changed
	verdictUnknown   = "unknown_order"   // no such order here
	verdictAmount    = "amount_mismatch" // the amount differs: nothing paid
	verdictFailed    = "failed"          // the gateway says nothing was paid
	verdictConflict  = "conflict"        // another transaction for an order already settled
)

// ApplyGatewayResult records what a gateway's verified notification (or
// the browser's verified return) says about an order, and answers the
// acknowledgement the gateway expects. A payment counts only if the order
// is known, the amount equals the payment's exactly and the gateway says
// paid. The same transaction again is AckDuplicate and changes nothing;
// money for a cancelled request (or for a stage already paid) is recorded
// as refund_due, receipted and flagged; a failed payment closes the
// request so that the citizen can start again. Every notification is kept
// with the verdict. All in one transaction, under the dossier's and the
// payment's row locks: a notification and a return racing pay once and
// issue one receipt.
func (db *DB) ApplyGatewayResult(ctx context.Context, gateway string, r payment.Result) (ack payment.Ack, err error) {
	defer motcua.Wrap(&err, "DB.ApplyGatewayResult(%s, %s)", gateway, r.OrderID)
	if !motcua.ValidGateway(gateway) {
		return payment.AckError, motcua.FieldError("gateway", "Cổng thanh toán “%s” không được hỗ trợ.", gateway)
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var verdict string
		var paymentID int64
		ack, verdict, paymentID, err = applyResult(tx, gateway, r)
		if err != nil {
			return err
		}
		return keepNotification(tx, gateway, r, paymentID, verdict)
	})
	if err != nil {
		return payment.AckError, err
	}
	return ack, nil
}

// applyResult is ApplyGatewayResult inside its transaction.
func applyResult(tx *Tx, gateway string, r payment.Result) (payment.Ack, string, int64, error) {
	var dossierID int64
	err := tx.queryRow(`SELECT dossier_id FROM payments WHERE order_id = ?`, r.OrderID).Scan(&dossierID)
	if errors.Is(err, sql.ErrNoRows) {
		return payment.AckUnknownOrder, verdictUnknown, 0, nil
	}
	if err != nil {
		return payment.AckError, "", 0, err
	}
	d, err := lockDossierForPayment(tx, dossierID)
	if err != nil {
		return payment.AckError, "", 0, err
	}
	p, err := lockPayment(tx, `p.order_id = ?`, r.OrderID)
	if err != nil {
		return payment.AckError, "", 0, err
	}
	if r.Amount != p.Amount {
		return payment.AckAmountMismatch, verdictAmount, p.ID, nil
	}
	if p.State.Received() {
		if string(p.Method) == gateway && p.TransactionNo == r.TransactionNo {
			return payment.AckDuplicate, verdictDuplicate, p.ID, nil
		}
		return payment.AckDuplicate, verdictConflict, p.ID, nil
	}
	now := tx.db.Now()
	if !r.Paid {
		if p.State == motcua.PaymentRequested {
			note := "Cổng thanh toán báo giao dịch không thành công (mã " + r.ResponseCode + ")."
			if err := cancelRequest(tx, d, p, "gateway:"+gateway, note, now); err != nil {
				return payment.AckError, "", 0, err
			}
		}
		return payment.AckAccepted, verdictFailed, p.ID, nil
	}
	to, verdict, err := paidState(tx, p)
	if err != nil {
		return payment.AckError, "", 0, err
	}
	p.Method, p.TransactionNo, p.BankCode, p.ReceivedBy = motcua.PaymentMethod(gateway), r.TransactionNo, r.BankCode, "gateway:"+gateway
	p.PaidAt = r.PaidAt
	if p.PaidAt.IsZero() {
		p.PaidAt = now
	}
	if _, err := settle(tx, d, p, to, "gateway:"+gateway, OnlineIssuer); err != nil {
		return payment.AckError, "", 0, err
	}
	if to == motcua.PaymentPaid { // the system resumes a dossier that waited for this money
		if err := tx.db.resumeIfPaid(tx, d.ID, p.PaidAt, 0, p.UnitID); err != nil {
			return payment.AckError, "", 0, err
		}
	}
	return payment.AckAccepted, verdict, p.ID, nil
}

// paidState is what money arriving for p makes of it: paid when the
// request is live and the stage still owes it, refund_due when the
// request was cancelled or the stage is already paid (money is never lost).
func paidState(tx *Tx, p *motcua.Payment) (motcua.PaymentState, string, error) {
	if p.State != motcua.PaymentRequested {
		p.Note = "Tiền đến sau khi yêu cầu thanh toán đã hủy: cần hoàn trả."
		return motcua.PaymentRefundDue, verdictRefundDue, nil
	}
	due, err := stageDue(tx, p.DossierID, p.Stage)
	if err != nil {
		return "", "", err
	}
	paid, err := stagePaid(tx, p.DossierID, p.Stage)
	if err != nil {
		return "", "", err
	}
	if paid+p.Amount > due {
		p.Note = "Giai đoạn này đã được nộp đủ: khoản tiền đến sau cần hoàn trả."
		return motcua.PaymentRefundDue, verdictRefundDue, nil
	}
	return motcua.PaymentPaid, verdictAccepted, nil
}

// keepNotification writes the notification as the gateway signed it (a
// Result holds no secret) with the ledger's verdict.
func keepNotification(tx *Tx, gateway string, r payment.Result, paymentID int64, verdict string) error {
	paid := 0
	if r.Paid {
		paid = 1
	}
	_, err := tx.exec(`INSERT INTO payment_notifications (gateway, order_id, amount, transaction_no, bank_code, paid, response_code,
		paid_at, received_at, payment_id, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, gateway, r.OrderID, r.Amount,
		r.TransactionNo, r.BankCode, paid, r.ResponseCode, ms(r.PaidAt), ms(tx.db.Now()), paymentID, verdict)
	return err
}
