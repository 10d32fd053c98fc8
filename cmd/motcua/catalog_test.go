package main

import (
	"context"
	"os"
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

// TestCatalogExportImportRoundTrip: exporting the demo catalogue and
// importing it back reports zero changes, in JSON and in XLSX; imported
// into an empty database it exports byte for byte the same JSON. The
// portal's texts (đối tượng, cách thức, cơ quan, trình tự thực hiện, some
// of several lines) travel with it.
func TestCatalogExportImportRoundTrip(t *testing.T) {
	db := seededDB(t)
	dir := t.TempDir()
	for _, format := range []string{"json", "xlsx"} {
		file := filepath.Join(dir, "catalog."+format)
		if _, err := capture(t, "catalog", "export", "--db", db, "--format", format, "--out", file); err != nil {
			t.Fatal(err)
		}
		out, err := capture(t, "catalog", "import", file, "--db", db)
		if err != nil || !strings.Contains(out, ": 0 thay đổi") {
			t.Errorf("re-import of the %s export: %q, %v; want zero changes", format, out, err)
		}
	}
	original, err := capture(t, "catalog", "export", "--db", db)
	if err != nil || !strings.Contains(original, `"motcua-catalog"`) {
		t.Fatalf("export to stdout: %v", err)
	}
	for _, text := range []string{`"applicants": "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài"`, `"agency": "Ủy ban nhân dân cấp xã"`,
		`"channels": "Trực tiếp: 1 ngày làm việc; miễn phí\nTrực tuyến:`, `"sequence": "- Nếu lựa chọn hình thức nộp hồ sơ trực tiếp`} {
		if !strings.Contains(original, text) {
			t.Errorf("the export lacks the portal's texts of the demo catalogue: %s", text)
		}
	}
	fresh := filepath.Join(dir, "fresh.db")
	if out, err := capture(t, "catalog", "import", filepath.Join(dir, "catalog.xlsx"), "--db", fresh); err != nil || strings.Contains(out, ": 0 thay đổi") {
		t.Fatalf("import into an empty database: %q, %v", out, err)
	}
	again, err := capture(t, "catalog", "export", "--db", fresh)
	if err != nil || again != original {
		t.Errorf("the catalogue rebuilt from the XLSX exports differently (%v)", err)
	}
}

// TestCatalogImportReportsTheRow: a bad row is named, and nothing is kept.
func TestCatalogImportReportsTheRow(t *testing.T) {
	db := seededDB(t)
	file := filepath.Join(t.TempDir(), "bad.json")
	if _, err := capture(t, "catalog", "export", "--db", db, "--out", file); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	bad := strings.Replace(string(data), `"role": "specialist"`, `"role": "giam_doc"`, 1)
	os.WriteFile(file, []byte(bad), 0o644)
	_, err := capture(t, "catalog", "import", file, "--db", db)
	if err == nil || !strings.Contains(err.Error(), "giam_doc") {
		t.Errorf("import of a bad role: %v", err)
	}
	if _, err := capture(t, "catalog", "template", "--out", filepath.Join(t.TempDir(), "mau.xlsx")); err != nil {
		t.Errorf("template: %v", err)
	}
}
