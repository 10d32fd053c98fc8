package ledger

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// AcceptSituation is everything an intake is decided on, loaded by the
// store in the transaction that writes the dossier: who receives, when,
// the procedure's versions, where the dossier is received and the unit's
// calendar.
type AcceptSituation struct {
	ActorID    int64
	MayReceive bool // the actor may receive dossiers at the intake's unit
	Now        time.Time
	// Versions are the procedure's published versions, oldest effective
	// first; none for a procedure that does not exist.
	Versions []*motcua.Procedure
	Adoption Adoption
	Units    Ancestry
	Calendar *calendar.Calendar // the receiving unit's; nil when it does not exist
	// Localities are the ancestries of the units the intake's competence
	// facts name; Listings the province's boundary-free listings of the
	// procedure; Return the unit the applicant collects the result at,
	// when not the receiving one.
	Localities map[int64]Ancestry
	Listings   []motcua.BoundaryFreeListing
	Return     Ancestry
}

// Adoption is whether the receiving unit applies the procedure: a
// procedure adopted nowhere applies everywhere; one adopted somewhere
// applies where it was adopted, from that instant.
type Adoption struct {
	Everywhere bool
	Here       bool      // adopted by the receiving unit
	From       time.Time // since when, when Here
}

// AppliesAt reports whether the receiving unit applies the procedure at t.
func (a Adoption) AppliesAt(t time.Time) bool {
	return a.Everywhere || a.Here && !a.From.After(t)
}

// Accept decides an intake at the counter: it checks the intake against
// the situation and returns the dossier it opens and its acceptance event,
// both to be written as they are (the store adds the code and the
// tracking secret). Errors are the application's, in Vietnamese.
func Accept(s AcceptSituation, in motcua.Intake) (*motcua.Dossier, *motcua.Event, error) {
	if err := Admit(&in, s.MayReceive); err != nil {
		return nil, nil, err
	}
	at, err := ActionInstant(in.At, in.Reason, time.Time{}, s.Now)
	if err != nil {
		return nil, nil, err
	}
	// The version in force when the dossier was received: an amendment
	// published later never rewrites it.
	p, err := VersionAt(s.Versions, at)
	if err != nil {
		return nil, nil, motcua.FieldError("procedure", "%s", motcua.ErrorMessage(err))
	}
	if !s.Adoption.AppliesAt(at) {
		return nil, nil, motcua.FieldError("procedure", "Đơn vị chưa áp dụng thủ tục %s – %s vào thời điểm tiếp nhận.", p.Code, p.Name)
	}
	competent, err := CompetentUnit(CompetenceCase{Procedure: p, At: at, Receiving: s.Units, Facts: in.Competence,
		Localities: s.Localities, Listings: s.Listings})
	if err != nil {
		return nil, nil, err
	}
	if u := s.Units.Receiving(); !u.InForce(at) {
		return nil, nil, motcua.FieldError("at", "Đơn vị %s không hoạt động vào thời điểm %s.", u.Name, motcua.FormatDateTime(at))
	}
	returnID, err := returnUnit(s, in, at)
	if err != nil {
		return nil, nil, err
	}
	bill, err := IntakeBill(p, in)
	if err != nil {
		return nil, nil, err
	}
	applicant := in.Applicant
	e := motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: s.Now, ActorID: s.ActorID, UnitID: in.UnitID,
		Reason: in.Reason, Data: motcua.EventData{ProcedureVersionID: p.VersionID, ReceivingUnitID: in.UnitID,
			DecidingUnitID: competent.Deciding.ID, Channel: in.Channel, Applicant: &applicant, Documents: in.Documents, Sets: in.Sets,
			Note: in.Note, ReturnUnitID: returnID, ForOther: competent.ForOther, Fees: bill, Identity: in.Identity,
			AwaitsPayment: AwaitsPayment(bill)}}
	if competent.Locality != nil {
		e.Data.LocalityUnitID = competent.Locality.ID
	}
	if in.Competence != (motcua.CompetenceFacts{}) {
		facts := in.Competence
		e.Data.Competence = &facts
	}
	if competent.Listing != nil {
		e.Data.Listing = competent.Listing.Basis()
	}
	base := motcua.Dossier{ProcedureID: p.ID, ProcedureCode: p.Code, ProcedureName: p.Name}
	d, clock, err := Replay(base, []motcua.Event{e}, p, s.Calendar)
	if err != nil {
		return nil, nil, err
	}
	Stamp(&e, &d, clock)
	return &d, &e, nil
}

// Admit cleans an intake (CleanIntake) and checks that its sender may
// receive dossiers at its unit: what is checked before anything is looked
// up, a form sent again included.
func Admit(in *motcua.Intake, mayReceive bool) error {
	if err := CleanIntake(in); err != nil {
		return err
	}
	if !mayReceive {
		return motcua.Errorf(motcua.EFORBIDDEN, "Bạn không có quyền tiếp nhận hồ sơ tại đơn vị này.")
	}
	return nil
}

// VersionAt is the version of a procedure in force at t among its
// published versions (oldest effective first): the last effective by then.
// A procedure repealed by then, or not yet in force, is refused with the
// reason.
func VersionAt(versions []*motcua.Procedure, t time.Time) (*motcua.Procedure, error) {
	var p *motcua.Procedure
	for _, v := range versions {
		if !v.EffectiveFrom.After(t) {
			p = v
		}
	}
	if p == nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Thủ tục hành chính đã chọn không có hiệu lực vào %s.", motcua.FormatDateTime(t))
	}
	if p.Repealed() {
		return nil, motcua.Errorf(motcua.ENOTALLOWED, "Thủ tục %s – %s đã bị bãi bỏ từ ngày %s.", p.Code, p.Name, motcua.FormatDate(p.EffectiveFrom))
	}
	return p, nil
}

// returnUnit checks where the applicant collects the result: the receiving
// unit (0) unless they chose another (ReturnPlace).
func returnUnit(s AcceptSituation, in motcua.Intake, at time.Time) (int64, error) {
	if in.ReturnUnitID == 0 || in.ReturnUnitID == in.UnitID {
		return 0, nil
	}
	return in.ReturnUnitID, ReturnPlace(s.Return, in.ReturnUnitID, s.Units, at)
}

// ReturnPlace checks a place of return chosen by the applicant, given its
// ancestry: a counter (a centre, branch, one-stop section or commune) in
// force at the instant, in the receiving unit's province.
func ReturnPlace(place Ancestry, id int64, receiving Ancestry, at time.Time) error {
	u := place.Receiving()
	switch {
	case u == nil || u.ID != id || !u.ReceivesDossiers():
		return motcua.FieldError("return_unit", "Nơi trả kết quả phải là một Trung tâm Phục vụ hành chính công, chi nhánh hoặc bộ phận một cửa.")
	case !u.InForce(at):
		return motcua.FieldError("return_unit", "%s không hoạt động vào thời điểm %s; hãy chọn nơi trả kết quả khác.", u.Name, motcua.FormatDateTime(at))
	case !sameProvince(place, receiving):
		return motcua.FieldError("return_unit", "%s không thuộc tỉnh của nơi tiếp nhận.", u.Name)
	}
	return nil
}
