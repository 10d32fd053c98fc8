package store

import (
	"context"

	"github.com/motcua/motcua"
)

// What the payment pages will read (the web's handlers come next): a
// dossier's dues, payments and receipts for the officer and the tracking
// page, one payment by its order reference for the gateway's return page,
// and a citizen's payments for /ho-so-cua-toi.

// PaymentBook is what a dossier owes and what was paid, per stage, with
// its payments and receipts, oldest first.
type PaymentBook struct {
	DueIntake, DueResult   int64 // đồng, from the dossier's bill
	PaidIntake, PaidResult int64 // received and kept (refunds due or made excluded)
	Payments               []motcua.Payment
	Receipts               []motcua.Receipt
}

// Owed is what is left to pay at stage (never negative).
func (b *PaymentBook) Owed(stage motcua.FeePayAt) int64 {
	if stage == motcua.FeePayAtIntake {
		return max(b.DueIntake-b.PaidIntake, 0)
	}
	return max(b.DueResult-b.PaidResult, 0)
}

// DossierPayments returns the payment book of a dossier the requester may
// see (an officer in scope, the citizen who filed it, the system).
func (db *DB) DossierPayments(ctx context.Context, by Requester, dossierID int64) (b *PaymentBook, err error) {
	defer motcua.Wrap(&err, "DB.DossierPayments(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		d, err := getDossier(tx, `d.id = ?`, dossierID)
		if err != nil {
			return err
		}
		if err := mayPay(tx, by, d); err != nil {
			return err
		}
		b, err = readBook(tx, dossierID)
		return err
	})
	return b, err
}

func readBook(tx *Tx, dossierID int64) (*PaymentBook, error) {
	b := &PaymentBook{}
	err := tx.queryRow(`SELECT fee_due_intake, fee_due_result FROM dossiers WHERE id = ?`, dossierID).Scan(&b.DueIntake, &b.DueResult)
	if err != nil {
		return nil, notFound(err)
	}
	if b.Payments, err = payments(tx, `p.dossier_id = ?`, dossierID); err != nil {
		return nil, err
	}
	for _, p := range b.Payments {
		switch {
		case p.State != motcua.PaymentPaid:
		case p.Stage == motcua.FeePayAtIntake:
			b.PaidIntake += p.Amount
		default:
			b.PaidResult += p.Amount
		}
	}
	b.Receipts, err = receipts(tx, `p.dossier_id = ?`, dossierID)
	return b, err
}

// PaymentByOrder returns the payment with the order reference, for the
// page the gateway sends the citizen back to. It holds the dossier code,
// the amount and the state, no personal data (who requested, received or
// closed it is left out); a reference holds 12 random hex digits.
func (db *DB) PaymentByOrder(ctx context.Context, orderID string) (p *motcua.Payment, err error) {
	defer motcua.Wrap(&err, "DB.PaymentByOrder(%q)", orderID)
	err = db.readTx(ctx, func(tx *Tx) error {
		list, err := payments(tx, `p.order_id = ?`, orderID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return errPaymentNotFound
		}
		p = &list[0]
		p.RequestedBy, p.ReceivedBy, p.ClosedBy = "", "", ""
		return nil
	})
	return p, err
}

// MyPayments lists the payments of the dossiers a citizen filed online
// with contact c, newest first (at most 200).
func (db *DB) MyPayments(ctx context.Context, c motcua.Contact) (out []motcua.Payment, err error) {
	defer motcua.Wrap(&err, "DB.MyPayments")
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = payments(tx, `p.dossier_id IN (SELECT dossier_id FROM submissions WHERE contact = ? AND dossier_id <> 0)`, c.String())
		return err
	})
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	if len(out) > 200 {
		out = out[:200]
	}
	return out, err
}
