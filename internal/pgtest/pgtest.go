// Package pgtest opens the store on the test PostgreSQL in a schema of its
// own, dropped when the test ends, for the suites that run on both engines.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// Env names the environment variable holding a PostgreSQL DSN; when it is
// empty the suites run on SQLite only (design.md §5).
const Env = "MOTCUA_TEST_PG"

// DSN is the test PostgreSQL, or "".
func DSN() string { return os.Getenv(Env) }

// Open creates schema t_<random>, opens the store in it through the
// search_path runtime parameter (pgx passes unknown URL parameters to the
// server) and drops the schema when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	scoped, schema := Schema(t, dsn)
	db, err := store.Open(context.Background(), scoped)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // runs before the schema is dropped
	var got string
	if err := db.SQL().QueryRowContext(context.Background(), "SELECT current_schema()").Scan(&got); err != nil || got != schema {
		t.Fatalf("search_path not honoured: current_schema() = %q, %v; want %s", got, err, schema)
	}
	return db
}

// Schema creates schema t_<random>, dropped when the test ends, and returns
// dsn scoped to it, for a server process the test starts.
func Schema(t testing.TB, dsn string) (scoped, schema string) {
	t.Helper()
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema = "t_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("%s=%q: %v", Env, dsn, err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema, schema
}

// EachEngine runs fn on a new SQLite file, and on PostgreSQL in a schema
// of its own when Env holds a DSN.
func EachEngine(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := store.Open(t.Context(), t.TempDir()+"/motcua.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
	if dsn := DSN(); dsn != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, Open(t, dsn)) })
	}
}
