package catalogio

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/xlsxlimit"
)

// ReadXLSX reads a workbook written by WriteXLSX or WriteTemplate and filled
// in by hand. Columns are found by their header, in any order; every bad
// row is reported with its sheet and row number ("Quy trình, dòng 7: vai
// trò “giam doc” không hợp lệ (mot_cua, chuyen_vien, lanh_dao)"), up to
// MaxProblems, in one EINVALID error, and then no snapshot is returned.
// Text is NFC-normalised, dates are Vietnam time, the result is in the
// order Normalize describes and each version's Source is "Thủ tục, dòng N".
func ReadXLSX(r io.Reader) (*motcua.CatalogSnapshot, error) {
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	sheets, date1904, err := loadSheets(data)
	if err != nil {
		return nil, err
	}
	return parseWorkbook(sheets, date1904)
}

// oleMagic starts Excel 97–2003 files and password-protected workbooks.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// catalogLimits bound what a catalogue workbook may unpack to, against
// zip bombs: a province's whole catalogue is a few megabytes of XML, and
// its rows are all held while they are checked.
var catalogLimits = xlsxlimit.Limits{Entries: 1000, Total: 64 << 20, Part: 48 << 20, Ratio: 100, InMemory: 16 << 20}

// loadSheets reads the raw cell values of the data sheets, by layout name.
// A missing sheet is left out; parseWorkbook reports it.
func loadSheets(data []byte) (map[string][][]string, bool, error) {
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return nil, false, motcua.Errorf(motcua.EINVALID, "Tệp là bảng tính Excel 97–2003 (.xls) hoặc đã đặt mật khẩu; hãy lưu lại dưới dạng Excel (.xlsx), không đặt mật khẩu.")
	case !bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, false, motcua.Errorf(motcua.EINVALID, "Tệp không phải bảng tính Excel (.xlsx).")
	}
	f, err := xlsxlimit.Open(data, catalogLimits)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, false, motcua.Errorf(motcua.EINVALID, "Tệp không phải bảng tính Excel (.xlsx) đọc được (%v).", err)
	}
	sheets := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		for _, layout := range dataLayouts {
			if codeKey(name) != codeKey(layout.name) {
				continue
			}
			rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, false, motcua.Errorf(motcua.EINVALID, "Không đọc được trang “%s” (%v).", name, err)
			}
			sheets[layout.name] = rows
		}
	}
	return sheets, props.Date1904 != nil && *props.Date1904, nil
}

// table is one data sheet: its rows and where each column is.
type table struct {
	layout *sheetLayout
	rows   [][]string
	col    map[string]int
}

// readHeader finds the columns in row 1: each known once, none unknown.
func (t *table) readHeader(p *problems) {
	name := t.layout.name
	if len(t.rows) == 0 || blank(t.rows[0]) {
		p.add("%s: dòng 1 phải là dòng tiêu đề (xem trang “%s”)", name, sheetGuide)
		return
	}
	t.col = map[string]int{}
	for i, h := range t.rows[0] {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c := t.layout.find(h)
		if c == nil {
			p.add("%s, ô %s: cột “%s” không có trong mẫu (xem trang “%s”)", name, cellName(i+1, 1), motcua.NFC(h), sheetGuide)
			continue
		}
		switch first, seen := t.col[c.key]; {
		case seen:
			p.add("%s, ô %s: cột “%s” trùng với ô %s", name, cellName(i+1, 1), motcua.NFC(h), cellName(first+1, 1))
		default:
			t.col[c.key] = i
		}
	}
	for _, c := range t.layout.columns {
		if _, ok := t.col[c.key]; !ok && !c.optional {
			p.add("%s: thiếu cột “%s” (%s) ở dòng tiêu đề", name, c.title, c.key)
		}
	}
}

// find is the column a header names, by title or key; nil if none.
func (l *sheetLayout) find(header string) *column {
	key := codeKey(header)
	for i, c := range l.columns {
		if key == c.key || key == codeKey(c.title) {
			return &l.columns[i]
		}
	}
	return nil
}

// each calls fn for every data row that is not blank, with its number in
// the sheet (from 1, the header being row 1).
func (t *table) each(fn func(n int, c cells)) {
	for i := 1; i < len(t.rows); i++ {
		if !blank(t.rows[i]) {
			fn(i+1, cells{t.rows[i], t.col})
		}
	}
}

func blank(row []string) bool {
	return !slices.ContainsFunc(row, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// cells is one row; get returns a column's value, NFC-normalised.
type cells struct {
	row []string
	col map[string]int
}

func (c cells) get(key string) string {
	if i, ok := c.col[key]; ok && i < len(c.row) {
		return motcua.NFC(c.row[i])
	}
	return ""
}

func where(sheet string, n int) string { return fmt.Sprintf("%s, dòng %d", sheet, n) }
