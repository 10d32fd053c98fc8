package store

import (
	"context"

	"github.com/motcua/motcua/report"
)

// AuditQuery lets the store's tests explain the trail's listing query.
var AuditQuery = auditQuery

// Redigitise judges dossier id again, as a write path does in its
// transaction: for fixtures that write a fact no write path writes yet.
func (db *DB) Redigitise(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error { return tx.redigitise(id) })
}

// JudgedIndicators computes 4.1–4.4 by judging every dossier of the
// period: the oracle of the counters.
func (db *DB) JudgedIndicators(ctx context.Context, q report.Query) ([]report.DigitalIndicator, error) {
	return db.judgedIndicators(ctx, q)
}

// FillDigitalCounts runs the fill of the first start after migration 036.
func (db *DB) FillDigitalCounts(ctx context.Context) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return db.fillDigitalCounts(ctx, conn)
}
