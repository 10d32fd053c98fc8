package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/motcua/motcua"
)

// LatestApplicant is the name and address of the applicant of the latest
// dossier with the identity number; false when there is none. Only the
// demo's population registry (demo.Registry) asks it, behind
// LookUpResident, which decides who may look up and audits the lookup:
// it answers for the demo's invented applicants what the database holds.
func (db *DB) LatestApplicant(ctx context.Context, idNumber string) (ap motcua.Applicant, found bool, err error) {
	defer motcua.Wrap(&err, "DB.LatestApplicant")
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT applicant_name, applicant_address FROM dossiers WHERE applicant_id_number = ? ORDER BY id DESC LIMIT 1`,
			idNumber).Scan(&ap.Name, &ap.Address)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return motcua.Applicant{}, false, nil
	}
	ap.IDNumber = idNumber
	return ap, err == nil, err
}
