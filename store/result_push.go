package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Pushing result links to the citizen's national data store (issue 18,
// item 5; indicator 4.4). A worker (package adapter/partner/khodl) asks
// for the issued results not yet pushed, sends each one's link, and marks
// it pushed, or failed to be tried again later. Only a result that still
// counts goes: neither revoked nor superseded, of a dossier whose applicant
// has an identity number (the store is kept per person), not erased by the
// retention, and with no late entry waiting for a leader (a refused late
// "Có kết quả" revokes its result). The push discloses personal data to
// another system: each attempt is in the audit trail, with the identity
// number masked.

// UnpushedResult is a result to push, with its row id and the failures so
// far. Link is left to the pusher, which knows the public address.
type UnpushedResult struct {
	ID       int64
	Attempts int
	motcua.PushedResult
}

// defaultResultKind names a result whose procedure names no kind (as the
// verification page does).
const defaultResultKind = "Kết quả giải quyết thủ tục hành chính"

// UnpushedResults lists up to limit results to push now, oldest first; a
// result that failed waits until its retry time.
func (db *DB) UnpushedResults(ctx context.Context, limit int) (list []UnpushedResult, err error) {
	defer motcua.Wrap(&err, "DB.UnpushedResults(%d)", limit)
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT r.id, r.push_attempts, d.applicant_id_number, r.code, v.result_type, f.sha256, r.issued_at,
				u.code, r.valid_until, d.code
			FROM issued_results r
			JOIN dossiers d ON d.id = r.dossier_id
			JOIN procedure_versions v ON v.id = d.version_id
			JOIN units u ON u.id = r.unit_id
			JOIN result_files f ON f.id = r.result_file_id
			WHERE r.pushed_at = 0 AND r.push_after <= ? AND r.revoked_at IS NULL AND r.superseded_by_id IS NULL
				AND d.applicant_id_number <> '' AND d.erased_at = 0 AND d.pending_seq = 0
			ORDER BY r.id LIMIT ?`, ms(db.now()), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r UnpushedResult
			var issued, valid int64
			if err := rows.Scan(&r.ID, &r.Attempts, &r.IDNumber, &r.Code, &r.Name, &r.SHA256, &issued, &r.Issuer, &valid, &r.DossierCode); err != nil {
				return err
			}
			r.IssuedAt, r.ValidUntil = fromMS(issued), fromMS(valid)
			if r.Name == "" {
				r.Name = defaultResultKind
			}
			list = append(list, r)
		}
		return rows.Err()
	})
	return list, err
}

// MarkPushed records that the national data store took result id's link
// at at. A result already marked stays as it was.
func (db *DB) MarkPushed(ctx context.Context, id int64, at time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.MarkPushed(%d)", id)
	return db.inTx(ctx, func(tx *Tx) error {
		object, idNumber, err := pushedAbout(tx, id)
		if err != nil {
			return err
		}
		res, err := tx.exec(`UPDATE issued_results SET pushed_at = ? WHERE id = ? AND pushed_at = 0`, ms(at), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // pushed already: nothing new to record
		}
		tx.audit(motcua.AuditEntry{Action: "result.pushed", Object: object,
			Detail: "national data store; identity number " + motcua.Mask(idNumber)})
		var dossierID int64 // indicator 4.4's counters follow
		if err := tx.queryRow(`SELECT dossier_id FROM issued_results WHERE id = ?`, id).Scan(&dossierID); err != nil {
			return err
		}
		return tx.redigitise(dossierID)
	})
}

// PushFailed records a failed push of result id at at and when to try it
// again: after 1, 2, 4… minutes, at most a day.
func (db *DB) PushFailed(ctx context.Context, id int64, at time.Time, cause error) (err error) {
	defer motcua.Wrap(&err, "DB.PushFailed(%d)", id)
	return db.inTx(ctx, func(tx *Tx) error {
		object, idNumber, err := pushedAbout(tx, id)
		if err != nil {
			return err
		}
		var attempts int
		if err := tx.queryRow(`SELECT push_attempts FROM issued_results WHERE id = ?`, id).Scan(&attempts); err != nil {
			return err
		}
		attempts++
		if _, err := tx.exec(`UPDATE issued_results SET push_attempts = ?, push_after = ? WHERE id = ? AND pushed_at = 0`,
			attempts, ms(at.Add(PushBackoff(attempts))), id); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "result.push_failed", Object: object,
			Detail: "national data store; identity number " + motcua.Mask(idNumber) + "; attempt " + itoa(int64(attempts)) + ": " + pushCause(cause, idNumber)})
		return nil
	})
}

// PushBackoff is the wait after the n-th failed push of a result.
func PushBackoff(n int) time.Duration {
	if n < 1 {
		return 0
	}
	if n > 11 { // 2^10 minutes is past a day already
		return 24 * time.Hour
	}
	return min(time.Minute<<(n-1), 24*time.Hour)
}

// pushedAbout names result id in the audit trail (dossier and result
// codes) and reads its applicant's identity number.
func pushedAbout(tx *Tx, id int64) (object, idNumber string, err error) {
	var dossier, code string
	err = tx.queryRow(`SELECT d.code, r.code, d.applicant_id_number FROM issued_results r JOIN dossiers d ON d.id = r.dossier_id
		WHERE r.id = ?`, id).Scan(&dossier, &code, &idNumber)
	return dossier + " " + code, idNumber, err
}

// pushCause is a failure as the audit trail keeps it: short, and without
// the identity number should the other side have echoed it.
func pushCause(cause error, idNumber string) string {
	if cause == nil {
		return ""
	}
	s := cause.Error()
	if idNumber != "" {
		s = strings.ReplaceAll(s, idNumber, motcua.Mask(idNumber))
	}
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300]) + "…"
	}
	return s
}
