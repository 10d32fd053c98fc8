package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Orders never notified (docs/payments.md): a request whose order expired
// at the gateways without a notification or a return is asked about by
// serve's periodic job (internal/server), which applies a payment through
// ApplyGatewayResult and closes the rest here.

// ExpiredRequests lists the open requests whose order expired before
// `before`, the longest expired first, at most limit.
func (db *DB) ExpiredRequests(ctx context.Context, before time.Time, limit int) (refs []payment.Ref, err error) {
	defer motcua.Wrap(&err, "DB.ExpiredRequests")
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT order_id, requested_at FROM payments WHERE state = ? AND expires_at < ?
			ORDER BY expires_at, id LIMIT ?`, string(motcua.PaymentRequested), ms(before), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r payment.Ref
			var requested int64
			if err := rows.Scan(&r.OrderID, &requested); err != nil {
				return err
			}
			r.CreatedAt = fromMS(requested)
			refs = append(refs, r)
		}
		return rows.Err()
	})
	return refs, err
}

// ExpireRequest cancels the open request with the order reference once
// the gateways have said that nothing was paid for it (note says what
// they answered), so that the citizen starts again with a new order. It
// reports false, changing nothing, when the request is no longer open or
// its order has not expired yet (a payment or a new request came first).
// Money that still arrives for it later is refund_due, not lost.
func (db *DB) ExpireRequest(ctx context.Context, orderID, note string) (closed bool, err error) {
	defer motcua.Wrap(&err, "DB.ExpireRequest(%s)", orderID)
	err = db.inTx(ctx, func(tx *Tx) error {
		var dossierID int64
		if err := tx.queryRow(`SELECT dossier_id FROM payments WHERE order_id = ?`, orderID).Scan(&dossierID); errors.Is(err, sql.ErrNoRows) {
			return errPaymentNotFound
		} else if err != nil {
			return err
		}
		d, err := lockDossierForPayment(tx, dossierID)
		if err != nil { // the dossier's lock first, as every payment writer
			return err
		}
		p, err := lockPayment(tx, `p.order_id = ?`, orderID)
		if err != nil {
			return err
		}
		now := db.Now()
		if p.State != motcua.PaymentRequested || now.Before(p.ExpiresAt) {
			return nil
		}
		closed = true
		return cancelRequest(tx, d, p, "system", note, now)
	})
	return closed, err
}
