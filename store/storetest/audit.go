package storetest

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// AuditMatch selects audit entries: an action, and optionally the object
// and the acting user ("" and 0 match any).
type AuditMatch struct {
	Action string
	Object string
	UserID int64
}

// CountAudit returns how many entries of the trail match m.
func CountAudit(ctx context.Context, db *store.DB, m AuditMatch) (n int, err error) {
	defer motcua.Wrap(&err, "storetest.CountAudit(%+v)", m)
	query, args := `SELECT COUNT(*) FROM audit_log WHERE action = ?`, []any{m.Action}
	if m.Object != "" {
		query, args = query+` AND object = ?`, append(args, m.Object)
	}
	if m.UserID != 0 {
		// The actor is written "user:<id> <username>".
		query, args = query+` AND actor LIKE ?`, append(args, fmt.Sprintf("user:%d %%", m.UserID))
	}
	err = db.SQL().QueryRowContext(ctx, db.Rebind(query), args...).Scan(&n)
	return n, err
}

// UnchainedEntry is an audit entry written straight into the trail.
type UnchainedEntry struct{ Actor, Action, Object string }

// AppendUnchained writes entries after the last one of the trail, at the
// instant, without hashes, and moves the trail's head past them: a volume
// of entries for the listing's pages that would take thousands of reads
// to produce. The chain's check reports them, which these tests do not run.
func AppendUnchained(ctx context.Context, db *store.DB, at time.Time, entries []UnchainedEntry) (err error) {
	defer motcua.Wrap(&err, "storetest.AppendUnchained(%d)", len(entries))
	last, err := MaxID(ctx, db, "audit_log")
	if err != nil {
		return err
	}
	for i, e := range entries {
		if _, err := db.SQL().ExecContext(ctx, db.Rebind(`INSERT INTO audit_log (id, at, actor, source, action, object, detail, prev, hash)
			VALUES (?, ?, ?, '', ?, ?, '', '', '')`), last+int64(i)+1, at.UnixMilli(), e.Actor, e.Action, e.Object); err != nil {
			return err
		}
	}
	// The writer numbers entries from the head.
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE audit_head SET last_id = ? WHERE id = 1`), last+int64(len(entries)))
	return err
}

// TamperAuditActor rewrites the actor of the audit entry with the id, as
// someone editing the table behind the application would.
func TamperAuditActor(ctx context.Context, db *store.DB, id int64, actor string) (err error) {
	defer motcua.Wrap(&err, "storetest.TamperAuditActor(%d)", id)
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE audit_log SET actor = ? WHERE id = ?`), actor, id)
	return err
}
