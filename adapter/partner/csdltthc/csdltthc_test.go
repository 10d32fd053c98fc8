package csdltthc_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/adapter/partner/csdltthc/csdltthctest"
)

const sample = "testdata/xuat-csdl-tthc.json"

func readSample(t *testing.T) []csdltthc.Record {
	t.Helper()
	f, err := os.Open(sample)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csdltthc.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return records
}

func byCodeLevel(list []*motcua.NationalProcedure) map[string]*motcua.NationalProcedure {
	out := map[string]*motcua.NationalProcedure{}
	for _, n := range list {
		out[n.Code+"/"+string(n.Level)] = n
	}
	return out
}

// TestSampleExportReadsIntoTheCatalogue: the export's four procedures
// become five procedures (one is at two levels), with what is data read
// as data and what is not listed as text.
func TestSampleExportReadsIntoTheCatalogue(t *testing.T) {
	list, err := csdltthc.Convert(readSample(t))
	if err != nil {
		t.Fatal(err)
	}
	got := byCodeLevel(list)
	if len(list) != 5 || got["2.000908/district"] == nil || got["2.000908/commune"] == nil {
		t.Fatalf("converted %d procedures: %v", len(list), got)
	}

	birth := got["1.001193/commune"]
	if birth.Name != "Đăng ký khai sinh" || birth.Field != "Hộ tịch" || birth.ResultType != "Giấy khai sinh" ||
		birth.Agency != "Ủy ban nhân dân cấp xã" || birth.Source != "Mục thứ 1 (1.001193)" {
		t.Errorf("birth registration heads: %+v", birth.Procedure)
	}
	if birth.TimeRead {
		t.Errorf("a time with a 15:00 rule was read as %v; it must stay text", birth.Time)
	}
	if !birth.FeesRead || !birth.FeesStated || len(birth.FeeLines) != 0 {
		t.Errorf("“Miễn lệ phí” must read as free: read %v, stated %v, lines %v", birth.FeesRead, birth.FeesStated, birth.FeeLines)
	}
	if want := "60/2014/QH13 — Luật Hộ tịch; 123/2015/NĐ-CP — Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"; birth.LegalBasis != want {
		t.Errorf("legal basis %q", birth.LegalBasis)
	}
	wantDocs := []motcua.RequiredDocument{
		{Name: "Tờ khai đăng ký khai sinh theo mẫu", Kind: motcua.DocOriginal, Count: 1, Template: "To khai dang ky khai sinh.docx"},
		{Name: "Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh", Kind: motcua.DocOriginal, Count: 1},
		{Name: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)", Kind: motcua.DocOriginal, Count: 1},
	}
	if !reflect.DeepEqual(birth.Documents, wantDocs) {
		t.Errorf("documents:\n got %+v\nwant %+v", birth.Documents, wantDocs)
	}
	unread := strings.Join(birth.Unread, "\n")
	if !strings.Contains(unread, "Thời hạn giải quyết: «Ngay trong ngày tiếp nhận hồ sơ") ||
		!strings.Contains(unread, "Thành phần hồ sơ 3, số lượng: «Bản chính: 1 - Bản sao: 1»") {
		t.Errorf("unread list:\n%s", unread)
	}

	parent := got["1.001022/commune"]
	if !parent.TimeRead || parent.Time != (motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}) {
		t.Errorf("“03 ngày làm việc” read as %v (%v)", parent.Time, parent.TimeRead)
	}
	wantFee := []motcua.FeeLine{{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký nhận cha, mẹ, con", Amount: 15000, Basis: motcua.FeeFixed, PayAt: motcua.FeePayAtIntake}}
	if !reflect.DeepEqual(parent.FeeLines, wantFee) || len(parent.Unread) != 0 {
		t.Errorf("fee lines %+v, unread %v", parent.FeeLines, parent.Unread)
	}
	if parent.Documents[1].Kind != motcua.DocCopy || parent.Documents[1].Count != 1 {
		t.Errorf("“Bản chính: 0 - Bản sao: 1” read as %+v", parent.Documents[1])
	}

	copyFee := got["2.000908/commune"].FeeLines
	if len(copyFee) != 1 || copyFee[0].Kind != motcua.FeeCharge || copyFee[0].Basis != motcua.FeePerCopy || copyFee[0].Amount != 8000 {
		t.Errorf("“Phí: 8.000 đồng/bản” read as %+v", copyFee)
	}
	if err := motcua.ValidateFeeLines(copyFee); err != nil {
		t.Error(err)
	}
}

// TestTimesAndFeesThatStayText: what is not one plain amount is not guessed.
func TestTimesAndFeesThatStayText(t *testing.T) {
	for _, c := range []struct {
		time, fees         string
		timeRead, feesRead bool
	}{
		{"05 ngày làm việc", "Phí: 50.000 đồng; Lệ phí: 20.000 đồng", true, true},
		{"4 giờ làm việc", "Lệ phí: 0 đồng", true, true},
		{"Trong ngày", "Không", true, true},
		{"10 ngày", "Lệ phí: 10% giá trị tài sản", false, false},
		{"Trực tiếp: 05 ngày làm việc; trực tuyến: 03 ngày làm việc", "Phí: 2.000 đồng/trang cho trang thứ nhất và thứ hai", false, false},
		{"Không quá 15 ngày làm việc", "Theo quy định của Hội đồng nhân dân tỉnh", false, false},
		{"", "", false, false},
	} {
		r := csdltthc.Record{MaTTHC: "1.000001", TenTTHC: "Thủ tục thử", CapThucHien: "Cấp Tỉnh", LinhVuc: "Thử",
			ThoiHanGiaiQuyet: c.time, PhiLePhi: c.fees}
		list, err := csdltthc.Convert([]csdltthc.Record{r})
		if err != nil {
			t.Fatal(err)
		}
		n := list[0]
		if n.TimeRead != c.timeRead || n.FeesRead != c.feesRead {
			t.Errorf("%q / %q: time read %v (%v), fees read %v (%+v); want %v, %v", c.time, c.fees, n.TimeRead, n.Time, n.FeesRead, n.FeeLines, c.timeRead, c.feesRead)
		}
		if !n.FeesRead && n.Fees != c.fees {
			t.Errorf("%q: unread fees kept as %q", c.fees, n.Fees)
		}
		if got := len(n.Unread); got != map[bool]int{true: 0, false: 1}[c.timeRead]+map[bool]int{true: 0, false: 1}[c.feesRead] {
			t.Errorf("%q / %q: unread %v", c.time, c.fees, n.Unread)
		}
	}
}

// TestBadRecordsAreAllNamed: every problem of every record, by its number,
// and nothing converted.
func TestBadRecordsAreAllNamed(t *testing.T) {
	good := csdltthc.Record{MaTTHC: "1.000001", TenTTHC: "Thủ tục thử", CapThucHien: "Cấp Xã", LinhVuc: "Thử", ThoiHanGiaiQuyet: "1 ngày làm việc"}
	noName := good
	noName.MaTTHC, noName.TenTTHC = "1.000002", ""
	badCode := good
	badCode.MaTTHC = "1.00A"
	central := good
	central.MaTTHC, central.CapThucHien = "1.000003", "Cấp Bộ"
	emptyDoc := good
	emptyDoc.MaTTHC, emptyDoc.ThanhPhanHoSo = "1.000004", []csdltthc.Component{{SoLuong: "Bản chính: 1 - Bản sao: 0"}}
	list, err := csdltthc.Convert([]csdltthc.Record{good, noName, badCode, central, emptyDoc, good})
	if list != nil || motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("got %v, %v", list, err)
	}
	msg := motcua.ErrorMessage(err)
	for _, want := range []string{
		"Mục thứ 2 (1.000002): thiếu tên thủ tục (TenTTHC)",
		`Mục thứ 3 (1.00A): mã thủ tục "1.00A" không hợp lệ`,
		`Mục thứ 4 (1.000003): cấp thực hiện "Cấp Bộ" không có cấp tỉnh, cấp huyện hay cấp xã`,
		"Mục thứ 5 (1.000004): thành phần hồ sơ thứ 1 thiếu tên giấy tờ",
		"Mục thứ 6 (1.000001): trùng mã với mục thứ 1",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// TestMalformedFilesSayWhere: JSON errors name the line.
func TestMalformedFilesSayWhere(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"{\"DanhSachTTHC\": [\n{\"MaTTHC\": \"1.001193\",\n\"TenTTHC\": }]}", "lỗi cú pháp ở dòng 3"},
		{"{\"DanhSachTTHC\": [\n{\"MaTTHC\": 1001193}]}", "dòng 2: trường DanhSachTTHC.MaTTHC phải là chuỗi văn bản"},
		{`{"DanhSachTTHC": []}`, "Tệp không có thủ tục nào"},
		{"PK\x03\x04 not json", "lỗi cú pháp ở dòng 1"},
	} {
		_, err := csdltthc.ReadFile(strings.NewReader(c.file))
		if err == nil || !strings.Contains(motcua.ErrorMessage(err), c.want) {
			t.Errorf("%q: %v; want %q", c.file, err, c.want)
		}
	}
}

