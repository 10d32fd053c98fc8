package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Personal-data retention (issue 9, domain.md §15). Each procedure may set
// how many months after a dossier closed (returned, withdrawn or stopped)
// its applicant's data are kept. Erasing blanks the applicant in the
// dossier, in its acceptance event, in the online submission it came
// from, its uploads, its electronic result and the notices that named it;
// the dossier's dates, states and units stay, so every statistic is
// unchanged.

// ErasedName stands for the applicant of an erased dossier.
const ErasedName = "(đã xoá theo thời hạn lưu trữ)"

// Retention is a procedure's retention period.
type Retention struct {
	ProcedureCode string
	Months        int
}

// SetRetention sets (months > 0) or removes (months = 0) a procedure's
// retention period.
func (db *DB) SetRetention(ctx context.Context, code string, months int) (err error) {
	defer motcua.Wrap(&err, "DB.SetRetention(%q)", code)
	code = strings.TrimSpace(code)
	if months < 0 || months > 1200 {
		return motcua.FieldError("months", "Thời hạn lưu trữ tính bằng tháng, từ 1 đến 1200 (0 để bỏ).")
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM procedures WHERE code = ?`, code).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return motcua.Errorf(motcua.ENOTFOUND, "Không có thủ tục mã %s trong danh mục.", code)
		}
		if _, err := tx.exec(`DELETE FROM retention WHERE procedure_code = ?`, code); err != nil || months == 0 {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "retention.set", Object: "procedure:" + code, Detail: itoa(int64(months)) + " months"})
		_, err := tx.exec(`INSERT INTO retention (procedure_code, months, set_at) VALUES (?, ?, ?)`, code, months, ms(db.Now()))
		return err
	})
}

// Retentions lists the periods set.
func (db *DB) Retentions(ctx context.Context) (list []Retention, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT procedure_code, months FROM retention ORDER BY procedure_code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Retention
			if err := rows.Scan(&r.ProcedureCode, &r.Months); err != nil {
				return err
			}
			list = append(list, r)
		}
		return rows.Err()
	})
	return list, err
}

// Erased is what one run of the retention erased.
type Erased struct {
	Dossiers, Refusals int
	Files              []string // SHA-256 of uploads no longer referred to: the caller removes them
}

// EraseExpired erases the personal data whose retention ran out by at, in
// batches, each batch one transaction.
func (db *DB) EraseExpired(ctx context.Context, at time.Time) (e Erased, err error) {
	defer motcua.Wrap(&err, "DB.EraseExpired")
	periods, err := db.Retentions(ctx)
	if err != nil {
		return e, err
	}
	for _, r := range periods {
		cutoff := ms(at.In(motcua.VN).AddDate(0, -r.Months, 0))
		for {
			var ids []int64
			err := db.readTx(ctx, func(tx *Tx) (err error) {
				ids, err = column[int64](tx, `SELECT d.id FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
					WHERE p.code = ? AND d.erased_at = 0 AND (
						(d.state = 'returned' AND d.returned_at > 0 AND d.returned_at < ?) OR
						(d.state IN ('withdrawn', 'stopped') AND d.closed_at > 0 AND d.closed_at < ?))
					ORDER BY d.id LIMIT 200`, r.ProcedureCode, cutoff, cutoff)
				return err
			})
			if err != nil {
				return e, err
			}
			if len(ids) == 0 {
				break
			}
			shas, err := db.eraseDossiers(ctx, ids)
			if err != nil {
				return e, err
			}
			e.Dossiers += len(ids)
			e.Files = append(e.Files, shas...)
		}
		n, err := db.eraseRefusals(ctx, r.ProcedureCode, cutoff)
		if err != nil {
			return e, err
		}
		e.Refusals += n
	}
	e.Files, err = db.unreferenced(ctx, e.Files)
	return e, err
}

// eraseDossiers erases a batch in one transaction and returns the uploads
// its submissions held.
func (db *DB) eraseDossiers(ctx context.Context, ids []int64) (shas []string, err error) {
	now := ms(db.Now())
	err = db.inTx(ctx, func(tx *Tx) error {
		for _, id := range ids {
			var code string
			if err := tx.queryRow(`SELECT code FROM dossiers WHERE id = ?`, id).Scan(&code); err != nil {
				return err
			}
			subs, err := column[int64](tx, `SELECT id FROM submissions WHERE dossier_id = ?`, id)
			if err != nil {
				return err
			}
			about := []any{code}
			for _, s := range subs {
				about = append(about, "submission:"+itoa(s))
			}
			if _, err := tx.exec(`UPDATE dossiers SET applicant_name = ?, applicant_key = '', applicant_id_number = '', applicant_address = '',
				applicant_phone = '', applicant_email = '', erased_at = ? WHERE id = ?`, ErasedName, now, id); err != nil {
				return err
			}
			if err := eraseAcceptance(tx, id); err != nil {
				return err
			}
			files, err := column[string](tx, `SELECT f.sha256 FROM submission_files f JOIN submissions s ON s.id = f.submission_id WHERE s.dossier_id = ?
				UNION SELECT sha256 FROM result_files WHERE dossier_id = ? UNION SELECT sha256 FROM component_files WHERE dossier_id = ?`, id, id, id)
			if err != nil {
				return err
			}
			shas = append(shas, files...)
			for _, q := range []string{
				`DELETE FROM submission_files WHERE submission_id IN (SELECT id FROM submissions WHERE dossier_id = ?)`,
				`DELETE FROM issued_results WHERE dossier_id = ?`, // the codes go with their files
				`DELETE FROM result_files WHERE dossier_id = ?`,
				`DELETE FROM component_files WHERE dossier_id = ?`,
				`UPDATE submissions SET contact = '', applicant_name = '` + ErasedName + `', applicant_id_number = '', applicant_address = '',
					applicant_phone = '', applicant_email = '' WHERE dossier_id = ?`,
				`UPDATE ratings SET comment = '' WHERE dossier_id = ?`,
			} {
				if _, err := tx.exec(q, id); err != nil {
					return err
				}
			}
			// The notices about this dossier and the submission it came
			// from go too: they carry the address or number, and what they
			// said. Notices about the same person's other dossiers stay.
			if _, err := tx.exec(`DELETE FROM notifications WHERE about IN (`+marks(len(about))+`)`, about...); err != nil {
				return err
			}
			tx.audit(motcua.AuditEntry{Action: "retention.erased", Object: code})
			tx.db.tracks.forget(code)
		}
		return nil
	})
	return shas, err
}

// eraseAcceptance blanks the applicant in the dossier's events (the
// acceptance carries it; an imported history may carry it elsewhere): the
// ledger keeps what happened and when, not who asked.
func eraseAcceptance(tx *Tx, dossierID int64) error {
	type row struct {
		id  int64
		raw string
	}
	var named []row
	rows, err := tx.query(`SELECT id, data FROM events WHERE dossier_id = ? ORDER BY seq`, dossierID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.raw); err != nil {
			rows.Close()
			return err
		}
		if strings.Contains(r.raw, `"applicant"`) {
			named = append(named, r)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range named {
		var data motcua.EventData
		if err := json.Unmarshal([]byte(r.raw), &data); err != nil {
			return err
		}
		data.Applicant = &motcua.Applicant{Name: ErasedName}
		b, err := json.Marshal(data)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE events SET data = ? WHERE id = ?`, string(b), r.id); err != nil {
			return err
		}
	}
	return nil
}

