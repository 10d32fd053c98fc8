package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/motcua/motcua"
)

// A procedure version's search key holds what a citizen may type to find
// it: its code, name and field, the names of its documents and of its
// result ("giấy khai sinh" finds the birth registration), folded
// (motcua.Fold) with y as i, so that the two spellings of words like
// "ký"/"kí" or "lý"/"lí" find each other.

// catalogKey is the search key of a procedure version.
func catalogKey(p *motcua.Procedure) string {
	parts := []string{p.Code, p.Name, p.Field, p.ResultType}
	for _, d := range p.Documents {
		parts = append(parts, d.Name)
	}
	return searchFold(strings.Join(parts, " "))
}

// searchFold folds text for the catalogue's search, on both sides.
func searchFold(s string) string {
	return strings.ReplaceAll(motcua.Fold(s), "y", "i")
}

// refreshSearchKeys rewrites the keys that a former rule computed: run
// after the migrations, it writes nothing once they are current.
func (db *DB) refreshSearchKeys(ctx context.Context, conn *sql.Conn) error {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx}
	rows, err := tx.query(`SELECT v.id, p.code, v.name, f.name, v.result_type, v.documents, v.search_key
		FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id JOIN fields f ON f.id = p.field_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	stale := map[int64]string{}
	for rows.Next() {
		var id int64
		var p motcua.Procedure
		var docs, key string
		if err := rows.Scan(&id, &p.Code, &p.Name, &p.Field, &p.ResultType, &docs, &key); err != nil {
			return err
		}
		json.Unmarshal([]byte(docs), &p.Documents) // a version without documents keeps its other words
		if fresh := catalogKey(&p); fresh != key {
			stale[id] = fresh
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if len(stale) == 0 {
		return nil
	}
	for id, key := range stale {
		if _, err := tx.exec(`UPDATE procedure_versions SET search_key = ? WHERE id = ?`, key, id); err != nil {
			return err
		}
	}
	return sqlTx.Commit()
}
