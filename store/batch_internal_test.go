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

// TestGroupCommitSurvivesAPanicAndACancelledCaller: a transaction that
// panics is that caller's error, and later writes go on; a caller whose
// context ends while its statements run does not undo the others.
func TestGroupCommitSurvivesAPanicAndACancelledCaller(t *testing.T) {
	db, err := Open(t.Context(), t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.sql.Exec(`CREATE TABLE t_batch (v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if err := db.inTx(context.Background(), func(tx *Tx) error { panic("boom") }); err == nil {
		t.Fatal("a panic was taken as success")
	}
	write := func(ctx context.Context, v string, during func()) error {
		return db.inTx(ctx, func(tx *Tx) error {
			if during != nil {
				during()
			}
			_, err := tx.exec(`INSERT INTO t_batch (v) VALUES (?)`, v)
			return err
		})
	}
	finished := make(chan error, 1)
	go func() { finished <- write(context.Background(), "after-panic", nil) }()
	select {
	case err := <-finished:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("writes stopped after a panic")
	}

	db.writeMu.Lock()
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan error, 2)
	go func() { results <- write(ctx, "cancelled", cancel) }() // its caller goes away mid-way
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		db.queueMu.Lock()
		n := len(db.queue)
		db.queueMu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not queued")
		}
	}
	go func() { results <- write(context.Background(), "other", nil) }()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(time.Millisecond) {
		db.queueMu.Lock()
		n := len(db.queue)
		db.queueMu.Unlock()
		if n == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("not queued")
		}
	}
	db.writeMu.Unlock()
	<-results
	<-results
	var n int
	db.sql.QueryRow(`SELECT COUNT(*) FROM t_batch WHERE v = 'other'`).Scan(&n)
	if n != 1 {
		t.Fatal("another caller's cancellation undid this write")
	}
}
