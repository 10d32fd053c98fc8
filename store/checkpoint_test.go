package store_test

import (
	"os"
	"testing"
	"time"

	"github.com/motcua/motcua/store"
)

// TestCheckpointEmptiesTheWAL: beside the background checkpoints, an
// explicit one still leaves the whole database in its main file, every
// time (a busy answer is asked again, not taken for done).
func TestCheckpointEmptiesTheWAL(t *testing.T) {
	path := t.TempDir() + "/motcua.db"
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return monday }
	f := newFixture(t, db)
	entries := registerRows(f, 12*3000)
	for i := range 12 {
		// A few megabytes of WAL, so that the goroutine's own checkpoint
		// takes long enough to be met now and then.
		if _, err := db.ImportRegister(t.Context(), entries[i*3000:(i+1)*3000], store.RegisterOptions{}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(230+10*(i%5)) * time.Millisecond)
		if err := db.Checkpoint(t.Context()); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(path + "-wal"); err != nil || st.Size() != 0 {
			t.Fatalf("checkpoint %d left a WAL of %d bytes (%v)", i, st.Size(), err)
		}
	}
}
