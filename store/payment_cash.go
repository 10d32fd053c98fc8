package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Payments at the counter, cancellations and refunds: officers' acts,
// each issuing its receipt in the same transaction.

// mayCollect checks that the officer may take fees in cash
// (motcua.Actor.CanCollectFees) or, for a refund, give them back
// (CanRefundFees): the one policy decides.
func mayCollect(a *motcua.Actor, d *motcua.Dossier, refund bool) error {
	if a == nil || !a.CanView(d) {
		return motcua.ErrDossierNotFound()
	}
	if refund && !a.CanRefundFees(d) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ bộ phận một cửa nơi tiếp nhận hoặc trả kết quả, hoặc lãnh đạo đơn vị tiếp nhận, mới ghi nhận hoàn trả phí, lệ phí.")
	}
	if !refund && !a.CanCollectFees(d) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ cán bộ bộ phận một cửa nơi tiếp nhận hoặc trả kết quả hồ sơ mới thu hoặc hủy biên lai phí, lệ phí.")
	}
	return nil
}

// RecordCash records that the officer took in cash what the dossier owes
// at stage: the payment is paid at once and its receipt issued. An open
// online request for the stage is cancelled (money that still arrives for
// it is flagged refund_due).
func (db *DB) RecordCash(ctx context.Context, a *motcua.Actor, dossierID int64, stage motcua.FeePayAt) (p *motcua.Payment, r *motcua.Receipt, err error) {
	defer motcua.Wrap(&err, "DB.RecordCash(%d, %s)", dossierID, stage)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, err := lockDossierForPayment(tx, dossierID)
		if err != nil {
			return err
		}
		if err := mayCollect(a, d, false); err != nil {
			return err
		}
		owed, err := stageOwed(tx, dossierID, stage)
		if err != nil {
			return err
		}
		now := db.Now()
		if open, err := openPayment(tx, dossierID, stage); err != nil {
			return err
		} else if open != nil {
			if err := cancelRequest(tx, d, open, a.AuditName(), "Đã nộp tiền mặt tại bộ phận một cửa.", now); err != nil {
				return err
			}
		}
		if p, err = insertPayment(tx, d, stage, owed, a.AuditName(), now); err != nil {
			return err
		}
		p.Method, p.PaidAt, p.ReceivedBy = motcua.PayCash, now, a.AuditName()
		if r, err = settle(tx, d, p, motcua.PaymentPaid, a.AuditName(), issuerName(a)); err != nil {
			return err
		}
		return db.resumeIfPaid(tx, dossierID, now, a.User.ID, p.UnitID)
	})
	return p, r, err
}

// CancelPayment withdraws a payment. An open request is cancelled (by the
// citizen, an officer or the system; no receipt). A cash payment already
// received is cancelled by a counter officer with a reason: its receipt is
// voided by a cancellation receipt (the cash is handed back). Money
// received online is given back with RefundPayment instead.
func (db *DB) CancelPayment(ctx context.Context, by Requester, paymentID int64, reason string) (r *motcua.Receipt, err error) {
	defer motcua.Wrap(&err, "DB.CancelPayment(%d)", paymentID)
	reason = strings.TrimSpace(motcua.NFC(reason))
	err = db.inTx(ctx, func(tx *Tx) error {
		p, d, err := lockPaymentAndDossier(tx, paymentID)
		if err != nil {
			return err
		}
		if err := mayPay(tx, by, d); err != nil {
			return err
		}
		now := db.Now()
		switch {
		case p.State == motcua.PaymentRequested:
			return cancelRequest(tx, d, p, by.name(), cmp.Or(reason, "Hủy yêu cầu thanh toán."), now)
		case p.State != motcua.PaymentPaid || p.Method != motcua.PayCash:
			return motcua.Errorf(motcua.ENOTALLOWED, "Khoản thanh toán này (%s) không hủy được; tiền đã nhận trực tuyến được hoàn trả.", p.State.Label())
		case reason == "":
			return motcua.FieldError("reason", "Ghi lý do hủy biên lai.")
		}
		if err := mayCollect(by.Actor, d, false); err != nil {
			return err
		}
		if err := closePayment(tx, p, motcua.PaymentCancelled, by.name(), reason, now); err != nil {
			return err
		}
		r, err = issueLinked(tx, d, p, motcua.ReceiptCancellation, issuerName(by.Actor), reason, now)
		if err == nil {
			err = publishPayment(tx, d, p, "payment_cancelled", now)
		}
		return err
	})
	return r, err
}

// RefundPayment records that money received for a payment (paid, or
// flagged refund_due) was given back: the payment is refunded and a refund
// receipt names its receipt.
func (db *DB) RefundPayment(ctx context.Context, a *motcua.Actor, paymentID int64, reason string) (r *motcua.Receipt, err error) {
	defer motcua.Wrap(&err, "DB.RefundPayment(%d)", paymentID)
	reason = strings.TrimSpace(motcua.NFC(reason))
	err = db.inTx(ctx, func(tx *Tx) error {
		p, d, err := lockPaymentAndDossier(tx, paymentID)
		if err != nil {
			return err
		}
		if err := mayCollect(a, d, true); err != nil {
			return err
		}
		switch {
		case p.State != motcua.PaymentPaid && p.State != motcua.PaymentRefundDue:
			return motcua.Errorf(motcua.ENOTALLOWED, "Khoản thanh toán này (%s) không có tiền để hoàn trả.", p.State.Label())
		case reason == "":
			return motcua.FieldError("reason", "Ghi lý do hoàn trả.")
		}
		now := db.Now()
		if err := closePayment(tx, p, motcua.PaymentRefunded, a.AuditName(), reason, now); err != nil {
			return err
		}
		r, err = issueLinked(tx, d, p, motcua.ReceiptRefund, issuerName(a), reason, now)
		if err == nil {
			err = publishPayment(tx, d, p, "payment_refunded", now)
		}
		return err
	})
	return r, err
}

// lockPaymentAndDossier locks a payment's dossier, then the payment: the
// order every writer follows.
func lockPaymentAndDossier(tx *Tx, paymentID int64) (*motcua.Payment, *motcua.Dossier, error) {
	var dossierID int64
	if err := tx.queryRow(`SELECT dossier_id FROM payments WHERE id = ?`, paymentID).Scan(&dossierID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, errPaymentNotFound
		}
		return nil, nil, err
	}
	d, err := lockDossierForPayment(tx, dossierID)
	if err != nil {
		return nil, nil, err
	}
	p, err := lockPayment(tx, `p.id = ?`, paymentID)
	return p, d, err
}

// issueLinked issues a cancellation or refund receipt for p's receipt.
func issueLinked(tx *Tx, d *motcua.Dossier, p *motcua.Payment, kind motcua.ReceiptKind, issuer, reason string, now time.Time) (*motcua.Receipt, error) {
	orig, err := paymentReceipt(tx, p.ID)
	if err != nil {
		return nil, err
	}
	return issueReceipt(tx, d, p, receiptIssue{Kind: kind, RefersTo: orig.ID, By: issuer, Reason: reason, At: now})
}
