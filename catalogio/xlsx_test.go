package catalogio

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
)

// bookEditor changes cells of a written workbook, as a person would.
type bookEditor struct {
	t *testing.T
	f *excelize.File
}

// editBook writes s as a workbook, lets edit change it and returns the bytes.
func editBook(t *testing.T, s *motcua.CatalogSnapshot, edit func(*bookEditor)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(writeXLSX(t, s)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(&bookEditor{t, f})
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// column is the letter of the column whose header is key's title.
func (e *bookEditor) column(sheet, key string) string {
	e.t.Helper()
	header, err := e.f.GetRows(sheet)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, layout := range dataLayouts {
		if layout.name != sheet {
			continue
		}
		for i, h := range header[0] {
			if c := layout.find(h); c != nil && c.key == key {
				name, _ := excelize.ColumnNumberToName(i + 1)
				return name
			}
		}
	}
	e.t.Fatalf("no column %s in %s", key, sheet)
	return ""
}

func (e *bookEditor) set(sheet string, row int, key string, value any) {
	e.t.Helper()
	if err := e.f.SetCellValue(sheet, fmt.Sprintf("%s%d", e.column(sheet, key), row), value); err != nil {
		e.t.Fatal(err)
	}
}

func TestReadXLSXReportsEveryBadRow(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		e.set(sheetVersions, 2, colLevel, "phuong")
		e.set(sheetSteps, 7, colRole, "giam doc")
		e.set(sheetSteps, 8, colMinutes, "ba mươi")
		e.set(sheetSteps, 9, colVersion, 7)
		e.set(sheetDocuments, 3, colCount, "0")
		e.set(sheetDecisions, 2, colEffective, "31/02/2025")
		e.set(sheetVersions, 3, colOnlineFrom, "2025")
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err,
		"Tệp có ",
		"Thủ tục, dòng 2: cấp “phuong” không hợp lệ (xa, huyen, tinh)",
		"Quy trình, dòng 7: vai trò “giam doc” không hợp lệ (mot_cua, chuyen_vien, lanh_dao)",
		"Quy trình, dòng 8: số phút “ba mươi” không phải là số nguyên",
		"Quy trình, dòng 9: không có phiên bản nào của thủ tục 1.001193 ở trang “Thủ tục” có cấp xa, phiên bản 7, trạng thái cong_bo",
		"Thành phần hồ sơ, dòng 3: số lượng 0 không hợp lệ",
		"Quyết định, dòng 2: hiệu lực từ “31/02/2025” không hợp lệ",
		"Thủ tục, dòng 3: trực tuyến từ “2025” không hợp lệ",
	)
}

func TestReadXLSXMissingHeaderColumn(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		if err := e.f.RemoveCol(sheetSteps, e.column(sheetSteps, colMinutes)); err != nil {
			t.Fatal(err)
		}
		e.set(sheetDocuments, 1, colTemplate, "Ghi chú")
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err, "Quy trình: thiếu cột “Số phút” (so_phut) ở dòng tiêu đề",
		"Thành phần hồ sơ, ô I1: cột “Ghi chú” không có trong mẫu", "Thành phần hồ sơ: thiếu cột “Mẫu đơn” (mau_don)")
}

func TestReadXLSXDuplicatesAndLinks(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		e.set(sheetSteps, 3, colPosition, 1)
		e.set(sheetVersions, 3, colVersion, 1)
		e.set(sheetVersions, 6, colIssuer, "UBND huyện Đắk Mil")
		e.set(sheetDecisions, 3, colNumber, "12/QĐ-UBND")
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err,
		"Quy trình, dòng 3: thứ tự 1 trùng với dòng 2 của cùng phiên bản",
		"Thủ tục, dòng 3: trùng mã, cấp, phiên bản và trạng thái với dòng 2",
		"Thủ tục, dòng 6: không có quyết định 12/QĐ-UBND của UBND huyện Đắk Mil trong trang “Quyết định”",
		"Quyết định, dòng 3: trùng số và cơ quan ban hành với quyết định, dòng 2",
	)
}

