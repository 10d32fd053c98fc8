package ledger

import (
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// Field limits keep oversized input out of the ledger and off printed forms.
const (
	MaxNameLen    = 200
	MaxAddressLen = 500
	MaxPhoneLen   = 20
	MaxEmailLen   = 254
	MaxReasonLen  = 2000
	MaxDocuments  = 50
	MaxSets       = 100
)

// CleanIntake normalises an intake to NFC and checks every field, returning
// the first problem as an EINVALID error naming the field.
func CleanIntake(in *motcua.Intake) error {
	a := &in.Applicant
	a.Name, a.IDNumber, a.Address = motcua.NFC(a.Name), motcua.NFC(a.IDNumber), motcua.NFC(a.Address)
	a.Phone, a.Email = motcua.NFC(a.Phone), motcua.NFC(a.Email)
	in.Reason, in.Note = motcua.NFC(in.Reason), motcua.NFC(in.Note)
	if in.Sets == 0 {
		in.Sets = 1
	}
	var idProblem string
	a.IDNumber, idProblem = CleanIdentityNumber(a.IDNumber)
	checks := []struct {
		bad        bool
		field, msg string
	}{
		{in.ProcedureID == 0, "procedure", "Chưa chọn thủ tục hành chính."},
		{a.Name == "", "applicant_name", "Phải nhập họ tên người nộp hồ sơ."},
		{utf8.RuneCountInString(a.Name) > MaxNameLen, "applicant_name", "Họ tên quá dài (tối đa 200 ký tự)."},
		{utf8.RuneCountInString(a.Address) > MaxAddressLen, "applicant_address", "Địa chỉ quá dài (tối đa 500 ký tự)."},
		{idProblem != "", "applicant_id_number", idProblem},
		{len(a.Phone) > MaxPhoneLen || !phoneLike(a.Phone), "applicant_phone", "Số điện thoại không hợp lệ."},
		{EmailProblem(a.Email) != "", "applicant_email", EmailProblem(a.Email)},
		{!in.Channel.Valid(), "channel", "Kênh tiếp nhận không hợp lệ."},
		{in.Sets < 1 || in.Sets > MaxSets, "sets", "Số bộ hồ sơ phải từ 1 đến 100."},
		{len(in.Documents) > MaxDocuments, "documents", "Quá nhiều giấy tờ (tối đa 50)."},
		{len(in.Key) > 100, "key", "Khóa chống gửi trùng quá dài (tối đa 100 ký tự)."},
		{utf8.RuneCountInString(in.Reason) > MaxReasonLen || utf8.RuneCountInString(in.Note) > MaxReasonLen, "reason", "Lý do/ghi chú quá dài (tối đa 2000 ký tự)."},
	}
	for _, c := range checks {
		if c.bad {
			return motcua.FieldError(c.field, "%s", c.msg)
		}
	}
	return cleanDocuments(in.Documents)
}

func cleanDocuments(docs []motcua.ReceivedDocument) error {
	for i := range docs {
		d := &docs[i]
		d.Name = motcua.NFC(d.Name)
		if d.Name == "" || utf8.RuneCountInString(d.Name) > 500 {
			return motcua.FieldError("documents", "Tên giấy tờ thứ %d trống hoặc quá dài.", i+1)
		}
		if d.Count < 1 || d.Count > 100 {
			return motcua.FieldError("documents", "Số lượng của giấy tờ “%s” phải từ 1 đến 100.", d.Name)
		}
		switch d.Kind {
		case motcua.DocOriginal, motcua.DocCopy, motcua.DocEither, motcua.DocPresent:
		default:
			return motcua.FieldError("documents", "Hình thức của giấy tờ “%s” không hợp lệ.", d.Name)
		}
	}
	return nil
}

func phoneLike(s string) bool {
	return strings.Trim(s, "0123456789+ .-") == ""
}
