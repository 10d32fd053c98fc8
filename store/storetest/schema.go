package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Schema is a PostgreSQL schema of its own for one test, so that tests
// share the server without seeing each other's rows.
type Schema struct {
	Name  string
	DSN   string // the server's DSN scoped to the schema (search_path)
	admin *sql.DB
}

// NewSchema creates schema t_<random> on the server at dsn. pgx passes
// unknown URL parameters to the server, so the scoped DSN's search_path
// puts every table the store creates in the schema.
func NewSchema(ctx context.Context, dsn string) (s *Schema, err error) {
	defer motcua.Wrap(&err, "storetest.NewSchema")
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	name := "t_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		admin.Close()
		return nil, err
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return &Schema{Name: name, DSN: dsn + sep + "search_path=" + name, admin: admin}, nil
}

// Drop drops the schema with everything in it.
func (s *Schema) Drop(ctx context.Context) (err error) {
	defer motcua.Wrap(&err, "Schema.Drop(%s)", s.Name)
	defer s.admin.Close()
	_, err = s.admin.ExecContext(ctx, "DROP SCHEMA "+s.Name+" CASCADE")
	return err
}

// CurrentSchema returns the schema the store's connections write to.
func CurrentSchema(ctx context.Context, db *store.DB) (name string, err error) {
	defer motcua.Wrap(&err, "storetest.CurrentSchema")
	err = db.SQL().QueryRowContext(ctx, "SELECT current_schema()").Scan(&name)
	return name, err
}
