// Package pgtest opens the store on the test PostgreSQL in a schema of its
// own, dropped when the test ends, for the suites that run on both engines.
package pgtest

import (
	"context"
	"os"
	"testing"

	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// Env names the environment variable holding a PostgreSQL DSN; when it is
// empty the suites run on SQLite only (design.md §5).
const Env = "MOTCUA_TEST_PG"

// DSN is the test PostgreSQL, or "".
func DSN() string { return os.Getenv(Env) }

// Open creates schema t_<random>, opens the store in it and drops the
// schema when the test ends.
func Open(t testing.TB, dsn string) *store.DB {
	t.Helper()
	scoped, schema := Schema(t, dsn)
	db, err := store.Open(context.Background(), scoped)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() }) // runs before the schema is dropped
	if got, err := storetest.CurrentSchema(context.Background(), db); err != nil || got != schema {
		t.Fatalf("search_path not honoured: current_schema() = %q, %v; want %s", got, err, schema)
	}
	return db
}

// Schema creates schema t_<random>, dropped when the test ends, and returns
// dsn scoped to it, for a server process the test starts.
func Schema(t testing.TB, dsn string) (scoped, schema string) {
	t.Helper()
	s, err := storetest.NewSchema(context.Background(), dsn)
	if err != nil {
		t.Fatalf("%s=%q: %v", Env, dsn, err)
	}
	t.Cleanup(func() {
		if err := s.Drop(context.Background()); err != nil {
			t.Error(err)
		}
	})
	return s.DSN, s.Name
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
