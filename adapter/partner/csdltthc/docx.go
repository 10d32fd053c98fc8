package csdltthc

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"

	"github.com/motcua/motcua"
)

// The per-procedure export of the national portal, ChiTietTTHC_{code}.doc
// (an Office Open XML document): one paragraph "Heading: value" per part,
// continued by the paragraphs that follow, and tables for the ways to file
// (Hình thức nộp | Thời hạn giải quyết | Phí, lệ phí | Mô tả), the
// documents (Tên giấy tờ | Mẫu đơn, tờ khai | Số lượng) and the legal basis
// (Số ký hiệu | Trích yếu | …). The layout is read from public parsers of
// these files (docs/national-catalogue.md): confirm it on real exports.

// headings are the export's parts, as the file writes them before ":".
var headings = []string{"Mã thủ tục", "Số quyết định", "Tên thủ tục", "Cấp thực hiện", "Loại thủ tục", "Lĩnh vực",
	"Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ", "Đối tượng thực hiện", "Cơ quan thực hiện",
	"Cơ quan có thẩm quyền", "Địa chỉ tiếp nhận HS", "Cơ quan được ủy quyền", "Cơ quan phối hợp", "Kết quả thực hiện",
	"Căn cứ pháp lý", "Yêu cầu, điều kiện thực hiện", "Từ khóa", "Mô tả"}

// maxDocument bounds word/document.xml once unpacked: a procedure's
// export is tens of kilobytes; more is a broken or hostile file.
const maxDocument = 8 << 20

// section is one heading's text and the tables under it.
type section struct {
	text   []string
	tables [][][]string // table → row → cell text
}

// ReadDocx reads one per-procedure export. name (the file's name) locates
// its problems.
func ReadDocx(r io.ReaderAt, size int64, name string) (Record, error) {
	fail := func(format string, args ...any) (Record, error) {
		return Record{}, motcua.Errorf(motcua.EINVALID, "%s: %s.", name, fmt.Sprintf(format, args...))
	}
	z, err := zip.NewReader(r, size)
	if err != nil {
		return fail("không phải tệp Word dạng .docx (tệp .doc cũ: hãy mở bằng Word và lưu thành .docx)")
	}
	var body []byte
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fail("không mở được nội dung tệp")
		}
		body, err = io.ReadAll(io.LimitReader(rc, maxDocument+1))
		rc.Close()
		if err != nil || len(body) > maxDocument {
			return fail("nội dung tệp hỏng hoặc quá lớn")
		}
	}
	if body == nil {
		return fail("tệp không có nội dung văn bản (word/document.xml)")
	}
	sections, err := sectionsOf(body)
	if err != nil {
		return fail("nội dung tệp không đọc được (%v)", err)
	}
	if sections["Mã thủ tục"] == nil {
		return fail("không có mục “Mã thủ tục:” — không phải tệp chi tiết thủ tục (ChiTietTTHC)")
	}
	rec, why := recordOf(sections)
	if len(why) > 0 {
		return fail("%s", strings.Join(why, "; "))
	}
	rec.source = name
	return rec, nil
}

// recordOf maps the sections to a record; a table whose columns are not
// the export's is a problem, named with its row.
func recordOf(s map[string]*section) (Record, []string) {
	text := func(h string) string {
		if sec := s[h]; sec != nil {
			return strings.TrimSpace(strings.Join(sec.text, "\n"))
		}
		return ""
	}
	r := Record{MaTTHC: text("Mã thủ tục"), TenTTHC: text("Tên thủ tục"), SoQuyetDinh: text("Số quyết định"),
		CapThucHien: text("Cấp thực hiện"), LinhVuc: text("Lĩnh vực"), TrinhTu: text("Trình tự thực hiện"),
		DoiTuongThucHien: text("Đối tượng thực hiện"), CoQuanThucHien: text("Cơ quan thực hiện"), KetQuaThucHien: text("Kết quả thực hiện")}
	var why []string
	if sec := s["Cách thức thực hiện"]; sec != nil {
		why = append(why, channels(sec, &r)...)
	}
	if sec := s["Thành phần hồ sơ"]; sec != nil {
		why = append(why, components(sec, &r)...)
	}
	if sec := s["Căn cứ pháp lý"]; sec != nil {
		why = append(why, legalActs(sec, &r)...)
	}
	return r, why
}

