package store

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// resultFrom joins an issued result with its dossier, procedure version,
// unit, file, and the results it supersedes and is superseded by.
const resultFrom = `
	FROM issued_results r
	JOIN dossiers d ON d.id = r.dossier_id
	JOIN procedure_versions v ON v.id = d.version_id
	JOIN units u ON u.id = r.unit_id
	JOIN result_files f ON f.id = r.result_file_id
	LEFT JOIN issued_results sp ON sp.id = r.supersedes_id
	LEFT JOIN issued_results sb ON sb.id = r.superseded_by_id`

// resultQuery reads issued results with what the staff list shows and
// the dossier's tracking secret, which opens the file.
const resultQuery = `SELECT r.id, r.code, r.dossier_id, d.code, r.unit_id, u.name, v.name, v.result_type, r.issued_at,
	COALESCE(iu.full_name, ''), COALESCE(sp.code, ''), r.reason, COALESCE(sb.code, ''), COALESCE(sb.issued_at, 0),
	COALESCE(r.revoked_at, 0), COALESCE(ru.full_name, ''), r.revoke_reason,
	f.id, f.file_name, f.content_type, f.size, f.sha256, d.tracking_secret, r.valid_until` + resultFrom + `
	LEFT JOIN users iu ON iu.id = r.issued_by
	LEFT JOIN users ru ON ru.id = r.revoked_by
	WHERE `

// verifyQuery is resultQuery for the public page, which names no officer.
const verifyQuery = `SELECT r.id, r.code, r.dossier_id, d.code, r.unit_id, u.name, v.name, v.result_type, r.issued_at,
	'', COALESCE(sp.code, ''), r.reason, COALESCE(sb.code, ''), COALESCE(sb.issued_at, 0),
	COALESCE(r.revoked_at, 0), '', r.revoke_reason,
	f.id, f.file_name, f.content_type, f.size, f.sha256, d.tracking_secret, r.valid_until` + resultFrom + `
	WHERE r.code = ?`

type scanner interface{ Scan(...any) error }

// scanResult reads one row of resultQuery and the dossier's secret.
func scanResult(row scanner) (r motcua.IssuedResult, secret string, err error) {
	var issued, superseded, revoked, validUntil int64
	err = row.Scan(&r.ID, &r.Code, &r.DossierID, &r.DossierCode, &r.UnitID, &r.UnitName, &r.Procedure, &r.Kind, &issued,
		&r.IssuedBy, &r.Supersedes, &r.Reason, &r.SupersededBy, &superseded, &revoked, &r.RevokedBy, &r.RevokeReason,
		&r.File.ID, &r.File.FileName, &r.File.ContentType, &r.File.Size, &r.File.SHA256, &secret, &validUntil)
	if err != nil {
		return r, "", err
	}
	r.IssuedAt, r.SupersededAt, r.RevokedAt, r.ValidUntil = fromMS(issued), fromMS(superseded), fromMS(revoked), fromMS(validUntil)
	r.File.Document, r.File.At = ResultDocument, r.IssuedAt
	if r.Kind == "" {
		r.Kind = "Kết quả giải quyết thủ tục hành chính"
	}
	switch {
	case revoked != 0:
		r.Status = motcua.ResultRevoked
	case r.SupersededBy != "":
		r.Status = motcua.ResultSuperseded
	default:
		r.Status = motcua.ResultValid
	}
	return r, secret, nil
}

