package catalogio

import (
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// WriteXLSX writes the snapshot as a workbook: the guide sheet and one sheet
// each for decisions, procedure versions, documents and workflow steps (see
// docs/catalog-template.md). Rows are in the order Normalize describes;
// documents and steps are numbered from 1 in their order. A snapshot that
// ReadJSON would refuse is refused, with the same messages.
func WriteXLSX(w io.Writer, s *motcua.CatalogSnapshot) error {
	n := Normalize(s)
	if err := checkWire(toWire(n)); err != nil {
		return err
	}
	return writeWorkbook(w, n, false)
}

// WriteTemplate writes the spreadsheet template for bulk entry: the guide,
// the headers and, as an example, procedure 1.001193 (birth registration,
// commune level) with the decision that announces it, its documents and
// its four workflow steps.
func WriteTemplate(w io.Writer) error {
	return writeWorkbook(w, templateSnapshot(), true)
}

// row is one data row by column key; the layout puts it in order.
type row map[string]any

func writeWorkbook(w io.Writer, s *motcua.CatalogSnapshot, template bool) error {
	x := &xlsxWriter{f: excelize.NewFile()}
	defer x.f.Close()
	x.guide(template)
	x.sheet(&decisionsLayout, decisionRows(s))
	x.sheet(&versionsLayout, versionRows(s))
	x.sheet(&documentsLayout, documentRows(s))
	x.sheet(&stepsLayout, stepRows(s))
	x.sheet(&feesLayout, feeRows(s))
	x.try(x.f.SetDocProps(&excelize.DocProperties{Title: "Danh mục thủ tục hành chính", Creator: "motcua",
		Description: fmt.Sprintf("%s, phiên bản định dạng %d", formatName, formatVersion)}))
	if x.err != nil {
		return x.err
	}
	_, err := x.f.WriteTo(w)
	return err
}

func decisionRows(s *motcua.CatalogSnapshot) []row {
	var rows []row
	for _, d := range s.Decisions {
		rows = append(rows, row{colNumber: d.Number, colIssuer: d.Issuer, colSignedOn: motcua.FormatDate(d.SignedOn),
			colEffective: cellInstant(d.EffectiveFrom), colSummary: d.Summary, colStatus: decisionStatuses.code(d.Status)})
	}
	return rows
}

func versionRows(s *motcua.CatalogSnapshot) []row {
	var rows []row
	for _, v := range s.Versions {
		r := versionKeyRow(&v)
		maps.Copy(r, row{colChange: changes.code(v.Change), colNumber: v.DecisionNumber, colIssuer: v.DecisionIssuer,
			colEffective: cellInstant(v.EffectiveFrom), colName: v.Name, colField: v.Field, colAmount: v.Time.Amount,
			colUnit: timeUnits.code(v.Time.Unit), colOnline: onlineLevels.code(v.OnlineLevel), colOnlineFrom: cellInstant(v.OnlineFrom),
			colOffice: v.Office, colFees: v.Fees, colLegalBasis: v.LegalBasis, colResult: v.ResultType,
			colApplicants: v.Applicants, colSequence: v.Sequence, colChannels: v.Channels, colAgency: v.Agency,
			colCompetence: competences.code(v.Competence), colFeesFree: feesFreeCell(&v)})
		rows = append(rows, r)
	}
	return rows
}

func documentRows(s *motcua.CatalogSnapshot) []row {
	var rows []row
	for _, v := range s.Versions {
		for j, d := range v.Documents {
			r := versionKeyRow(&v)
			maps.Copy(r, row{colPosition: j + 1, colName: d.Name, colKind: documentKinds.code(d.Kind), colCount: d.Count, colTemplate: d.Template})
			rows = append(rows, r)
		}
	}
	return rows
}

func stepRows(s *motcua.CatalogSnapshot) []row {
	var rows []row
	for _, v := range s.Versions {
		for j, st := range v.Steps {
			r := versionKeyRow(&v)
			maps.Copy(r, row{colPosition: j + 1, colStepName: st.Name, colRole: roles.code(st.Role), colStepUnit: stepUnits.code(st.Unit),
				colMinutes: st.Minutes})
			rows = append(rows, r)
		}
	}
	return rows
}

func versionKeyRow(v *motcua.CatalogVersion) row {
	return row{colCode: v.Code, colLevel: levels.code(v.Level), colVersion: v.Version, colStatus: versionStatuses.code(v.Status)}
}

// cellInstant writes an instant as briefly as it can be read back exactly:
// a date, a date and minute, or with seconds and their fraction.
func cellInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(motcua.VN)
	switch {
	case t.Equal(dateVN(t)):
		return t.Format(dateLayout)
	case t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format(dateLayout + " 15:04")
	}
	return t.Format(dateLayout + " 15:04:05.999999999")
}

