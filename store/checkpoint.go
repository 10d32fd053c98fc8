package store

import (
	"context"
	"log/slog"
	"time"
)

// The checkpointer copies the WAL back into the database file beside the
// writers. SQLite otherwise does it inside the commit that takes the WAL
// past 1,000 pages, holding the write lock: 8 % of an intake's time at 10M
// dossiers. PASSIVE waits for nobody; the writers' own automatic
// checkpoint stays, at a higher mark (sqlitePragmas), for when this one
// falls behind.

// checkpointEvery is how often the WAL is copied back.
const checkpointEvery = 250 * time.Millisecond

func (db *DB) startCheckpointer() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	db.stopCheckpointer = func() { cancel(); <-done }
	go func() {
		defer close(done)
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if _, err := db.sql.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`); err != nil && ctx.Err() == nil {
					slog.Warn("store: checkpoint", "err", err) // the writers' own checkpoint still runs
				}
			}
		}
	}()
}