// readResults reads the issued results where cond holds, oldest first.
func readResults(tx *Tx, cond string, args ...any) ([]motcua.IssuedResult, error) {
	rows, err := tx.query(resultQuery+cond+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.IssuedResult
	for rows.Next() {
		r, _, err := scanResult(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Verification (/xac-minh) is public and may be polled by whoever checks a
// paper copy; its answers are kept a moment in memory like tracking's
// (store/track.go), and a write in this process drops them at once.
const verifyTTL = 2 * time.Second

type verifyEntry struct {
	r      *motcua.IssuedResult // nil: no such code
	secret string
	at     time.Time
}

type verifyCache struct {
	mu sync.RWMutex
	m  map[string]verifyEntry
}

func (c *verifyCache) get(code string, now time.Time) (verifyEntry, bool) {
	c.mu.RLock()
	e, ok := c.m[code]
	c.mu.RUnlock()
	return e, ok && now.Sub(e.at) <= verifyTTL
}

func (c *verifyCache) put(code string, e verifyEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= trackEntries {
		c.m = map[string]verifyEntry{}
	}
	c.m[code] = e
}

func (c *verifyCache) forget(code string) {
	c.mu.Lock()
	delete(c.m, code)
	c.mu.Unlock()
}

var errResultNotFound = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy kết quả với mã và thông tin xác thực đã nhập.")

// lookupResult reads a result by code, from the cache when fresh.
func (db *DB) lookupResult(ctx context.Context, code string) (verifyEntry, error) {
	if e, fresh := db.verified.get(code, time.Now()); fresh {
		return e, nil
	}
	stmt, err := db.prepared(&db.verifyPrepared, verifyQuery)
	if err != nil {
		return verifyEntry{}, err
	}
	r, secret, err := scanResult(stmt.QueryRowContext(ctx, code))
	e := verifyEntry{at: time.Now(), secret: secret}
	switch {
	case err == nil:
		e.r = &r
	case !errors.Is(err, sql.ErrNoRows):
		return verifyEntry{}, err
	}
	db.verified.put(code, e)
	return e, nil
}

// VerifyResult answers anyone with a result code: the public facts of the
// result (issuer, kind, date, status, hash) and nothing personal — the
// caller shows only those (the dossier's code and the officers' names are
// cleared). With the dossier's tracking secret (from the receipt) the
// answer opens the document too (opened). An unknown code and a wrong
// secret get the same answer.
func (db *DB) VerifyResult(ctx context.Context, code, secret string) (r *motcua.IssuedResult, opened bool, err error) {
	code = motcua.NormalizeResultCode(code)
	e, err := db.lookupResult(ctx, code)
	if err != nil {
		return nil, false, fmt.Errorf("DB.VerifyResult: %w", err)
	}
	if e.r == nil {
		return nil, false, errResultNotFound
	}
	if secret != "" {
		s := motcua.NormalizeTrackSecret(secret)
		if e.secret == "" || subtle.ConstantTimeCompare([]byte(e.secret), []byte(s)) != 1 {
			return nil, false, errResultNotFound
		}
		opened = true
	}
	public := *e.r
	public.DossierID, public.DossierCode, public.IssuedBy, public.RevokedBy = 0, "", "", ""
	if !opened { // officers' free text may name the applicant
		public.File.FileName, public.Reason, public.RevokeReason = "", "", ""
	}
	return &public, opened, nil
}

// ResultDocument returns the file of a result to the holder of its code
// and the receipt's tracking secret (unknown and wrong: not found), and
// logs the read.
func (db *DB) ResultDocument(ctx context.Context, code, secret string) (f *motcua.SubmittedFile, err error) {
	r, opened, err := db.VerifyResult(ctx, code, secret)
	if err != nil {
		return nil, err
	}
	if !opened {
		return nil, errResultNotFound
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.audit(motcua.AuditEntry{Actor: "citizen", Action: "result.download", Object: r.Code})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("DB.ResultDocument: %w", err)
	}
	return &r.File, nil
}

// validResultCode is the code of the dossier's valid result, "" if none.
func validResultCode(ctx context.Context, db *DB, dossierCode string) (string, error) {
	var code string
	err := db.sql.QueryRowContext(ctx, db.rebind(`SELECT r.code FROM issued_results r JOIN dossiers d ON d.id = r.dossier_id
		WHERE d.code = ? AND r.superseded_by_id IS NULL AND r.revoked_at IS NULL ORDER BY r.id DESC LIMIT 1`), dossierCode).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return code, err
}
