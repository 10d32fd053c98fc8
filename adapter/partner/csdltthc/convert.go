package csdltthc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// codePattern is a national procedure code: a digit, a dot, six digits
// (1.001193, 2.000123), as the national database numbers procedures.
var codePattern = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)

// Convert reads records into the catalogue's types: one NationalProcedure
// per local level a record lists (province, district, commune). Every
// problem of every record is reported at once, naming the record ("mục
// thứ 3 (1.001193)"), and then nothing is returned.
func Convert(records []Record) ([]*motcua.NationalProcedure, error) {
	var out []*motcua.NationalProcedure
	var problems []string
	seen := map[string]int{}
	for i := range records {
		r := &records[i]
		where := fmt.Sprintf("Mục thứ %d (%s)", i+1, strings.TrimSpace(r.MaTTHC))
		if r.source != "" {
			where = fmt.Sprintf("%s (%s)", r.source, strings.TrimSpace(r.MaTTHC))
		}
		if first, dup := seen[strings.TrimSpace(r.MaTTHC)]; dup {
			problems = append(problems, fmt.Sprintf("%s: trùng mã với mục thứ %d", where, first))
			continue
		}
		seen[strings.TrimSpace(r.MaTTHC)] = i + 1
		list, why := convertRecord(r, where)
		for _, w := range why {
			problems = append(problems, where+": "+w)
		}
		out = append(out, list...)
	}
	if len(problems) > 0 {
		if len(problems) > maxProblems {
			problems = append(problems[:maxProblems], fmt.Sprintf("… và %d lỗi khác", len(problems)-maxProblems))
		}
		return nil, motcua.Errorf(motcua.EINVALID, "Dữ liệu từ CSDL quốc gia về TTHC có lỗi, không thủ tục nào được nhận:\n%s", strings.Join(problems, "\n"))
	}
	return out, nil
}

// convertRecord returns the record at each of its local levels, or why not.
func convertRecord(r *Record, where string) ([]*motcua.NationalProcedure, []string) {
	var why []string
	code := motcua.NFC(strings.TrimSpace(r.MaTTHC))
	if !codePattern.MatchString(code) {
		why = append(why, fmt.Sprintf("mã thủ tục %q không hợp lệ (dạng 1.001193)", r.MaTTHC))
	}
	name, field := clean(r.TenTTHC), clean(r.LinhVuc)
	if name == "" {
		why = append(why, "thiếu tên thủ tục (TenTTHC)")
	}
	if field == "" {
		why = append(why, "thiếu lĩnh vực (LinhVuc)")
	}
	levels, bad := levelsOf(r.CapThucHien)
	if len(levels) == 0 {
		why = append(why, fmt.Sprintf("cấp thực hiện %q không có cấp tỉnh, cấp huyện hay cấp xã", r.CapThucHien))
	}
	docs, unread, docWhy := documents(r.ThanhPhanHoSo)
	why = append(why, docWhy...)
	if len(why) > 0 {
		return nil, why
	}
	base := motcua.NationalProcedure{Source: where}
	base.Code, base.Name, base.Field = code, name, field
	base.Applicants, base.Sequence, base.Channels = clean(r.DoiTuongThucHien), clean(r.TrinhTu), clean(r.CachThucThucHien)
	base.Agency, base.ResultType, base.LegalBasis = clean(r.CoQuanThucHien), clean(r.KetQuaThucHien), legalBasis(r.CanCuPhapLy)
	base.Documents = docs
	base.Unread = unread
	for _, b := range bad {
		base.Unread = append(base.Unread, fmt.Sprintf("Cấp thực hiện: «%s» không thuộc địa phương, bỏ qua", b))
	}
	if t, ok := parseTime(r.ThoiHanGiaiQuyet); ok {
		base.Time, base.TimeRead = t, true
	} else {
		base.Unread = append(base.Unread, fmt.Sprintf("Thời hạn giải quyết: «%s»", clean(r.ThoiHanGiaiQuyet)))
	}
	if lines, ok := parseFees(r.PhiLePhi); ok {
		base.FeeLines, base.FeesStated, base.FeesRead = lines, true, true
	} else {
		base.Fees = clean(r.PhiLePhi)
		base.Unread = append(base.Unread, fmt.Sprintf("Phí, lệ phí: «%s»", base.Fees))
	}
	out := make([]*motcua.NationalProcedure, len(levels))
	for i, l := range levels {
		n := base
		n.Level = l
		n.Unread = append([]string(nil), base.Unread...)
		out[i] = &n
	}
	return out, nil
}

// clean is the text as published, NFC, without surrounding space.
func clean(s string) string { return strings.TrimSpace(motcua.NFC(s)) }

// levelsOf reads "Cấp Tỉnh, Cấp Xã"; levels that are not local (Cấp Bộ,
// Cơ quan khác) are returned apart.
func levelsOf(text string) (levels []motcua.Level, other []string) {
	for _, part := range strings.FieldsFunc(clean(text), func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		var l motcua.Level
		switch strings.ToLower(part) {
		case "cấp tỉnh", "tỉnh":
			l = motcua.LevelProvince
		case "cấp huyện", "huyện":
			l = motcua.LevelDistrict
		case "cấp xã", "xã":
			l = motcua.LevelCommune
		default:
			if part != "" {
				other = append(other, part)
			}
			continue
		}
		if !containsLevel(levels, l) {
			levels = append(levels, l)
		}
	}
	return levels, other
}

func containsLevel(list []motcua.Level, l motcua.Level) bool {
	for _, x := range list {
		if x == l {
			return true
		}
	}
	return false
}

func legalBasis(acts []LegalAct) string {
	var parts []string
	for _, a := range acts {
		num, what := clean(a.SoKyHieu), clean(a.TrichYeu)
		switch {
		case num != "" && what != "":
			parts = append(parts, num+" — "+what)
		case num+what != "":
			parts = append(parts, num+what)
		}
	}
	return strings.Join(parts, "; ")
}

// quantity reads "Bản chính: 1 - Bản sao: 0".
var quantity = regexp.MustCompile(`(?i)^bản chính\s*:\s*(\d+)\s*[-–,;]\s*bản sao\s*:\s*(\d+)$`)

// documents reads the dossier's components. A quantity that says both an
// original and a copy, or neither, is kept as an original of one and listed.
func documents(list []Component) (docs []motcua.RequiredDocument, unread, why []string) {
	for i, c := range list {
		name := clean(c.TenGiayTo)
		if name == "" {
			why = append(why, fmt.Sprintf("thành phần hồ sơ thứ %d thiếu tên giấy tờ", i+1))
			continue
		}
		d := motcua.RequiredDocument{Name: name, Template: clean(c.MauDon), Kind: motcua.DocOriginal, Count: 1}
		m := quantity.FindStringSubmatch(clean(c.SoLuong))
		if m == nil {
			unread = append(unread, fmt.Sprintf("Thành phần hồ sơ %d, số lượng: «%s» — ghi tạm 1 bản chính", i+1, clean(c.SoLuong)))
			docs = append(docs, d)
			continue
		}
		originals, _ := strconv.Atoi(m[1])
		copies, _ := strconv.Atoi(m[2])
		switch {
		case originals > 0 && copies == 0:
			d.Count = originals
		case copies > 0 && originals == 0:
			d.Kind, d.Count = motcua.DocCopy, copies
		default:
			unread = append(unread, fmt.Sprintf("Thành phần hồ sơ %d, số lượng: «%s» — ghi tạm 1 bản chính", i+1, clean(c.SoLuong)))
		}
		docs = append(docs, d)
	}
	return docs, unread, why
}
