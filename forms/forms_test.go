package forms

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// formCase is one form rendered from the fixtures, with the texts that must
// appear in order, the title among the first lines.
type formCase struct {
	name    string
	form    func(io.Writer) error
	size    pdftest.Size
	title   string
	inOrder []string
}

func formCases() []formCase {
	return []formCase{{
		name: "receipt", form: func(w io.Writer) error { return Receipt(w, sampleReceipt()) },
		size: pdftest.A5, title: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
		inOrder: []string{"Mẫu số 01 (Thông tư 03/2025/TT-VPCP)", "UBND HUYỆN ĐẮK MIL",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đắk Mil, ngày 27 tháng 11 năm 2026",
			"Mã hồ sơ: " + code, "Tiếp nhận hồ sơ của: " + applicant,
			"Nội dung yêu cầu giải quyết: " + procedure,
			"1 Tờ khai đăng ký khai sinh theo mẫu Bản chính 1",
			"3 Giấy chứng nhận kết hôn của cha, mẹ trẻ em Bản sao 2",
			"Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 27/11/2026",
			"Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 18/12/2026",
			"số thứ tự: 1.234", "NGƯỜI NỘP HỒ SƠ", applicant, "NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình"},
	}, {
		name: "supplement", form: func(w io.Writer) error { return Supplement(w, sampleSupplement()) },
		size: pdftest.A5, title: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
		inOrder: []string{"Mẫu số 02 (Thông tư 03/2025/TT-VPCP)", "Đắk Mil, ngày 27 tháng 11 năm 2026",
			"Kính gửi: Ông/Bà " + applicant, "Mã hồ sơ: " + code, procedure,
			"1. Giấy chứng sinh (bản chính)", "2. Văn bản ủy quyền có chứng thực",
			"Lý do: Hồ sơ thiếu giấy tờ", "NGƯỜI HƯỚNG DẪN", "Trần Văn Bình"},
	}, {
		name: "refusal", form: func(w io.Writer) error { return Refusal(w, sampleRefusal()) },
		size: pdftest.A5, title: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
		inOrder: []string{"Mẫu số 03 (Thông tư 03/2025/TT-VPCP)", "Đắk Mil, ngày 27 tháng 11 năm 2026",
			"Kính gửi: Ông/Bà " + applicant, procedure, "Trẻ em sinh ra tại tỉnh khác",
			"NGƯỜI TIẾP NHẬN HỒ SƠ", "Trần Văn Bình"},
	}, {
		name: "apology", form: func(w io.Writer) error { return Apology(w, sampleApology()) },
		size: pdftest.A5, title: "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
		inOrder: []string{"Mẫu số 04 (Thông tư 03/2025/TT-VPCP)", "Đắk Mil, ngày 17 tháng 12 năm 2026",
			"Kính gửi: Ông/Bà " + applicant, "Mã hồ sơ: " + code, procedure,
			"08 giờ 30 phút, ngày 27/11/2026", "16 giờ 00 phút, ngày 18/12/2026",
			"Lý do: Chờ kết quả xác minh", "16 giờ 00 phút, ngày 25/12/2026",
			"THỦ TRƯỞNG ĐƠN VỊ", "Lê Văn Cường"},
	}, {
		name: "stop", form: func(w io.Writer) error { return Stop(w, sampleStop()) },
		size: pdftest.A5, title: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
		inOrder: []string{"Mẫu số 05 (Thông tư 03/2025/TT-VPCP)", "Đắk Mil, ngày 02 tháng 12 năm 2026",
			"Kính gửi: Ông/Bà " + applicant, "Mã hồ sơ: " + code, procedure,
			"08 giờ 30 phút, ngày 27/11/2026", "Lý do: Người nộp hồ sơ có văn bản đề nghị rút hồ sơ.",
			"Lê Văn Cường"},
	}, {
		name: "control_slip", form: func(w io.Writer) error { return ControlSlip(w, sampleControlSlip()) },
		size: pdftest.A5.Landscape(), title: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
		inOrder: []string{"Mẫu số 06 (Thông tư 03/2025/TT-VPCP)", "Đắk Mil, ngày 27 tháng 11 năm 2026",
			"Mã hồ sơ: " + code, applicant, procedure,
			"08 giờ 30 phút, ngày 27/11/2026", "16 giờ 00 phút, ngày 18/12/2026",
			"Bước xử lý", "Người giao", "Người nhận",
			"Tiếp nhận, chuyển hồ sơ Bộ phận Một cửa 08:30 27/11/2026 Trần Văn Bình 08:45 27/11/2026",
			"Thẩm định hồ sơ Phòng Tư pháp", "Phê duyệt kết quả Lãnh đạo UBND"},
	}, {
		name: "register", form: func(w io.Writer) error { return Register(w, sampleRegister(3)) },
		size: pdftest.A4.Landscape(), title: "SỔ THEO DÕI HỒ SƠ",
		inOrder: []string{"Mẫu số 07 (Thông tư 03/2025/TT-VPCP)", "Từ ngày 01/11/2026 đến ngày 30/11/2026",
			"STT", "Mã hồ sơ", "1 000.21.33.H17-261101-0001 " + procedure + " 1 " + applicant,
			"00:00 01/11/2026 00:00 22/11/2026 01:00 01/11/2026 00:00 15/11/2026 00:00 16/11/2026",
			"2 000.21.33.H17-261101-0002", "3 000.21.33.H17-261101-0003", "Trang 1/1"},
	}}
}

// TestFormText reads each form back from its PDF: page size, title at the
// top, the data in reading order, and the whole text against a golden file.
func TestFormText(t *testing.T) {
	for _, tc := range formCases() {
		t.Run(tc.name, func(t *testing.T) {
			data := render(t, tc.form)
			pdftest.WantSize(t, data, 1, tc.size)
			pages := pdftest.Pages(t, data)
			lines := slices.Concat(pages...)
			if top := strings.Join(lines[:min(10, len(lines))], " "); !strings.Contains(top, tc.title) {
				t.Errorf("title %q is not among the first lines:\n%s", tc.title, top)
			}
			pdftest.InOrder(t, strings.Join(lines, " "), tc.inOrder...)
			checkGolden(t, tc.name, goldenText(pages))
		})
	}
}

func goldenText(pages [][]string) string {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "--- page %d ---\n%s\n", i+1, strings.Join(p, "\n"))
	}
	return b.String()
}

// TestRenderIsDeterministic renders every form from several goroutines at
// once: the parsed fonts are shared, so under -race this also checks that
// sharing them is safe. Equal bytes keep golden files and caches honest.
func TestRenderIsDeterministic(t *testing.T) {
	for _, tc := range formCases() {
		want := render(t, tc.form)
		var wg sync.WaitGroup
		got := make([][]byte, 4)
		for i := range got {
			wg.Go(func() {
				var buf bytes.Buffer
				if err := tc.form(&buf); err != nil {
					t.Error(err)
				}
				got[i] = buf.Bytes()
			})
		}
		wg.Wait()
		for i, g := range got {
			if !bytes.Equal(g, want) {
				t.Errorf("%s: render %d differs from the first (%d vs %d bytes)", tc.name, i, len(g), len(want))
			}
		}
	}
}