// TestReadXLSXAsPeopleTypeIt: columns in another order and named by key,
// values typed with capitals and diacritics, dates as Excel stores them
// when the cell is not text, a comma decimal, blank optional cells.
func TestReadXLSXAsPeopleTypeIt(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sheetRows := map[string][][]any{
		sheetDecisions: {
			{"Trạng thái", "hieu_luc_tu", "Ngày ký", "co_quan_ban_hanh", "Số quyết định", "Trích yếu"},
			{"Công bố", 45658.3125, "20/12/2024", issuer, "12/QĐ-UBND", ""},
		},
		sheetVersions: {
			{"ket_qua", "Tên thủ tục", "Mã TTHC", "Cấp", "Phiên bản", "Trạng thái", "Loại thay đổi", "Số quyết định", "Cơ quan ban hành",
				"Hiệu lực từ", "Lĩnh vực", "thoi_han", "Đơn vị thời hạn", "Mức trực tuyến", "Trực tuyến từ", "Cơ quan giải quyết",
				"Phí, lệ phí", "Căn cứ pháp lý"},
			{"", "Thủ tục chứng thực chữ ký", "2.000884", "Huyện", 1, "cong bo", "Công bố mới", "12/QĐ-UBND", issuer,
				"", "Chứng thực", "0,5", "Ngày", "Một phần", "", "tu_phap", "", ""},
		},
		sheetDocuments: {{"ma_tthc", "cap", "phien_ban", "trang_thai", "thu_tu", "ten", "loai", "so_luong", "mau_don"}},
		sheetSteps: {
			{"so_phut", "don_vi", "vai_tro", "ten_buoc", "thu_tu", "trang_thai", "phien_ban", "cap", "ma_tthc"},
			{"195", "Giải quyết", "Chuyên viên", "Thẩm định", 2, "Công bố", 1, "huyen", "2.000884"},
			{30, "Tiếp nhận", "Một cửa", "Tiếp nhận", 1, "Công bố", 1, "huyen", "2.000884"},
		},
	}
	for name, rows := range sheetRows {
		if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	got, err := ReadXLSX(&b)
	if err != nil {
		t.Fatal(err)
	}
	v := got.Versions[0]
	effective := vn(2025, 1, 1, 7, 30) // serial 45658.3125
	if got.Decisions[0].EffectiveFrom != effective || v.EffectiveFrom != effective || v.Level != motcua.LevelDistrict ||
		v.Time != (motcua.TimeLimit{Amount: 0.5, Unit: motcua.WorkingDays}) || v.OnlineLevel != motcua.OnlinePartial ||
		len(v.Steps) != 2 || v.Steps[0].Name != "Tiếp nhận" || v.Steps[1].Role != motcua.RoleSpecialist || v.Documents == nil {
		t.Errorf("read %+v\nand decision %+v", v, got.Decisions[0])
	}
}

func TestReadXLSXRefusesWhatIsNotAWorkbook(t *testing.T) {
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("hello.txt")
	w.Write([]byte("xin chào"))
	zw.Close()
	for name, data := range map[string][]byte{
		"empty":        nil,
		"text":         []byte("ma_tthc,cap\n1.001193,xa\n"),
		"json":         writeJSON(t, realistic()),
		"xls":          append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...),
		"zip":          zipped.Bytes(),
		"truncated":    writeXLSX(t, realistic())[:2000],
		"other sheets": blankWorkbook(t),
	} {
		_, err := ReadXLSX(bytes.NewReader(data))
		if motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: %v, want %s", name, err, motcua.EINVALID)
			continue
		}
		msg := motcua.ErrorMessage(err)
		if !strings.Contains(msg, "Excel") && !strings.Contains(msg, "Thiếu trang “Thủ tục”") {
			t.Errorf("%s: message %q does not say the file is not a catalogue workbook", name, msg)
		}
	}
}

func blankWorkbook(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadXLSXListsAtMostMaxProblems(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		for row := 2; row <= 25; row++ {
			e.set(sheetSteps, row, colRole, "x")
			e.set(sheetSteps, row, colStepUnit, "y")
			e.set(sheetSteps, row, colMinutes, -1)
		}
	})
	_, err := ReadXLSX(bytes.NewReader(book))
	wantProblems(t, err, fmt.Sprintf("Tệp có 72 lỗi; %d lỗi đầu tiên:", MaxProblems))
	if lines := strings.Count(motcua.ErrorMessage(err), "\n"); lines != MaxProblems {
		t.Errorf("%d problems listed, want %d", lines, MaxProblems)
	}
}

// TestBlankVersionCellsTakeTheDecisions: a version row may leave its
// effective instant blank; it is then the decision's.
func TestBlankVersionCellsTakeTheDecisions(t *testing.T) {
	book := editBook(t, realistic(), func(e *bookEditor) {
		e.set(sheetVersions, 3, colEffective, "")
	})
	got, err := ReadXLSX(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	if from := got.Versions[1].EffectiveFrom; from != vn(2025, 1, 1, 0, 0) {
		t.Errorf("effective from %v, want the decision's 01/01/2025", from)
	}
}
