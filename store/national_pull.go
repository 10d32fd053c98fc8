package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/motcua/motcua"
)

// NationalPullCursor is where the pull of dossiers filed on the national
// portal stopped reading source's list ("" before the first page).
func (db *DB) NationalPullCursor(ctx context.Context, source string) (cursor string, err error) {
	defer motcua.Wrap(&err, "DB.NationalPullCursor(%q)", source)
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT cursor FROM national_pull WHERE source = ?`, source).Scan(&cursor)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return cursor, err
}

// SetNationalPullCursor records that every dossier of source's list up to
// cursor was taken (or refused for good), and clears the last error.
func (db *DB) SetNationalPullCursor(ctx context.Context, source, cursor string) (err error) {
	defer motcua.Wrap(&err, "DB.SetNationalPullCursor(%q)", source)
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO national_pull (source, cursor, pulled_at, last_error) VALUES (?, ?, ?, '')
			ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, pulled_at = excluded.pulled_at, last_error = ''`,
			source, cursor, ms(db.now()))
		return err
	})
}

// NationalPullFailed keeps the reason a pull round stopped; the cursor
// stays where it was, so the next round reads the same page again.
func (db *DB) NationalPullFailed(ctx context.Context, source, reason string) (err error) {
	defer motcua.Wrap(&err, "DB.NationalPullFailed(%q)", source)
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO national_pull (source, last_error) VALUES (?, ?)
			ON CONFLICT (source) DO UPDATE SET last_error = excluded.last_error`, source, reason)
		return err
	})
}

// NationalSubmission is the submission filed under a national dossier
// code, or nil when none is: a dossier pushed or pulled again is looked up
// before its files are fetched again.
func (db *DB) NationalSubmission(ctx context.Context, code string) (s *motcua.Submission, err error) {
	defer motcua.Wrap(&err, "DB.NationalSubmission(%q)", code)
	subs, err := db.submissions(ctx, `s.national_code = ? AND s.national_code <> ''`, code)
	if err != nil || len(subs) == 0 {
		return nil, err
	}
	return subs[0], nil
}

// AddNationalFiles completes a dossier filed on the national portal that
// waits for the additions the one-stop asked for: the citizen adds them on
// the national portal, which sends the dossier again with every file; the
// files not yet held are added and the submission goes back to the queue
// (AddFiles, for the portal's own citizens).
func (db *DB) AddNationalFiles(ctx context.Context, code string, files []motcua.SubmittedFile) (err error) {
	defer motcua.Wrap(&err, "DB.AddNationalFiles(%q)", code)
	s, err := db.NationalSubmission(ctx, code)
	if err != nil {
		return err
	}
	if s == nil || s.State != motcua.SubmissionIncomplete {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s không chờ bổ sung.", code)
	}
	held := map[[2]string]bool{}
	for _, f := range s.Files {
		held[[2]string{f.Document, f.SHA256}] = true
	}
	var added []motcua.SubmittedFile
	for _, f := range files {
		if !held[[2]string{f.Document, f.SHA256}] {
			added = append(added, f)
		}
	}
	if len(added) == 0 {
		return motcua.FieldError("TaiLieuNop", "Hồ sơ %s chưa có tệp bổ sung nào mới.", code)
	}
	s.State, s.UpdatedAt = motcua.SubmissionPending, db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		if err := insertFiles(tx, s.ID, added); err != nil {
			return err
		}
		return decideSubmission(tx, s, []motcua.SubmissionState{motcua.SubmissionIncomplete})
	})
}

// DossierNationalCode is the national code of the dossier filed on the
// national portal a dossier was accepted from, "" for any other; the
// caller has read the dossier (History asked the policy).
func (db *DB) DossierNationalCode(ctx context.Context, dossierID int64) (code string, err error) {
	defer motcua.Wrap(&err, "DB.DossierNationalCode(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		codes, err := column[string](tx, `SELECT national_code FROM submissions WHERE dossier_id = ? AND national_code <> '' LIMIT 1`, dossierID)
		if len(codes) == 1 {
			code = codes[0]
		}
		return err
	})
	return code, err
}
