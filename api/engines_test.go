package api_test

import (
	"context"
	"testing"

	"github.com/motcua/motcua/internal/pgtest"
)

// engines lists the databases the scope tests run on: SQLite always,
// PostgreSQL when MOTCUA_TEST_PG holds a DSN.
func engines(t *testing.T) []string {
	if pgtest.DSN() == "" {
		t.Log("MOTCUA_TEST_PG is empty: PostgreSQL variant skipped, SQLite only")
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// newEnvOn is newEnv on the named engine; on PostgreSQL the fixture is built
// in a fresh schema, dropped at the end.
func newEnvOn(t *testing.T, engine string) *env {
	t.Helper()
	if engine == "sqlite" {
		return newEnv(t)
	}
	db := pgtest.Open(t, pgtest.DSN())
	if err := buildFixture(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return serveEnv(t, db)
}
