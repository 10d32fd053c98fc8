package catalogio

import (
	"bytes"
	"testing"

	"github.com/motcua/motcua"
)

// TestCompetenceRoundTrip: every competence rule, the receiving unit's
// own ("") included, comes back from both formats as written.
func TestCompetenceRoundTrip(t *testing.T) {
	for _, rule := range []motcua.Competence{motcua.CompetenceHere, motcua.CompetenceResidence, motcua.CompetenceLocation, motcua.CompetenceChoice} {
		s := Normalize(realistic())
		for i := range s.Versions {
			s.Versions[i].Competence = rule
		}
		fromJSON, err := ReadJSON(bytes.NewReader(writeJSON(t, s)))
		if err != nil {
			t.Fatal(err)
		}
		fromXLSX, err := ReadXLSX(bytes.NewReader(writeXLSX(t, s)))
		if err != nil {
			t.Fatal(err)
		}
		for i := range s.Versions {
			if got := fromJSON.Versions[i].Competence; got != rule {
				t.Errorf("json, version %d: competence %q, want %q", i, got, rule)
			}
			if got := fromXLSX.Versions[i].Competence; got != rule {
				t.Errorf("xlsx, version %d: competence %q, want %q", i, got, rule)
			}
		}
	}
}

// TestReadXLSXCompetenceAsPeopleTypeIt: the rule is read from its code or
// its words, diacritics and case forgiven; a blank cell is the receiving
// unit's own authority.
func TestReadXLSXCompetenceAsPeopleTypeIt(t *testing.T) {
	for typed, want := range map[string]motcua.Competence{"": motcua.CompetenceHere, "noi_cu_tru": motcua.CompetenceResidence,
		"Nơi có đất": motcua.CompetenceLocation, "LỰA CHỌN": motcua.CompetenceChoice} {
		book := editBook(t, realistic(), func(e *bookEditor) { e.set(sheetVersions, 2, colCompetence, typed) })
		got, err := ReadXLSX(bytes.NewReader(book))
		if err != nil {
			t.Fatalf("%q: %v", typed, err)
		}
		var found bool
		for _, v := range got.Versions {
			if v.Source == where(sheetVersions, 2) {
				found = true
				if v.Competence != want {
					t.Errorf("%q read as %q, want %q", typed, v.Competence, want)
				}
			}
		}
		if !found {
			t.Fatalf("no version from row 2")
		}
	}
}

// TestReadCompetenceRefusesUnknownRules: an unknown rule is reported with
// its row (workbook) or its element (JSON), and nothing is imported.
func TestReadCompetenceRefusesUnknownRules(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		e.set(sheetVersions, 2, colCompetence, "noi sinh")
		e.set(sheetVersions, 3, colCompetence, "tru so")
	})
	s, err := ReadXLSX(bytes.NewReader(book))
	if s != nil {
		t.Error("a snapshot came back with the errors")
	}
	wantProblems(t, err,
		"Thủ tục, dòng 2: căn cứ xác định cơ quan giải quyết “noi sinh” không hợp lệ (noi_cu_tru, noi_co_dat, lua_chon)",
		"Thủ tục, dòng 3: căn cứ xác định cơ quan giải quyết “tru so” không hợp lệ (noi_cu_tru, noi_co_dat, lua_chon)",
	)
	doc := editJSON(t, func(doc map[string]any) { version(doc, 1)["competence"] = "birthplace" })
	_, err = ReadJSON(bytes.NewReader([]byte(doc)))
	wantProblems(t, err, "căn cứ xác định cơ quan giải quyết “birthplace” không hợp lệ (residence, location, choice)")
}

// TestReadXLSXWithoutTheCompetenceColumn: a workbook of the template of
// before the column imports, every rule the receiving unit's own.
func TestReadXLSXWithoutTheCompetenceColumn(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		if err := e.f.RemoveCol(sheetVersions, e.column(sheetVersions, colCompetence)); err != nil {
			t.Fatal(err)
		}
	})
	got, err := ReadXLSX(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got.Versions {
		if v.Competence != motcua.CompetenceHere {
			t.Errorf("%s v%d: competence %q from a removed column", v.Code, v.Version, v.Competence)
		}
	}
}
