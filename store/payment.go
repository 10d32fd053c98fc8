package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Payments (issue 19; docs/payments.md). A payment asks for what a
// dossier owes at one stage; its amount is computed here from the
// dossier's dues (dossiers.fee_due_intake / fee_due_result) minus what was
// already paid for the stage, never taken from the caller. One request is
// open per dossier and stage (a partial unique index says so). Writers lock
// the dossier row first, then the payment row (PostgreSQL; SQLite has one
// writer), so a cash payment, a notification and a return racing for the
// same stage are applied one after the other.

// PaymentValidity is how long a gateway order stays payable; a request
// reused later than PaymentReuseMargin before its end is replaced by a new
// order, since the gateways refuse expired orders.
const (
	PaymentValidity    = 15 * time.Minute
	PaymentReuseMargin = 5 * time.Minute
)

// Requester says who asks: an officer (Actor), the citizen through the
// contact they filed with (Contact), or the system itself (neither).
type Requester struct {
	Actor   *motcua.Actor
	Contact *motcua.Contact
}

// name is how the requester is recorded.
func (r Requester) name() string {
	switch {
	case r.Actor != nil:
		return r.Actor.AuditName()
	case r.Contact != nil:
		return "citizen:" + r.Contact.String()
	}
	return "system"
}

// paymentColumns are read by scanPayment, in its order.
const paymentColumns = `p.id, p.dossier_id, d.code, p.unit_id, p.stage, p.amount, p.order_id, p.state, p.method, p.requested_by,
	p.requested_at, p.expires_at, p.transaction_no, p.bank_code, p.paid_at, p.received_by, p.closed_by, p.closed_at, p.note`

const paymentFrom = ` FROM payments p JOIN dossiers d ON d.id = p.dossier_id`

func scanPayment(row interface{ Scan(...any) error }) (*motcua.Payment, error) {
	p := &motcua.Payment{}
	var requested, expires, paid, closed int64
	err := row.Scan(&p.ID, &p.DossierID, &p.DossierCode, &p.UnitID, &p.Stage, &p.Amount, &p.OrderID, &p.State, &p.Method,
		&p.RequestedBy, &requested, &expires, &p.TransactionNo, &p.BankCode, &paid, &p.ReceivedBy, &p.ClosedBy, &closed, &p.Note)
	if err != nil {
		return nil, err
	}
	p.RequestedAt, p.ExpiresAt, p.PaidAt, p.ClosedAt = fromMS(requested), fromMS(expires), fromMS(paid), fromMS(closed)
	return p, nil
}

