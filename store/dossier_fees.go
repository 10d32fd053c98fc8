package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/motcua/motcua"
)

// What a dossier owes (issue 19) has one truth: the bill in its accepted
// event (ledger.IntakeBill). The row keeps its totals (fee_total,
// fee_due_intake, fee_due_result) for lists, payments and indicators;
// CheckLedger compares them with a replay. A list's row carries the
// totals only (nil when nothing is owed); a dossier read alone carries the
// bill line by line, from the event.

// acceptedBill reads the bill from the dossier's accepted event: nil when
// its version did not state fees as lines, or for an imported dossier.
func acceptedBill(tx *Tx, dossierID int64) (*motcua.FeeBill, error) {
	var data string
	err := tx.queryRow(`SELECT data FROM events WHERE dossier_id = ? AND seq = 1`, dossierID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var accepted struct {
		Fees *motcua.FeeBill `json:"fees"`
	}
	if err := json.Unmarshal([]byte(data), &accepted); err != nil {
		return nil, fmt.Errorf("dossier %d accepted event: %w", dossierID, err)
	}
	return accepted.Fees, nil
}

// feeSums are the totals of a bill the row keeps, in đồng.
type feeSums struct{ total, intake, result int64 }

func (f feeSums) String() string {
	return fmt.Sprintf("%s (khi tiếp nhận %s, khi nhận kết quả %s)", motcua.FormatDong(f.total),
		motcua.FormatDong(f.intake), motcua.FormatDong(f.result))
}

// feeTotals are the totals the row keeps of d's bill: zero without one.
func feeTotals(d *motcua.Dossier) feeSums {
	if d.Fees == nil {
		return feeSums{}
	}
	return feeSums{d.Fees.Total, d.Fees.DueAtIntake, d.Fees.DueAtResult}
}

// rowFeeTotals are the totals the dossier's row keeps.
func rowFeeTotals(tx *Tx, dossierID int64) (t feeSums, err error) {
	err = tx.queryRow(`SELECT fee_total, fee_due_intake, fee_due_result FROM dossiers WHERE id = ?`, dossierID).
		Scan(&t.total, &t.intake, &t.result)
	return t, err
}
