package ledger

import (
	"strings"

	"github.com/motcua/motcua"
)

// Filing is where an online submission is filed, as the store finds it at
// the instant of filing: the procedure's version in force, the unit (nil
// when there is no such unit), the kind of the unit above it (a service
// centre files for its parent), and whether that unit applies the
// procedure then.
type Filing struct {
	Procedure   *motcua.Procedure
	Unit        *motcua.Unit
	Parent      motcua.UnitKind
	UnitApplies bool
}

// ValidateSubmission applies the rules of online filing (domain.md §5) to
// a submission filed at f, and tidies the applicant's fields as the
// counter's intake does (CleanIntake): a procedure offered online, at a
// unit that applies it and where citizens file it, the applicant named,
// an identity number and e-mail address the counter could accept, a
// postal address for delivery by post, documents uploaded for a
// full-process procedure, and the form's key. The first problem is
// returned as an error naming its field. It is the one check of a
// submission: the store runs it inside the transaction that records it.
func ValidateSubmission(s *motcua.Submission, f Filing) error {
	p, u := f.Procedure, f.Unit
	if p.OnlineLevel != motcua.OnlineFull && p.OnlineLevel != motcua.OnlinePartial {
		return motcua.FieldError("procedure", "Thủ tục %s chưa được cung cấp trực tuyến; hãy nộp tại Bộ phận Một cửa hoặc qua bưu chính.", p.Name)
	}
	if u == nil {
		return motcua.FieldError("unit", "Hãy chọn nơi nộp hồ sơ.")
	}
	if !f.UnitApplies || !FilingUnit(p, u, f.Parent) {
		return motcua.FieldError("unit", "%s không giải quyết thủ tục %s.", u.Name, p.Name)
	}
	if err := cleanSubmitter(&s.Applicant); err != nil {
		return err
	}
	if err := checkDelivery(s.Delivery, s.DeliveryTo); err != nil {
		return err
	}
	// Completeness is the one-stop's to judge (it may ask once for what is
	// missing): many listed documents apply only in some cases.
	if p.OnlineLevel == motcua.OnlineFull && len(s.Files) == 0 {
		return motcua.FieldError("files", "Thủ tục trực tuyến toàn trình: hãy tải lên các giấy tờ trong thành phần hồ sơ.")
	}
	return checkFormKey(s.Key)
}

// cleanSubmitter checks the applicant with the counter's rules
// (CleanIntake) on the portal's fields: a submission the counter could not
// accept is refused now.
func cleanSubmitter(a *motcua.Applicant) error {
	if a.Name = strings.TrimSpace(motcua.NFC(a.Name)); a.Name == "" {
		return motcua.FieldError("name", "Hãy nhập họ và tên người nộp hồ sơ.")
	}
	var idProblem string
	if a.IDNumber, idProblem = CleanIdentityNumber(a.IDNumber); idProblem != "" {
		return motcua.FieldError("id_number", "%s", idProblem)
	}
	if problem := EmailProblem(a.Email); problem != "" {
		return motcua.FieldError("email", "%s", problem)
	}
	return nil
}

func checkDelivery(d motcua.Delivery, to string) error {
	switch d {
	case motcua.DeliveryOnline, motcua.DeliveryCounter:
	case motcua.DeliveryPost:
		if strings.TrimSpace(to) == "" {
			return motcua.FieldError("delivery_to", "Hãy nhập địa chỉ nhận kết quả qua bưu chính.")
		}
	default:
		return motcua.FieldError("delivery", "Hãy chọn cách nhận kết quả.")
	}
	return nil
}

// checkFormKey checks the key that makes a retried post the same
// submission: the form always sends one.
func checkFormKey(key string) error {
	if key == "" {
		return motcua.Errorf(motcua.EINVALID, "Thiếu khóa của biểu mẫu; hãy tải lại trang và nộp lại.")
	}
	if len(key) > 100 {
		return motcua.Errorf(motcua.EINVALID, "Khóa của biểu mẫu quá dài; hãy tải lại trang và nộp lại.")
	}
	return nil
}

// FilingUnit reports whether citizens file p at u, whose parent is of
// the kind parent: commune procedures at the communes and at a commune's
// service centre, province procedures also at the provincial centre
// (whose parent is the province) and its branches, the others at one-stop
// sections.
func FilingUnit(p *motcua.Procedure, u *motcua.Unit, parent motcua.UnitKind) bool {
	switch {
	case p.Level == motcua.LevelCommune:
		return u.Kind == motcua.UnitCommune || u.Kind == motcua.UnitCentre && parent == motcua.UnitCommune
	case p.Level == motcua.LevelProvince && u.Kind == motcua.UnitBranch:
		return true
	case p.Level == motcua.LevelProvince && u.Kind == motcua.UnitCentre:
		return parent == motcua.UnitProvince
	}
	return u.Kind == motcua.UnitOneStop
}
