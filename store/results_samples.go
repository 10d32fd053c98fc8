package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"strings"

	"github.com/motcua/motcua"
)

// ResultKey is what a citizen holds to verify a result and download it.
type ResultKey struct{ Code, Secret string }

// SampleResultCodes issues results for up to k random dossiers whose
// result is recorded (for `motcua bench`: dossiers loaded in bulk have
// none) and returns their codes with the dossiers' secrets. The files are
// rows only: the bench verifies, it does not download.
func (db *DB) SampleResultCodes(ctx context.Context, k int, rng *rand.Rand) (keys []ResultKey, err error) {
	defer motcua.Wrap(&err, "DB.SampleResultCodes")
	tracking, err := db.SampleTrackingKeys(ctx, k, rng)
	if err != nil {
		return nil, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		for _, tk := range tracking {
			key, err := sampleResult(tx, tk)
			if err != nil {
				return err
			}
			if key.Code != "" {
				keys = append(keys, key)
			}
		}
		return nil
	})
	return keys, err
}

// sampleResult issues a result for the dossier of tk when its result is
// recorded and it has none yet; a zero key otherwise.
func sampleResult(tx *Tx, tk TrackingKey) (ResultKey, error) {
	var id, unit, resultAt int64
	var state motcua.State
	err := tx.queryRow(`SELECT id, state, deciding_unit_id, result_at FROM dossiers WHERE code = ?`, tk.Code).Scan(&id, &state, &unit, &resultAt)
	if errors.Is(err, sql.ErrNoRows) || state != motcua.StateResultReady && state != motcua.StateReturned {
		return ResultKey{}, nil
	}
	if err != nil {
		return ResultKey{}, err
	}
	var code string
	err = tx.queryRow(`SELECT code FROM issued_results WHERE dossier_id = ? LIMIT 1`, id).Scan(&code)
	if err == nil {
		return ResultKey{code, tk.Secret}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return ResultKey{}, err
	}
	f := &motcua.SubmittedFile{FileName: "ket-qua.pdf", ContentType: "application/pdf", Size: 1, SHA256: strings.Repeat("0", 64), At: fromMS(resultAt)}
	if err := insertResultRow(tx, id, 0, f); err != nil {
		return ResultKey{}, err
	}
	code = motcua.NewResultCode()
	_, err = tx.exec(`INSERT INTO issued_results (code, dossier_id, result_file_id, unit_id, issued_at) VALUES (?, ?, ?, ?, ?)`,
		code, id, f.ID, unit, resultAt)
	return ResultKey{code, tk.Secret}, err
}