// TestSelectRefusesUnknownCodes: codes the file lacks are all named.
func TestSelectRefusesUnknownCodes(t *testing.T) {
	records := readSample(t)
	got, err := csdltthc.Select(records, []string{"1.001022", "1.001193"})
	if err != nil || len(got) != 2 || got[0].MaTTHC != "1.001022" || got[1].MaTTHC != "1.001193" {
		t.Fatalf("select: %v, %v", got, err)
	}
	_, err = csdltthc.Select(records, []string{"1.001193", "9.999999", "9.999998"})
	if err == nil || !strings.Contains(motcua.ErrorMessage(err), "9.999999, 9.999998") || motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Errorf("unknown codes: %v", err)
	}
	if _, err := csdltthc.ParseCodes("1.001193, abc"); err == nil || !strings.Contains(motcua.ErrorMessage(err), `"abc"`) {
		t.Errorf("bad code: %v", err)
	}
	codes, err := csdltthc.ParseCodes("1.001193, 2.000908;1.001193\n")
	if err != nil || !reflect.DeepEqual(codes, []string{"1.001193", "2.000908"}) {
		t.Errorf("codes %v, %v", codes, err)
	}
}

// TestClientReadsTheServiceLikeTheFile: over HTTP, the simulator's answers
// convert to exactly what the export file converts to.
func TestClientReadsTheServiceLikeTheFile(t *testing.T) {
	sim := csdltthctest.Start(t, sample)
	c := &csdltthc.Client{Base: sim.URL}
	codes := []string{"1.001193", "1.001022"}
	fetched, err := c.Fetch(t.Context(), codes)
	if err != nil {
		t.Fatal(err)
	}
	fromFile, err := csdltthc.Select(readSample(t), codes)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fetched, fromFile) {
		t.Errorf("fetched %+v\nfile    %+v", fetched, fromFile)
	}
	if !reflect.DeepEqual(sim.Asked(), codes) {
		t.Errorf("asked %v", sim.Asked())
	}

	_, err = c.Fetch(t.Context(), []string{"1.001193", "9.999999"})
	if motcua.ErrorCode(err) != motcua.ENOTFOUND || !strings.Contains(motcua.ErrorMessage(err), "9.999999") {
		t.Errorf("unknown code: %v", err)
	}
	sim.SetFail(http.StatusBadGateway)
	if _, err := c.Fetch(t.Context(), codes); err == nil || !strings.Contains(motcua.ErrorMessage(err), "502") {
		t.Errorf("outage: %v", err)
	}
	if _, err := c.Fetch(t.Context(), nil); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("no codes: %v", err)
	}
}

