package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// describeSQLite reads sqlite_schema and the table pragmas.
func describeSQLite(ctx context.Context, q *sql.DB) (schemaFacts, error) {
	f := schemaFacts{}
	var tables []string
	err := queryRows(ctx, q, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
		func(scan func(...any) error) error {
			var name string
			err := scan(&name)
			tables = append(tables, name)
			return err
		})
	if err != nil {
		return nil, err
	}
	for _, table := range tables {
		f.add("table %s", table)
		if err := sqliteColumns(ctx, q, f, table); err != nil {
			return nil, fmt.Errorf("table %s: %w", table, err)
		}
		if err := sqliteIndexes(ctx, q, f, table); err != nil {
			return nil, fmt.Errorf("table %s: %w", table, err)
		}
		if err := sqliteForeignKeys(ctx, q, f, table); err != nil {
			return nil, fmt.Errorf("table %s: %w", table, err)
		}
	}
	return f, nil
}

type sqliteColumn struct {
	name, declared string
	notNull        bool
	dflt           sql.NullString
	pk             int // position in the primary key, 0 when not in it
}

// sqliteColumns records the columns and the primary key. SQLite lets a
// primary-key column hold NULL unless declared NOT NULL (a legacy quirk);
// PostgreSQL never does, and the application never writes one, so key
// columns count as NOT NULL on both sides.
func sqliteColumns(ctx context.Context, q *sql.DB, f schemaFacts, table string) error {
	var cols []sqliteColumn
	err := queryRows(ctx, q, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`,
		func(scan func(...any) error) error {
			var c sqliteColumn
			err := scan(&c.name, &c.declared, &c.notNull, &c.dflt, &c.pk)
			cols = append(cols, c)
			return err
		}, table)
	if err != nil {
		return err
	}
	var key []sqliteColumn
	for _, c := range cols {
		if c.pk > 0 {
			key = append(key, c)
		}
	}
	sort.Slice(key, func(i, j int) bool { return key[i].pk < key[j].pk })
	for _, c := range cols {
		rowid := len(key) == 1 && c.pk == 1 && strings.EqualFold(c.declared, "INTEGER")
		columnFact(f, table, c.name, typeFamily(c.declared), c.notNull || c.pk > 0, rowid, c.dflt.String)
	}
	if len(key) > 0 {
		names := make([]string, len(key))
		for i, c := range key {
			names[i] = c.name
		}
		keyFact(f, "primary key", table, names)
	}
	return nil
}

// sqliteIndexes records UNIQUE constraints by their columns and the
// indexes created by name with their predicate, read back from the
// CREATE INDEX statement (SQLite keeps no parsed predicate).
func sqliteIndexes(ctx context.Context, q *sql.DB, f schemaFacts, table string) error {
	type index struct {
		name, origin string
		unique       bool
	}
	var list []index
	err := queryRows(ctx, q, `SELECT name, "unique", origin FROM pragma_index_list(?)`,
		func(scan func(...any) error) error {
			var ix index
			err := scan(&ix.name, &ix.unique, &ix.origin)
			list = append(list, ix)
			return err
		}, table)
	if err != nil {
		return err
	}
	for _, ix := range list {
		if ix.origin == "pk" { // recorded from table_info
			continue
		}
		var cols []string
		err := queryRows(ctx, q, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`,
			func(scan func(...any) error) error {
				var c sql.NullString // NULL for an expression
				err := scan(&c)
				cols = append(cols, c.String)
				return err
			}, ix.name)
		if err != nil {
			return fmt.Errorf("index %s: %w", ix.name, err)
		}
		if ix.origin == "u" {
			keyFact(f, "unique", table, cols)
			continue
		}
		var stmt string
		if err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`, ix.name).Scan(&stmt); err != nil {
			return fmt.Errorf("index %s: %w", ix.name, err)
		}
		predicate := ""
		if i := strings.Index(strings.ToUpper(stmt), " WHERE "); i >= 0 {
			predicate = stmt[i+len(" WHERE "):]
		}
		indexFact(f, table, ix.name, ix.unique, cols, predicate)
	}
	return nil
}

// sqliteForeignKeys records each foreign key; a REFERENCES without columns
// points at the parent's primary key.
func sqliteForeignKeys(ctx context.Context, q *sql.DB, f schemaFacts, table string) error {
	type key struct {
		parent, onDelete, onUpdate string
		from, to                   []string
	}
	keys := map[int]*key{}
	var ids []int
	err := queryRows(ctx, q, `SELECT id, "table", "from", "to", on_delete, on_update FROM pragma_foreign_key_list(?) ORDER BY id, seq`,
		func(scan func(...any) error) error {
			var id int
			var parent, from, onDelete, onUpdate string
			var to sql.NullString
			if err := scan(&id, &parent, &from, &to, &onDelete, &onUpdate); err != nil {
				return err
			}
			if keys[id] == nil {
				keys[id] = &key{parent: parent, onDelete: onDelete, onUpdate: onUpdate}
				ids = append(ids, id)
			}
			keys[id].from = append(keys[id].from, from)
			keys[id].to = append(keys[id].to, to.String)
			return nil
		}, table)
	if err != nil {
		return err
	}
	for _, id := range ids {
		k := keys[id]
		if k.to[0] == "" {
			if k.to, err = sqlitePrimaryKey(ctx, q, k.parent); err != nil {
				return err
			}
		}
		foreignKeyFact(f, table, k.from, k.parent, k.to, k.onDelete, k.onUpdate)
	}
	return nil
}

func sqlitePrimaryKey(ctx context.Context, q *sql.DB, table string) ([]string, error) {
	var cols []string
	err := queryRows(ctx, q, `SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`,
		func(scan func(...any) error) error {
			var c string
			err := scan(&c)
			cols = append(cols, c)
			return err
		}, table)
	return cols, err
}
