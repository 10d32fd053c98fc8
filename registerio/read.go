// Package registerio reads the registers of previous one-stop systems
// (CSV or XLSX with the columns of motcua.RegisterColumns) into entries,
// reporting each bad row with its number and reason.
package registerio

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/xlsxlimit"
)

// RowFunc receives each data row of a register in the file's order: the
// entry, or, when bad is set, why the row is refused.
type RowFunc func(e motcua.RegisterEntry, bad *motcua.RowError) error

// scanChunk is how many records are parsed together (in parallel halves):
// a register of millions of rows is never held whole.
const scanChunk = 8192

// ScanCSV reads a register in CSV (UTF-8, comma-separated, a header row),
// calling fn for each row. Rows are numbered by their line in the file, as
// an editor shows them.
func ScanCSV(r io.Reader, fn RowFunc) error {
	cr := csv.NewReader(skipBOM(r))
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err == io.EOF {
		return noHeader()
	} else if err != nil {
		return unreadableCSV(err)
	}
	col, err := readHeader(rec)
	if err != nil {
		return err
	}
	// One goroutine splits the file into records while the chunk before
	// is parsed and handed to fn.
	chunks := make(chan csvChunk, 1)
	stop := make(chan struct{})
	defer func() { // the reader is done with r before ScanCSV returns
		close(stop)
		for range chunks {
		}
	}()
	go readChunks(cr, chunks, stop)
	for c := range chunks {
		if c.err != nil {
			return c.err
		}
		if err := emit(parseChunk(col, c.records, c.lines), fn); err != nil {
			return err
		}
	}
	return nil
}

type csvChunk struct {
	records [][]string
	lines   []int
	err     error
}

