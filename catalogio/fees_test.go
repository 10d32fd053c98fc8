package catalogio

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// Real national amounts: the certification of a copy from its original
// (Circular 226/2016/TT-BTC: 2.000 đồng a page, from the third page 1.000
// đồng, at most 200.000 đồng a copy) and a copy of a civil-status extract
// (Circular 281/2016/TT-BTC, art. 4: 8.000 đồng a copy).
var (
	certifyFee = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí chứng thực bản sao từ bản chính", Basis: motcua.FeeTable,
		Over: motcua.FeePerPage, Bands: []motcua.FeeBand{{From: 1, To: 2, Amount: 2000}, {From: 3, Amount: 1000}}, Max: 200000,
		LegalBasis: "Thông tư 226/2016/TT-BTC", PayAt: motcua.FeePayAtIntake}
	extractFee = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy,
		LegalBasis: "Thông tư 281/2016/TT-BTC, Điều 4", PayAt: motcua.FeePayAtResult}
	levyFee = motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký hộ tịch", Amount: 5000, Basis: motcua.FeeFixed,
		Exemptions: []motcua.FeeExemption{{Who: "Người thuộc hộ nghèo", Basis: "Luật Hộ tịch 60/2014/QH13, Điều 11"},
			{Who: "Người khuyết tật", Basis: "Luật Hộ tịch 60/2014/QH13, Điều 11"}},
		PayAt: motcua.FeePayAtIntake}
)

// withFees states fees on some versions of the realistic catalogue: the
// first version of 1.001193 free, its second with two lines, both versions
// of 2.000815 by a table; the others keep their note only.
func withFees(s *motcua.CatalogSnapshot) *motcua.CatalogSnapshot {
	for i := range s.Versions {
		v := &s.Versions[i]
		switch {
		case v.Code == "1.001193" && v.Version == 1:
			v.FeesStated = true
		case v.Code == "1.001193" && v.Version == 2:
			v.FeesStated, v.FeeLines = true, []motcua.FeeLine{levyFee, extractFee}
			v.Fees = "Mức lệ phí do HĐND tỉnh quy định"
		case v.Code == "2.000815":
			v.FeesStated, v.FeeLines = true, []motcua.FeeLine{certifyFee}
		}
	}
	return s
}

func TestFeeLinesJSONRoundTripIsByteIdentical(t *testing.T) {
	s := withFees(realistic())
	first := writeJSON(t, s)
	got, err := ReadJSON(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, Normalize(s))
	if second := writeJSON(t, got); !bytes.Equal(first, second) {
		t.Errorf("export → import → export changed the bytes:\n%s\n---\n%s", first, second)
	}
	text := string(first)
	if n := strings.Count(text, `"fee_lines": []`); n != 1 {
		t.Errorf("%d free versions written as \"fee_lines\": [], want 1", n)
	}
	if n := strings.Count(text, `"fee_lines"`); n != 4 {
		t.Errorf("%d versions with \"fee_lines\", want 4 (the draft and 2.000884 leave the key out)", n)
	}
	wantStated(t, got)
}

