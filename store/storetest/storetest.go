// Package storetest holds the raw reads and writes that tests outside store
// need: to look at a row the product shows only through an actor (and an
// audited read), or to put the database in a state the product never
// produces (a forged audit entry, a lost migration, a closed handle). They
// live here, under store/, so that no SQL text is written outside store and
// a schema change breaks them in the store's own build. Nothing in the
// product imports this package.
package storetest

import (
	"context"
	"fmt"
	"regexp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// tableName is what Count and MaxID accept: a plain identifier, since a
// table name cannot be a bound parameter.
var tableName = regexp.MustCompile(`^[a-z_]+$`)

// Count returns the number of rows of table.
func Count(ctx context.Context, db *store.DB, table string) (n int, err error) {
	defer motcua.Wrap(&err, "storetest.Count(%s)", table)
	if !tableName.MatchString(table) {
		return 0, fmt.Errorf("not a table name")
	}
	err = db.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
	return n, err
}

// MaxID returns the largest id of table, 0 when it is empty.
func MaxID(ctx context.Context, db *store.DB, table string) (id int64, err error) {
	defer motcua.Wrap(&err, "storetest.MaxID(%s)", table)
	if !tableName.MatchString(table) {
		return 0, fmt.Errorf("not a table name")
	}
	err = db.SQL().QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&id)
	return id, err
}

// LedgerSize returns how many dossiers and events the database holds: the
// figures a refused request must leave unchanged.
func LedgerSize(ctx context.Context, db *store.DB) (dossiers, events int, err error) {
	if dossiers, err = Count(ctx, db, "dossiers"); err != nil {
		return 0, 0, err
	}
	events, err = Count(ctx, db, "events")
	return dossiers, events, err
}

// ForgetLastMigration deletes the newest applied migration's record, so
// that the database looks one migration behind the binary.
func ForgetLastMigration(ctx context.Context, db *store.DB) (err error) {
	defer motcua.Wrap(&err, "storetest.ForgetLastMigration")
	_, err = db.SQL().ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)`)
	return err
}

// Disconnect closes the connection pool under a live DB, as a database
// gone away looks to the handlers; the DB itself is still closed by its
// owner.
func Disconnect(db *store.DB) error { return db.SQL().Close() }
