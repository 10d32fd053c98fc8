package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func listingsIn(t *testing.T, dbPath string) []motcua.BoundaryFreeListing {
	t.Helper()
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ls, err := db.BoundaryFreeListings(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

// TestListingsImportAllOrNothing: a file with bad rows is refused whole,
// each problem named by its row (a code the catalogue does not hold, a bad
// date, a row given twice), and the database keeps no row of it; the
// corrected file, with a BOM, semicolons and Vietnamese headers, imports
// every row, and `listings list --at` shows those in force then.
func TestListingsImportAllOrNothing(t *testing.T) {
	db := seededDB(t)
	before := len(listingsIn(t, db))
	bad := writeFile(t, "bad.csv", "ma_tthc,so_quyet_dinh,ngay_quyet_dinh,hieu_luc_tu,het_hieu_luc\n"+
		"1.001193,2463/QĐ-UBND,21/07/2025,01/08/2025,\n"+
		"9.999999,2463/QĐ-UBND,21/07/2025,01/08/2025,\n"+
		"1.000656,2463/QĐ-UBND,21/07/2025,31/02/2025,\n"+
		"1.001193,2463/QĐ-UBND,21/07/2025,01/08/2025,\n")
	_, err := capture(t, "listings", "import", bad, "--db", db)
	if err == nil {
		t.Fatal("a file with bad rows was imported")
	}
	for _, want := range []string{"cơ sở dữ liệu không thay đổi", "Dòng 4: ngày hiệu lực “31/02/2025” không hợp lệ (dd/mm/yyyy)."} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if got := len(listingsIn(t, db)); got != before {
		t.Fatalf("%d listings after a refused file, want %d", got, before)
	}
	// The rows read well but the catalogue refuses two: still nothing written.
	unknown := writeFile(t, "unknown.csv", "ma_tthc,so_quyet_dinh,ngay_quyet_dinh,hieu_luc_tu\n"+
		"1.001193,2463/QĐ-UBND,21/07/2025,01/08/2025\n"+
		"9.999999,2463/QĐ-UBND,21/07/2025,01/08/2025\n"+
		"1.001193,2463/QĐ-UBND,21/07/2025,01/08/2025\n")
	_, err = capture(t, "listings", "import", unknown, "--db", db)
	for _, want := range []string{"Tệp có 2 lỗi", "Dòng 3: Không có thủ tục mã 9.999999", "Dòng 4: trùng thủ tục 1.001193 và Quyết định 2463/QĐ-UBND với dòng 2."} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if got := len(listingsIn(t, db)); got != before {
		t.Fatalf("%d listings after a refused file, want %d", got, before)
	}

	good := writeFile(t, "good.csv", "\ufeffMã TTHC;Số quyết định;Ngày quyết định;Hiệu lực từ;Hết hiệu lực\n"+
		"1.001193;2463/QĐ-UBND;21/07/2025;01/08/2025;\n\n"+
		"1.000656;2463/QĐ-UBND;21/07/2025;01/08/2025;01/01/2026\n")
	out, err := capture(t, "listings", "import", good, "--db", db)
	if err != nil || !strings.Contains(out, "đã nhập 2 thủ tục") {
		t.Fatalf("import: %q, %v", out, err)
	}
	ls := listingsIn(t, db)
	if len(ls) != before+2 {
		t.Fatalf("%d listings, want %d", len(ls), before+2)
	}
	out, err = capture(t, "listings", "list", "--db", db, "--at", "2026-02-01")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1.001193\tQuyết định 2463/QĐ-UBND ngày 21/07/2025\ttừ 01/08/2025 đến nay") || strings.Contains(out, "1.000656\tQuyết định 2463") {
		t.Errorf("listings in force on 01/02/2026:\n%s", out)
	}
	if _, err := capture(t, "listings", "import", good, "--db", db); err == nil || !strings.Contains(err.Error(), "đã có trong danh mục") {
		t.Errorf("the same file imported twice: %v", err)
	}
}
