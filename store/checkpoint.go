package store

import (
	"context"
	"fmt"
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

// Checkpoint copies the whole WAL into the database file and empties it
// (SQLite; nothing on PostgreSQL): a file about to be copied or moved must
// hold everything. A checkpoint of the goroutine's in progress makes
// SQLite answer "busy" without an error, so it is asked again.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.dialect != SQLite {
		return nil
	}
	for try := 0; ; try++ {
		var busy, logged, done int
		if err := db.sql.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done); err != nil {
			return fmt.Errorf("DB.Checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		if try == 100 {
			return fmt.Errorf("DB.Checkpoint: the WAL stayed busy (%d of %d pages copied)", done, logged)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}
