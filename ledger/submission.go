package ledger

import (
	"strings"
	"time"

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
	// What the competence rule decides on (CompetentUnit), for a
	// procedure that has one: the instant, the filing unit's ancestry,
	// those of the units the facts name and the procedure's listings; and
	// the unit chosen for the result, nil when none or unknown.
	At         time.Time
	Receiving  Ancestry
	Localities map[int64]Ancestry
	Listings   []motcua.BoundaryFreeListing
	Return     Ancestry
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
	if err := checkSubmittedCompetence(s, f); err != nil {
		return err
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

// checkSubmittedCompetence applies the counter's competence rule to an
// online filing: a procedure with a rule needs the fact it reads (the
// other facts are dropped), and the filing unit must be one that may
// receive the dossier for the unit that fact leads to — its own authority,
// or any centre of the province when the procedure is listed for intake
// regardless of boundary. The result may be collected at another counter
// in force.
func checkSubmittedCompetence(s *motcua.Submission, f Filing) error {
	p := f.Procedure
	s.Competence = RuleFacts(s.Competence, p.Competence)
	if p.Competence != motcua.CompetenceHere {
		if s.Competence.Locality(p.Competence) == 0 {
			return motcua.FieldError("locality", "Hãy chọn %s: cơ quan giải quyết được xác định theo đó.", localityNoun(p.Competence))
		}
		_, err := CompetentUnit(CompetenceCase{Procedure: p, At: f.At, Receiving: f.Receiving, Facts: s.Competence,
			Localities: f.Localities, Listings: f.Listings})
		if err != nil {
			return err
		}
	}
	return checkReturnUnit(s, f)
}

// RuleFacts keeps, of the facts, the one the rule reads: what the
// applicant says of another matter decides nothing.
func RuleFacts(f motcua.CompetenceFacts, rule motcua.Competence) motcua.CompetenceFacts {
	switch rule {
	case motcua.CompetenceResidence:
		return motcua.CompetenceFacts{ResidenceUnitID: f.ResidenceUnitID}
	case motcua.CompetenceLocation:
		return motcua.CompetenceFacts{LocationUnitID: f.LocationUnitID}
	case motcua.CompetenceChoice:
		return motcua.CompetenceFacts{ChosenUnitID: f.ChosenUnitID}
	}
	return motcua.CompetenceFacts{}
}

// checkReturnUnit checks where the result is collected: only with
// delivery at a counter, and then as at acceptance (ReturnPlace).
func checkReturnUnit(s *motcua.Submission, f Filing) error {
	if s.Delivery != motcua.DeliveryCounter || s.ReturnUnitID == s.UnitID {
		s.ReturnUnitID = 0
	}
	if s.ReturnUnitID == 0 {
		return nil
	}
	return ReturnPlace(f.Return, s.ReturnUnitID, f.Receiving, f.At)
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
