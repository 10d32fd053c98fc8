package catalogio

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/motcua/motcua"
)

// choice is one allowed value of an enumerated field: its domain value (the
// JSON spelling), its spreadsheet code and what it means.
type choice[T ~string] struct {
	value T
	code  string
	label string
}

// vocab is an enumerated field: what it is called in messages and its
// allowed values, in the order they are listed and sorted.
type vocab[T ~string] struct {
	what    string
	choices []choice[T]
}

var (
	levels = vocab[motcua.Level]{"cấp", []choice[motcua.Level]{
		{motcua.LevelCommune, "xa", "cấp xã"},
		{motcua.LevelDistrict, "huyen", "cấp huyện (trước 01/07/2025)"},
		{motcua.LevelProvince, "tinh", "cấp tỉnh"}}}
	versionStatuses = vocab[motcua.VersionStatus]{"trạng thái", []choice[motcua.VersionStatus]{
		{motcua.VersionPublished, "cong_bo", "đã công bố"},
		{motcua.VersionDraft, "du_thao", "dự thảo"}}}
	decisionStatuses = vocab[motcua.DecisionStatus]{"trạng thái", []choice[motcua.DecisionStatus]{
		{motcua.DecisionPublished, "cong_bo", "đã công bố"},
		{motcua.DecisionDraft, "du_thao", "dự thảo"}}}
	changes = vocab[motcua.ChangeKind]{"loại thay đổi", []choice[motcua.ChangeKind]{
		{motcua.ChangeAdd, "cong_bo_moi", "công bố mới"},
		{motcua.ChangeAmend, "sua_doi", "sửa đổi, bổ sung"},
		{motcua.ChangeRepeal, "bai_bo", "bãi bỏ"}}}
	timeUnits = vocab[motcua.TimeUnit]{"đơn vị thời hạn", []choice[motcua.TimeUnit]{
		{motcua.WorkingDays, "ngay", "ngày làm việc"},
		{motcua.WorkingHours, "gio", "giờ làm việc"},
		{motcua.SameDay, "trong_ngay", "trong ngày (nhận sau 15:00 thì trả ngày làm việc kế tiếp)"}}}
	onlineLevels = vocab[motcua.OnlineLevel]{"mức trực tuyến", []choice[motcua.OnlineLevel]{
		{motcua.OnlineFull, "toan_trinh", "toàn trình"},
		{motcua.OnlinePartial, "mot_phan", "một phần"},
		{motcua.OnlineNone, "khong", "không trực tuyến"}}}
	documentKinds = vocab[motcua.DocumentKind]{"loại giấy tờ", []choice[motcua.DocumentKind]{
		{motcua.DocOriginal, "ban_chinh", "bản chính"},
		{motcua.DocCopy, "ban_sao", "bản sao"},
		{motcua.DocEither, "ban_chinh_hoac_ban_sao", "bản chính hoặc bản sao"},
		{motcua.DocPresent, "xuat_trinh", "xuất trình (xem rồi trả lại)"}}}
	roles = vocab[motcua.Role]{"vai trò", []choice[motcua.Role]{
		{motcua.RoleCounter, "mot_cua", "cán bộ một cửa"},
		{motcua.RoleSpecialist, "chuyen_vien", "chuyên viên xử lý"},
		{motcua.RoleLeader, "lanh_dao", "lãnh đạo đơn vị"}}}
	// competences: how the deciding unit is found for a dossier received
	// elsewhere (Decree 118/2025/NĐ-CP); "" (the receiving authority) is
	// written as an empty cell.
	competences = vocab[motcua.Competence]{"căn cứ xác định cơ quan giải quyết", []choice[motcua.Competence]{
		{motcua.CompetenceHere, "noi_tiep_nhan", "cơ quan của nơi tiếp nhận"},
		{motcua.CompetenceResidence, "noi_cu_tru", "nơi cư trú của người nộp"},
		{motcua.CompetenceLocation, "noi_co_dat", "nơi có đất, nhà, cơ sở kinh doanh"},
		{motcua.CompetenceChoice, "lua_chon", "theo lựa chọn của người nộp"}}}
	stepUnits = vocab[motcua.StepUnit]{"đơn vị thực hiện", []choice[motcua.StepUnit]{
		{motcua.AtIntake, "tiep_nhan", "bộ phận một cửa đã tiếp nhận hồ sơ"},
		{motcua.AtDeciding, "giai_quyet", "đơn vị có thẩm quyền giải quyết"}}}
)

