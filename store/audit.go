package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// The audit trail (issue 9, domain.md §15). A transaction gathers its
// entries as it goes (tx.audit); inTx appends them just before commit,
// holding the chain's head row so that entries of concurrent transactions
// take consecutive ids in the order they are chained. A change made for a
// request that named no entry of its own is recorded as the request's
// route, so every change a person or a client makes is in the trail.

// audit queues an entry for the transaction. Actor, when empty, is the
// request's; at and source are filled in at commit.
func (t *Tx) audit(e motcua.AuditEntry) {
	t.audits = append(t.audits, e)
}

// auditChunk bounds the entries of one INSERT: a printed register logs a
// read per dossier, and SQLite takes at most 32,766 parameters.
const auditChunk = 500

// flushAudit chains the transaction's entries onto the trail.
func (t *Tx) flushAudit() error {
	o := motcua.OriginOf(t.ctx)
	entries := t.audits
	if len(entries) == 0 {
		if o == nil || o.Route == "" || !t.wrote || t.quiet || strings.HasPrefix(o.Route, "GET ") {
			return nil // the server's own bookkeeping, or nothing changed
		}
		entries = []motcua.AuditEntry{{Action: o.Route}}
	}
	lastID, prev, err := t.auditHead()
	if err != nil {
		return err
	}
	at := t.db.now()
	args := make([]any, 0, 9*min(len(entries), auditChunk))
	for i, e := range entries {
		lastID++
		e.ID, e.At, e.Prev = lastID, time.UnixMilli(at.UnixMilli()), prev
		if o != nil {
			e.Source = o.Source
			if e.Actor == "" {
				e.Actor = cmp.Or(o.Actor, "anonymous") // a citizen with a receipt's secret, a failed login
			}
			if e.Detail == "" && o.RequestID != "" {
				e.Detail = "request " + o.RequestID
			}
		}
		if e.Actor == "" {
			e.Actor = "system" // a change the server made on its own (a recomputation, a timer)
		}
		e.Hash = e.ChainHash()
		prev = e.Hash
		args = append(args, e.ID, ms(e.At), e.Actor, e.Source, e.Action, e.Object, e.Detail, e.Prev, e.Hash)
		if len(args) == 9*auditChunk || i == len(entries)-1 {
			if _, err := t.exec(`INSERT INTO audit_log (id, at, actor, source, action, object, detail, prev, hash) VALUES `+
				strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(args)/9), ", "), args...); err != nil {
				return fmt.Errorf("audit: %w", err)
			}
			args = args[:0]
		}
	}
	_, err = t.exec(`UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1`, lastID, prev)
	return err
}

// auditHead reads (and on PostgreSQL locks until commit) the chain's head.
// SQLite transactions already write one at a time.
func (t *Tx) auditHead() (lastID int64, hash string, err error) {
	q := `SELECT last_id, hash FROM audit_head WHERE id = 1`
	if t.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	err = t.queryRow(q).Scan(&lastID, &hash)
	return lastID, hash, err
}

// sealAudit chains entries written without a hash (the reads migrated from
// the log that preceded the trail), in id order after the head.
func (db *DB) sealAudit(ctx context.Context) error {
	return db.inTx(ctx, func(tx *Tx) error {
		lastID, prev, err := tx.auditHead()
		if err != nil {
			return err
		}
		list, err := scanAudit(tx, `WHERE id > ? AND hash = '' ORDER BY id`, lastID)
		if err != nil || len(list) == 0 {
			return err
		}
		for _, e := range list {
			e.Prev = prev
			e.Hash = e.ChainHash()
			if _, err := tx.exec(`UPDATE audit_log SET prev = ?, hash = ? WHERE id = ?`, e.Prev, e.Hash, e.ID); err != nil {
				return err
			}
			lastID, prev = e.ID, e.Hash
		}
		_, err = tx.exec(`UPDATE audit_head SET last_id = ?, hash = ? WHERE id = 1`, lastID, prev)
		return err
	})
}

func scanAudit(tx *Tx, where string, args ...any) ([]motcua.AuditEntry, error) {
	rows, err := tx.query(`SELECT id, at, actor, source, action, object, detail, prev, hash FROM audit_log `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.AuditEntry
	for rows.Next() {
		var e motcua.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Source, &e.Action, &e.Object, &e.Detail, &e.Prev, &e.Hash); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// identify names the request's actor in its origin, once a session or key
// has shown who it is.
func identify(ctx context.Context, name string) {
	if o := motcua.OriginOf(ctx); o != nil {
		o.Actor = name
	}
}

// AuditFilter narrows a listing of the trail.
type AuditFilter struct {
	Object string // a dossier code, or another changed thing
	Actor  string // a prefix: "user:12 ", "client:", "citizen"
	From   time.Time
	// Before and After page through the trail by entry id, a keyset on the
	// primary key rather than OFFSET, so a page deep in millions of entries
	// costs what the first does: Before lists the newest entries below the
	// id, After the oldest above it (still returned newest first).
	Before, After int64
	Limit         int // 0 means 100
}

// AuditLog lists the trail's entries, newest first (for the command line,
// run by the operator; pages go through AuditLogFor).
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) (list []motcua.AuditEntry, err error) {
	defer motcua.Wrap(&err, "DB.AuditLog")
	query, args, ascending := auditQuery(f)
	err = db.readTx(ctx, func(tx *Tx) error {
		list, err = scanAudit(tx, query, args...)
		return err
	})
	if ascending { // the oldest above After, shown newest first like every page
		slices.Reverse(list)
	}
	return list, err
}

// auditQuery is the listing's WHERE, ORDER BY and LIMIT: a range of the
// primary key (or the object's index), so each page reads about its rows.
func auditQuery(f AuditFilter) (query string, args []any, ascending bool) {
	where := []string{"1 = 1"}
	if f.Object != "" {
		where, args = append(where, "object = ?"), append(args, motcua.NFC(f.Object))
	}
	if f.Actor != "" {
		where, args = append(where, "actor LIKE ? ESCAPE '\\'"), append(args, strings.NewReplacer("%", `\%`, "_", `\_`).Replace(f.Actor)+"%")
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, ms(f.From))
	}
	order := "DESC"
	if f.After > 0 {
		where, args, order, ascending = append(where, "id > ?"), append(args, f.After), "ASC", true
	} else if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	return `WHERE ` + strings.Join(where, " AND ") + ` ORDER BY id ` + order + ` LIMIT ` + strconv.Itoa(cmp.Or(f.Limit, 100)), args, ascending
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// bookkeeping marks the transaction as the server's own counting (login
// attempts), which names no change of its own in the trail.
func (t *Tx) bookkeeping() { t.quiet = true }

// MayAudit reports whether the actor may read and check the whole trail
// now (the one policy: motcua.Actor.CanReadAuditTrail): administrators of
// the top unit in force, not a commune's, whose view would show other
// communes' dossiers and officers.
func (db *DB) MayAudit(ctx context.Context, a *motcua.Actor) (bool, error) {
	units, err := db.Units(ctx)
	if err != nil {
		return false, err
	}
	return a.CanReadAuditTrail(units, db.now()), nil
}