// columns finds each wanted header in a table's first row (by prefix,
// ignoring case); -1 for one that is missing.
func columns(header []string, wanted ...string) []int {
	out := make([]int, len(wanted))
	for i, w := range wanted {
		out[i] = -1
		for j, h := range header {
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(h)), strings.ToLower(w)) {
				out[i] = j
				break
			}
		}
	}
	return out
}

func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// channels: each way to file with its time and fees. One time (one fee
// text) for every way is the procedure's; different ones are written per
// way, which the converter leaves as text for a person to read.
func channels(sec *section, r *Record) []string {
	var ways, times, fees []string
	for _, t := range sec.tables {
		c := columns(t[0], "Hình thức nộp", "Thời hạn giải quyết", "Phí, lệ phí")
		if c[0] < 0 || c[1] < 0 {
			return []string{"bảng “Cách thức thực hiện” không có cột “Hình thức nộp” và “Thời hạn giải quyết”"}
		}
		for _, row := range t[1:] {
			if cell(row, c[0]) == "" {
				continue
			}
			ways, times, fees = append(ways, cell(row, c[0])), append(times, cell(row, c[1])), append(fees, cell(row, c[2]))
		}
	}
	r.CachThucThucHien = strings.Join(append(ways, sec.text...), "; ")
	r.ThoiHanGiaiQuyet = perWay(ways, times)
	r.PhiLePhi = perWay(ways, fees)
	return nil
}

// perWay is the one value every way shares, or "way: value" lines.
func perWay(ways, values []string) string {
	same := true
	for _, v := range values {
		same = same && v == values[0]
	}
	if len(values) == 0 || same {
		if len(values) == 0 {
			return ""
		}
		return values[0]
	}
	lines := make([]string, len(values))
	for i := range values {
		lines[i] = ways[i] + ": " + values[i]
	}
	return strings.Join(lines, "\n")
}

func components(sec *section, r *Record) []string {
	var why []string
	for _, t := range sec.tables {
		c := columns(t[0], "Tên giấy tờ", "Mẫu đơn", "Số lượng")
		if c[0] < 0 {
			why = append(why, "bảng “Thành phần hồ sơ” không có cột “Tên giấy tờ”")
			continue
		}
		for i, row := range t[1:] {
			name := cell(row, c[0])
			if name == "" && cell(row, c[2]) != "" {
				why = append(why, fmt.Sprintf("bảng “Thành phần hồ sơ”, dòng %d: thiếu tên giấy tờ", i+2))
				continue
			}
			if name != "" {
				r.ThanhPhanHoSo = append(r.ThanhPhanHoSo, Component{TenGiayTo: name, MauDon: cell(row, c[1]), SoLuong: cell(row, c[2])})
			}
		}
	}
	return why
}

func legalActs(sec *section, r *Record) []string {
	for _, t := range sec.tables {
		c := columns(t[0], "Số ký hiệu", "Trích yếu")
		if c[0] < 0 && c[1] < 0 {
			return []string{"bảng “Căn cứ pháp lý” không có cột “Số ký hiệu” hay “Trích yếu”"}
		}
		for _, row := range t[1:] {
			if a := (LegalAct{SoKyHieu: cell(row, c[0]), TrichYeu: cell(row, c[1])}); a.SoKyHieu+a.TrichYeu != "" {
				r.CanCuPhapLy = append(r.CanCuPhapLy, a)
			}
		}
	}
	if len(sec.tables) == 0 && len(sec.text) > 0 {
		r.CanCuPhapLy = []LegalAct{{TrichYeu: strings.Join(sec.text, "; ")}}
	}
	return nil
}
