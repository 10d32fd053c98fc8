// Package registerio reads the registers of previous one-stop systems
// (CSV or XLSX with the columns of motcua.RegisterColumns) into entries,
// reporting each bad row with its number and reason.
package registerio

import (
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// ReadCSV reads a register in CSV (UTF-8, comma-separated, a header row).
// Rows are numbered by their line in the file, as an editor shows them.
func ReadCSV(r io.Reader) ([]motcua.RegisterEntry, []motcua.RowError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, motcua.Errorf(motcua.EINVALID, "Tệp CSV không đọc được: %v", err)
		}
		line, _ := cr.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
	}
	return parse(records, lines)
}

// ReadXLSX reads a register from the first sheet of a workbook.
func ReadXLSX(r io.Reader) ([]motcua.RegisterEntry, []motcua.RowError, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, nil, motcua.Errorf(motcua.EINVALID, "Tệp không phải bảng tính Excel (.xlsx) đọc được: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, motcua.Errorf(motcua.EINVALID, "Bảng tính không có trang nào.")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, nil, motcua.Errorf(motcua.EINVALID, "Trang đầu của bảng tính không đọc được: %v", err)
	}
	lines := make([]int, len(rows))
	for i := range rows {
		lines[i] = i + 1
	}
	return parse(rows, lines)
}

// Template is the CSV template: the header row and one example.
func Template() string {
	return strings.Join(motcua.RegisterColumns, ",") + "\n" +
		"000.21.33.H17-240115-0001,1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,000.21.33.H17,truc_tiep,Nguyễn Văn An,\"Thôn 1, xã Đắk Lao\"," +
		"15/01/2024 08:30,16/01/2024 08:30,16/01/2024 08:00,16/01/2024 14:00,\n"
}

var channels = map[string]motcua.Channel{"truc_tiep": motcua.ChannelCounter, "truc_tuyen": motcua.ChannelOnline, "buu_chinh": motcua.ChannelPost}

// parse maps columns by header and reads every row; lines[i] is the row
// number of records[i] as the file shows it (the header is row 1).
func parse(records [][]string, lines []int) ([]motcua.RegisterEntry, []motcua.RowError, error) {
	if len(records) == 0 {
		return nil, nil, motcua.Errorf(motcua.EINVALID, "Tệp trống: cần một dòng tiêu đề với các cột %s.", strings.Join(motcua.RegisterColumns, ", "))
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range motcua.RegisterColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, motcua.Errorf(motcua.EINVALID, "Dòng tiêu đề thiếu cột: %s.", strings.Join(missing, ", "))
	}
	// Rows are read in parallel halves (dates and normalisation are most
	// of the work), then joined in the file's order.
	rows, rowLines := records[1:], lines[1:]
	parts := min(runtime.GOMAXPROCS(0), 1+len(rows)/5000)
	type result struct {
		entries []motcua.RegisterEntry
		bad     []motcua.RowError
	}
	results := make([]result, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(rows)/parts, (p+1)*len(rows)/parts
		wg.Go(func() {
			results[p].entries, results[p].bad = parseRows(col, rows[from:to], rowLines[from:to])
		})
	}
	wg.Wait()
	entries := make([]motcua.RegisterEntry, 0, len(rows))
	var bad []motcua.RowError
	for _, r := range results {
		entries, bad = append(entries, r.entries...), append(bad, r.bad...)
	}
	return entries, bad, nil
}

// parseRows reads records, lines[i] being the row number of records[i].
func parseRows(col map[string]int, records [][]string, lines []int) ([]motcua.RegisterEntry, []motcua.RowError) {
	entries := make([]motcua.RegisterEntry, 0, len(records))
	var bad []motcua.RowError
	for i, rec := range records {
		get := func(name string) string {
			if j := col[name]; j < len(rec) {
				return motcua.NFC(rec[j])
			}
			return ""
		}
		if blank(rec) {
			continue // blank lines at the end of a spreadsheet
		}
		e, err := entry(lines[i], get)
		if err != nil {
			bad = append(bad, motcua.RowError{Row: lines[i], Reason: err.Error()})
			continue
		}
		entries = append(entries, e)
	}
	return entries, bad
}

func blank(rec []string) bool {
	for _, f := range rec {
		if f != "" {
			return false
		}
	}
	return true
}

func entry(row int, get func(string) string) (motcua.RegisterEntry, error) {
	e := motcua.RegisterEntry{Row: row, Code: get("ma_ho_so"), ProcedureCode: get("ma_tthc"), ProcedureName: get("ten_tthc"),
		Field: get("linh_vuc"), UnitCode: get("don_vi"), Applicant: get("nguoi_nop"), Address: get("dia_chi")}
	for _, req := range []struct{ name, value string }{{"ma_ho_so", e.Code}, {"ma_tthc", e.ProcedureCode}, {"don_vi", e.UnitCode},
		{"nguoi_nop", e.Applicant}, {"kenh", get("kenh")}, {"ngay_tiep_nhan", get("ngay_tiep_nhan")}, {"ngay_hen_tra", get("ngay_hen_tra")}} {
		if req.value == "" {
			return e, fmt.Errorf("thiếu %s", req.name)
		}
	}
	var ok bool
	if e.Channel, ok = channels[strings.ToLower(get("kenh"))]; !ok {
		return e, fmt.Errorf("kenh %q không hợp lệ (truc_tiep, truc_tuyen, buu_chinh)", get("kenh"))
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"ngay_tiep_nhan", &e.AcceptedAt}, {"ngay_hen_tra", &e.DueAt}, {"ngay_co_ket_qua", &e.ResultAt},
		{"ngay_tra_ket_qua", &e.ReturnedAt}, {"ngay_rut", &e.WithdrawnAt}} {
		v := get(d.name)
		if v == "" {
			continue
		}
		t, err := parseDate(v)
		if err != nil {
			return e, fmt.Errorf("%s %q không đúng dạng dd/mm/yyyy HH:MM", d.name, v)
		}
		*d.dst = t
	}
	return e, check(e)
}

// check applies the rules a row must follow by itself.
func check(e motcua.RegisterEntry) error {
	for _, d := range []struct {
		name string
		t    time.Time
	}{{"ngay_hen_tra", e.DueAt}, {"ngay_co_ket_qua", e.ResultAt}, {"ngay_tra_ket_qua", e.ReturnedAt}, {"ngay_rut", e.WithdrawnAt}} {
		if !d.t.IsZero() && d.t.Before(e.AcceptedAt) {
			return fmt.Errorf("%s (%s) trước ngày tiếp nhận (%s)", d.name, motcua.FormatDateTime(d.t), motcua.FormatDateTime(e.AcceptedAt))
		}
	}
	switch {
	case !e.ResultAt.IsZero() && !e.WithdrawnAt.IsZero():
		return fmt.Errorf("vừa có kết quả vừa rút hồ sơ")
	case !e.ReturnedAt.IsZero() && e.ResultAt.IsZero():
		return fmt.Errorf("có ngày trả kết quả nhưng không có ngày có kết quả")
	case !e.ReturnedAt.IsZero() && e.ReturnedAt.Before(e.ResultAt):
		return fmt.Errorf("ngày trả kết quả trước ngày có kết quả")
	}
	return nil
}
