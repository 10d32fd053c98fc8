package store

import (
	"context"
	"database/sql/driver"
	"errors"
)

// bulkTx runs fn as the only writer, in a transaction of its own. On
// SQLite its connection leaves foreign keys unchecked: with them checked,
// every multi-row statement keeps a journal to undo itself half-way, a
// sixth of a register import's time. The loader vouches for the references
// it writes instead — ids it has just read or just assigned.
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
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	defer func() {
		if _, ferr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); ferr != nil {
			// Never hand the pool a connection that skips the checks.
			conn.Raw(func(any) error { return driver.ErrBadConn })
			err = errors.Join(err, ferr)
		}
	}()
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
