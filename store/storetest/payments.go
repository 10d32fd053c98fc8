package storetest

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// SetFeeDuesForTest writes what a dossier owes at intake and at the result
// (dossiers.fee_due_intake, fee_due_result, fee_total), as acceptance will
// once it computes the bill: payment tests use it to give a dossier dues
// without going through the fee lines.
func SetFeeDuesForTest(ctx context.Context, db *store.DB, dossierID, intake, result int64) (err error) {
	defer motcua.Wrap(&err, "storetest.SetFeeDuesForTest(%d)", dossierID)
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE dossiers SET fee_due_intake = ?, fee_due_result = ?, fee_total = ? WHERE id = ?`),
		intake, result, intake+result, dossierID)
	return err
}

// PaymentVerdicts lists the verdicts kept with the gateway notifications
// of an order, oldest first.
func PaymentVerdicts(ctx context.Context, db *store.DB, orderID string) (out []string, err error) {
	defer motcua.Wrap(&err, "storetest.PaymentVerdicts(%s)", orderID)
	rows, err := db.SQL().QueryContext(ctx, db.Rebind(`SELECT verdict FROM payment_notifications WHERE order_id = ? ORDER BY id`), orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
