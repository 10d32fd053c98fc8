package main

import (
	"fmt"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// reconciliationSheet is the workbook's one sheet.
const reconciliationSheet = "Đối soát"

// reconciliationHeader are the columns, one row per difference.
var reconciliationHeader = []string{"Loại chênh lệch", "Mã đơn thanh toán", "Mã hồ sơ", "Trạng thái trên hệ thống",
	"Số tiền trên hệ thống (đồng)", "Trạng thái tại cổng", "Số tiền tại cổng (đồng)", "Mã giao dịch của cổng"}

// writeReconciliationFile writes the report for the unit's accountant:
// a title, the day's counts, then one row per difference; amounts are
// numbers formatted with thousands separators.
func writeReconciliationFile(path string, rec *store.Reconciliation) (err error) {
	defer motcua.Wrap(&err, "writeReconciliationFile(%s)", path)
	f := excelize.NewFile()
	defer f.Close()
	sh := reconciliationSheet
	f.SetSheetName("Sheet1", sh)
	f.SetCellValue(sh, "A1", fmt.Sprintf("ĐỐI SOÁT THANH TOÁN TRỰC TUYẾN — cổng %s, ngày %s", rec.Gateway, motcua.FormatDate(rec.Day)))
	f.SetCellValue(sh, "A2", fmt.Sprintf("Đã so sánh %d giao dịch: %d khớp, %d chênh lệch", rec.Checked, rec.Matched, len(rec.Rows)))
	f.SetSheetRow(sh, "A4", &reconciliationHeader)
	for i, r := range rec.Rows {
		row := []any{r.Kind.Label(), r.OrderID, r.DossierCode, stateText(string(r.LedgerState), r.LedgerState.Label()),
			amountCell(r.LedgerAmount, r.LedgerState != ""), stateText(string(r.GatewayState), string(r.GatewayState)),
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
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
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