// xlsxWriter keeps the first error of a sequence of excelize calls.
type xlsxWriter struct {
	f   *excelize.File
	err error
}

func (x *xlsxWriter) try(err error) {
	if x.err == nil {
		x.err = err
	}
}

func (x *xlsxWriter) style(s *excelize.Style) int {
	id, err := x.f.NewStyle(s)
	x.try(err)
	return id
}

func (x *xlsxWriter) headerStyle() int {
	return x.style(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
}

// sheet writes one data sheet: header, rows, column formats and drop-down
// lists of allowed values.
func (x *xlsxWriter) sheet(layout *sheetLayout, rows []row) {
	_, err := x.f.NewSheet(layout.name)
	x.try(err)
	text := x.style(&excelize.Style{NumFmt: 49}) // "@": Excel keeps what is typed as text
	header := make([]any, len(layout.columns))
	for i, c := range layout.columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		header[i] = c.title
		x.try(x.f.SetColWidth(layout.name, name, name, c.width))
		if c.text {
			x.try(x.f.SetColStyle(layout.name, name, text))
		}
		if len(c.choices) > 0 {
			x.dropList(layout.name, name, c)
		}
	}
	x.try(x.f.SetSheetRow(layout.name, "A1", &header))
	x.try(x.f.SetCellStyle(layout.name, "A1", cellName(len(layout.columns), 1), x.headerStyle()))
	x.try(x.f.SetPanes(layout.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	for i, r := range rows {
		values := make([]any, len(layout.columns))
		for j, c := range layout.columns {
			switch v := r[c.key].(type) {
			case string:
				if v != "" {
					values[j] = literal(v)
				}
			default:
				values[j] = v
			}
		}
		x.try(x.f.SetSheetRow(layout.name, cellName(1, i+2), &values))
	}
}

func (x *xlsxWriter) dropList(sheet, col string, c column) {
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, excelize.TotalRows))
	x.try(dv.SetDropList(c.choices))
	dv.SetError(excelize.DataValidationErrorStyleStop, c.title, "Chọn một trong: "+strings.Join(c.choices, ", "))
	x.try(x.f.AddDataValidation(sheet, dv))
}

// ooxmlEscape is how OOXML writes a character XML cannot hold: _x0008_.
// Readers decode it in any string; excelize 2.11 does not escape text that
// happens to look like one, so literal does, with OOXML's escaped
// underscore: "_x0041_" is stored as "_x005F_x0041_" and reads back as is.
var ooxmlEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

func literal(s string) string { return ooxmlEscape.ReplaceAllString(s, "_x005F${0}") }

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// guide writes the instructions sheet: general rules, then every column
// of every data sheet with its meaning and allowed values.
func (x *xlsxWriter) guide(template bool) {
	const sheet = sheetGuide
	x.try(x.f.SetSheetName("Sheet1", sheet))
	for i, width := range []float64{24, 20, 14, 50, 70} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.try(x.f.SetColWidth(sheet, col, col, width))
	}
	bold := x.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	header := x.headerStyle()
	wrap := x.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	n := 1
	line := func(values ...any) {
		x.try(x.f.SetSheetRow(sheet, cellName(1, n), &values))
		n++
	}
	line(fmt.Sprintf("Danh mục thủ tục hành chính — định dạng %s, phiên bản %d", formatName, formatVersion))
	x.try(x.f.SetCellStyle(sheet, "A1", "A1", bold))
	n++
	lines := guideLines
	if template {
		lines = append(slices.Clip(lines), exampleLine)
	}
	for i, text := range lines {
		line(fmt.Sprintf("%d. %s", i+1, text))
	}
	for _, layout := range dataLayouts {
		n++
		line("Trang “"+layout.name+"”", layout.help)
		x.try(x.f.SetCellStyle(sheet, cellName(1, n-1), cellName(1, n-1), bold))
		line("Tiêu đề cột", "Mã cột", "Bắt buộc", "Ý nghĩa", "Giá trị hợp lệ, định dạng")
		x.try(x.f.SetCellStyle(sheet, cellName(1, n-1), cellName(5, n-1), header))
		for _, c := range layout.columns {
			line(c.title, c.key, c.need, c.help, c.values)
			x.try(x.f.SetCellStyle(sheet, cellName(3, n-1), cellName(5, n-1), wrap))
		}
	}
}