// fromValue reads the JSON spelling, exactly; the reason is "" when valid.
func (v vocab[T]) fromValue(s string) (T, string) {
	for _, c := range v.choices {
		if string(c.value) == s {
			return c.value, ""
		}
	}
	return "", v.invalid(s, func(c choice[T]) string { return string(c.value) })
}

// fromCode reads a spreadsheet cell. Case, diacritics and separators are
// forgiven, so "Một cửa" and "mot cua" both read as mot_cua.
func (v vocab[T]) fromCode(s string) (T, string) {
	key := codeKey(s)
	for _, c := range v.choices {
		if c.code == key {
			return c.value, ""
		}
	}
	return "", v.invalid(s, func(c choice[T]) string { return c.code })
}

func (v vocab[T]) invalid(s string, spell func(choice[T]) string) string {
	var list []string
	for _, c := range v.choices {
		list = append(list, spell(c))
	}
	if s == "" {
		return fmt.Sprintf("thiếu %s (%s)", v.what, strings.Join(list, ", "))
	}
	return fmt.Sprintf("%s “%s” không hợp lệ (%s)", v.what, s, strings.Join(list, ", "))
}

// code is the spreadsheet spelling of a valid value.
func (v vocab[T]) code(value T) string {
	for _, c := range v.choices {
		if c.value == value {
			return c.code
		}
	}
	return string(value)
}

// rank orders values as the vocabulary lists them; unknown values last.
func (v vocab[T]) rank(value T) int {
	for i, c := range v.choices {
		if c.value == value {
			return i
		}
	}
	return len(v.choices)
}

// codes lists the spreadsheet codes, with their meaning when long is set.
func (v vocab[T]) codes(long bool) []string {
	var out []string
	for _, c := range v.choices {
		if long {
			out = append(out, c.code+" = "+c.label)
		} else {
			out = append(out, c.code)
		}
	}
	return out
}

// codeKey folds a cell or a header to snake case without diacritics:
// "Số quyết định" → so_quyet_dinh.
func codeKey(s string) string {
	words := strings.FieldsFunc(motcua.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.Join(words, "_")
}

// maxText is the longest text a field may hold: what one spreadsheet cell
// holds (32,767 UTF-16 units), so that every valid snapshot fits both formats.
const maxText = 32767

// textProblem checks a text field that has gone through motcua.NFC.
func textProblem(what, s string, required bool) string {
	switch {
	case required && s == "":
		return "thiếu " + what
	case len(s) > maxText && len(utf16.Encode([]rune(s))) > maxText: // UTF-8 bytes ≥ UTF-16 units
		return fmt.Sprintf("%s dài quá %d ký tự", what, maxText)
	case strings.ContainsAny(s, "\uFFFE\uFFFF"): // not characters, and XML cannot hold them
		return what + " có ký tự không hợp lệ (U+FFFE hoặc U+FFFF)"
	}
	return ""
}

// noSteps: every version has a workflow, the store refuses one without.
const noSteps = "chưa có bước nào của quy trình nội bộ"

// Bounds of the numbers a file may hold.
const (
	maxVersion = 1_000_000_000 // drafts are exported with negative numbers
	maxCount   = 1000
	maxMinutes = motcua.MaxWorkingDays * 24 * 60
)

func amountProblem(t motcua.TimeLimit) string {
	a := t.Amount
	switch {
	case math.IsNaN(a) || a < 0 || a > motcua.MaxWorkingDays:
		return fmt.Sprintf("thời hạn %s không hợp lệ: phải từ 0 đến %d", motcua.FormatDecimal(a), motcua.MaxWorkingDays)
	case a == 0 && t.Unit != motcua.SameDay:
		return "thời hạn phải là số dương (chỉ được để 0 với đơn vị “trong ngày”)"
	}
	return ""
}

// versionProblem: published versions are numbered from 1; a draft gets its
// number when published, so any number (0, or negative as exported) tells
// drafts apart.
func versionProblem(n int, status motcua.VersionStatus) string {
	switch {
	case status == motcua.VersionPublished && (n < 1 || n > maxVersion):
		return fmt.Sprintf("phiên bản %d không hợp lệ: phiên bản đã công bố đánh số từ 1", n)
	case n < -maxVersion || n > maxVersion:
		return fmt.Sprintf("phiên bản %d không hợp lệ", n)
	}
	return ""
}

func countProblem(n int) string {
	if n < 1 || n > maxCount {
		return fmt.Sprintf("số lượng %d không hợp lệ: phải từ 1 đến %d", n, maxCount)
	}
	return ""
}

func minutesProblem(n int) string {
	if n < 0 || n > maxMinutes {
		return fmt.Sprintf("số phút %d không hợp lệ: phải từ 0 đến %d", n, maxMinutes)
	}
	return ""
}
