package forms

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// II06aColumns names the columns of Biểu II.06a in Vietnamese, after the
// key and the name.
var II06aColumns = []string{"Kỳ trước chuyển sang", "Mới tiếp nhận trực tuyến", "Mới tiếp nhận trực tiếp",
	"Mới tiếp nhận bưu chính", "Tổng tiếp nhận", "Đã giải quyết trước hạn", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
	"Tổng đã giải quyết", "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Tổng đang giải quyết", "Rút hồ sơ"}

// II06aKeys are the JSON keys of the columns, in the order of II06aColumns.
var II06aKeys = []string{"carried_over", "received_online", "received_counter", "received_postal", "received_total",
	"resolved_early", "resolved_on_time", "resolved_late", "resolved_total", "in_progress_on_time", "in_progress_overdue",
	"in_progress_total", "withdrawn"}

// II06aCounts lists a row's counts in the order of II06aColumns.
func II06aCounts(r report.Row) []int {
	return []int{r.CarriedOver, r.ReceivedOnline, r.ReceivedCounter, r.ReceivedPostal, r.ReceivedTotal,
		r.ResolvedEarly, r.ResolvedOnTime, r.ResolvedLate, r.ResolvedTotal, r.InProgressOnTime, r.InProgressOverdue,
		r.InProgressTotal, r.Withdrawn}
}

// forOtherAt is where the receiving view shows the dossiers received for
// other units: right after the received total, of which they are a part.
const forOtherAt = 5

// II06aColumnsOf names the columns of a view, with their JSON keys: the
// receiving view adds "Nhận hộ đơn vị khác" (received for other units).
func II06aColumnsOf(v report.View) (names, keys []string) {
	if v != report.ViewReceiving {
		return II06aColumns, II06aKeys
	}
	return slices.Insert(slices.Clone(II06aColumns), forOtherAt, "Nhận hộ đơn vị khác"),
		slices.Insert(slices.Clone(II06aKeys), forOtherAt, "received_for_other")
}

// II06aCountsOf lists a row's counts in the order of II06aColumnsOf(v).
func II06aCountsOf(v report.View, r report.Row) []int {
	counts := II06aCounts(r)
	if v == report.ViewReceiving {
		counts = slices.Insert(counts, forOtherAt, r.ReceivedForOther)
	}
	return counts
}

// UTF8BOM opens every CSV made for people: without it Excel reads the
// file as the local code page and garbles the diacritics.
const UTF8BOM = "\ufeff"

// II06aCSV writes the report as CSV: a byte order mark, a header row, the
// rows, the total.
func II06aCSV(w io.Writer, rep *report.Report) error {
	if _, err := io.WriteString(w, UTF8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	names, _ := II06aColumnsOf(rep.Query.View)
	cw.Write(append([]string{"Mã", "Tên"}, names...))
	for _, r := range append(append([]report.Row(nil), rep.Rows...), rep.Total) {
		line := []string{r.Key, r.Name}
		for _, n := range II06aCountsOf(rep.Query.View, r) {
			line = append(line, strconv.Itoa(n))
		}
		cw.Write(line)
	}
	cw.Flush()
	return cw.Error()
}

// II06aXLSX writes the report as a workbook: a title and the period, the
// Vietnamese headers, one row per group, the total row, and the rates;
// numbers are formatted with thousands separators.
func II06aXLSX(w io.Writer, rep *report.Report, scope string) (err error) {
	defer motcua.Wrap(&err, "forms.II06aXLSX")
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Biểu II.06a"
	f.SetSheetName("Sheet1", sheet)
	last := motcua.FormatDate(rep.Query.To.AddDate(0, 0, -1))
	f.SetCellValue(sheet, "A1", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Biểu II.06a)")
	f.SetCellValue(sheet, "A2", fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s · Phạm vi: %s", motcua.FormatDate(rep.Query.From), last, scope))
	f.SetCellValue(sheet, "A3", rep.Query.Options())
	names, _ := II06aColumnsOf(rep.Query.View)
	header := append([]string{"Mã", "Tên"}, names...)
	f.SetSheetRow(sheet, "A4", &header)
	numbers, _ := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0: Vietnamese Excel shows 19.667
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 3})
	row := 5
	for _, r := range rep.Rows {
		writeCountRow(f, sheet, row, rep.Query.View, r)
		row++
	}
	writeCountRow(f, sheet, row, rep.Query.View, rep.Total) // values, not formulas: readers that do not compute see the totals
	f.SetCellStyle(sheet, cell(3, 5), cell(len(header), row), numbers)
	f.SetCellStyle(sheet, cell(1, row), cell(len(header), row), bold)
	f.SetCellValue(sheet, cell(1, row+2), "Tỉ lệ giải quyết trước hạn và đúng hạn")
	f.SetCellValue(sheet, cell(3, row+2), rep.Total.OnTimeRate())
	f.SetCellValue(sheet, cell(1, row+3), "Tỉ lệ tiếp nhận trực tuyến")
	f.SetCellValue(sheet, cell(3, row+3), rep.Total.OnlineShare())
	f.SetColWidth(sheet, "B", "B", 40)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func writeCountRow(f *excelize.File, sheet string, row int, v report.View, r report.Row) {
	values := []any{r.Key, r.Name}
	for _, n := range II06aCountsOf(v, r) {
		values = append(values, n)
	}
	f.SetSheetRow(sheet, cell(1, row), &values)
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
