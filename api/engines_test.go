package api_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// engines lists the databases the scope tests run on: SQLite always,
// PostgreSQL when MOTCUA_TEST_PG holds a DSN.
func engines(t *testing.T) []string {
	if os.Getenv("MOTCUA_TEST_PG") == "" {
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
	dsn := os.Getenv("MOTCUA_TEST_PG")
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := "t_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := store.Open(context.Background(), dsn+sep+"search_path="+schema)
	if err != nil {
		t.Fatal(err)
	}
	if err := buildFixture(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return serveEnv(t, db)
}
