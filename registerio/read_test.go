package registerio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

const header = "ma_ho_so,ma_tthc,ten_tthc,linh_vuc,don_vi,kenh,nguoi_nop,dia_chi,ngay_tiep_nhan,ngay_hen_tra,ngay_co_ket_qua,ngay_tra_ket_qua,ngay_rut\n"

func TestTemplateReadsBack(t *testing.T) {
	entries, bad, err := ReadCSV(strings.NewReader(Template()))
	if err != nil || len(bad) != 0 || len(entries) != 1 {
		t.Fatalf("template: %v %v %v", entries, bad, err)
	}
	e := entries[0]
	if e.Row != 2 || e.Channel != motcua.ChannelCounter || e.Address != "Thôn 1, xã Đắk Lao" ||
		!e.AcceptedAt.Equal(time.Date(2024, 1, 15, 8, 30, 0, 0, motcua.VN)) {
		t.Errorf("entry %+v", e)
	}
}

func TestColumnsInAnyOrderAndNFC(t *testing.T) {
	csv := "kenh,ma_ho_so,ma_tthc,ten_tthc,linh_vuc,don_vi,nguoi_nop,dia_chi,ngay_tiep_nhan,ngay_hen_tra,ngay_co_ket_qua,ngay_tra_ket_qua,ngay_rut\n" +
		"truc_tuyen,X-1,1.001193,,,U1,Nguye\u0302\u0303n Văn A,,01/02/2024 08:00,02/02/2024 08:00,,,\n"
	entries, bad, err := ReadCSV(strings.NewReader(csv))
	if err != nil || len(bad) != 0 || len(entries) != 1 || entries[0].Channel != motcua.ChannelOnline || entries[0].Applicant != "Nguyễn Văn A" {
		t.Fatalf("%+v %v %v", entries, bad, err)
	}
}

