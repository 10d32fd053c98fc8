package catalogio

import (
	"bytes"
	"testing"
)

// TestCitizenTextsRoundTrip: đối tượng, trình tự, cách thức and cơ quan
// thực hiện, several lines each, come back from both formats as written.
func TestCitizenTextsRoundTrip(t *testing.T) {
	s := Normalize(realistic())
	var with int
	for _, v := range s.Versions {
		if v.Applicants != "" && v.Sequence != "" && v.Channels != "" && v.Agency != "" {
			with++
		}
	}
	if with == 0 {
		t.Fatal("the fixture has no version with the four texts")
	}
	fromJSON, err := ReadJSON(bytes.NewReader(writeJSON(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	fromXLSX, err := ReadXLSX(bytes.NewReader(writeXLSX(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range s.Versions {
		for format, got := range map[string]string{"json": fromJSON.Versions[i].Applicants + "|" + fromJSON.Versions[i].Sequence + "|" +
			fromJSON.Versions[i].Channels + "|" + fromJSON.Versions[i].Agency, "xlsx": fromXLSX.Versions[i].Applicants + "|" +
			fromXLSX.Versions[i].Sequence + "|" + fromXLSX.Versions[i].Channels + "|" + fromXLSX.Versions[i].Agency} {
			if w := want.Applicants + "|" + want.Sequence + "|" + want.Channels + "|" + want.Agency; got != w {
				t.Errorf("%s, version %d: texts %q, want %q", format, i, got, w)
			}
		}
	}
}

// TestReadXLSXWithoutTheCitizenTextColumns: a workbook filled in from the
// template of before these columns still imports, the texts blank.
func TestReadXLSXWithoutTheCitizenTextColumns(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		for _, key := range []string{colApplicants, colSequence, colChannels, colAgency} {
			if err := e.f.RemoveCol(sheetVersions, e.column(sheetVersions, key)); err != nil {
				t.Fatal(err)
			}
		}
	})
	got, err := ReadXLSX(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got.Versions {
		if v.Applicants != "" || v.Sequence != "" || v.Channels != "" || v.Agency != "" {
			t.Errorf("%s v%d: texts read from removed columns: %+v", v.Code, v.Version, v.Procedure)
		}
	}
}
