package store_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// TestAuditLogPagesByKeyset: Before and After walk the trail page by page
// within a filter, newest first, without gaps or repeats; and every
// listing's query reads through an index on both engines, never the whole
// table (a page deep in the trail costs what the first does).
func TestAuditLogPagesByKeyset(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		var base int64
		if err := db.SQL().QueryRow(`SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&base); err != nil {
			t.Fatal(err)
		}
		for i := int64(1); i <= 25; i++ {
			actor := []string{"user:8 binh", "user:7 an"}[i%2]
			_, err := db.SQL().Exec(db.Rebind(`INSERT INTO audit_log (id, at, actor, source, action, object, detail, prev, hash)
				VALUES (?, ?, ?, '', 'dossier.read', 'HS-1', '', '', '')`), base+i, i*1000, actor)
			if err != nil {
				t.Fatal(err)
			}
		}
		f := store.AuditFilter{Object: "HS-1", Actor: "user:7 ", Limit: 5} // odd ids: 13 entries
		var walked []string
		for page := 0; ; page++ {
			list, err := db.AuditLog(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range list {
				if e.Actor != "user:7 an" || e.Object != "HS-1" {
					t.Fatalf("page %d holds %+v, outside the filter", page, e)
				}
				walked = append(walked, fmt.Sprint(e.ID-base))
			}
			if len(list) < f.Limit {
				break
			}
			f.Before = list[len(list)-1].ID
		}
		if got := strings.Join(walked, " "); got != "25 23 21 19 17 15 13 11 9 7 5 3 1" {
			t.Fatalf("walked older: %s", got)
		}
		f.Before, f.After = 0, base+9 // newer than entry 9: the five just above it, newest first
		list, err := db.AuditLog(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 5 || list[0].ID != base+19 || list[4].ID != base+11 {
			t.Fatalf("after entry 9: %d entries from %d to %d, want 19…11", len(list), list[0].ID-base, list[len(list)-1].ID-base)
		}

		for _, f := range []store.AuditFilter{{}, {Before: base + 9}, {After: base + 9}, {Object: "HS-1", Before: base + 9}, {Actor: "user:7 ", After: base + 3}} {
			if plan := explain(t, db, f); strings.Contains(plan, "Seq Scan") || strings.Contains(plan, "SCAN audit_log\n") || !strings.Contains(strings.ToLower(plan), "index") {
				t.Errorf("%+v reads the whole trail:\n%s", f, plan)
			}
		}
	})
}

// explain is the engine's plan of the listing's query. PostgreSQL plans a
// sequential scan of a table this small whatever its indexes; with that
// path priced out, it still takes one only where no index serves.
func explain(t *testing.T, db *store.DB, f store.AuditFilter) string {
	t.Helper()
	query, args, _ := store.AuditQuery(f)
	conn, err := db.SQL().Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	prefix := "EXPLAIN QUERY PLAN "
	if db.Dialect() == store.Postgres {
		prefix = "EXPLAIN "
		if _, err := conn.ExecContext(t.Context(), `SET enable_seqscan = off`); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(t.Context(), `RESET enable_seqscan`)
	}
	rows, err := conn.QueryContext(t.Context(), db.Rebind(prefix+`SELECT id FROM audit_log `+query), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var plan strings.Builder
	for rows.Next() {
		cells := make([]any, len(cols))
		for i := range cells {
			cells[i] = new(any)
		}
		if err := rows.Scan(cells...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&plan, *cells[len(cells)-1].(*any))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan.String()
}
