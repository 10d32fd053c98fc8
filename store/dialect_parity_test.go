package store_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/store"
)

// allowedOnlyIn lists the catalogue facts one engine has and the other
// lacks for a reason; every other difference between the two migration
// sets is drift. Facts are spelt as describe prints them.
var allowedOnlyIn = map[store.Dialect]map[string]string{
	store.SQLite: {
		// SQLite has one writer, which commits in id order: the feed needs no
		// transaction id (store/outbox.go).
		"column outbox.tx_id integer not null default 0": "single writer",
		// An INTEGER PRIMARY KEY is SQLite's rowid and numbers itself; these
		// two keys are always written explicitly (the one audit_head row is
		// id 1, a migration's version is its file number), so PostgreSQL's
		// plain INTEGER key behaves the same for them.
		"column audit_head.id integer not null serial":             "written explicitly",
		"column schema_migrations.version integer not null serial": "written explicitly",
	},
	store.Postgres: {
		// PostgreSQL orders the feed by the writing transaction's id, so a
		// reader never skips a row that commits late (store/outbox.go).
		"column outbox.tx_id integer not null default pg_current_xact_id": "transaction order",
		// The same two keys, not numbered by PostgreSQL (see above).
		"column audit_head.id integer not null":             "written explicitly",
		"column schema_migrations.version integer not null": "written explicitly",
	},
}

// compareDialects returns every difference between the two descriptions
// not allow-listed, one readable line each.
func compareDialects(sqlite, postgres schemaFacts) []string {
	var problems []string
	for _, fact := range diffFacts(sqlite, postgres) {
		if _, ok := allowedOnlyIn[store.SQLite][fact]; !ok {
			problems = append(problems, "only in SQLite:     "+fact)
		}
	}
	for _, fact := range diffFacts(postgres, sqlite) {
		if _, ok := allowedOnlyIn[store.Postgres][fact]; !ok {
			problems = append(problems, "only in PostgreSQL: "+fact)
		}
	}
	return problems
}

// TestDialectParity migrates a fresh SQLite file and a fresh PostgreSQL
// schema and compares what each engine's catalogue says: tables, columns
// (type family, nullability, default, self-numbering key), primary keys,
// unique constraints, named indexes with their predicates, foreign keys.
// CHECK constraints are not compared (SQLite keeps them only as text).
func TestDialectParity(t *testing.T) {
	ctx := t.Context()
	lite := openSQLite(t, t.TempDir()+"/motcua.db")
	liteFacts, err := describe(ctx, lite)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"table dossiers", "primary key dossiers (id)",
		"column dossiers.id integer not null serial", "unique index dossiers.dossiers_intake_key (intake_key) where intake_key <> ''"} {
		if !liteFacts[want] { // the reader must see the schema, or the comparison proves nothing
			t.Fatalf("SQLite description lacks %q; it has %d facts", want, len(liteFacts))
		}
	}
	reference := liteFacts // stands in for PostgreSQL in the drift check when it is absent
	if dsn := pgtest.DSN(); dsn == "" {
		t.Logf("%s is empty: dialect parity not compared, drift check against SQLite only", pgEnv)
	} else {
		pgFacts, err := describe(ctx, pgtest.Open(t, dsn))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range compareDialects(liteFacts, pgFacts) {
			t.Error(p)
		}
		for _, p := range staleAllowances(liteFacts, pgFacts) {
			t.Error(p)
		}
		reference = pgFacts
	}
	t.Run("drift is caught", func(t *testing.T) { driftIsCaught(t, lite, reference) })
}

// staleAllowances reports allow-list entries that no longer describe a
// difference, so that the list cannot hide drift later.
func staleAllowances(sqlite, postgres schemaFacts) []string {
	var stale []string
	for fact := range allowedOnlyIn[store.SQLite] {
		if !sqlite[fact] || postgres[fact] {
			stale = append(stale, "allow-listed but not only in SQLite: "+fact)
		}
	}
	for fact := range allowedOnlyIn[store.Postgres] {
		if !postgres[fact] || sqlite[fact] {
			stale = append(stale, "allow-listed but not only in PostgreSQL: "+fact)
		}
	}
	return stale
}

// driftIsCaught copies the migrated SQLite file, changes the copy only, as
// a migration forgotten for PostgreSQL would, and checks the comparison
// names exactly the change.
func driftIsCaught(t *testing.T, lite *store.DB, reference schemaFacts) {
	for _, c := range []struct {
		name, change string
		want         []string
	}{
		{"column", `ALTER TABLE dossiers ADD COLUMN drift_probe TEXT NOT NULL DEFAULT ''`,
			[]string{"only in SQLite:     column dossiers.drift_probe text not null default ''"}},
		{"foreign key", `ALTER TABLE dossiers ADD COLUMN drift_unit_id BIGINT REFERENCES units(id)`,
			[]string{"only in SQLite:     column dossiers.drift_unit_id integer null",
				"only in SQLite:     foreign key dossiers (drift_unit_id) -> units (id) on delete no action on update no action"}},
		{"partial index", `CREATE INDEX dossiers_drift ON dossiers (closed_at, state) WHERE closed_at <> 0`,
			[]string{"only in SQLite:     index dossiers.dossiers_drift (closed_at, state) where closed_at <> 0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			facts, err := describe(t.Context(), driftedCopy(t, lite, c.change))
			if err != nil {
				t.Fatal(err)
			}
			if got := compareDialects(facts, reference); !reflect.DeepEqual(got, c.want) {
				t.Errorf("after %s the comparison reports\n%s\nwant\n%s", c.change, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// driftedCopy copies the SQLite file with VACUUM INTO and applies change
// to the copy.
func driftedCopy(t *testing.T, lite *store.DB, change string) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copy.db")
	if _, err := lite.SQL().ExecContext(t.Context(), "VACUUM INTO '"+strings.ReplaceAll(path, "'", "''")+"'"); err != nil {
		t.Fatal(err)
	}
	copied := openSQLite(t, path)
	if _, err := copied.SQL().ExecContext(t.Context(), change); err != nil {
		t.Fatal(err)
	}
	return copied
}

func openSQLite(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
