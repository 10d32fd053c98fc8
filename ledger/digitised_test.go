package ledger_test

import (
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// TestDigitisedDossierIsFilesOnEveryComponentAndAnElectronicResult: the
// national rule of indicator 4.2, case by case.
func TestDigitisedDossierIsFilesOnEveryComponentAndAnElectronicResult(t *testing.T) {
	two := []motcua.ReceivedDocument{{Name: "Tờ khai"}, {Name: "Giấy chứng sinh"}}
	for _, c := range []struct {
		name             string
		components       []motcua.ReceivedDocument
		filed            map[int]bool
		resultIsDocument bool
		electronic       bool
		complete         bool
		missing          []string
		resultMissing    bool
	}{
		{"every component filed, electronic result", two, map[int]bool{0: true, 1: true}, true, true, true, nil, false},
		{"every component filed, result not a document", two, map[int]bool{0: true, 1: true}, false, false, true, nil, false},
		{"every component filed, document result still on paper", two, map[int]bool{0: true, 1: true}, true, false, false, nil, true},
		{"one component without its file", two, map[int]bool{0: true}, true, true, false, []string{"Giấy chứng sinh"}, false},
		{"nothing filed, nothing issued", two, nil, true, false, false, []string{"Tờ khai", "Giấy chứng sinh"}, true},
		{"no component recorded", nil, nil, false, false, false, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ledger.Digitised(c.components, c.filed, c.resultIsDocument, c.electronic)
			if got.Complete != c.complete || !slices.Equal(got.Missing, c.missing) || got.ResultMissing != c.resultMissing {
				t.Fatalf("got %+v", got)
			}
			if got.NoComponents != (len(c.components) == 0) {
				t.Fatalf("NoComponents %v", got.NoComponents)
			}
		})
	}
}

// TestResultIsDocumentUnlessTheCatalogueSaysOtherwise: a result named as a
// paper (giấy, văn bản, quyết định, trích lục…) is a document; an empty
// result type counts as one (the stricter reading); a change of records is not.
func TestResultIsDocumentUnlessTheCatalogueSaysOtherwise(t *testing.T) {
	for text, want := range map[string]bool{
		"Giấy khai sinh (bản chính); bản sao Giấy khai sinh nếu có yêu cầu": true,
		"Trích lục khai tử (bản chính)":                                     true,
		"Quyết định giải quyết tranh chấp đất đai":                          true,
		"Giao dịch được chứng thực":                                         true,
		"":                                                                  true,
		"Cập nhật thông tin vào cơ sở dữ liệu":                              false,
		"Chuyển tình trạng hộ kinh doanh sang đã chấm dứt hoạt động": false,
	} {
		if got := ledger.ResultIsDocument(text); got != want {
			t.Errorf("ResultIsDocument(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestDigitiseOnTheDayOfIntakeOnly: the same day in Vietnam's time, to its
// last minute; the next day refused with the reason.
func TestDigitiseOnTheDayOfIntakeOnly(t *testing.T) {
	keyed := time.Date(2026, 12, 7, 16, 50, 0, 0, motcua.VN)
	for _, c := range []struct {
		now time.Time
		ok  bool
	}{
		{keyed, true},
		{time.Date(2026, 12, 7, 23, 59, 0, 0, motcua.VN), true},
		{time.Date(2026, 12, 7, 17, 30, 0, 0, time.UTC), false}, // 00:30 on the 8th in Vietnam
		{time.Date(2026, 12, 8, 7, 30, 0, 0, motcua.VN), false},
		{time.Date(2026, 12, 6, 9, 0, 0, 0, motcua.VN), false},
	} {
		err := ledger.MayDigitise(keyed, c.now)
		if (err == nil) != c.ok {
			t.Errorf("at %v: %v", c.now, err)
		}
		if err != nil && (motcua.ErrorCode(err) != motcua.EINVALID || !strings.Contains(motcua.ErrorMessage(err), "07/12/2026")) {
			t.Errorf("refusal %v", err)
		}
	}
}

// TestEveryDemoCatalogueResultIsADocument: the demo catalogue's results
// (real procedures) are all documents, so a dossier of any of them needs
// its electronic result to count as digitised.
func TestEveryDemoCatalogueResultIsADocument(t *testing.T) {
	f, err := os.Open("../demo/data/procedures.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	col := slices.Index(rows[0], "result_type")
	if col < 0 {
		t.Fatalf("no result_type column in %q", rows[0])
	}
	for _, r := range rows[1:] {
		if !ledger.ResultIsDocument(r[col]) {
			t.Errorf("%s: result %q is not read as a document", r[0], r[col])
		}
	}
}