// eraseRefusals blanks the applicants of refusals at intake older than
// the cutoff.
func (db *DB) eraseRefusals(ctx context.Context, code string, cutoff int64) (n int, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE intake_refusals SET applicant_name = ?, applicant_id_number = '', applicant_address = '', applicant_phone = '',
			erased_at = ? WHERE erased_at = 0 AND at < ? AND procedure_id IN (SELECT id FROM procedures WHERE code = ?)`,
			ErasedName, ms(db.Now()), cutoff, code)
		if err != nil {
			return err
		}
		affected, _ := res.RowsAffected()
		n = int(affected)
		if n > 0 {
			tx.audit(motcua.AuditEntry{Action: "retention.erased_refusals", Object: "procedure:" + code, Detail: itoa(affected)})
		}
		return nil
	})
	return n, err
}

// unreferenced keeps the hashes no remaining row refers to.
func (db *DB) unreferenced(ctx context.Context, shas []string) ([]string, error) {
	if len(shas) == 0 {
		return nil, nil
	}
	refs, err := db.FileRefs(ctx)
	if err != nil {
		return nil, err
	}
	held := map[string]bool{}
	for _, r := range refs {
		held[r] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range shas {
		if !held[s] && !seen[s] {
			out, seen[s] = append(out, s), true
		}
	}
	return out, nil
}