func TestBadFilesAndRows(t *testing.T) {
	if _, _, err := ReadCSV(strings.NewReader("ma_ho_so,ma_tthc\nX,Y\n")); err == nil || !strings.Contains(motcua.ErrorMessage(err), "thiếu cột") {
		t.Errorf("missing columns: %v", err)
	}
	if _, _, err := ReadXLSX(strings.NewReader("not a workbook")); err == nil {
		t.Error("a text file read as a workbook")
	}
	rows := header +
		"A,1,,,U,truc_tiep,N,,01/02/2024 08:00,01/02/2024 07:00,,,\n" + // due before acceptance
		"B,1,,,U,truc_tiep,N,,01/02/2024 08:00,02/02/2024 08:00,,02/02/2024 09:00,\n" // returned without result
	_, bad, err := ReadCSV(strings.NewReader(rows))
	if err != nil || len(bad) != 2 || bad[0].Row != 2 || bad[1].Row != 3 || !strings.Contains(bad[1].Reason, "không có ngày có kết quả") {
		t.Errorf("bad rows %+v, %v", bad, err)
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add(Template())
	f.Add(header + "A,1,,,U,truc_tiep,N,,31/12/2024 23:59,01/01/2025 00:00,,,\n")
	f.Fuzz(func(t *testing.T, data string) {
		entries, bad, err := ReadCSV(strings.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.Code == "" || e.AcceptedAt.IsZero() || (!e.ResultAt.IsZero() && !e.WithdrawnAt.IsZero()) {
				t.Fatalf("an invalid entry passed: %+v", e)
			}
		}
		for _, b := range bad {
			if b.Row < 2 || b.Reason == "" {
				t.Fatalf("a rejection without row or reason: %+v", b)
			}
		}
	})
}

// TestScanCSVNumbersRowsAcrossChunks: rows are parsed in chunks; a quoted
// field over two lines shifts the line numbers of the rows after it, in
// every chunk.
func TestScanCSVNumbersRowsAcrossChunks(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(header)
	const rows = 2*scanChunk + 100
	for i := range rows {
		address := ""
		if i == scanChunk+5 {
			address = "\"Thôn 1,\nxã Đắk Lao\""
		}
		fmt.Fprintf(&sb, "C-%d,1,,,U,truc_tiep,N,%s,01/02/2024 08:00,02/02/2024 08:00,,,\n", i, address)
	}
	var got []motcua.RegisterEntry
	err := ScanCSV(strings.NewReader(sb.String()), func(e motcua.RegisterEntry, bad *motcua.RowError) error {
		if bad != nil {
			t.Fatalf("row %d refused: %s", bad.Row, bad.Reason)
		}
		got = append(got, e)
		return nil
	})
	if err != nil || len(got) != rows {
		t.Fatalf("%d rows, %v", len(got), err)
	}
	for i, e := range got {
		want := i + 2
		if i > scanChunk+5 {
			want++
		}
		if e.Code != fmt.Sprintf("C-%d", i) || e.Row != want {
			t.Fatalf("entry %d: %s at row %d, want C-%d at row %d", i, e.Code, e.Row, i, want)
		}
	}
}

// TestScanCSVStopsReadingWhenTold: when fn refuses a row, ScanCSV returns
// its error and its reader is gone, far from the end of a long file.
func TestScanCSVStopsReadingWhenTold(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(header)
	for i := range 20 * scanChunk {
		fmt.Fprintf(&sb, "C-%d,1,,,U,truc_tiep,N,,01/02/2024 08:00,02/02/2024 08:00,,,\n", i)
	}
	before := runtime.NumGoroutine()
	src := &countingReader{r: strings.NewReader(sb.String())}
	stop := errors.New("enough")
	if err := ScanCSV(src, func(motcua.RegisterEntry, *motcua.RowError) error { return stop }); err != stop {
		t.Fatalf("ScanCSV returned %v", err)
	}
	// The reader signals its end just before it exits: give it a moment.
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(2 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	if after > before {
		t.Errorf("%d goroutines left behind", after-before)
	}
	if src.n > sb.Len()/4 { // a chunk parsed, one waiting, one being read
		t.Errorf("read %d of %d bytes after the first row was refused", src.n, sb.Len())
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestScanXLSXNumbersRowsAsTheSheetDoes: rows are read one by one; an empty
// row between two (absent from the file) keeps the numbers of the rows
// after it as the spreadsheet shows them.
func TestScanXLSXNumbersRowsAsTheSheetDoes(t *testing.T) {
	f := excelize.NewFile()
	sheet := f.GetSheetName(0)
	put := func(row int, values []string) {
		cells := make([]any, len(values))
		for i, v := range values {
			cells[i] = v
		}
		if err := f.SetSheetRow(sheet, fmt.Sprintf("A%d", row), &cells); err != nil {
			t.Fatal(err)
		}
	}
	put(1, motcua.RegisterColumns)
	for _, row := range []int{2, 3, 6} {
		put(row, []string{fmt.Sprintf("C-%d", row), "1", "", "", "U", "truc_tiep", "N", "", "01/02/2024 08:00", "02/02/2024 08:00", "", "", ""})
	}
	put(7, []string{"C-7", "1", "", "", "U", "xe_may", "N", "", "01/02/2024 08:00", "02/02/2024 08:00", "", "", ""})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	entries, bad, err := ReadXLSX(&buf)
	if err != nil || len(entries) != 3 || len(bad) != 1 {
		t.Fatalf("%+v %+v %v", entries, bad, err)
	}
	for i, want := range []int{2, 3, 6} {
		if entries[i].Row != want || entries[i].Code != fmt.Sprintf("C-%d", want) {
			t.Errorf("entry %d: %s at row %d, want row %d", i, entries[i].Code, entries[i].Row, want)
		}
	}
	if bad[0].Row != 7 || !strings.Contains(bad[0].Reason, "kenh") {
		t.Errorf("bad row %+v", bad[0])
	}
}
