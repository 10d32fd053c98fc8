package catalogio

import (
	"bytes"
	"maps"
	"os"
	"strings"
	"testing"
)

// FuzzReadJSON: no input makes ReadJSON panic, and whatever it accepts
// goes through both formats unchanged.
func FuzzReadJSON(f *testing.F) {
	golden, err := os.ReadFile("testdata/catalog.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add(bytes.Replace(golden, []byte(`"minutes": 30`), []byte(`"minutes": "30"`), 1))
	f.Add([]byte(`{"format":"motcua-catalog","format_version":1,"decisions":null,"versions":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		os.WriteFile("/tmp/last.json", data, 0o644)
		s, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		var js, book bytes.Buffer
		if err := WriteJSON(&js, s); err != nil {
			t.Fatalf("read but not written back: %v", err)
		}
		again, err := ReadJSON(&js)
		if err != nil {
			t.Fatalf("written but not read back: %v\n%s", err, js.String())
		}
		sameCatalog(t, again, s)
		if err := WriteXLSX(&book, s); err != nil {
			t.Fatalf("accepted as JSON, refused as XLSX: %v", err)
		}
		fromBook, err := ReadXLSX(&book)
		if err != nil {
			t.Fatalf("XLSX written but not read back: %v", err)
		}
		sameCatalog(t, fromBook, s)
	})
}

// FuzzXLSXCells: rows typed into “Quy trình” (tab-separated cells, one row
// a line) never make the reader panic, and what it accepts is valid.
func FuzzXLSXCells(f *testing.F) {
	f.Add("1.001193\txa\t1\tcong_bo\t1\tTiếp nhận\tmot_cua\ttiep_nhan\t450")
	f.Add("1.001193\tXã\t1,0\tCông bố\t2\tThẩm định\tChuyên viên\tgiai quyet\t 30 \n\t\t\t\t\t\n1.001193\txa\t1\tcong_bo\t1\tx\tlanh_dao\ttiep_nhan\t1e3")
	template := templateSheets(f)
	f.Fuzz(func(t *testing.T, typed string) {
		sheets := maps.Clone(template) // the reader changes no row
		steps := [][]string{sheets[sheetSteps][0]}
		for _, line := range strings.Split(typed, "\n") {
			steps = append(steps, strings.Split(line, "\t"))
		}
		sheets[sheetSteps] = steps
		s, err := parseWorkbook(sheets, false)
		if err != nil {
			return
		}
		var js bytes.Buffer
		if err := WriteJSON(&js, s); err != nil {
			t.Fatalf("read from cells %q but refused by the writer: %v", typed, err)
		}
	})
}

// templateSheets is the template's raw cells, as ReadXLSX sees them.
func templateSheets(t testing.TB) map[string][][]string {
	var b bytes.Buffer
	if err := WriteTemplate(&b); err != nil {
		t.Fatal(err)
	}
	sheets, _, err := loadSheets(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return sheets
}
