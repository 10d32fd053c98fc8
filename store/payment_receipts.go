package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// Receipts (biên lai điện tử). A receipt is issued in the transaction in
// which its payment becomes paid (or refund_due: money received is always
// receipted), numbered in its unit's series for the year without gaps:
// the counter row is incremented in that same transaction (INSERT … ON
// CONFLICT DO UPDATE … RETURNING takes the row lock on PostgreSQL; SQLite
// has one writer), so a rolled-back payment rolls its number back too.
// Receipts are never edited; the PDF is rendered from the row on demand
// (forms.PaymentReceipt) and its hash recorded when first rendered.

// settle records the money of p as received, in state to (paid or
// refund_due), with the method, transaction and officer already set on p,
// issues its receipt (signed by issuer, as printed) and publishes the fact.
func settle(tx *Tx, d *motcua.Dossier, p *motcua.Payment, to motcua.PaymentState, by, issuer string) (*motcua.Receipt, error) {
	_, err := tx.exec(`UPDATE payments SET state = ?, method = ?, transaction_no = ?, bank_code = ?, paid_at = ?, received_by = ?, note = ?
		WHERE id = ?`, string(to), string(p.Method), p.TransactionNo, p.BankCode, ms(p.PaidAt), p.ReceivedBy, p.Note, p.ID)
	if err != nil {
		return nil, err
	}
	p.State = to
	// Issued now, in this year's series, even when the gateway says the
	// money was taken earlier (a notification late past midnight on 31/12).
	r, err := issueReceipt(tx, d, p, receiptIssue{Kind: motcua.ReceiptPayment, By: issuer, At: tx.db.Now()})
	if err != nil {
		return nil, err
	}
	tx.audit(motcua.AuditEntry{Actor: by, Action: "payment." + string(to), Object: d.Code + " payment:" + p.OrderID,
		Detail: motcua.FormatDong(p.Amount) + " " + string(p.Method) + " " + r.Reference()})
	return r, publishPayment(tx, d, p, "payment_"+string(to), p.PaidAt)
}

// receiptIssue is what a new receipt says beyond its payment.
type receiptIssue struct {
	Kind     motcua.ReceiptKind
	RefersTo int64
	By       string // as printed: the officer's name, or the system
	Reason   string
	At       time.Time
}

