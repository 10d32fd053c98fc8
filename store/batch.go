package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
)

// Group commit on SQLite. SQLite takes one writer at a time and a commit
// costs about as much as the work before it (writing the pages to the
// WAL): with one commit per intake, the commit was two fifths of intake's
// CPU. Writers that arrive while another commits wait on writeMu; the one
// that gets it next runs every waiting transaction in one database
// transaction, each inside its own savepoint (a failing one is rolled back
// alone), and commits once. Nobody is answered before the commit that
// holds their change: acknowledged still means durable.

// maxBatch bounds how many transactions share a commit.
const maxBatch = 64

type batchItem struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan error
}

// batched runs fn in the next group commit.
func (db *DB) batched(ctx context.Context, fn func(*Tx) error) error {
	item := &batchItem{ctx: ctx, fn: fn, done: make(chan error, 1)}
	db.queueMu.Lock()
	db.queue = append(db.queue, item)
	db.queueMu.Unlock()
	db.lead(item)
	return <-item.done
}

// lead commits what is queued until item has its answer. A leader holds
// writeMu, so an item another leader took is answered before this one
// gets the lock.
func (db *DB) lead(item *batchItem) {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	for !done(item) {
		db.queueMu.Lock()
		n := min(len(db.queue), maxBatch)
		items := db.queue[:n:n]
		db.queue = db.queue[n:]
		db.queueMu.Unlock()
		if len(items) == 0 {
			return
		}
		db.commitBatch(items)
	}
}

func done(item *batchItem) bool { return len(item.done) == 1 }

// commitBatch runs the items in one transaction and answers each.
func (db *DB) commitBatch(items []*batchItem) {
	results := make([]error, len(items))
	answer := func() {
		for i, it := range items {
			it.done <- results[i]
		}
	}
	tx, err := db.sql.BeginTx(context.Background(), nil) // items' contexts end their own work, not the batch
	if err != nil {
		for i := range results {
			results[i] = err
		}
		answer()
		return
	}
	defer tx.Rollback()
	single := len(items) == 1
	for i, it := range items {
		if err := it.ctx.Err(); err != nil {
			results[i] = err
			continue
		}
		if !single {
			if _, err := tx.ExecContext(context.Background(), `SAVEPOINT item`); err != nil {
				db.failAll(results, err)
				answer()
				return
			}
		}
		// A caller that goes away while its statements run must not
		// interrupt the shared transaction (SQLite would roll it all back):
		// its cancellation is honoured before it starts, not during.
		t := &Tx{tx: tx, db: db, ctx: context.WithoutCancel(it.ctx)}
		err := runItem(t, it.fn)
		results[i] = err
		if single {
			continue
		}
		undo := []string{`RELEASE item`}
		if err != nil {
			undo = []string{`ROLLBACK TO item`, `RELEASE item`}
		}
		for _, q := range undo {
			if _, uerr := tx.ExecContext(context.Background(), q); uerr != nil {
				db.failAll(results, errors.Join(err, uerr))
				answer()
				return
			}
		}
	}
	if single && results[0] != nil {
		answer()
		return
	}
	if err := tx.Commit(); err != nil {
		for i := range results {
			if results[i] == nil {
				results[i] = err
			}
		}
	}
	answer()
}

// failAll marks every item failed: the transaction itself broke.
func (db *DB) failAll(results []error, err error) {
	for i := range results {
		if results[i] == nil {
			results[i] = err
		}
	}
}

// runItem runs one transaction's work and chains its audit entries. A
// panic becomes that item's error: the leader may be another request's
// goroutine, which must not die for it, and every item must be answered.
func runItem(t *Tx, fn func(*Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("store: panic in a transaction: %v\n%s", r, debug.Stack())
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	return t.flushAudit()
}
