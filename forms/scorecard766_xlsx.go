package forms

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// scorecardHeader are the columns of the scorecard's sheet.
var scorecardHeader = []any{"Chỉ số", "Tên chỉ số", "Đếm", "Tử số", "Mẫu số", "Tỉ lệ (%)", "Điểm", "Điểm tối đa", "Ghi chú"}

// Scorecard766XLSX writes the scorecard as a workbook: one row per
// indicator (counts and the rate as numbers; rate and points empty where
// N/A or no data, the note saying which), the total, then 2.2's averages
// on a second sheet.
func Scorecard766XLSX(w io.Writer, sc *report.Scorecard, scope string) (err error) {
	defer motcua.Wrap(&err, "forms.Scorecard766XLSX")
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Chỉ số 766"
	f.SetSheetName("Sheet1", sheet)
	last := motcua.FormatDate(sc.To.AddDate(0, 0, -1))
	f.SetCellValue(sheet, "A1", "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (Quyết định 766/QĐ-TTg)")
	f.SetCellValue(sheet, "A2", fmt.Sprintf("Kỳ: từ ngày %s đến ngày %s · Phạm vi: %s", motcua.FormatDate(sc.From), last, scope))
	f.SetSheetRow(sheet, "A4", &scorecardHeader)
	row := 5
	for _, i := range sc.Indicators {
		values := []any{i.Code, i.Name, i.Of, nil, nil, nil, nil, nil, scorecardNote(i)}
		if !i.NoData {
			values[3], values[4] = i.Numerator, i.Denominator
		}
		if !i.NoData && !i.NA {
			values[5] = i.Rate
			if i.MaxKnown {
				values[6] = i.Points
			}
		}
		if i.MaxKnown {
			values[7] = i.MaxPoints
		}
		f.SetSheetRow(sheet, cell(1, row), &values)
		row++
	}
	total := []any{"", "Tổng điểm các chỉ số tính được", "", nil, nil, nil, sc.Points, sc.MaxPoints, ""}
	f.SetSheetRow(sheet, cell(1, row), &total)
	numbers, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	decimals, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	f.SetCellStyle(sheet, cell(4, 5), cell(5, row), numbers)
	f.SetCellStyle(sheet, cell(6, 5), cell(8, row), decimals)
	f.SetColWidth(sheet, "B", "B", 60)
	f.SetColWidth(sheet, "I", "I", 60)
	averagesSheet(f, sc.Averages)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// scorecardNote is what the note column says of an indicator.
func scorecardNote(i report.Indicator766) string {
	var parts []string
	switch {
	case i.NoData:
		parts = append(parts, "Không có dữ liệu")
	case i.NA:
		parts = append(parts, "N/A (mẫu số bằng 0)")
	}
	if !i.MaxKnown {
		parts = append(parts, "Chưa xác định điểm tối đa")
	}
	for _, s := range []string{i.Reason, i.Note} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ". ")
}

func averagesSheet(f *excelize.File, averages []report.ProcedureAverage) {
	const sheet = "2.2 Thời gian trung bình"
	f.NewSheet(sheet)
	header := []any{"Mã thủ tục", "Tên thủ tục", "Số hồ sơ", "Thời gian trung bình", "Đơn vị"}
	f.SetSheetRow(sheet, "A1", &header)
	for k, a := range averages {
		unit := "ngày làm việc"
		if a.Unit == motcua.WorkingHours {
			unit = "giờ làm việc"
		}
		values := []any{a.Code, a.Name, a.Dossiers, a.Average, unit}
		f.SetSheetRow(sheet, cell(1, k+2), &values)
	}
	f.SetColWidth(sheet, "B", "B", 60)
}
