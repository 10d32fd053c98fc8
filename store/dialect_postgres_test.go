package store_test

import (
	"context"
	"database/sql"
	"strings"
)

// describePostgres reads information_schema and pg_catalog for the
// current schema (each test migrates into a schema of its own).
func describePostgres(ctx context.Context, q *sql.DB) (schemaFacts, error) {
	f := schemaFacts{}
	for _, read := range []func(context.Context, *sql.DB, schemaFacts) error{pgColumns, pgConstraints, pgIndexes} {
		if err := read(ctx, q, f); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// pgColumns records tables and columns; a nextval() default is the
// BIGSERIAL sequence, recorded as serial like SQLite's rowid alias.
func pgColumns(ctx context.Context, q *sql.DB, f schemaFacts) error {
	return queryRows(ctx, q, `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default
		FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
		func(scan func(...any) error) error {
			var table, column, dataType, nullable string
			var dflt sql.NullString
			if err := scan(&table, &column, &dataType, &nullable, &dflt); err != nil {
				return err
			}
			f.add("table %s", table)
			serial := strings.HasPrefix(dflt.String, "nextval(")
			if serial {
				dflt.String = ""
			}
			columnFact(f, table, column, typeFamily(dataType), nullable == "NO", serial, dflt.String)
			return nil
		})
}

// pgConstraints records primary keys, unique constraints and foreign keys
// with their columns in key order.
func pgConstraints(ctx context.Context, q *sql.DB, f schemaFacts) error {
	return queryRows(ctx, q, `SELECT c.contype, t.relname, coalesce(p.relname, ''), c.confdeltype, c.confupdtype,
		  (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
		     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
		  coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
		     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), '')
		FROM pg_constraint c
		JOIN pg_class t ON t.oid = c.conrelid
		LEFT JOIN pg_class p ON p.oid = c.confrelid
		WHERE t.relnamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')`,
		func(scan func(...any) error) error {
			var kind, table, parent, onDelete, onUpdate, from, to string
			if err := scan(&kind, &table, &parent, &onDelete, &onUpdate, &from, &to); err != nil {
				return err
			}
			switch kind {
			case "p":
				keyFact(f, "primary key", table, strings.Split(from, ","))
			case "u":
				keyFact(f, "unique", table, strings.Split(from, ","))
			case "f":
				foreignKeyFact(f, table, strings.Split(from, ","), parent, strings.Split(to, ","),
					pgAction[onDelete], pgAction[onUpdate])
			}
			return nil
		})
}

// pgAction spells pg_constraint's action codes as SQLite's pragma does.
var pgAction = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

// pgIndexes records the indexes created by name: those not backing a
// primary key or unique constraint (recorded above by their columns).
func pgIndexes(ctx context.Context, q *sql.DB, f schemaFacts) error {
	return queryRows(ctx, q, `SELECT t.relname, i.relname, x.indisunique, coalesce(pg_get_expr(x.indpred, x.indrelid), ''),
		  (SELECT string_agg(pg_get_indexdef(x.indexrelid, k.n, true), ',' ORDER BY k.n)
		     FROM generate_series(1, x.indnkeyatts::int) k(n))
		FROM pg_index x
		JOIN pg_class i ON i.oid = x.indexrelid
		JOIN pg_class t ON t.oid = x.indrelid
		WHERE t.relnamespace = current_schema()::regnamespace
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u'))`,
		func(scan func(...any) error) error {
			var table, name, predicate, cols string
			var unique bool
			if err := scan(&table, &name, &unique, &predicate, &cols); err != nil {
				return err
			}
			indexFact(f, table, name, unique, strings.Split(cols, ","), predicate)
			return nil
		})
}
