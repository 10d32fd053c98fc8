package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Stored reconciliations: serve's daily job, the accountant's "Đối soát
// lại" and `motcua payments reconcile` each keep their run, one per day
// and gateway (a re-run replaces it), with its differences as rows so the
// page shows each unit's leader the lines of the payments the unit
// collected (docs/payments.md).

// ReconRun is a stored reconciliation, with the lines the reader may see.
type ReconRun struct {
	ID int64
	Reconciliation
	RunAt       time.Time
	RunBy       string
	Differences int // every line of the run, the reader's or not
}

// DayKey is a day as stored and as the page's address carries it.
func DayKey(day time.Time) string { return day.In(motcua.VN).Format("2006-01-02") }

// RunReconciliation reconciles day with the gateway (ReconcileRefs, one
// query per order, Reconcile) and stores the run for by, replacing an
// earlier one of the same day and gateway. A gateway that fails leaves
// the stored run as it was.
func (db *DB) RunReconciliation(ctx context.Context, g payment.Gateway, day time.Time, by string) (rec *Reconciliation, err error) {
	refs, err := db.ReconcileRefs(ctx, day, g.Name())
	if err != nil {
		return nil, err
	}
	txns, err := payment.QueryEach(ctx, g, refs)
	if err != nil {
		return nil, err // names the gateway and the order, never a key
	}
	if rec, err = db.Reconcile(ctx, day, g.Name(), txns); err != nil {
		return nil, err
	}
	return rec, db.SaveReconciliation(ctx, rec, by)
}

// SaveReconciliation stores rec as the run of its day and gateway, in
// place of an earlier one.
func (db *DB) SaveReconciliation(ctx context.Context, rec *Reconciliation, by string) (err error) {
	day := DayKey(rec.Day)
	defer motcua.Wrap(&err, "DB.SaveReconciliation(%s, %s)", day, rec.Gateway)
	return db.inTx(ctx, func(tx *Tx) error {
		var id int64
		err := tx.queryRow(`INSERT INTO payment_reconciliations (day, gateway, run_at, run_by, checked, matched, differences)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, gateway) DO UPDATE SET run_at = excluded.run_at, run_by = excluded.run_by,
			checked = excluded.checked, matched = excluded.matched, differences = excluded.differences RETURNING id`,
			day, rec.Gateway, ms(db.Now()), by, rec.Checked, rec.Matched, len(rec.Rows)).Scan(&id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM payment_reconciliation_rows WHERE reconciliation_id = ?`, id); err != nil {
			return err
		}
		for _, r := range rec.Rows {
			_, err := tx.exec(`INSERT INTO payment_reconciliation_rows (reconciliation_id, kind, order_id, dossier_code, unit_id,
				ledger_state, ledger_amount, gateway_state, gateway_amount, transaction_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, string(r.Kind), r.OrderID, r.DossierCode, r.UnitID, string(r.LedgerState), r.LedgerAmount, string(r.GatewayState),
				r.GatewayAmount, r.TransactionNo)
			if err != nil {
				return err
			}
		}
		tx.audit(motcua.AuditEntry{Actor: by, Action: "payment.reconciled", Object: rec.Gateway + " " + day,
			Detail: fmt.Sprintf("checked %d, matched %d, differences %d", rec.Checked, rec.Matched, len(rec.Rows))})
		return nil
	})
}

// ReconciliationRuns lists the stored runs, the latest day first (at most
// limit), each with the number of lines a may see in Rows' place
// (VisibleDifferences); nil when a may read no reconciliation.
func (db *DB) ReconciliationRuns(ctx context.Context, a *motcua.Actor, limit int) (out []ReconRun, err error) {
	defer motcua.Wrap(&err, "DB.ReconciliationRuns")
	if !a.ReconcilesPayments() {
		return nil, errNoReconciliation
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT `+reconRunColumns+` FROM payment_reconciliations ORDER BY day DESC, gateway LIMIT ?`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			run, err := scanReconRun(rows)
			if err != nil {
				return err
			}
			out = append(out, *run)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			if out[i].Rows, err = reconRows(tx, a, out[i].ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// ReconciliationOf returns the run of day and gateway with the lines a
// may see: those of the payments collected by units where a may
// reconcile (Actor.CanReconcilePayments). None stored: ENOTFOUND.
func (db *DB) ReconciliationOf(ctx context.Context, a *motcua.Actor, day time.Time, gateway string) (run *ReconRun, err error) {
	defer motcua.Wrap(&err, "DB.ReconciliationOf(%s, %s)", DayKey(day), gateway)
	if !a.ReconcilesPayments() {
		return nil, errNoReconciliation
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		run, err = scanReconRun(tx.queryRow(`SELECT `+reconRunColumns+` FROM payment_reconciliations WHERE day = ? AND gateway = ?`,
			DayKey(day), gateway))
		if errors.Is(err, sql.ErrNoRows) {
			return motcua.Errorf(motcua.ENOTFOUND, "Chưa có kết quả đối soát %s ngày %s.", gateway, motcua.FormatDate(day))
		}
		if err != nil {
			return err
		}
		run.Rows, err = reconRows(tx, a, run.ID)
		return err
	})
	return run, err
}

const reconRunColumns = `id, day, gateway, run_at, run_by, checked, matched, differences`

func scanReconRun(row interface{ Scan(...any) error }) (*ReconRun, error) {
	r := &ReconRun{}
	var day string
	var at int64
	if err := row.Scan(&r.ID, &day, &r.Gateway, &at, &r.RunBy, &r.Checked, &r.Matched, &r.Differences); err != nil {
		return nil, err
	}
	d, err := time.ParseInLocation("2006-01-02", day, motcua.VN)
	if err != nil {
		return nil, err
	}
	r.Day, r.RunAt = d, fromMS(at)
	return r, nil
}

// reconRows reads a run's lines that a may see, by order reference.
func reconRows(tx *Tx, a *motcua.Actor, runID int64) ([]ReconRow, error) {
	rows, err := tx.query(`SELECT kind, order_id, dossier_code, unit_id, ledger_state, ledger_amount, gateway_state, gateway_amount,
		transaction_no FROM payment_reconciliation_rows WHERE reconciliation_id = ? ORDER BY order_id, id`, runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReconRow
	for rows.Next() {
		var r ReconRow
		err := rows.Scan(&r.Kind, &r.OrderID, &r.DossierCode, &r.UnitID, &r.LedgerState, &r.LedgerAmount, &r.GatewayState,
			&r.GatewayAmount, &r.TransactionNo)
		if err != nil {
			return nil, err
		}
		if a.CanReconcilePayments(r.UnitID) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

var errNoReconciliation = motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được xem đối soát thanh toán.")
