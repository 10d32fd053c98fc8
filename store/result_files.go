package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/motcua/motcua"
)

// The electronic result of a dossier (issue 15): when an officer records
// that the result is ready they may attach it (PDF, JPEG, PNG, checked by
// content and kept by the file store like the citizens' uploads). The row
// is written in the transaction of the event it belongs to, and names the
// event's seq: a late entry rejected, or a result recorded again, leaves
// the citizen only the result that counts. Retention erases it with the
// applicant's data (store/retention.go); backups include it (FileRefs).

// ResultDocument names an electronic result in the officer's lists.
const ResultDocument = "Kết quả giải quyết (bản điện tử)"

// ActWithResult records the result of a dossier (EventResultReady) with
// its electronic result attached; the file must already be in the file
// store. Any other action with a file is refused and nothing is written.
func (db *DB) ActWithResult(ctx context.Context, a *motcua.Actor, act motcua.Action, result *motcua.SubmittedFile) (d *motcua.Dossier, err error) {
	defer motcua.Wrap(&err, "DB.ActWithResult(%d, %s)", act.DossierID, act.Type)
	if result == nil {
		return db.act(ctx, a, act, nil)
	}
	if act.Type != motcua.EventResultReady {
		return nil, motcua.FieldError("result_file", "Chỉ đính kèm kết quả điện tử khi ghi nhận “%s”.", motcua.EventResultReady.Label())
	}
	return db.act(ctx, a, act, &ResultIssue{File: result})
}

// insertResultFile keeps the electronic result attached to e, if any,
// and issues it under its result code (store/results.go).
func insertResultFile(tx *Tx, d *motcua.Dossier, e *motcua.Event, ri *ResultIssue) error {
	if ri == nil || ri.File == nil {
		return nil
	}
	f := ri.File
	if e.Type != motcua.EventResultReady {
		return motcua.FieldError("result_file", "Chỉ đính kèm kết quả điện tử khi ghi nhận “%s”.", motcua.EventResultReady.Label())
	}
	f.Document, f.At = ResultDocument, e.RecordedAt
	if err := insertResultRow(tx, e.DossierID, e.Seq, f); err != nil {
		return err
	}
	return issueWithEvent(tx, d, e, ri)
}

// insertResultRow keeps a result file's row, f.ID set.
func insertResultRow(tx *Tx, dossierID int64, seq int, f *motcua.SubmittedFile) error {
	return tx.queryRow(`INSERT INTO result_files (dossier_id, seq, file_name, content_type, size, sha256, at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, dossierID, seq, f.FileName, f.ContentType, f.Size, f.SHA256, ms(f.At)).Scan(&f.ID)
}

// resultFiles reads the electronic results of a dossier, oldest first.
func resultFiles(tx *Tx, dossierID int64, where string, args ...any) ([]motcua.SubmittedFile, error) {
	rows, err := tx.query(`SELECT id, file_name, content_type, size, sha256, at FROM result_files WHERE dossier_id = ?`+where+` ORDER BY seq, id`,
		append([]any{dossierID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.SubmittedFile
	for rows.Next() {
		f := motcua.SubmittedFile{Document: ResultDocument}
		var at int64
		if err := rows.Scan(&f.ID, &f.FileName, &f.ContentType, &f.Size, &f.SHA256, &at); err != nil {
			return nil, err
		}
		f.At = fromMS(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// ResultFiles lists the electronic results attached to a dossier the
// officer may see (a rejected late entry's too: the list is the record).
func (db *DB) ResultFiles(ctx context.Context, a *motcua.Actor, dossierID int64) (files []motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.ResultFiles(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		if _, err := visibleDossier(tx, a, dossierID); err != nil {
			return err
		}
		files, err = resultFiles(tx, dossierID, "")
		return err
	})
	return files, err
}

// ResultFile returns one electronic result of a dossier the officer may
// see and logs the read, as DossierFile does for the uploads.
func (db *DB) ResultFile(ctx context.Context, a *motcua.Actor, dossierID, fileID int64) (f *motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.ResultFile(%d, %d)", dossierID, fileID)
	err = db.inTx(ctx, func(tx *Tx) error {
		d, err := visibleDossier(tx, a, dossierID)
		if err != nil {
			return err
		}
		files, err := resultFiles(tx, dossierID, ` AND id = ?`, fileID)
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy tệp này.")
		}
		f = &files[0]
		tx.audit(motcua.AuditEntry{Actor: a.AuditName(), Action: "dossier.result.read",
			Object: d.Code + " result:" + strconv.FormatInt(fileID, 10)})
		return nil
	})
	return f, err
}

// countingResult is the valid electronic result of the result_ready event that
// counts last (a late entry counts once approved); nil if it has none.
func countingResult(tx *Tx, dossierID int64, events []motcua.Event) (*motcua.SubmittedFile, error) {
	seq := countingSeq(events)
	if seq == 0 {
		return nil, nil
	}
	// A result revoked, or superseded by a correction, no longer counts:
	// the citizen gets, and indicator 4.2 counts, the one still valid.
	files, err := resultFiles(tx, dossierID, ` AND seq = ? AND id NOT IN (SELECT result_file_id FROM issued_results
		WHERE dossier_id = ? AND (revoked_at IS NOT NULL OR superseded_by_id IS NOT NULL))`, seq, dossierID)
	if err != nil || len(files) == 0 {
		return nil, err
	}
	return &files[len(files)-1], nil
}

// hasResultFile reports whether event seq of the dossier carries an
// electronic result: the notice of the result then says where to get it.
func hasResultFile(tx *Tx, dossierID int64, seq int) (bool, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM result_files WHERE dossier_id = ? AND seq = ? LIMIT 1`, dossierID, seq).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// MyResult returns the electronic result of the dossier a citizen's
// submission became, for that submission's own contact only (anyone else:
// not found), when the result is ready or returned.
func (db *DB) MyResult(ctx context.Context, c motcua.Contact, submissionID int64) (f *motcua.SubmittedFile, err error) {
	defer motcua.Wrap(&err, "DB.MyResult(%d)", submissionID)
	s, err := db.MySubmission(ctx, c, submissionID)
	if err != nil {
		return nil, err
	}
	follow, err := db.FollowSubmission(ctx, c, s)
	if err != nil {
		return nil, err
	}
	if follow == nil || follow.Result == nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Hồ sơ này chưa có kết quả điện tử.")
	}
	return follow.Result, nil
}
