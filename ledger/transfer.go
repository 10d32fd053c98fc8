package ledger

import (
	"time"

	"github.com/motcua/motcua"
)

// Transfer is a hand-over of a running dossier to another competent unit:
// the successor of a dissolved unit on the date of the change, or a unit
// chosen by a leader. Basis is the legal text that makes it; To and Return
// are the new deciding and return units (nil: unchanged).
type Transfer struct {
	At      time.Time
	To      *motcua.Unit
	Return  *motcua.Unit
	Basis   string
	ActorID int64
}

// TransferEvent checks a transfer against the dossier and returns the event
// that records it: the dossier must still be running, the units must
// exist at the instant (a unit not yet or no longer in force is refused),
// a deciding unit must be an authority or one of its offices, a return
// unit must receive dossiers, and the basis is required. The clock is
// stamped unchanged: a change of unit never moves the promised date.
func TransferEvent(d *motcua.Dossier, t Transfer) (motcua.Event, error) {
	basis := motcua.NFC(t.Basis)
	switch {
	case !d.State.Open() && d.State != motcua.StateResultReady:
		return motcua.Event{}, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s đã kết thúc (%s); không thể chuyển thẩm quyền.", d.Code, d.State.Label())
	case t.To == nil && t.Return == nil:
		return motcua.Event{}, motcua.FieldError("to_unit", "Phải chọn đơn vị nhận hồ sơ.")
	case basis == "":
		return motcua.Event{}, motcua.FieldError("reason", "Phải ghi căn cứ pháp lý của việc chuyển thẩm quyền.")
	}
	e := motcua.Event{DossierID: d.ID, Seq: d.Version + 1, Type: motcua.EventTransferred, At: Instant(t.At), RecordedAt: Instant(t.At),
		ActorID: t.ActorID, Reason: basis}
	if u := t.To; u != nil {
		if err := inForceAt(u, e.At, "to_unit"); err != nil {
			return motcua.Event{}, err
		}
		if !u.IsAuthority() && !u.IsOffice() {
			return motcua.Event{}, motcua.FieldError("to_unit", "%s không phải là cơ quan có thẩm quyền giải quyết.", u.Name)
		}
		if u.ID == d.DecidingUnitID && t.Return == nil {
			return motcua.Event{}, motcua.FieldError("to_unit", "Hồ sơ đang thuộc %s.", u.Name)
		}
		e.Data.DecidingUnitID, e.UnitID = u.ID, u.ID
	}
	if u := t.Return; u != nil {
		if err := inForceAt(u, e.At, "return_unit"); err != nil {
			return motcua.Event{}, err
		}
		if !u.ReceivesDossiers() {
			return motcua.Event{}, motcua.FieldError("return_unit", "%s không tiếp nhận và trả kết quả hồ sơ.", u.Name)
		}
		e.Data.ReturnUnitID = u.ID
		if e.UnitID == 0 {
			e.UnitID = u.ID
		}
	}
	return e, nil
}

func inForceAt(u *motcua.Unit, at time.Time, field string) error {
	if u.InForce(at) {
		return nil
	}
	if !u.ValidFrom.IsZero() && at.Before(u.ValidFrom) {
		return motcua.FieldError(field, "%s chưa hoạt động vào thời điểm %s (hoạt động từ %s).", u.Name,
			motcua.FormatDateTime(at), motcua.FormatDate(u.ValidFrom))
	}
	return motcua.FieldError(field, "%s đã thôi hoạt động từ %s.", u.Name, motcua.FormatDate(u.ValidTo))
}
