package demo

import (
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestDemoWithFilesDigitisesTodaysDossiers: given a file store, the demo
// scans most of today's counter dossiers and issues electronic results;
// every file a row names is in the store; and the ledger is the one a demo
// without files seeds (same dossiers, same events).
func TestDemoWithFilesDigitisesTodaysDossiers(t *testing.T) {
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, motcua.VN)
	seed := func(fs *files.Store) *store.DB {
		db, err := store.Open(t.Context(), t.TempDir()+"/demo.db")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := Seed(t.Context(), db, Options{Password: "mat-khau-thu", Dossiers: 60, Now: now, Files: fs, PublicURL: "https://motcua.example.vn"}); err != nil {
			t.Fatal(err)
		}
		return db
	}
	fs := &files.Store{Dir: t.TempDir()}
	with, without := seed(fs), seed(nil)

	for table, least := range map[string]int{"component_files": 20, "issued_results": 5} {
		n, err := storetest.Count(t.Context(), with, table)
		if err != nil || n < least {
			t.Errorf("%s: %d rows (%v), want at least %d", table, n, err, least)
		}
		if n, _ := storetest.Count(t.Context(), without, table); n != 0 {
			t.Errorf("%s without files: %d rows", table, n)
		}
	}
	refs, err := with.FileRefs(t.Context())
	if err != nil || len(refs) == 0 {
		t.Fatalf("file references: %v, %v", refs, err)
	}
	for _, sha := range refs {
		f, err := fs.Open(sha)
		if err != nil {
			t.Errorf("file %s named but not stored: %v", sha, err)
			continue
		}
		f.Close()
	}
	if entries, _ := os.ReadDir(fs.Dir); len(entries) == 0 {
		t.Error("nothing in the file store")
	}

	dw, ew, _ := storetest.LedgerSize(t.Context(), with)
	dn, en, _ := storetest.LedgerSize(t.Context(), without)
	if dw != dn || ew != en {
		t.Errorf("ledger with files %d dossiers/%d events, without %d/%d: the files changed the demo's story", dw, ew, dn, en)
	}
	codes := func(db *store.DB) []string {
		events, err := storetest.Events(t.Context(), db, math.MaxInt64) // every event (Events lists those up to an id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range events {
			out = append(out, e.DossierCode+" "+e.Type)
		}
		if len(out) == 0 {
			t.Fatal("no events to compare")
		}
		return out
	}
	if !slices.Equal(codes(with), codes(without)) {
		t.Error("the events differ with files")
	}
}

// TestDemoApplicantsPayAtTheCounter: the demo's applicants at the counter
// pay what their bill asks in cash, with a receipt, at intake or when
// they collect the result; nothing is requested online (no gateway).
func TestDemoApplicantsPayAtTheCounter(t *testing.T) {
	db, _, _ := seedToday2026(t, 80)
	receipts, err := storetest.Count(t.Context(), db, "receipts")
	if err != nil || receipts == 0 {
		t.Fatalf("%d receipts (%v): nobody paid at the counter", receipts, err)
	}
	// Cash is paid at once, with its receipt: as many payments as receipts
	// (an online request would be a payment without one).
	if payments, _ := storetest.Count(t.Context(), db, "payments"); payments != receipts {
		t.Errorf("%d payments, %d receipts: want one cash payment per receipt", payments, receipts)
	}
}
