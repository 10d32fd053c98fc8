package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
)

// OpsFacts are the figures an operator watches (issue 9, /metrics).
type OpsFacts struct {
	DossiersByState map[motcua.State]int64
	DueSoon         int64 // processing, due within the next 24 hours
	Overdue         int64 // processing, past due
	WebhookBacklog  int64 // deliveries waiting to be sent
	NoticeBacklog   int64 // notices to citizens waiting to be sent
	AuditEntries    int64
}

// Ops reads the figures. Counting dossiers by state reads the whole table:
// callers cache the answer (a scrape every 15 s must not scan 10 M rows).
func (db *DB) Ops(ctx context.Context) (f OpsFacts, err error) {
	defer motcua.Wrap(&err, "DB.Ops")
	f.DossiersByState = map[motcua.State]int64{}
	now := db.Now()
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT state, COUNT(*) FROM dossiers GROUP BY state`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			var n int64
			if err := rows.Scan(&s, &n); err != nil {
				return err
			}
			f.DossiersByState[motcua.State(s)] = n
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.queryRow(`SELECT
			(SELECT COUNT(*) FROM dossiers WHERE state = 'processing' AND due_at >= ? AND due_at < ?),
			(SELECT COUNT(*) FROM dossiers WHERE state = 'processing' AND due_at < ?),
			(SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'),
			(SELECT COUNT(*) FROM notifications WHERE sent_at = 0),
			(SELECT last_id FROM audit_head WHERE id = 1)`,
			ms(now), ms(now.Add(24*time.Hour)), ms(now)).Scan(&f.DueSoon, &f.Overdue, &f.WebhookBacklog, &f.NoticeBacklog, &f.AuditEntries)
	})
	return f, err
}
