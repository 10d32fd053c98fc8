package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/report"
)

// The per-record state of the sync to the national co-ordination system
// (issue 20; the sender is adapter/partner/dvcqg; docs/national-sync.md).
// Every change of a record raises its wanted version in the change's own
// transaction (nationalChanged, nationalRefused), so the sender never
// misses one; the sender marks what the national side took or refused.

// SyncKey names what a national record is of: a dossier, or an online
// submission refused before acceptance (SubmissionID; DossierID 0).
type SyncKey struct {
	DossierID, SubmissionID int64
}

// String names the key in logs and errors.
func (k SyncKey) String() string {
	if k.SubmissionID != 0 {
		return "submission " + strconv.FormatInt(k.SubmissionID, 10)
	}
	return "dossier " + strconv.FormatInt(k.DossierID, 10)
}

// table and column hold the key's sync state.
func (k SyncKey) table() (table, column string, id int64) {
	if k.SubmissionID != 0 {
		return "national_sync_submissions", "submission_id", k.SubmissionID
	}
	return "national_sync", "dossier_id", k.DossierID
}

// NationalSync is one record's sync state.
type NationalSync struct {
	SyncKey
	Version     int // the version to send: moves with every change of the record
	SentVersion int // the last version the national side took; 0 none
	LastError   string
	Attempts    int // failures since the last success
	NextAttempt time.Time
	SyncedAt    time.Time // the last success; zero never
}

// nationalChanged records, in the transaction that changed them, that
// the dossiers' national records changed: their wanted version moves on.
// Every event calls it (publish), and so does every change to a fact the
// record reads outside the ledger (files, results, pushes, payments:
// redigitise, publishPayment). The sender marks as taken the version it
// read before building, so a change while it sends leaves the dossier due.
func nationalChanged(tx *Tx, ids ...int64) error {
	for _, id := range ids {
		if _, err := tx.exec(`INSERT INTO national_sync (dossier_id, version) VALUES (?, 1)
			ON CONFLICT (dossier_id) DO UPDATE SET version = national_sync.version + 1`, id); err != nil {
			return err
		}
	}
	return nil
}

// NationalSyncDue lists up to limit records whose version moved past the
// version sent and whose wait after a failure is over, those waiting
// longest first.
func (db *DB) NationalSyncDue(ctx context.Context, limit int) (out []NationalSync, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncDue")
	err = db.readTx(ctx, func(tx *Tx) error {
		now := ms(db.now())
		out, err = scanNationalSync(tx, `WHERE version > sent_version AND next_attempt_at <= ?`, `ORDER BY next_attempt_at, dossier_id, submission_id LIMIT ?`,
			now, now, limit)
		return err
	})
	return out, err
}

// NationalSyncOf is a record's sync state; the zero state (nothing to
// send, never sent) when it has none.
func (db *DB) NationalSyncOf(ctx context.Context, k SyncKey) (s NationalSync, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncOf(%s)", k)
	table, column, id := k.table()
	err = db.readTx(ctx, func(tx *Tx) error {
		var next, synced int64
		err := tx.queryRow(`SELECT version, sent_version, last_error, attempts, next_attempt_at, synced_at FROM `+table+
			` WHERE `+column+` = ?`, id).Scan(&s.Version, &s.SentVersion, &s.LastError, &s.Attempts, &next, &synced)
		s.SyncKey, s.NextAttempt, s.SyncedAt = k, fromMS(next), fromMS(synced)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return s, err
}

// NationalSyncFailures lists up to limit dossiers whose last attempt
// failed, with the reason, the longest failing first: what an operator
// looks at.
func (db *DB) NationalSyncFailures(ctx context.Context, limit int) (out []NationalSync, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncFailures")
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = scanNationalSync(tx, `WHERE attempts > 0`, `ORDER BY attempts DESC, dossier_id, submission_id LIMIT ?`, limit)
		return err
	})
	return out, err
}

