package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// seededDB is a demo database without dossiers.
func seededDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Seed(context.Background(), db, demo.Options{Password: "mat-khau-thu", Dossiers: 0, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCatalogTrialPrintsStepDueInstants: the birth registration (1 working
// day: 30 + 300 + 90 + 30 minutes) accepted Fri 24/01/2025 16:00, before
// Tết, runs 16:00–16:30, then resumes Mon 03/02.
func TestCatalogTrialPrintsStepDueInstants(t *testing.T) {
	db := seededDB(t)
	out, err := capture(t, "catalog", "trial", "1.001193", "--db", db, "--at", "2025-01-24 16:00")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hẹn trả kết quả 16:00 03/02/2025", "16:00 24/01/2025  16:30 24/01/2025",
		"16:30 24/01/2025  14:00 03/02/2025", "14:00 03/02/2025  15:30 03/02/2025", "15:30 03/02/2025  16:00 03/02/2025"} {
		if !strings.Contains(out, want) {
			t.Errorf("trial output lacks %q:\n%s", want, out)
		}
	}
	if _, err := capture(t, "catalog", "trial", "9.999999", "--db", db); err == nil || !strings.Contains(err.Error(), "Không tìm thấy") {
		t.Errorf("unknown code: %v", err)
	}
	if _, err := capture(t, "catalog", "trial", "1.001193", "--db", db, "--at", "hôm qua"); err == nil {
		t.Error("a bad --at was accepted")
	}
}
