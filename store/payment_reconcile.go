package store

import (
	"context"
	"sort"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Reconciliation (issue 19, item 5): the gateway's transactions of a day
// against the ledger's payments. Neither gateway lists a day, so the
// caller queries each order ReconcileRefs names (payment.QueryEach) and
// passes what the gateway answered.

// Mismatch is a kind of difference between the ledger and a gateway.
type Mismatch string

const (
	MismatchMissingThere Mismatch = "paid_here_not_there" // the ledger took money the gateway does not show
	MismatchMissingHere  Mismatch = "there_not_here"      // the gateway holds a transaction for an order the ledger never made
	MismatchAmount       Mismatch = "amount_differs"      // both hold it, with different amounts
	MismatchState        Mismatch = "state_differs"       // paid on one side, not on the other (or refunded on one only)
)

// Label is the kind in Vietnamese, as the accountant's report says it.
func (m Mismatch) Label() string {
	switch m {
	case MismatchMissingThere:
		return "Đã thu trên hệ thống, cổng thanh toán không có"
	case MismatchMissingHere:
		return "Cổng thanh toán có, hệ thống không có"
	case MismatchAmount:
		return "Số tiền khác nhau"
	case MismatchState:
		return "Trạng thái khác nhau"
	}
	return string(m)
}

// ReconRow is one difference.
type ReconRow struct {
	Kind          Mismatch
	OrderID       string
	DossierCode   string // "" when the ledger has no such order
	UnitID        int64
	LedgerState   motcua.PaymentState
	LedgerAmount  int64
	GatewayState  payment.State // "" when the gateway has no such transaction
	GatewayAmount int64
	TransactionNo string
}

// Reconciliation is the report of one day and one gateway.
type Reconciliation struct {
	Day     time.Time // midnight, Vietnam
	Gateway string
	Checked int // the ledger's payments and the gateway's transactions compared
	Matched int // those that agree
	Rows    []ReconRow
}

// dayBounds is [from, to) of day's date in Vietnam, in ms.
func dayBounds(day time.Time) (time.Time, int64, int64) {
	y, m, d := day.In(motcua.VN).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, motcua.VN)
	return from, ms(from), ms(from.AddDate(0, 0, 1))
}

// reconWhere selects the ledger's side of a day for a gateway: orders
// requested, paid or closed that day which went, or may have gone, to it
// (a request's gateway is known only once paid).
const reconWhere = `(p.method = ? OR (p.method = '' AND p.state IN ('requested', 'cancelled')))
	AND ((p.requested_at >= ? AND p.requested_at < ?) OR (p.paid_at >= ? AND p.paid_at < ?) OR (p.closed_at >= ? AND p.closed_at < ?))`

// ReconcileRefs lists the orders to query at the gateway for day: those
// the ledger created, paid or closed that day, which went or may have gone
// to it.
func (db *DB) ReconcileRefs(ctx context.Context, day time.Time, gateway string) (refs []payment.Ref, err error) {
	defer motcua.Wrap(&err, "DB.ReconcileRefs(%s)", gateway)
	_, from, to := dayBounds(day)
	err = db.readTx(ctx, func(tx *Tx) error {
		list, err := payments(tx, reconWhere, gateway, from, to, from, to, from, to)
		for _, p := range list {
			refs = append(refs, payment.Ref{OrderID: p.OrderID, CreatedAt: p.RequestedAt})
		}
		return err
	})
	return refs, err
}

// Reconcile compares the gateway's transactions (txns, as QueryEach or a
// day list returned them) with the ledger's payments of day.
func (db *DB) Reconcile(ctx context.Context, day time.Time, gateway string, txns []payment.Transaction) (rec *Reconciliation, err error) {
	defer motcua.Wrap(&err, "DB.Reconcile(%s)", gateway)
	if !motcua.ValidGateway(gateway) {
		return nil, motcua.FieldError("gateway", "Cổng thanh toán “%s” không được hỗ trợ.", gateway)
	}
	start, from, to := dayBounds(day)
	rec = &Reconciliation{Day: start, Gateway: gateway}
	err = db.readTx(ctx, func(tx *Tx) error {
		ledger, err := payments(tx, reconWhere, gateway, from, to, from, to, from, to)
		if err != nil {
			return err
		}
		byOrder := map[string]motcua.Payment{}
		for _, p := range ledger {
			byOrder[p.OrderID] = p
		}
		seen := map[string]bool{}
		for _, t := range txns {
			p, ok := byOrder[t.OrderID]
			if !ok { // an order of another day, or none of ours
				list, err := payments(tx, `p.order_id = ?`, t.OrderID)
				if err != nil {
					return err
				}
				if len(list) > 0 {
					p, ok = list[0], true
				}
			}
			seen[t.OrderID] = true
			rec.Checked++
			if row, differs := compareTxn(gateway, t, p, ok); differs {
				rec.Rows = append(rec.Rows, row)
			} else {
				rec.Matched++
			}
		}
		for _, p := range ledger {
			if seen[p.OrderID] {
				continue
			}
			rec.Checked++
			if p.State.Received() && string(p.Method) == gateway {
				rec.Rows = append(rec.Rows, ledgerRow(MismatchMissingThere, p))
			} else {
				rec.Matched++ // a request never paid, unknown to the gateway
			}
		}
		return nil
	})
	sort.SliceStable(rec.Rows, func(i, j int) bool { return rec.Rows[i].OrderID < rec.Rows[j].OrderID })
	return rec, err
}

// compareTxn compares one gateway transaction with the ledger's payment
// for its order (known false: none).
func compareTxn(gateway string, t payment.Transaction, p motcua.Payment, known bool) (ReconRow, bool) {
	row := ReconRow{OrderID: t.OrderID, GatewayState: t.State, GatewayAmount: t.Amount, TransactionNo: t.TransactionNo}
	if !known {
		row.Kind = MismatchMissingHere
		return row, true
	}
	row.DossierCode, row.UnitID, row.LedgerState, row.LedgerAmount = p.DossierCode, p.UnitID, p.State, p.Amount
	here := p.State.Received() && string(p.Method) == gateway
	switch t.State {
	case payment.StatePaid:
		if !here || p.State == motcua.PaymentRefunded {
			row.Kind = MismatchState
			return row, true
		}
	case payment.StateRefunded:
		if p.State != motcua.PaymentRefunded {
			row.Kind = MismatchState
			return row, true
		}
	default: // pending or failed: nothing taken
		if here {
			row.Kind = MismatchState
			return row, true
		}
		return row, false
	}
	if t.Amount != p.Amount {
		row.Kind = MismatchAmount
		return row, true
	}
	return row, false
}

func ledgerRow(kind Mismatch, p motcua.Payment) ReconRow {
	return ReconRow{Kind: kind, OrderID: p.OrderID, DossierCode: p.DossierCode, UnitID: p.UnitID, LedgerState: p.State,
		LedgerAmount: p.Amount, TransactionNo: p.TransactionNo}
}