// scanNationalSync reads the states of both kinds of record that match
// where (args once per kind), in order.
func scanNationalSync(tx *Tx, where, order string, args ...any) ([]NationalSync, error) {
	const columns = `version, sent_version, last_error, attempts, next_attempt_at, synced_at`
	rows, err := tx.query(`SELECT dossier_id, 0 AS submission_id, `+columns+` FROM national_sync `+where+
		` UNION ALL SELECT 0 AS dossier_id, submission_id, `+columns+` FROM national_sync_submissions `+where+` `+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NationalSync
	for rows.Next() {
		var s NationalSync
		var next, synced int64
		if err := rows.Scan(&s.DossierID, &s.SubmissionID, &s.Version, &s.SentVersion, &s.LastError, &s.Attempts, &next, &synced); err != nil {
			return nil, err
		}
		s.NextAttempt, s.SyncedAt = fromMS(next), fromMS(synced)
		out = append(out, s)
	}
	return out, rows.Err()
}

// NationalSynced records that the national side took the dossier at
// version (NationalSync.Version as listed before the record was built); a
// version older than one already taken changes nothing sent.
func (db *DB) NationalSynced(ctx context.Context, k SyncKey, version int) (err error) {
	defer motcua.Wrap(&err, "DB.NationalSynced(%s)", k)
	table, column, id := k.table()
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE `+table+` SET sent_version = CASE WHEN ? > sent_version THEN ? ELSE sent_version END,
			last_error = '', attempts = 0, next_attempt_at = 0, synced_at = ? WHERE `+column+` = ?`,
			version, version, ms(db.now()), id)
		return err
	})
}

// NationalSyncFailed records a failed attempt and its reason: the dossier
// stays due, to be tried again at retryAt.
func (db *DB) NationalSyncFailed(ctx context.Context, k SyncKey, reason string, retryAt time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncFailed(%s)", k)
	table, column, id := k.table()
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE `+table+` SET last_error = ?, attempts = attempts + 1, next_attempt_at = ? WHERE `+column+` = ?`,
			truncateReason(reason), ms(retryAt), id)
		return err
	})
}

// truncateReason bounds what a national answer may store.
func truncateReason(s string) string {
	const most = 500
	if len(s) <= most {
		return s
	}
	r := []rune(s[:most])
	return string(r[:len(r)-1]) + "…" // the cut may have split a rune
}

// ResyncNational makes every dossier accepted in [from, to), and every
// online submission filed then and refused, due again, now: a full
// re-sync of a period on demand. It returns how many records it queued.
func (db *DB) ResyncNational(ctx context.Context, from, to time.Time) (n int64, err error) {
	defer motcua.Wrap(&err, "DB.ResyncNational")
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`INSERT INTO national_sync (dossier_id, version)
			SELECT id, version FROM dossiers WHERE accepted_at >= ? AND accepted_at < ?
			ON CONFLICT (dossier_id) DO UPDATE SET version = excluded.version, sent_version = 0, next_attempt_at = 0`,
			ms(from), ms(to))
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		res, err = tx.exec(`INSERT INTO national_sync_submissions (submission_id, version)
			SELECT id, 1 FROM submissions WHERE state = ? AND created_at >= ? AND created_at < ?
			ON CONFLICT (submission_id) DO UPDATE SET sent_version = 0, next_attempt_at = 0`,
			string(motcua.SubmissionRefused), ms(from), ms(to))
		if err != nil {
			return err
		}
		refusals, err := res.RowsAffected()
		n += refusals
		return err
	})
	return n, err
}

