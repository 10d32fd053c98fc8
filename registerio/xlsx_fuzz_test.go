package registerio

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// FuzzReadXLSX: any bytes offered as a workbook are read into entries and
// numbered row errors, or refused as invalid; never a panic or an internal
// error.
func FuzzReadXLSX(f *testing.F) {
	f.Add(templateWorkbook(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, bad, err := ReadXLSX(bytes.NewReader(data))
		if err != nil {
			if motcua.ErrorCode(err) != motcua.EINVALID {
				t.Fatalf("refused without saying why in the user's terms: %v", err)
			}
			return
		}
		for _, b := range bad {
			if b.Row < 2 || b.Reason == "" {
				t.Fatalf("a rejection without row or reason: %+v", b)
			}
		}
		for _, e := range entries {
			if e.Code == "" || e.AcceptedAt.IsZero() {
				t.Fatalf("an invalid entry passed: %+v", e)
			}
		}
	})
}

// templateWorkbook is the CSV template as a one-sheet workbook.
func templateWorkbook(t testing.TB) []byte {
	records, err := csv.NewReader(strings.NewReader(Template())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wb := excelize.NewFile()
	for r, rec := range records {
		for c, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			wb.SetCellStr("Sheet1", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
