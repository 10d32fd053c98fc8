package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/motcua/motcua"
)

// DossierFiles lists the files the applicant uploaded for an online
// dossier (those of the submission it was accepted from), for an officer
// who may see the dossier; none for a dossier filed on paper. Listing
// names and sizes reads no personal data beyond the dossier page's own
// (logged) read; opening a file is DossierFile.
func (db *DB) DossierFiles(ctx context.Context, a *motcua.Actor, dossierID int64) (files []motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.DossierFiles(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		files, _, err = dossierFiles(tx, a, dossierID)
		return err
	})
	return files, err
}

// DossierFile returns one uploaded file of a dossier the officer may see,
// and logs the read in the audit trail: the file is the applicant's papers.
// Another unit's officer gets "not found", as for the dossier itself.
func (db *DB) DossierFile(ctx context.Context, a *motcua.Actor, dossierID, fileID int64) (f *motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.DossierFile(%d, %d)", dossierID, fileID)
	err = db.inTx(ctx, func(tx *Tx) error {
		files, d, err := dossierFiles(tx, a, dossierID)
		if err != nil {
			return err
		}
		for i := range files {
			if files[i].ID == fileID {
				f = &files[i]
				tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "dossier.file.read",
					Object: d.Code + " file:" + strconv.FormatInt(fileID, 10)})
				return nil
			}
		}
		return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy tệp này.")
	})
	return f, err
}

// dossierFiles checks the dossier access policy and reads the files of the
// submission the dossier came from.
func dossierFiles(tx *Tx, a *motcua.Actor, dossierID int64) ([]motcua.SubmittedFile, *motcua.Dossier, error) {
	d, err := visibleDossier(tx, a, dossierID)
	if err != nil {
		return nil, nil, err
	}
	var submissionID int64
	err = tx.queryRow(`SELECT id FROM submissions WHERE dossier_id = ? AND dossier_id <> 0 ORDER BY id LIMIT 1`, dossierID).Scan(&submissionID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, d, nil
	} else if err != nil {
		return nil, nil, err
	}
	files, err := submissionFiles(tx, submissionID)
	return files, d, err
}
