package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
)

// bulkTx runs fn as the only writer, in a transaction of its own. On
// SQLite its connection leaves foreign keys unchecked: with them checked,
// every multi-row statement keeps a journal to undo itself half-way, a
// sixth of a register import's time. The loader vouches for the references
// it writes instead — ids it has just read or just assigned. The page cache
// is larger meanwhile: a transaction larger than the cache spills pages to
// the WAL as it goes (64 MB: at a million rows 256 MB was no faster and
// held 400 MB more).
func (db *DB) bulkTx(ctx context.Context, fn func(*Tx) error) (err error) {
	if db.dialect != SQLite {
		return db.inTx(ctx, fn)
	}
	db.writeMu.Lock() // group commits wait, as they would behind any writer
	defer db.writeMu.Unlock()
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	defer func() {
		if rerr := restoreConn(context.WithoutCancel(ctx), conn); rerr != nil {
			// Never hand the pool a connection that skips the checks.
			conn.Raw(func(any) error { return driver.ErrBadConn })
			err = errors.Join(err, rerr)
		}
	}()
	for _, q := range []string{`PRAGMA foreign_keys = OFF`, `PRAGMA cache_size = -65536`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := runItem(&Tx{tx: tx, db: db, ctx: ctx}, fn); err != nil {
		return err
	}
	return tx.Commit()
}

// restoreConn gives a bulk connection back its checks and its cache, and
// makes sure the checks took: the pragma does nothing inside a transaction.
func restoreConn(ctx context.Context, conn *sql.Conn) error {
	for _, q := range []string{`PRAGMA foreign_keys = ON`, `PRAGMA cache_size = -2000`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	var on int
	if err := conn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on); err != nil {
		return err
	}
	if on != 1 {
		return errors.New("store: foreign keys still off on a bulk connection")
	}
	return nil
}