// readChunks sends the records of cr in chunks until the end, an error, or
// stop.
func readChunks(cr *csv.Reader, out chan<- csvChunk, stop <-chan struct{}) {
	defer close(out)
	for {
		c := csvChunk{records: make([][]string, 0, scanChunk), lines: make([]int, 0, scanChunk)}
		var err error
		for len(c.records) < scanChunk {
			select {
			case <-stop:
				return
			default:
			}
			var rec []string
			if rec, err = cr.Read(); err != nil {
				break
			}
			line, _ := cr.FieldPos(0)
			c.records, c.lines = append(c.records, rec), append(c.lines, line)
		}
		if err != nil && err != io.EOF {
			c.err = unreadableCSV(err)
		}
		if len(c.records) > 0 || c.err != nil {
			select {
			case out <- c:
			case <-stop:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func unreadableCSV(err error) error {
	return motcua.Errorf(motcua.EINVALID, "Tệp CSV không đọc được: %v", err)
}

// skipBOM drops the byte order mark Excel (and our template) put before
// the header: left in, it makes a quoted first header a bare quote.
func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(3); string(head) == "\ufeff" {
		br.Discard(3)
	}
	return br
}

// ReadCSV reads a whole register in CSV (see ScanCSV).
func ReadCSV(r io.Reader) ([]motcua.RegisterEntry, []motcua.RowError, error) {
	return collect(func(fn RowFunc) error { return ScanCSV(r, fn) })
}

func collect(scan func(RowFunc) error) (entries []motcua.RegisterEntry, bad []motcua.RowError, err error) {
	err = scan(func(e motcua.RegisterEntry, b *motcua.RowError) error {
		if b != nil {
			bad = append(bad, *b)
		} else {
			entries = append(entries, e)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return entries, bad, nil
}

func emit(halves [][]parsed, fn RowFunc) error {
	for _, rows := range halves {
		for i := range rows {
			if err := fn(rows[i].entry, rows[i].bad); err != nil {
				return err
			}
		}
	}
	return nil
}

// registerLimits bound what a register workbook may unpack to, against
// zip bombs: a register of a million rows is some hundreds of megabytes
// of XML, read from a temporary file row by row.
var registerLimits = xlsxlimit.Limits{Entries: 1000, Total: 1 << 30, Part: 1 << 30, Ratio: 100, InMemory: 16 << 20}

// ScanXLSX reads a register from the first sheet of a workbook, calling fn
// for each row. The sheet is read row by row (the workbook's compressed
// file is held, not its rows).
func ScanXLSX(r io.Reader, fn RowFunc) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	f, err := xlsxlimit.Open(data, registerLimits)
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return motcua.Errorf(motcua.EINVALID, "Bảng tính không có trang nào.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return unreadableSheet(err)
	}
	defer rows.Close()
	var col map[string]int
	records, lines := make([][]string, 0, scanChunk), make([]int, 0, scanChunk)
	flush := func() error {
		err := emit(parseChunk(col, records, lines), fn)
		records, lines = records[:0], lines[:0]
		return err
	}
	for line := 1; rows.Next(); line++ { // Next steps one row, empty rows included
		rec, err := rows.Columns()
		if err != nil {
			return unreadableSheet(err)
		}
		if col == nil {
			if col, err = readHeader(rec); err != nil {
				return err
			}
			continue
		}
		if records, lines = append(records, rec), append(lines, line); len(records) == scanChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Error(); err != nil {
		return unreadableSheet(err)
	}
	if col == nil {
		return noHeader()
	}
	return flush()
}

func unreadableSheet(err error) error {
	return motcua.Errorf(motcua.EINVALID, "Trang đầu của bảng tính không đọc được: %v", err)
}

// ReadXLSX reads a whole register from a workbook (see ScanXLSX).
func ReadXLSX(r io.Reader) ([]motcua.RegisterEntry, []motcua.RowError, error) {
	return collect(func(fn RowFunc) error { return ScanXLSX(r, fn) })
}

// Template is the CSV template: a byte order mark (for Excel), the header
// row and one example.
func Template() string {
	return "\ufeff" + strings.Join(motcua.RegisterColumns, ",") + "\n" +
		"000.21.33.H17-240115-9001,1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,000.21.33.H17,truc_tiep,Nguyễn Văn An,\"Thôn 1, xã Đắk Lao\"," +
		"15/01/2024 08:30,16/01/2024 08:30,16/01/2024 08:00,16/01/2024 14:00,\n"
}

var channels = map[string]motcua.Channel{"truc_tiep": motcua.ChannelCounter, "truc_tuyen": motcua.ChannelOnline, "buu_chinh": motcua.ChannelPost}

func noHeader() error {
	return motcua.Errorf(motcua.EINVALID, "Tệp trống: cần một dòng tiêu đề với các cột %s.", strings.Join(motcua.RegisterColumns, ", "))
}

// header maps the register's columns to their places in a record.
func readHeader(rec []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range rec {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var missing []string
	for _, c := range motcua.RegisterColumns {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, motcua.Errorf(motcua.EINVALID, "Dòng tiêu đề thiếu cột: %s.", strings.Join(missing, ", "))
	}
	return col, nil
}

// parsed is a row read: its entry, or why it is refused.
type parsed struct {
	entry motcua.RegisterEntry
	bad   *motcua.RowError
}

// parseChunk reads records in parallel halves (dates and normalisation are
// most of the work), each half's rows in the file's order; lines[i] is the
// row number of records[i].
func parseChunk(col map[string]int, records [][]string, lines []int) [][]parsed {
	parts := min(runtime.GOMAXPROCS(0), 1+len(records)/2000)
	results := make([][]parsed, parts)
	var wg sync.WaitGroup
	for p := range parts {
		from, to := p*len(records)/parts, (p+1)*len(records)/parts
		wg.Go(func() { results[p] = parseRows(col, records[from:to], lines[from:to]) })
	}
	wg.Wait()
	return results
}

// parseRows reads records, lines[i] being the row number of records[i];
// blank records are left out.
func parseRows(col map[string]int, records [][]string, lines []int) []parsed {
	out := make([]parsed, 0, len(records))
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
			out = append(out, parsed{bad: &motcua.RowError{Row: lines[i], Reason: err.Error()}})
			continue
		}
		out = append(out, parsed{entry: e})
	}
	return out
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
