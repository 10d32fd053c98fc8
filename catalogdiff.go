package motcua

import (
	"fmt"
	"strings"
)

// FieldChange is one difference between two procedure versions, in words
// an official reads.
type FieldChange struct {
	Field    string // Vietnamese name of the field
	Old, New string
}

// DiffVersions lists what changed from version a to version b: the fields
// of domain.md §4, each document and each workflow step.
func DiffVersions(a, b *Procedure) []FieldChange {
	var out []FieldChange
	add := func(field, old, new string) {
		if old != new {
			out = append(out, FieldChange{Field: field, Old: old, New: new})
		}
	}
	add("Tên thủ tục", a.Name, b.Name)
	add("Lĩnh vực", a.Field, b.Field)
	add("Cấp thực hiện", a.Level.Label(), b.Level.Label())
	add("Thời hạn giải quyết", a.Time.String(), b.Time.String())
	add("Dịch vụ công trực tuyến", onlineText(a), onlineText(b))
	add("Cơ quan giải quyết", a.Office, b.Office)
	add("Phí, lệ phí (ghi chú)", a.Fees, b.Fees)
	add("Phí, lệ phí", a.FeesStatement(), b.FeesStatement())
	for i := range max(len(a.FeeLines), len(b.FeeLines)) {
		add(fmt.Sprintf("Khoản phí, lệ phí %d", i+1), feeLineText(a.FeeLines, i), feeLineText(b.FeeLines, i))
	}
	add("Căn cứ pháp lý", a.LegalBasis, b.LegalBasis)
	add("Kết quả", a.ResultType, b.ResultType)
	add("Đối tượng thực hiện", a.Applicants, b.Applicants)
	add("Trình tự thực hiện", a.Sequence, b.Sequence)
	add("Cách thức thực hiện", a.Channels, b.Channels)
	add("Cơ quan thực hiện", a.Agency, b.Agency)
	add("Cơ quan giải quyết xác định theo", a.Competence.Criterion(), b.Competence.Criterion())
	for i := range max(len(a.Documents), len(b.Documents)) {
		add(fmt.Sprintf("Thành phần hồ sơ %d", i+1), documentText(a.Documents, i), documentText(b.Documents, i))
	}
	for i := range max(len(a.Steps), len(b.Steps)) {
		add(fmt.Sprintf("Bước %d của quy trình", i+1), stepText(a.Steps, i), stepText(b.Steps, i))
	}
	return out
}

func onlineText(p *Procedure) string {
	if p.OnlineFrom.IsZero() {
		return p.OnlineLevel.Label()
	}
	return p.OnlineLevel.Label() + " (từ " + FormatDate(p.OnlineFrom) + ")"
}

func documentText(docs []RequiredDocument, i int) string {
	if i >= len(docs) {
		return ""
	}
	d := docs[i]
	s := fmt.Sprintf("%s — %s, %d bản", d.Name, strings.ToLower(d.Kind.Label()), d.Count)
	if d.Template != "" {
		s += ", mẫu: " + d.Template
	}
	return s
}

func stepText(steps []WorkflowStep, i int) string {
	if i >= len(steps) {
		return ""
	}
	s := steps[i]
	unit := "đơn vị giải quyết"
	if s.Unit == AtIntake {
		unit = "bộ phận tiếp nhận"
	}
	return fmt.Sprintf("%s — %s, %s, %s giờ", s.Name, s.Role.Label(), unit, FormatDecimal(float64(s.Minutes)/60))
}

func feeLineText(lines []FeeLine, i int) string {
	if i >= len(lines) {
		return ""
	}
	return lines[i].Detail()
}
