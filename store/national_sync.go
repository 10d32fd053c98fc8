package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// The per-dossier state of the sync to the national co-ordination system
// (issue 20; the sender is adapter/partner/dvcqg). Every event raises the
// dossier's wanted version in its own transaction (wantNationalSync), so
// the sender never misses a change; the sender marks what the national
// side took or refused.

// NationalSync is one dossier's sync state.
type NationalSync struct {
	DossierID   int64
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

// NationalSyncDue lists up to limit dossiers whose version moved past the
// version sent and whose wait after a failure is over, those waiting
// longest first.
func (db *DB) NationalSyncDue(ctx context.Context, limit int) (out []NationalSync, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncDue")
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = scanNationalSync(tx, `WHERE version > sent_version AND next_attempt_at <= ? ORDER BY next_attempt_at, dossier_id LIMIT ?`,
			ms(db.now()), limit)
		return err
	})
	return out, err
}

// NationalSyncOf is a dossier's sync state; the zero state (nothing to
// send, never sent) when it has none.
func (db *DB) NationalSyncOf(ctx context.Context, dossierID int64) (s NationalSync, err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncOf(%d)", dossierID)
	err = db.readTx(ctx, func(tx *Tx) error {
		list, err := scanNationalSync(tx, `WHERE dossier_id = ?`, dossierID)
		if len(list) == 1 {
			s = list[0]
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
		out, err = scanNationalSync(tx, `WHERE attempts > 0 ORDER BY attempts DESC, dossier_id LIMIT ?`, limit)
		return err
	})
	return out, err
}

func scanNationalSync(tx *Tx, where string, args ...any) ([]NationalSync, error) {
	rows, err := tx.query(`SELECT dossier_id, version, sent_version, last_error, attempts, next_attempt_at, synced_at
		FROM national_sync `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NationalSync
	for rows.Next() {
		var s NationalSync
		var next, synced int64
		if err := rows.Scan(&s.DossierID, &s.Version, &s.SentVersion, &s.LastError, &s.Attempts, &next, &synced); err != nil {
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
func (db *DB) NationalSynced(ctx context.Context, dossierID int64, version int) (err error) {
	defer motcua.Wrap(&err, "DB.NationalSynced(%d)", dossierID)
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE national_sync SET sent_version = CASE WHEN ? > sent_version THEN ? ELSE sent_version END,
			last_error = '', attempts = 0, next_attempt_at = 0, synced_at = ? WHERE dossier_id = ?`,
			version, version, ms(db.now()), dossierID)
		return err
	})
}

// NationalSyncFailed records a failed attempt and its reason: the dossier
// stays due, to be tried again at retryAt.
func (db *DB) NationalSyncFailed(ctx context.Context, dossierID int64, reason string, retryAt time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.NationalSyncFailed(%d)", dossierID)
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE national_sync SET last_error = ?, attempts = attempts + 1, next_attempt_at = ? WHERE dossier_id = ?`,
			truncateReason(reason), ms(retryAt), dossierID)
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

// ResyncNational makes every dossier accepted in [from, to) due again at
// its current version, now: a full re-sync of a period on demand. It
// returns how many dossiers it queued.
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
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// SyncRate is indicator 1.4 as motcua counts it: of the dossiers received
// (accepted) in the period, those the national side took at least once.
type SyncRate struct {
	Synced, Received int
}

// NationalSyncRate counts indicator 1.4 for the query's period (by
// acceptance) and scope (the reports' rule: decided or received by the
// unit or one below it).
func (db *DB) NationalSyncRate(ctx context.Context, q report.Query) (r SyncRate, err error) {
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
