package forms

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The reconciliation workbook for the unit's accountant, written by
// `motcua payments reconcile --xlsx` and by the page /payments/reconciliation.

// reconciliationSheet is the workbook's one sheet.
const reconciliationSheet = "Đối soát"

// ReconciliationHeader are the columns, one row per difference, from row 4.
var ReconciliationHeader = []string{"Loại chênh lệch", "Mã đơn thanh toán", "Mã hồ sơ", "Trạng thái trên hệ thống",
	"Số tiền trên hệ thống (đồng)", "Trạng thái tại cổng", "Số tiền tại cổng (đồng)", "Mã giao dịch của cổng"}

// ReconciliationXLSX writes the report: a title, the day's counts, then
// one row per difference of rec.Rows; amounts are numbers formatted with
// thousands separators. differences is the run's count of every line;
// when the reader sees fewer (a unit's lines only), the counts say so.
func ReconciliationXLSX(w io.Writer, rec *store.Reconciliation, differences int) (err error) {
	defer motcua.Wrap(&err, "forms.ReconciliationXLSX(%s, %s)", rec.Gateway, motcua.FormatDate(rec.Day))
	f := excelize.NewFile()
	defer f.Close()
	sh := reconciliationSheet
	f.SetSheetName("Sheet1", sh)
	f.SetCellValue(sh, "A1", fmt.Sprintf("ĐỐI SOÁT THANH TOÁN TRỰC TUYẾN — cổng %s, ngày %s", rec.Gateway, motcua.FormatDate(rec.Day)))
	counts := fmt.Sprintf("Đã so sánh %d giao dịch: %d khớp, %d chênh lệch", rec.Checked, rec.Matched, differences)
	if differences != len(rec.Rows) {
		counts += fmt.Sprintf(" (bảng gồm %d dòng thuộc đơn vị của người xem)", len(rec.Rows))
	}
	f.SetCellValue(sh, "A2", counts)
	f.SetSheetRow(sh, "A4", &ReconciliationHeader)
	for i, r := range rec.Rows {
		row := []any{r.Kind.Label(), r.OrderID, r.DossierCode, stateText(string(r.LedgerState), r.LedgerState.Label()),
			amountCell(r.LedgerAmount, r.LedgerState != ""), stateText(string(r.GatewayState), r.GatewayState.Label()),
			amountCell(r.GatewayAmount, r.GatewayState != ""), r.TransactionNo}
		cell, _ := excelize.CoordinatesToCellName(1, 5+i)
		f.SetSheetRow(sh, cell, &row)
	}
	numbers, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	if len(rec.Rows) > 0 {
		f.SetCellStyle(sh, "E5", fmt.Sprintf("E%d", 4+len(rec.Rows)), numbers)
		f.SetCellStyle(sh, "G5", fmt.Sprintf("G%d", 4+len(rec.Rows)), numbers)
	}
	f.SetColWidth(sh, "A", "A", 44)
	f.SetColWidth(sh, "B", "C", 28)
	_, err = f.WriteTo(w)
	return err
}

// stateText is a state as the sheet shows it: empty when there is none.
func stateText(raw, label string) string {
	if raw == "" {
		return ""
	}
	return label
}

// amountCell is an amount, or an empty cell when that side has none.
func amountCell(n int64, known bool) any {
	if !known {
		return ""
	}
	return n
}