func TestFeeLinesXLSXRoundTripIsByteIdentical(t *testing.T) {
	s := withFees(realistic())
	first := writeXLSX(t, s)
	got, err := ReadXLSX(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	sameCatalog(t, got, Normalize(s))
	if second := writeXLSX(t, got); !bytes.Equal(first, second) {
		t.Error("export → import → export changed the workbook's bytes")
	}
	wantStated(t, got)
}

// wantStated: free and not stated stay apart after a round trip.
func wantStated(t *testing.T, s *motcua.CatalogSnapshot) {
	t.Helper()
	for _, v := range s.Versions {
		free := v.Code == "1.001193" && v.Version == 1
		switch {
		case free && (!v.FeesStated || v.FeeLines == nil || len(v.FeeLines) != 0):
			t.Errorf("%s v%d: stated %v lines %#v, want free", v.Code, v.Version, v.FeesStated, v.FeeLines)
		case v.Code == "2.000884" && (v.FeesStated || v.FeeLines != nil):
			t.Errorf("%s: stated %v lines %#v, want not stated", v.Code, v.FeesStated, v.FeeLines)
		}
	}
}

func TestReadXLSXReportsBadFeeRows(t *testing.T) {
	// Fee rows in order: 1.001193 v2 (rows 2, 3), 2.000815 v1 (4), v2 (5).
	book := editBook(t, withFees(realistic()), func(e *bookEditor) {
		e.set(sheetFees, 2, colFeeExemptions, "Hộ nghèo")
		e.set(sheetFees, 3, colFeeAmount, "8,5")
		e.set(sheetFees, 4, colFeeBands, "1-2: 2.000; 4-: 1.000")
		e.set(sheetFees, 5, colFeeKind, "thue")
		e.set(sheetVersions, 2, colFeesFree, "khong")
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err,
		"Phí, lệ phí, dòng 2: trường hợp miễn “Hộ nghèo” thiếu căn cứ pháp lý: viết “đối tượng | căn cứ pháp lý”",
		"Phí, lệ phí, dòng 3: số tiền “8,5” không phải số tiền nguyên (đồng)",
		"Phí, lệ phí, dòng 4: bậc 2 phải bắt đầu từ 3 (các bậc liền nhau, không hở, không chồng)",
		"Phí, lệ phí, dòng 5: loại khoản thu “thue” không hợp lệ (phi, le_phi)",
		"Thủ tục, dòng 2: miễn phí, lệ phí “khong” không hợp lệ: ghi co hoặc để trống",
	)
}

func TestReadXLSXFreeWithLinesIsRefused(t *testing.T) {
	book := editBook(t, withFees(realistic()), func(e *bookEditor) {
		e.set(sheetVersions, 3, colFeesFree, "Có") // 1.001193 v2, which has lines on rows 2 and 3
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err, "Thủ tục, dòng 3: ghi miễn phí, lệ phí nhưng có 2 khoản thu ở trang “Phí, lệ phí” (dòng 2)")
}

// TestReadXLSXWithoutTheFeeSheet: a workbook made before fee lines imports,
// every version with its note only.
func TestReadXLSXWithoutTheFeeSheet(t *testing.T) {
	book := editBook(t, withFees(realistic()), func(e *bookEditor) {
		if err := e.f.DeleteSheet(sheetFees); err != nil {
			t.Fatal(err)
		}
		if err := e.f.RemoveCol(sheetVersions, e.column(sheetVersions, colFeesFree)); err != nil {
			t.Fatal(err)
		}
	})
	got, err := ReadXLSX(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range got.Versions {
		if v.FeesStated || v.FeeLines != nil {
			t.Errorf("%s v%d: stated %v, lines %v; want the note only", v.Code, v.Version, v.FeesStated, v.FeeLines)
		}
	}
}

func TestXLSXReadsAmountsAsTyped(t *testing.T) {
	for cell, want := range map[string]int64{"8000": 8000, "8.000": 8000, "1,000,000": 1000000, "8.000 đồng": 8000, "": 0} {
		if got, bad := dong("số tiền", cell); got != want || bad != "" {
			t.Errorf("dong(%q) = %d, %q; want %d", cell, got, bad, want)
		}
	}
	for _, cell := range []string{"8.5", "8,5", "-1", "tám nghìn", "80.00"} {
		if _, bad := dong("số tiền", cell); bad == "" {
			t.Errorf("dong(%q) accepted", cell)
		}
	}
	bands, bad := bandsFrom("1–2: 2.000;\n3 - : 1000")
	if bad != "" || len(bands) != 2 || bands[0] != (wireFeeBand{1, 2, 2000}) || bands[1] != (wireFeeBand{3, 0, 1000}) {
		t.Errorf("bands %+v, %q", bands, bad)
	}
}

func TestReadJSONReportsBadFeeLines(t *testing.T) {
	text := string(writeJSON(t, withFees(realistic())))
	text = strings.Replace(text, `"amount": 8000`, `"amount": -8000`, 1)
	text = strings.Replace(text, `"pay_at": "intake"`, `"pay_at": "later"`, 1)
	text = strings.Replace(text, `"basis": "Luật Hộ tịch 60/2014/QH13, Điều 11"`, `"basis": ""`, 1)
	_, err := ReadJSON(strings.NewReader(text))
	wantProblems(t, err,
		"Thủ tục thứ 2 (1.001193), khoản phí, lệ phí thứ 1: thời điểm nộp “later” không hợp lệ (intake, result)",
		"Thủ tục thứ 2 (1.001193), khoản phí, lệ phí thứ 2: số tiền phải là số nguyên dương",
	)
	text = strings.Replace(string(writeJSON(t, withFees(realistic()))), `"pay_at": "result"`, `"pay_at": "result", "vat": 10`, 1)
	_, err = ReadJSON(strings.NewReader(text))
	wantProblems(t, err, "khoản phí, lệ phí thứ 2: trường “vat” không có trong định dạng motcua-catalog")
}

// TestJSONGoldenWithFees pins the fee lines' JSON: testdata/catalog-fees.json
// is the realistic catalogue with fees stated (see withFees).
func TestJSONGoldenWithFees(t *testing.T) {
	got := writeJSON(t, withFees(realistic()))
	const golden = "testdata/catalog-fees.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("WriteJSON differs from %s (go test -update to accept):\n%s", golden, got)
	}
}
