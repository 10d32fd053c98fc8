package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

const registerHeader = "ma_ho_so,ma_tthc,ten_tthc,linh_vuc,don_vi,kenh,nguoi_nop,dia_chi,ngay_tiep_nhan,ngay_hen_tra,ngay_co_ket_qua,ngay_tra_ket_qua,ngay_rut"

// validRows: on time, early, late, withdrawn, in progress (an unknown
// procedure creates an imported catalogue entry), at commune Đắk Lao.
var validRows = []string{
	"000.22.33.H17-240115-0001,1.001193,Đăng ký khai sinh,Hộ tịch,000.22.33.H17,truc_tiep,Nguyễn Văn An,Thôn 1,15/01/2024 08:30,16/01/2024 08:30,16/01/2024 08:00,16/01/2024 14:00,",
	"000.22.33.H17-240115-0002,1.001193,Đăng ký khai sinh,Hộ tịch,000.22.33.H17,truc_tuyen,Trần Thị Bình,,15/01/2024 09:00,16/01/2024 09:00,15/01/2024 16:00,,",
	"000.22.33.H17-240115-0003,1.001193,Đăng ký khai sinh,Hộ tịch,000.22.33.H17,buu_chinh,Lê Văn Cường,,15/01/2024 09:30,16/01/2024 09:30,17/01/2024 10:00,,",
	"000.22.33.H17-240116-0001,1.001193,Đăng ký khai sinh,Hộ tịch,000.22.33.H17,truc_tiep,Phạm Thị Dung,,16/01/2024 08:00,17/01/2024 08:00,,,16/01/2024 10:00",
	"000.22.33.H17-240120-0001,9.000001,Thủ tục cũ đã bãi bỏ,Nội vụ,000.22.33.H17,truc_tiep,Hoàng Văn Em,,29/01/2024 08:00,30/01/2024 08:00,,,",
}

// invalidRows, each with the reason expected (rows 7–13 of the file).
var invalidRows = []struct{ row, reason string }{
	{",1.001193,X,Hộ tịch,000.22.33.H17,truc_tiep,A,,15/01/2024 08:30,16/01/2024 08:30,,,", "thiếu ma_ho_so"},
	{"000.22.33.H17-240115-0009,1.001193,X,Hộ tịch,000.22.33.H17,truc_tiep,A,,2024-01-15,16/01/2024 08:30,,,", "ngay_tiep_nhan"},
	{"000.22.33.H17-240115-0010,1.001193,X,Hộ tịch,000.22.33.H17,truc_tiep,A,,15/01/2024 08:30,14/01/2024 08:30,,,", "trước ngày tiếp nhận"},
	{"000.22.33.H17-240115-0011,1.001193,X,Hộ tịch,000.22.33.H17,truc_tiep,A,,15/01/2024 08:30,16/01/2024 08:30,16/01/2024 08:00,,16/01/2024 09:00", "vừa có kết quả vừa rút"},
	{"000.22.33.H17-240115-0001,1.001193,X,Hộ tịch,000.22.33.H17,truc_tiep,Người khác,,15/01/2024 08:30,16/01/2024 08:30,,,", "trùng với dòng 2"},
	{"000.99.99.X99-240115-0001,1.001193,X,Hộ tịch,000.99.99.X99,truc_tiep,A,,15/01/2024 08:30,16/01/2024 08:30,,,", "không có trong hệ thống"},
	{"000.22.33.H17-240115-0012,1.001193,X,Hộ tịch,000.22.33.H17,xe_may,A,,15/01/2024 08:30,16/01/2024 08:30,,,", "kenh"},
}

func writeRegister(t *testing.T, withInvalid bool) string {
	t.Helper()
	lines := append([]string{registerHeader}, validRows...)
	lines = append(lines, "") // a blank line is skipped
	if withInvalid {
		for _, r := range invalidRows {
			lines = append(lines, r.row)
		}
	}
	path := filepath.Join(t.TempDir(), "so.csv")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	return path
}