// issueReceipt numbers and writes a receipt for p.
func issueReceipt(tx *Tx, d *motcua.Dossier, p *motcua.Payment, is receiptIssue) (*motcua.Receipt, error) {
	year := is.At.In(motcua.VN).Year()
	var number int64
	err := tx.queryRow(`INSERT INTO receipt_counters (unit_id, year, last) VALUES (?, ?, 1)
		ON CONFLICT (unit_id, year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last`, p.UnitID, year).Scan(&number)
	if err != nil {
		return nil, err
	}
	r := &motcua.Receipt{UnitID: p.UnitID, Year: year, Series: motcua.ReceiptSeries(year), Number: number, Kind: is.Kind,
		PaymentID: p.ID, RefersTo: is.RefersTo, Amount: p.Amount, PayerName: d.Applicant.Name, DossierCode: d.Code,
		Stage: p.Stage, Method: p.Method, IssuedBy: is.By, IssuedAt: is.At, Reason: is.Reason}
	err = tx.queryRow(`INSERT INTO receipts (unit_id, year, series, number, kind, payment_id, refers_to, amount, payer_name,
		dossier_code, method, issued_by, issued_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.UnitID, year, r.Series, number, string(r.Kind), p.ID, r.RefersTo, r.Amount, r.PayerName, r.DossierCode,
		string(r.Method), r.IssuedBy, ms(r.IssuedAt), r.Reason).Scan(&r.ID)
	return r, err
}

const receiptColumns = `r.id, r.unit_id, u.name, r.year, r.series, r.number, r.kind, r.payment_id, r.refers_to,
	COALESCE(o.series, ''), COALESCE(o.number, 0), r.amount, r.payer_name, r.dossier_code, p.stage, r.method, r.issued_by,
	r.issued_at, r.reason, r.sha256`

const receiptFrom = ` FROM receipts r JOIN units u ON u.id = r.unit_id JOIN payments p ON p.id = r.payment_id
	LEFT JOIN receipts o ON o.id = r.refers_to`

// OnlineIssuer is who issues the receipt of an online payment.
const OnlineIssuer = "Hệ thống một cửa điện tử (thanh toán trực tuyến)"

// issuerName is the officer as a receipt prints them.
func issuerName(a *motcua.Actor) string {
	if a.Client != nil {
		return a.Client.Name
	}
	if a.User.FullName != "" {
		return a.User.FullName
	}
	return a.User.Username
}

// receipts reads the receipts matching where, in issue order.
func receipts(tx *Tx, where string, args ...any) ([]motcua.Receipt, error) {
	rows, err := tx.query(`SELECT `+receiptColumns+receiptFrom+` WHERE `+where+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.Receipt
	for rows.Next() {
		var r motcua.Receipt
		var refSeries string
		var refNumber, issued int64
		if err := rows.Scan(&r.ID, &r.UnitID, &r.UnitName, &r.Year, &r.Series, &r.Number, &r.Kind, &r.PaymentID, &r.RefersTo,
			&refSeries, &refNumber, &r.Amount, &r.PayerName, &r.DossierCode, &r.Stage, &r.Method, &r.IssuedBy,
			&issued, &r.Reason, &r.SHA256); err != nil {
			return nil, err
		}
		r.IssuedAt = fromMS(issued)
		if r.RefersTo != 0 {
			ref := motcua.Receipt{Series: refSeries, Number: refNumber}
			r.RefersToNo = ref.Reference()
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// paymentReceipt is the receipt of the money received for a payment.
func paymentReceipt(tx *Tx, paymentID int64) (*motcua.Receipt, error) {
	list, err := receipts(tx, `r.payment_id = ? AND r.kind = ?`, paymentID, string(motcua.ReceiptPayment))
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Khoản thanh toán này chưa có biên lai.")
	}
	return &list[0], nil
}

// Receipt returns one receipt, to an officer who may view its dossier, to
// the citizen whose submission the dossier became, or to the system.
func (db *DB) Receipt(ctx context.Context, by Requester, receiptID int64) (r *motcua.Receipt, err error) {
	defer motcua.Wrap(&err, "DB.Receipt(%d)", receiptID)
	err = db.readTx(ctx, func(tx *Tx) error {
		list, err := receipts(tx, `r.id = ?`, receiptID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return errReceiptNotFound
		}
		d, err := getDossier(tx, `d.code = ?`, list[0].DossierCode)
		if err != nil {
			return err
		}
		if err := mayPay(tx, by, d); err != nil {
			return errReceiptNotFound
		}
		r = &list[0]
		return nil
	})
	return r, err
}

var errReceiptNotFound = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy biên lai này.")

// RecordReceiptHash keeps the SHA-256 of a receipt's PDF as first
// rendered; later renderings do not change it.
func (db *DB) RecordReceiptHash(ctx context.Context, receiptID int64, sha256 string) (err error) {
	defer motcua.Wrap(&err, "DB.RecordReceiptHash(%d)", receiptID)
	return db.inTx(ctx, func(tx *Tx) error {
		tx.quiet = true
		_, err := tx.exec(`UPDATE receipts SET sha256 = ? WHERE id = ? AND sha256 = ''`, sha256, receiptID)
		return err
	})
}

// publishPayment writes a payment fact to the outbox, for the event feed
// and the webhooks, in the payment's transaction. It carries the dossier's
// code and state (as ledger messages do) and the fact's type
// ("vn.motcua.payment.paid"); never card data, nor anything of the gateway.
// Its outbox row names no ledger event (event_id 0): payment facts are not
// ledger events (docs/payments.md).
func publishPayment(tx *Tx, d *motcua.Dossier, p *motcua.Payment, what string, at time.Time) error {
	if err := nationalChanged(tx, d.ID); err != nil { // DuocThanhToanTrucTuyen may have changed
		return err
	}
	unitCode := func(id int64) string {
		if u, err := tx.db.Unit(tx.ctx, id); err == nil {
			return u.Code
		}
		return strconv.FormatInt(id, 10)
	}
	receiving := unitCode(d.ReceivingUnitID)
	recorded := tx.db.Now()
	fact, err := paymentFact(tx, p)
	if err != nil {
		return err
	}
	msg := motcua.CloudEvent{SpecVersion: "1.0", ID: "payment-" + strconv.FormatInt(p.ID, 10) + "-" + what, Source: "/motcua/units/" + receiving,
		Type: "vn.motcua.payment." + what[len("payment_"):], Subject: d.Code, Time: at, DataContentType: "application/json",
		Data: motcua.EventMessage{Dossier: d.Code, Procedure: d.ProcedureCode, Event: motcua.EventType(what), At: at, RecordedAt: recorded,
			State: d.State, DueAt: d.DueAt, ResultAt: d.ResultAt, Channel: d.Channel, ReceivingUnit: receiving,
			DecidingUnit: unitCode(d.DecidingUnitID), Payment: fact}}
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO outbox (event_id, dossier_id, receiving_unit_id, deciding_unit_id, procedure_id, type, at, body)
		VALUES (0, ?, ?, ?, ?, ?, ?, ?)`, d.ID, d.ReceivingUnitID, d.DecidingUnitID, d.ProcedureID, what, ms(recorded), string(body))
	return err
}

// paymentFact is the payment as its event tells it, with the receipt the
// fact just issued (the payment's latest), if any.
func paymentFact(tx *Tx, p *motcua.Payment) (*motcua.PaymentFact, error) {
	f := &motcua.PaymentFact{Stage: p.Stage, Amount: p.Amount, Method: p.Method, State: p.State}
	err := tx.queryRow(`SELECT kind, series, number FROM receipts WHERE payment_id = ? ORDER BY id DESC LIMIT 1`, p.ID).
		Scan(&f.ReceiptKind, &f.ReceiptSeries, &f.ReceiptNumber)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return f, err
}
