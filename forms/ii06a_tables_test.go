package forms

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/report"
)

func sampleII06a() *report.Report {
	rep := &report.Report{Query: report.Query{From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2024, 6, 1, 0, 0, 0, 0, motcua.VN)},
		Rows: []report.Row{
			{Key: "hộ tịch", Name: "Hộ tịch", CarriedOver: 10, ReceivedOnline: 300, ReceivedCounter: 19000, ReceivedPostal: 4,
				ResolvedEarly: 17000, ResolvedOnTime: 281, ResolvedLate: 693, InProgressOnTime: 700, InProgressOverdue: 33, Withdrawn: 607},
			{Key: "đất đai", Name: "Đất đai", ReceivedCounter: 5, ResolvedLate: 2, InProgressOnTime: 3}}}
	if err := rep.Finish(); err != nil {
		panic(err)
	}
	return rep
}

func TestII06aXLSXReadsBack(t *testing.T) {
	rep := sampleII06a()
	var buf bytes.Buffer
	if err := II06aXLSX(&buf, rep, "Huyện Đắk Mil"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Biểu II.06a", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[1][0], "từ ngày 01/01/2024 đến ngày 31/05/2024") || rows[3][2] != "Kỳ trước chuyển sang" {
		t.Errorf("heading %q / header %q", rows[1][0], rows[3])
	}
	total := rows[6]
	if total[1] != "Tổng cộng" || total[6] != "19319" || total[14] != "607" {
		t.Errorf("total row %q", total)
	}
	if shown, _ := f.GetCellValue("Biểu II.06a", "G7"); shown != "19,319" && shown != "19.319" {
		t.Errorf("received total shown as %q: want a thousands separator", shown)
	}
	if !strings.HasSuffix(rows[9][2], " %") {
		t.Errorf("online share %q", rows[9])
	}
}

func TestII06aCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := II06aCSV(&buf, sampleII06a()); err != nil {
		t.Fatal(err)
	}
	// Excel needs the byte order mark to read the diacritics as UTF-8;
	// after it, the file reads back as CSV.
	body, ok := strings.CutPrefix(buf.String(), "\ufeff")
	if !ok {
		t.Errorf("the CSV starts %q, want a UTF-8 byte order mark", buf.String()[:8])
	}
	records, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(records) != 4 || records[0][0] != "Mã" || records[0][2] != "Kỳ trước chuyển sang" ||
		strings.Join(records[3][:7], ",") != "total,Tổng cộng,10,300,19005,4,19319" {
		t.Errorf("csv (%v):\n%s", err, buf.String())
	}
}

func TestII06aPDFText(t *testing.T) {
	var buf bytes.Buffer
	err := II06aPDF(&buf, II06aData{Header: Header{Authority: "UBND tỉnh Đắk Nông", Unit: "UBND huyện Đắk Mil", Place: "Đắk Mil"},
		Scope: "Huyện Đắk Mil và các đơn vị trực thuộc", At: time.Date(2024, 6, 10, 9, 0, 0, 0, motcua.VN), Signer: "Lê Thị Ba",
		Report: sampleII06a()})
	if err != nil {
		t.Fatal(err)
	}
	pdftest.WantSize(t, buf.Bytes(), 1, pdftest.A4.Landscape())
	text := pdftest.Text(t, buf.Bytes())
	pdftest.InOrder(t, text, "Biểu II.06a", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
		"Từ ngày 01/01/2024 đến ngày 31/05/2024", "Hộ tịch", "Đất đai", "Tổng cộng", "19.319", "THỦ TRƯỞNG ĐƠN VỊ", "Lê Thị Ba")
	if err := II06aPDF(&buf, II06aData{At: time.Now()}); err == nil {
		t.Error("a PDF without a report")
	}
}

// TestII06aReceivingViewExports: the receiving view's exports carry the
// column of dossiers received for other units after the received total,
// and say which view and roll-up they show; the deciding view has no
// such column.
func TestII06aReceivingViewExports(t *testing.T) {
	rep := sampleII06a()
	rep.Query.View, rep.Query.Successors = report.ViewReceiving, true
	rep.Rows[0].ReceivedForOther = 41
	if err := rep.Finish(); err != nil {
		t.Fatal(err)
	}
	var csvBuf bytes.Buffer
	if err := II06aCSV(&csvBuf, rep); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvBuf.String(), "\ufeff"))).ReadAll()
	if err != nil || records[0][7] != "Nhận hộ đơn vị khác" || records[0][6] != "Tổng tiếp nhận" || records[3][7] != "41" || len(records[0]) != 16 {
		t.Errorf("csv (%v):\n%s", err, csvBuf.String())
	}
	var xlsx bytes.Buffer
	if err := II06aXLSX(&xlsx, rep, "Tỉnh Thử"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if options, _ := f.GetCellValue("Biểu II.06a", "A3"); !strings.Contains(options, "theo nơi tiếp nhận") || !strings.Contains(options, "gộp vào đơn vị kế thừa") {
		t.Errorf("workbook options line %q", options)
	}
	var pdf bytes.Buffer
	if err := II06aPDF(&pdf, II06aData{Scope: "Tỉnh Thử", At: time.Date(2025, 8, 10, 9, 0, 0, 0, motcua.VN), Report: rep}); err != nil {
		t.Fatal(err)
	}
	pdftest.InOrder(t, pdftest.Text(t, pdf.Bytes()), "Số liệu theo nơi tiếp nhận", "Nhận hộ", "Tổng cộng")

	rep.Query.View = report.ViewDeciding
	csvBuf.Reset()
	if err := II06aCSV(&csvBuf, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(csvBuf.String(), "Nhận hộ") {
		t.Error("the deciding view's CSV has the receiving view's column")
	}
}