// payments reads the payments matching where, oldest first.
func payments(tx *Tx, where string, args ...any) ([]motcua.Payment, error) {
	rows, err := tx.query(`SELECT `+paymentColumns+paymentFrom+` WHERE `+where+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.Payment
	for rows.Next() {
		p, err := scanPayment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// forUpdate locks the rows read on PostgreSQL; SQLite's single writer
// needs no lock.
func forUpdate(tx *Tx) string {
	if tx.db.dialect == Postgres {
		return ` FOR UPDATE`
	}
	return ""
}

// lockPayment reads a payment and locks its row.
func lockPayment(tx *Tx, where string, arg any) (*motcua.Payment, error) {
	p, err := scanPayment(tx.queryRow(`SELECT `+paymentColumns+paymentFrom+` WHERE `+where+forUpdate(tx), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPaymentNotFound
	}
	return p, err
}

var errPaymentNotFound = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy khoản thanh toán này.")

// lockDossierForPayment locks the dossier's row (PostgreSQL) and reads it:
// every change to a dossier's payments holds this lock first.
func lockDossierForPayment(tx *Tx, dossierID int64) (*motcua.Dossier, error) {
	if tx.db.dialect == Postgres {
		var id int64
		if err := tx.queryRow(`SELECT id FROM dossiers WHERE id = ? FOR UPDATE`, dossierID).Scan(&id); err != nil {
			return nil, notFound(err)
		}
	}
	return getDossier(tx, `d.id = ?`, dossierID)
}

// mayPay checks that the requester may see the dossier's payments: an
// officer who may view the dossier, the citizen whose submission it
// became, or the system.
func mayPay(tx *Tx, by Requester, d *motcua.Dossier) error {
	switch {
	case by.Actor != nil:
		if !by.Actor.CanView(d) {
			return motcua.ErrDossierNotFound()
		}
	case by.Contact != nil:
		var n int
		err := tx.queryRow(`SELECT COUNT(*) FROM submissions WHERE dossier_id = ? AND contact = ?`, d.ID, by.Contact.String()).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return motcua.ErrDossierNotFound()
		}
	}
	return nil
}

// stageDue is what the dossier owes at stage, in total.
func stageDue(tx *Tx, dossierID int64, stage motcua.FeePayAt) (int64, error) {
	var intake, result int64
	err := tx.queryRow(`SELECT fee_due_intake, fee_due_result FROM dossiers WHERE id = ?`, dossierID).Scan(&intake, &result)
	switch {
	case err != nil:
		return 0, notFound(err)
	case stage == motcua.FeePayAtIntake:
		return intake, nil
	case stage == motcua.FeePayAtResult:
		return result, nil
	}
	return 0, motcua.FieldError("stage", "Giai đoạn nộp “%s” không hợp lệ: khi nộp hồ sơ hoặc khi nhận kết quả.", stage)
}

// stagePaid is what was received and kept for the stage (refunds due or
// made do not count).
func stagePaid(tx *Tx, dossierID int64, stage motcua.FeePayAt) (int64, error) {
	var paid int64
	err := tx.queryRow(`SELECT COALESCE(SUM(amount), 0) FROM payments WHERE dossier_id = ? AND stage = ? AND state = ?`,
		dossierID, string(stage), string(motcua.PaymentPaid)).Scan(&paid)
	return paid, err
}

// stageOwed is what is left to pay at stage; an error when nothing is.
func stageOwed(tx *Tx, dossierID int64, stage motcua.FeePayAt) (int64, error) {
	left, err := stageLeft(tx, dossierID, stage)
	if err != nil {
		return 0, err
	}
	if left == 0 {
		return 0, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ không còn khoản phí, lệ phí nào phải nộp %s.", stage.Label())
	}
	return left, nil
}

// RequestPayment asks for what the dossier still owes at stage and returns
// the open request: the live one for the stage when it still has the same
// amount and time to run, else a new one (the stale one is cancelled).
// Nothing owed is ENOTALLOWED.
func (db *DB) RequestPayment(ctx context.Context, by Requester, dossierID int64, stage motcua.FeePayAt) (p *motcua.Payment, err error) {
	defer motcua.Wrap(&err, "DB.RequestPayment(%d, %s)", dossierID, stage)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, err := lockDossierForPayment(tx, dossierID)
		if err != nil {
			return err
		}
		if err := mayPay(tx, by, d); err != nil {
			return err
		}
		owed, err := stageOwed(tx, dossierID, stage)
		if err != nil {
			return err
		}
		now := db.Now()
		open, err := openPayment(tx, dossierID, stage)
		if err != nil {
			return err
		}
		if open != nil && open.Amount == owed && now.Add(PaymentReuseMargin).Before(open.ExpiresAt) {
			p = open
			return nil
		}
		if open != nil {
			if err := cancelRequest(tx, d, open, by.name(), "Thay bằng yêu cầu thanh toán mới.", now); err != nil {
				return err
			}
		}
		p, err = insertPayment(tx, d, stage, owed, by.name(), now)
		return err
	})
	return p, err
}

// openPayment is the stage's live request, locked; nil if none.
func openPayment(tx *Tx, dossierID int64, stage motcua.FeePayAt) (*motcua.Payment, error) {
	p, err := scanPayment(tx.queryRow(`SELECT `+paymentColumns+paymentFrom+` WHERE p.dossier_id = ? AND p.stage = ? AND p.state = ?`+forUpdate(tx),
		dossierID, string(stage), string(motcua.PaymentRequested)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return p, err
}

// insertPayment writes a new request with a fresh order reference.
func insertPayment(tx *Tx, d *motcua.Dossier, stage motcua.FeePayAt, amount int64, by string, now time.Time) (*motcua.Payment, error) {
	p := &motcua.Payment{DossierID: d.ID, DossierCode: d.Code, UnitID: d.ReceivingUnitID, Stage: stage, Amount: amount,
		OrderID: newOrderID(now), State: motcua.PaymentRequested, RequestedBy: by, RequestedAt: now, ExpiresAt: now.Add(PaymentValidity)}
	err := tx.queryRow(`INSERT INTO payments (dossier_id, unit_id, stage, amount, order_id, state, requested_by, requested_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, p.DossierID, p.UnitID, string(stage), amount, p.OrderID,
		string(p.State), by, ms(now), ms(p.ExpiresAt)).Scan(&p.ID)
	if err != nil {
		return nil, err
	}
	tx.audit(motcua.AuditEntry{Actor: by, Action: "payment.requested", Object: d.Code + " payment:" + p.OrderID, Detail: motcua.FormatDong(amount)})
	return p, publishPayment(tx, d, p, "payment_requested", now)
}

// newOrderID is a gateway-safe reference: "MC" + the day + 12 random hex
// digits, 21 characters (payment.ValidOrderID). Random rather than a
// counter so that references do not reveal how many payments a unit takes.
func newOrderID(now time.Time) string {
	var b [6]byte
	rand.Read(b[:])
	return "MC" + now.In(motcua.VN).Format("060102") + "-" + strings.ToUpper(hex.EncodeToString(b[:]))
}

// cancelRequest withdraws an open request and tells the feed, so that a
// reader who saw it requested sees it closed: replaced by a new request,
// by cash, by the gateway's refusal, by expiry or by the payer.
func cancelRequest(tx *Tx, d *motcua.Dossier, p *motcua.Payment, by, note string, now time.Time) error {
	if err := closePayment(tx, p, motcua.PaymentCancelled, by, note, now); err != nil {
		return err
	}
	return publishPayment(tx, d, p, "payment_cancelled", now)
}

// closePayment moves a payment to cancelled, refund_due or refunded.
func closePayment(tx *Tx, p *motcua.Payment, to motcua.PaymentState, by, note string, now time.Time) error {
	_, err := tx.exec(`UPDATE payments SET state = ?, closed_by = ?, closed_at = ?, note = ? WHERE id = ?`,
		string(to), by, ms(now), note, p.ID)
	p.State, p.ClosedBy, p.ClosedAt, p.Note = to, by, now, note
	tx.audit(motcua.AuditEntry{Actor: by, Action: "payment." + string(to), Object: p.DossierCode + " payment:" + p.OrderID, Detail: note})
	return err
}

// PaymentOrder is the order a gateway is given for p: the amount and
// reference from the ledger, the dossier code as the description.
func PaymentOrder(p *motcua.Payment, returnURL, clientIP string) payment.Order {
	return payment.Order{ID: p.OrderID, Amount: p.Amount, Info: "Thanh toan ho so " + p.DossierCode, ReturnURL: returnURL,
		ClientIP: clientIP, CreatedAt: p.RequestedAt, ExpiresAt: p.ExpiresAt}
}