func TestImportRegisterRejectsEachInvalidRowKind(t *testing.T) {
	db := seededDB(t)
	file := writeRegister(t, true)
	stderr := captureStderr(t, func() {
		if _, err := capture(t, "import", "register", file, "--db", db); err == nil {
			t.Error("a file with invalid rows was imported")
		}
	})
	for i, r := range invalidRows {
		want := "dòng " + itoa(8+i) + ": "
		line := lineWith(stderr, want)
		if line == "" || !strings.Contains(line, r.reason) {
			t.Errorf("row %d: want a line %q…%q in\n%s", 8+i, want, r.reason, stderr)
		}
	}
	if n := ii06aTotal(t, db)["received_total"]; n != 0 {
		t.Errorf("a rejected file imported %v dossiers", n)
	}
	out, err := capture(t, "import", "register", file, "--db", db, "--skip-invalid")
	if err != nil || !strings.Contains(out, "nhập 5 hồ sơ") {
		t.Fatalf("--skip-invalid: %q, %v", out, err)
	}
	out, err = capture(t, "import", "register", file, "--db", db, "--skip-invalid")
	if err != nil || !strings.Contains(out, "nhập 0 hồ sơ, 5 đã có") {
		t.Errorf("second import: %q, %v", out, err)
	}
	total := ii06aTotal(t, db)
	want := map[string]float64{"received_total": 5, "resolved_on_time": 1, "resolved_early": 1, "resolved_late": 1, "withdrawn": 1,
		"in_progress_total": 1, "received_online": 1, "received_postal": 1, "received_counter": 3}
	for k, v := range want {
		if total[k] != v {
			t.Errorf("%s = %v, want %v (total %v)", k, total[k], v, total)
		}
	}
}

// TestImportRegisterXLSXEqualsCSV: the same rows in a workbook import to
// the same report.
func TestImportRegisterXLSXEqualsCSV(t *testing.T) {
	csvDB, xlsxDB := seededDB(t), seededDB(t)
	if _, err := capture(t, "import", "register", writeRegister(t, false), "--db", csvDB); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, line := range append([]string{registerHeader}, validRows...) {
		cells := strings.Split(line, ",")
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &row)
	}
	path := filepath.Join(t.TempDir(), "so.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if _, err := capture(t, "import", "register", path, "--db", xlsxDB); err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(ii06aTotal(t, csvDB))
	b, _ := json.Marshal(ii06aTotal(t, xlsxDB))
	if string(a) != string(b) {
		t.Errorf("CSV %s\nXLSX %s", a, b)
	}
	if out, _ := capture(t, "import", "template"); !strings.HasPrefix(out, "\ufeff"+registerHeader+"\n") { // the mark: Excel reads UTF-8
		t.Errorf("template %q", out)
	}
}

func ii06aTotal(t *testing.T, db string) map[string]float64 {
	t.Helper()
	out, err := capture(t, "report", "ii06a", "--db", db, "--from", "2024-01-01", "--to", "2024-06-01")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Total map[string]any }
	json.Unmarshal([]byte(out), &doc)
	total := map[string]float64{}
	for k, v := range doc.Total {
		if f, ok := v.(float64); ok {
			total[k] = f
		}
	}
	return total
}

func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

func itoa(n int) string { return motcua.FormatInt(int64(n)) }

// captureStderr runs fn and returns what it wrote on stderr.
func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		done <- b.String()
	}()
	stderr := os.Stderr
	os.Stderr = w
	fn()
	os.Stderr = stderr
	w.Close()
	return <-done
}

// TestTemplateImportsIntoTheDemo: a new user who tries the template's
// example row on the demo database (with its 2024 history) gets it
// imported, not refused as a code the history already holds.
func TestTemplateImportsIntoTheDemo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(context.Background(), db, demo.Options{Password: "mat-khau-thu", Now: time.Now(), History: true}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	template, err := capture(t, "import", "template")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "mau.csv")
	os.WriteFile(file, []byte(template), 0o644)
	out, err := capture(t, "import", "register", file, "--db", path)
	if err != nil || !strings.Contains(out, "nhập 1 hồ sơ") {
		t.Fatalf("%s %v", out, err)
	}
}