// NationalSyncRate counts indicator 1.4 for the query's period (by
// acceptance) and scope (the reports' rule: decided or received by the
// unit or one below it): of the dossiers received (accepted), those the
// national side took at least once. Scorecard766 takes it as its input.
func (db *DB) NationalSyncRate(ctx context.Context, q report.Query) (r report.SyncCount, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncRate")
	if err := q.Check(); err != nil {
		return r, err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return r, err
	}
	args := append([]any{ms(q.From), ms(q.To)}, scopeArgs...)
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.synced_at > 0 THEN 1 ELSE 0 END), 0)
			FROM dossiers d LEFT JOIN national_sync s ON s.dossier_id = d.id
			WHERE d.accepted_at >= ? AND d.accepted_at < ?`+scope, args...).Scan(&r.Received, &r.Synced)
	})
	return r, err
}

// nationalSubmissionChanged records, in the decision's transaction, that
// a submission's national record changed: a refusal (every one counts
// nationally), or a request for additions to a dossier filed on the
// national portal (the nation shows it waiting). Others have none.
func nationalSubmissionChanged(tx *Tx, submissionID int64) error {
	_, err := tx.exec(`INSERT INTO national_sync_submissions (submission_id, version)
		SELECT id, 1 FROM submissions WHERE id = ? AND (state = ? OR (state = ? AND national_code <> ''))
		ON CONFLICT (submission_id) DO UPDATE SET version = national_sync_submissions.version + 1`,
		submissionID, string(motcua.SubmissionRefused), string(motcua.SubmissionIncomplete))
	return err
}

// NationalRecordOf builds the national record a sync state is of, as it
// is sent: a dossier filed on the national portal goes back under its
// national code.
func (db *DB) NationalRecordOf(ctx context.Context, k SyncKey) (rec motcua.NationalRecord, err error) {
	if k.SubmissionID == 0 {
		rec, err = db.NationalRecord(ctx, k.DossierID)
	} else {
		rec, err = db.SubmissionNationalRecord(ctx, k.SubmissionID)
	}
	if err != nil {
		return rec, err
	}
	where, id := `dossier_id = ?`, k.DossierID
	if k.SubmissionID != 0 {
		where, id = `id = ?`, k.SubmissionID
	}
	var codes []string
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		codes, err = column[string](tx, `SELECT national_code FROM submissions WHERE `+where+` AND national_code <> '' LIMIT 1`, id)
		return err
	})
	if len(codes) == 1 {
		rec.Code = codes[0]
	}
	return rec, err
}

// SubmissionNationalRecord builds the record of an online submission
// refused before acceptance, as the scorecard reads it (refusedRecords),
// or of one waiting for the additions the one-stop asked for: filed, not
// accepted, TrangThaiHoSo 5.
func (db *DB) SubmissionNationalRecord(ctx context.Context, submissionID int64) (rec motcua.NationalRecord, err error) {
	defer motcua.Wrap(&err, "DB.SubmissionNationalRecord(%d)", submissionID)
	subs, err := db.submissions(ctx, `s.id = ? AND s.state IN (?, ?)`, submissionID,
		string(motcua.SubmissionRefused), string(motcua.SubmissionIncomplete))
	if err != nil {
		return rec, err
	}
	if len(subs) == 0 {
		return rec, motcua.Errorf(motcua.ENOTFOUND, "Hồ sơ nộp trực tuyến số %d không bị từ chối và không chờ bổ sung.", submissionID)
	}
	s := subs[0]
	p, err := db.Procedure(ctx, s.ProcedureID)
	if err != nil {
		p = nil // repealed since: the record still goes, without the version's facts
	}
	code := ""
	if u, err := db.Unit(ctx, s.UnitID); err == nil {
		code = u.Code
	}
	rec = ledger.RefusedRecord(s, p, code, "", db.PublicURL)
	if s.State == motcua.SubmissionIncomplete { // filed, waiting for additions: not refused, nothing ended
		rec.Refused, rec.RefusedAt, rec.EndedAt, rec.State = false, time.Time{}, time.Time{}, motcua.StateSupplement
	}
	return rec, nil
}

// SubmitNational files a dossier filed on the national portal as an online
// submission (Submit) under its national code: pushed again, it is the
// same submission (the code is its idempotency key).
func (db *DB) SubmitNational(ctx context.Context, c motcua.Contact, s *motcua.Submission, code string) (err error) {
	defer motcua.Wrap(&err, "DB.SubmitNational(%q)", code)
	s.Key = "dvcqg:" + code
	return db.submitThen(ctx, c, s, nil, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE submissions SET national_code = ? WHERE id = ?`, code, s.ID)
		return err
	})
}

// ScorecardSync is indicator 1.4's input to Scorecard766: the period's
// count, or nil while the national side has never taken a record (no sync
// configured), so that the scorecard says "no data" rather than 0 % and
// does not multiply 3.3 by it.
func (db *DB) ScorecardSync(ctx context.Context, q report.Query) (c *report.SyncCount, err error) {
	defer motcua.Wrap(&err, "DB.ScorecardSync")
	var started int
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT COUNT(*) FROM (SELECT 1 FROM national_sync WHERE synced_at > 0 LIMIT 1) x`).Scan(&started)
	})
	if err != nil || started == 0 {
		return nil, err
	}
	r, err := db.NationalSyncRate(ctx, q)
	return &r, err
}
