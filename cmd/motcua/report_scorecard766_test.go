package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/report"
)

// TestReport766Scorecard: `report 766 --format` prints the whole
// scorecard of feesDB's commune in March — by hand 2.1 = 0/3 (all three
// dossiers still running at the month's end, past due), 3.5 = 1/2 (50 %,
// 1,25 of 2 points below the 80 % threshold), 3.6 = 0/2, 4.2 = 0/3; 1.4
// and 5.x without data — as a table, as JSON with the codes behind each
// figure, as a workbook and as a PDF, both read back; an unknown format
// is refused.
func TestReport766Scorecard(t *testing.T) {
	db, unit, c, d := feesDB(t)
	period := []string{"--db", db, "--from", "2024-03-01", "--to", "2024-04-01", "--unit", unit}
	run := func(args ...string) string {
		t.Helper()
		out, err := capture(t, append(append([]string{"report", "766"}, period...), args...)...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out
	}
	out := run("--format", "table")
	flat := strings.Join(strings.Fields(out), " ") // the columns' widths aside
	for _, want := range []string{"2.1 0 3 0,00 % 0 / 20", "2.2 0 0 N/A Không chấm điểm", "3.5 1 2 50,00 % 1,25 / 2", "3.6 0 2 0,00 % 0 / 6",
		"1.4 — — Không có dữ liệu — / 6", "Tổng 1,25 / 48", "5.4 Tỉ lệ hài lòng trong tiếp nhận, giải quyết thủ tục — Chưa có dữ liệu"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	var sc report.Scorecard
	if err := json.Unmarshal([]byte(run("--format", "json")), &sc); err != nil {
		t.Fatal(err)
	}
	i36, _ := sc.Indicator("3.6")
	if i36.Numerator != 0 || i36.Denominator != 2 || len(i36.Considered) != 2 || !strings.Contains(strings.Join(i36.Considered, " "), c) ||
		!strings.Contains(strings.Join(i36.Considered, " "), d) || i36.Points != 0 || i36.MaxPoints != 6 {
		t.Errorf("3.6 in JSON: %+v", i36)
	}
	if i14, _ := sc.Indicator("1.4"); !i14.NoData {
		t.Errorf("1.4 in JSON: %+v", i14)
	}

	dir := t.TempDir()
	xlsx := filepath.Join(dir, "766.xlsx")
	run("--format", "xlsx", "--out", xlsx)
	book, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	rows, err := book.GetRows("Chỉ số 766")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]string{}
	for _, r := range rows {
		if len(r) > 0 {
			found[r[0]] = r
		}
	}
	if r := found["3.5"]; len(r) < 8 || r[3] != "1" || r[4] != "2" || r[5] != "50.00" || r[6] != "1.25" || r[7] != "2.00" {
		t.Errorf("3.5 row of the workbook: %q", r)
	}
	if r := found["1.4"]; len(r) < 9 || r[3] != "" || !strings.Contains(r[8], "Không có dữ liệu") {
		t.Errorf("1.4 row of the workbook: %q", r)
	}

	pdf := filepath.Join(dir, "766.pdf")
	run("--format", "pdf", "--out", pdf)
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, data)
	pdftest.InOrder(t, text, "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN", "Từ ngày 01/03/2024 đến ngày 31/03/2024", "2.1", "0,00 %", "3.5", "50,00 %", "1,25 / 2",
		"Không có dữ liệu", "Tổng điểm")

	if _, err := capture(t, append(append([]string{"report", "766"}, period...), "--format", "csv")...); err == nil ||
		!strings.Contains(err.Error(), "table, json, xlsx or pdf") {
		t.Errorf("--format csv: %v", err)
	}
}