func openFile(t *testing.T, path string) csdltthc.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return csdltthc.File{Name: path, Body: f}
}

// TestPerProcedureExportReadsLikeTheList: the Word export of the birth
// registration (headings, the ways-to-file table, the documents and the
// legal basis tables) converts to exactly what its item of the JSON list
// converts to, but for where it was read.
func TestPerProcedureExportReadsLikeTheList(t *testing.T) {
	fromDocx, err := csdltthc.FromFiles([]csdltthc.File{openFile(t, "testdata/ChiTietTTHC_1.001193.docx")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := csdltthc.FromFiles([]csdltthc.File{openFile(t, sample)}, []string{"1.001193"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fromDocx) != 1 || len(fromJSON) != 1 {
		t.Fatalf("%d and %d procedures", len(fromDocx), len(fromJSON))
	}
	if fromDocx[0].Source != "testdata/ChiTietTTHC_1.001193.docx (1.001193)" {
		t.Errorf("source %q", fromDocx[0].Source)
	}
	a, b := *fromDocx[0], *fromJSON[0]
	a.Source, b.Source = "", ""
	if !reflect.DeepEqual(a, b) {
		t.Errorf("docx %+v\njson %+v", a, b)
	}
	// Both kinds at once, and a code only the list has.
	both, err := csdltthc.FromFiles([]csdltthc.File{openFile(t, "testdata/ChiTietTTHC_1.001193.docx"), openFile(t, sample)}, []string{"1.001022"})
	if err != nil || len(both) != 1 || both[0].Code != "1.001022" {
		t.Errorf("both files: %v, %v", both, err)
	}
	// The docx and the list both hold 1.001193: a duplicate, named.
	_, err = csdltthc.FromFiles([]csdltthc.File{openFile(t, "testdata/ChiTietTTHC_1.001193.docx"), openFile(t, sample)}, nil)
	if err == nil || !strings.Contains(motcua.ErrorMessage(err), "Mục thứ 2 (1.001193): trùng mã") {
		t.Errorf("duplicate across files: %v", err)
	}
}

// TestBadPerProcedureExports: not a zip, a zip without a document, a
// document that is not a procedure's, an unknown extension.
func TestBadPerProcedureExports(t *testing.T) {
	var empty bytes.Buffer
	zw := zip.NewWriter(&empty)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Công văn</w:t></w:r></w:p></w:body></w:document>`))
	zw.Close()
	var noDoc bytes.Buffer
	zw = zip.NewWriter(&noDoc)
	zw.Create("word/styles.xml")
	zw.Close()
	for _, c := range []struct {
		name string
		body []byte
		want string
	}{
		{"ChiTietTTHC_1.doc", []byte("\xd0\xcf\x11\xe0 binary Word 97"), "ChiTietTTHC_1.doc: không phải tệp Word dạng .docx (tệp .doc cũ: hãy mở bằng Word và lưu thành .docx)."},
		{"a.docx", noDoc.Bytes(), "a.docx: tệp không có nội dung văn bản"},
		{"b.docx", empty.Bytes(), "b.docx: không có mục “Mã thủ tục:”"},
		{"c.pdf", []byte("%PDF"), "c.pdf: tệp phải có đuôi .json"},
	} {
		_, err := csdltthc.FromFiles([]csdltthc.File{{Name: c.name, Body: bytes.NewReader(c.body)}}, nil)
		if err == nil || !strings.Contains(motcua.ErrorMessage(err), c.want) {
			t.Errorf("%s: %v; want %q", c.name, err, c.want)
		}
	}
	if _, err := csdltthc.FromFiles(nil, nil); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("no file: %v", err)
	}
}

// docx builds a minimal per-procedure export: each item a paragraph
// (string) or a table ([][]string).
func docx(t *testing.T, items ...any) []byte {
	t.Helper()
	var b strings.Builder
	para := func(s string) string {
		var x strings.Builder
		xml.EscapeText(&x, []byte(s))
		return `<w:p><w:r><w:t xml:space="preserve">` + x.String() + `</w:t></w:r></w:p>`
	}
	for _, it := range items {
		switch v := it.(type) {
		case string:
			b.WriteString(para(v))
		case [][]string:
			b.WriteString("<w:tbl>")
			for _, row := range v {
				b.WriteString("<w:tr>")
				for _, c := range row {
					b.WriteString("<w:tc>" + para(c) + "</w:tc>")
				}
				b.WriteString("</w:tr>")
			}
			b.WriteString("</w:tbl>")
		}
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + b.String() + `</w:body></w:document>`))
	zw.Close()
	return out.Bytes()
}

// TestPerProcedureExportWaysAndRows: times and fees that differ by way of
// filing are kept per way (and stay text); a document row without a name
// is refused with its row.
func TestPerProcedureExportWaysAndRows(t *testing.T) {
	head := []any{"Mã thủ tục: 1.000002", "Tên thủ tục: Cấp giấy phép thử", "Cấp thực hiện: Cấp Tỉnh", "Lĩnh vực: Thử nghiệm", "Cách thức thực hiện:",
		[][]string{{"Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí", "Mô tả"},
			{"Trực tiếp", "05 ngày làm việc", "Phí: 50.000 đồng", ""}, {"Trực tuyến", "03 ngày làm việc", "Phí: 25.000 đồng", "Giảm 50% phí"}}}
	list, err := csdltthc.FromFiles([]csdltthc.File{{Name: "x.docx", Body: bytes.NewReader(docx(t, head...))}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := list[0]
	if n.Channels != "Trực tiếp; Trực tuyến" || n.TimeRead || n.FeesRead || n.Fees != "Trực tiếp: Phí: 50.000 đồng\nTrực tuyến: Phí: 25.000 đồng" {
		t.Errorf("per way: channels %q, time read %v, fees read %v %q", n.Channels, n.TimeRead, n.FeesRead, n.Fees)
	}
	bad := append(head, "Thành phần hồ sơ:", [][]string{{"Tên giấy tờ", "Mẫu đơn, tờ khai", "Số lượng"},
		{"Đơn đề nghị", "", "Bản chính: 1 - Bản sao: 0"}, {"", "", "Bản chính: 0 - Bản sao: 1"}})
	_, err = csdltthc.FromFiles([]csdltthc.File{{Name: "y.docx", Body: bytes.NewReader(docx(t, bad...))}}, nil)
	if err == nil || !strings.Contains(motcua.ErrorMessage(err), "y.docx: bảng “Thành phần hồ sơ”, dòng 3: thiếu tên giấy tờ") {
		t.Errorf("row without a name: %v", err)
	}
}
