package sample

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// template is the SQLite file the world is built in once per test binary;
// world is what was built there.
var template struct {
	path  string
	world World
}

// Main builds the world once in a template database, hands it to named
// (where a package gives its values the names its tests use), runs the
// tests and removes the template. A TestMain ends os.Exit(sample.Main(…)).
func Main(m *testing.M, named func(World)) int {
	dir, err := os.MkdirTemp("", "motcua-sample-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := buildTemplate(filepath.Join(dir, "template.db")); err != nil {
		fmt.Fprintln(os.Stderr, "building the test database:", err)
		return 1
	}
	named(template.world)
	return m.Run()
}

func buildTemplate(path string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := Build(ctx, db)
	if err != nil {
		return err
	}
	if err := db.Checkpoint(ctx); err != nil { // the file alone holds everything
		return err
	}
	template.path, template.world = path, w
	return nil
}

// Open returns the test's own copy of the world on SQLite, its clock at
// Now, closed when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	if template.path == "" {
		t.Fatal("sample.Open without sample.Main in the package's TestMain")
	}
	data, err := os.ReadFile(template.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "motcua.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return Now }
	return db
}

// Engines lists the engines a two-engine test runs on: SQLite always,
// PostgreSQL when MOTCUA_TEST_PG holds a DSN.
func Engines(t testing.TB) []string {
	if pgtest.DSN() == "" {
		t.Log("MOTCUA_TEST_PG is empty: PostgreSQL variant skipped, SQLite only")
		return []string{"sqlite"}
	}
	return []string{"sqlite", "postgres"}
}

// OpenOn is Open on the named engine. On PostgreSQL the world is built
// from the same Build in a fresh schema, dropped when the test ends (a
// schema cannot be copied as a file can); its ids are the template's.
func OpenOn(t testing.TB, engine string) *store.DB {
	t.Helper()
	if engine == "sqlite" {
		return Open(t)
	}
	db := pgtest.Open(t, pgtest.DSN())
	if _, err := Build(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	return db
}

// OnEachEngine runs test once per engine, as a subtest named after it, on
// that engine's copy of the world.
func OnEachEngine(t *testing.T, test func(t *testing.T, db *store.DB)) {
	for _, engine := range Engines(t) {
		t.Run(engine, func(t *testing.T) { test(t, OpenOn(t, engine)) })
	}
}

// LedgerSize returns how many dossiers and events db holds.
func LedgerSize(t testing.TB, db *store.DB) [2]int {
	t.Helper()
	dossiers, events, err := storetest.LedgerSize(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return [2]int{dossiers, events}
}

// WantLedgerSize fails the test unless db holds want (dossiers, events):
// a refused request writes nothing to the ledger.
func WantLedgerSize(t testing.TB, db *store.DB, want [2]int) {
	t.Helper()
	if got := LedgerSize(t, db); got != want {
		t.Fatalf("(dossiers, events) = %v, want %v: a rejected request wrote to the ledger", got, want)
	}
}
