package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestGroupCommitIsolatesEachTransaction: three transactions queued behind
// a writer share one commit; the one that fails leaves nothing, the others
// are all there, and each caller hears its own outcome.
func TestGroupCommitIsolatesEachTransaction(t *testing.T) {
	db, err := Open(t.Context(), t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.sql.Exec(`CREATE TABLE t_batch (v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("refused")
	db.writeMu.Lock() // a writer is committing: the next ones queue
	results := make(chan [2]string, 3)
	for _, v := range []string{"a", "b", "c"} {
		go func() {
			err := db.inTx(context.Background(), func(tx *Tx) error {
				if _, err := tx.exec(`INSERT INTO t_batch (v) VALUES (?)`, v); err != nil {
					return err
				}
				if v == "b" {
					return refused
				}
				return nil
			})
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			results <- [2]string{v, msg}
		}()
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		db.queueMu.Lock()
		n := len(db.queue)
		db.queueMu.Unlock()
		if n == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d transactions queued", n)
		}
	}
	db.writeMu.Unlock()
	for range 3 {
		r := <-results
		if (r[0] == "b") != (r[1] == refused.Error()) || r[0] != "b" && r[1] != "" {
			t.Errorf("%s: %q", r[0], r[1])
		}
	}
	var got []string
	rows, err := db.sql.Query(`SELECT v FROM t_batch ORDER BY v`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		rows.Scan(&v)
		got = append(got, v)
	}
	rows.Close()
	if len(got) != 2 || got[0] != "a" || got[1] != "c" {
		t.Fatalf("rows after the batch: %v", got)
	}
}
