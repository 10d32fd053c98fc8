package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeOnABusyPortFailsBeforeSeeding: another program on the port
// makes serve --demo stop at once with a Vietnamese message, before it
// creates (and seeds) the database.
func TestServeOnABusyPortFailsBeforeSeeding(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	addr := busy.Addr().String()
	db := filepath.Join(t.TempDir(), "m.db")
	started := time.Now()
	out, err := capture(t, "serve", "--demo", "--demo-history=false", "--demo-dossiers", "5", "--db", db, "--addr", addr)
	want := "Cổng " + addr + " đang được dùng bởi chương trình khác; chọn cổng khác với --addr"
	if err == nil || err.Error() != want {
		t.Fatalf("serve on a busy port: %v, want %q", err, want)
	}
	if _, statErr := os.Stat(db); !os.IsNotExist(statErr) || strings.Contains(out, "motcua.huyen") {
		t.Errorf("the database was created (%v) or the demo seeded before the port check (printed %q); took %s", statErr, out, time.Since(started))
	}
}
