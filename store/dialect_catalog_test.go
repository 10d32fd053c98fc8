package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/motcua/motcua/store"
)

// The dialect-parity test reads each engine's catalogue into one set of
// facts, one readable line each ("column dossiers.code text not null"),
// so that comparing two schemas is comparing two sets of strings.
type schemaFacts map[string]bool

func (f schemaFacts) add(format string, args ...any) { f[fmt.Sprintf(format, args...)] = true }

// describe reads the schema of db's engine.
func describe(ctx context.Context, db *store.DB) (schemaFacts, error) {
	if db.Dialect() == store.Postgres {
		return describePostgres(ctx, db.SQL())
	}
	return describeSQLite(ctx, db.SQL())
}

// typeFamily maps a declared type to what the application relies on. The
// project stores instants as BIGINT milliseconds and flags as INTEGER 0/1,
// so there is no timestamp or boolean family; SQLite keeps every integer in
// 64 bits, so widths (SMALLINT, INTEGER, BIGINT) are not compared.
func typeFamily(declared string) string {
	t := strings.ToUpper(declared)
	switch {
	case strings.Contains(t, "INT") || t == "BIGSERIAL" || t == "SERIAL":
		return "integer"
	case strings.Contains(t, "CHAR") || strings.Contains(t, "TEXT") || strings.Contains(t, "CLOB"):
		return "text"
	case strings.Contains(t, "BLOB") || t == "BYTEA":
		return "bytes"
	case strings.Contains(t, "REAL") || strings.Contains(t, "FLOA") || strings.Contains(t, "DOUB"):
		return "real"
	case strings.Contains(t, "BOOL"):
		return "boolean"
	case strings.Contains(t, "TIMESTAMP") || t == "DATE":
		return "timestamp"
	}
	return "other(" + strings.ToLower(declared) + ")"
}

var (
	casts     = regexp.MustCompile(`::[a-z_ ]+(\[\])?`)
	spaces    = regexp.MustCompile(`\s+`)
	quotedNum = regexp.MustCompile(`^'(-?[0-9.]+)'$`)
)

// normalExpr makes a default or an index predicate comparable across the
// engines: PostgreSQL writes casts (”::text) and parentheses the
// migrations do not have.
func normalExpr(e string) string {
	e = casts.ReplaceAllString(e, "")
	e = strings.NewReplacer("(", "", ")", "").Replace(e)
	e = strings.TrimSpace(spaces.ReplaceAllString(e, " "))
	return quotedNum.ReplaceAllString(e, "$1") // '-1'::integer
}

// columnFact is one column: type family, nullability, default. serial marks
// a key the engine numbers itself (SQLite's INTEGER PRIMARY KEY rowid alias,
// PostgreSQL's BIGSERIAL sequence), which must agree too: an SQLite
// "BIGINT PRIMARY KEY" would not number itself.
func columnFact(f schemaFacts, table, column, family string, notNull, serial bool, dflt string) {
	null := "null"
	if notNull {
		null = "not null"
	}
	if serial {
		null += " serial"
	}
	if dflt != "" {
		null += " default " + normalExpr(dflt)
	}
	f.add("column %s.%s %s %s", table, column, family, null)
}

// keyFact records a primary key or a unique constraint (or a full unique
// index made by a constraint) by its columns, whatever the engine named it.
func keyFact(f schemaFacts, kind, table string, columns []string) {
	f.add("%s %s (%s)", kind, table, strings.Join(columns, ", "))
}

// indexFact records an index created by name (CREATE [UNIQUE] INDEX).
func indexFact(f schemaFacts, table, name string, unique bool, columns []string, predicate string) {
	kind := "index"
	if unique {
		kind = "unique index"
	}
	s := fmt.Sprintf("%s %s.%s (%s)", kind, table, name, strings.Join(columns, ", "))
	if predicate != "" {
		s += " where " + normalExpr(predicate)
	}
	f.add("%s", s)
}

func foreignKeyFact(f schemaFacts, table string, from []string, parent string, to []string, onDelete, onUpdate string) {
	f.add("foreign key %s (%s) -> %s (%s) on delete %s on update %s", table, strings.Join(from, ", "),
		parent, strings.Join(to, ", "), strings.ToLower(onDelete), strings.ToLower(onUpdate))
}

// queryRows runs query and hands each row's scan to fn.
func queryRows(ctx context.Context, q *sql.DB, query string, fn func(scan func(...any) error) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		short := strings.Join(strings.Fields(query), " ")
		if len(short) > 60 {
			short = short[:60] + "…"
		}
		return fmt.Errorf("%s: %w", short, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// diffFacts lists, sorted, the facts of a not in b.
func diffFacts(a, b schemaFacts) []string {
	var out []string
	for fact := range a {
		if !b[fact] {
			out = append(out, fact)
		}
	}
	sort.Strings(out)
	return out
}
