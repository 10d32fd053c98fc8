package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// TestImportListsTheFirstThousandErrors: a register of 5,000 bad rows
// lists the first 1,000 and says how many more there are (a file of
// millions of bad rows once became millions of messages held at once).
func TestImportListsTheFirstThousandErrors(t *testing.T) {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	header := make([]any, len(motcua.RegisterColumns))
	for i, c := range motcua.RegisterColumns {
		header[i] = c
	}
	sw.SetRow("A1", header)
	for i := range 5000 {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("X-%d", i), "1.001193", "Đăng ký khai sinh", "Hộ tịch", "000.22.33.H17", "truc_tiep",
			"Nguyễn Văn An", "", "ngày không rõ", "", "", "", ""})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "so.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	db := seededDB(t)
	var runErr error
	stderr := captureStderr(t, func() { _, runErr = capture(t, "import", "register", path, "--db", db) })
	if runErr == nil || !strings.Contains(runErr.Error(), "5.000 dòng không hợp lệ") {
		t.Errorf("the import's error: %v", runErr)
	}
	listed := 0
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "dòng ") {
			listed++
		}
	}
	if n := listed; n != 1000 {
		t.Errorf("%d rows listed, want 1000", n)
	}
	if !strings.Contains(stderr, "dòng 2: ") || !strings.Contains(stderr, "… và 4.000 lỗi khác") {
		t.Errorf("the list does not start at row 2 or does not say how many more:\n%.300s … %s", stderr, stderr[max(0, len(stderr)-200):])
	}
}
