package ledger

import (
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// MaxBackdate bounds late entries: an action keyed more than a month after
// it happened belongs to a historical import, not to the counter.
const MaxBackdate = 31 * 24 * time.Hour

// MaxFuture is how far ahead of the server clock an action may be dated:
// officers' PCs drift, but nobody records the future.
const MaxFuture = 2 * time.Minute

// Situation is what Decide needs besides the dossier: its procedure, the
// working calendar, the rules in force and the clock.
type Situation struct {
	Procedure *motcua.Procedure
	Calendar  *calendar.Calendar
	Rules     Rules
	LastAt    time.Time // when the dossier's last real event happened (LastAt)
	Now       time.Time
	// Units are the units the action names (a transfer's), by id.
	Units map[int64]*motcua.Unit
	// OwedAtResult is what the result stage still owes, in đồng (the
	// store's payments; issue 19): a result is not returned while it owes.
	OwedAtResult int64
}

// Decide checks that action a may be appended to dossier d and returns the
// event to append. It does not check who acts: that is the policy's job
// (motcua.Actor.CanAct).
func Decide(d *motcua.Dossier, a motcua.Action, s Situation) (motcua.Event, error) {
	if a.Version != d.Version {
		return motcua.Event{}, motcua.ErrDossierChanged(d.Code)
	}
	at, err := ActionInstant(a.At, a.Reason, s.LastAt, s.Now)
	if err != nil {
		return motcua.Event{}, err
	}
	if err := checkActionText(a); err != nil {
		return motcua.Event{}, err
	}
	if d.Pending != nil && a.Type != motcua.EventLateApproved && a.Type != motcua.EventLateRejected {
		return motcua.Event{}, motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s đang chờ lãnh đạo duyệt thao tác nhập muộn “%s”; chưa thể thực hiện thao tác khác.",
			d.Code, d.Pending.Type.Label())
	}
	e := motcua.Event{DossierID: d.ID, Seq: d.Version + 1, Type: a.Type, At: at, RecordedAt: s.Now,
		Reason: motcua.NFC(a.Reason), Data: motcua.EventData{Note: motcua.NFC(a.Note)}}
	if err := checkTransition(d, a, &e, s); err != nil {
		return motcua.Event{}, err
	}
	// Keyed long after it happened, an action waits for a leader before it counts.
	if !a.Type.System() && s.Calendar.Between(at, s.Now) > s.Rules.ApprovalLimit {
		e.Data.Pending = true
	}
	return e, nil
}

// LastAt is when the last event that happened to the dossier happened:
// bookkeeping events and refused late entries do not bound a late entry.
func LastAt(events []motcua.Event) time.Time {
	rejected := map[int]bool{}
	for _, e := range events {
		if e.Type == motcua.EventLateRejected {
			rejected[e.Data.RefSeq] = true
		}
	}
	var last time.Time
	for _, e := range events {
		if !e.Type.System() && !rejected[e.Seq] && e.At.After(last) {
			last = e.At
		}
	}
	return last
}

// Instant normalises an instant to what the store keeps: millisecond
// precision, in Vietnam's zone, so an answer equals what a later read returns.
func Instant(t time.Time) time.Time {
	return t.Truncate(time.Millisecond).In(motcua.VN)
}

// ActionInstant validates when an action says it happened: not in the future,
// not before the dossier's previous event, and — when keyed late — with a reason.
func ActionInstant(at time.Time, reason string, lastAt, now time.Time) (time.Time, error) {
	if at.IsZero() {
		at = now
	}
	at = Instant(at)
	switch {
	case at.After(now.Add(MaxFuture)):
		return at, motcua.FieldError("at", "Thời điểm thực hiện (%s) ở tương lai.", motcua.FormatDateTime(at))
	case now.Sub(at) > MaxBackdate:
		return at, motcua.FieldError("at", "Thời điểm thực hiện (%s) quá xa trong quá khứ: chỉ được nhập muộn trong vòng 31 ngày.", motcua.FormatDateTime(at))
	case at.Before(lastAt):
		return at, motcua.FieldError("at", "Thời điểm thực hiện (%s) sớm hơn bước trước của hồ sơ (%s).",
			motcua.FormatDateTime(at), motcua.FormatDateTime(lastAt))
	case now.Sub(at) > motcua.LateEntryTolerance && motcua.NFC(reason) == "":
		return at, motcua.FieldError("reason", "Nhập muộn (thực hiện lúc %s): phải ghi rõ lý do.", motcua.FormatDateTime(at))
	}
	return at, nil
}

func checkTransition(d *motcua.Dossier, a motcua.Action, e *motcua.Event, s Situation) error {
	p := s.Procedure
	switch a.Type {
	case motcua.EventHandedOver:
		if err := need(d, a.Type, motcua.StateProcessing); err != nil {
			return err
		}
		if d.Step+1 >= len(p.Steps) {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ đang ở bước cuối của quy trình; không còn bước để chuyển.")
		}
		e.Data.ToStep, e.Data.ToUserID = d.Step+1, a.ToUserID
	case motcua.EventSupplementRequested:
		missing := cleanList(a.Missing)
		if len(missing) == 0 {
			return motcua.FieldError("missing", "Phải liệt kê đầy đủ các giấy tờ cần bổ sung.")
		}
		e.Data.Missing = missing
		if err := need(d, a.Type, motcua.StateProcessing); err != nil {
			return err
		}
		return checkRepeatSupplement(d, e)
	case motcua.EventSupplementReceived:
		return need(d, a.Type, motcua.StateSupplement)
	case motcua.EventResultReady:
		if open := openLinkedParts(d); len(open) > 0 {
			return motcua.Errorf(motcua.ENOTALLOWED, "Còn %d phần hồ sơ liên thông chưa có kết quả (%s); chưa thể chuyển sang “Có kết quả”.",
				len(open), open[0].Title)
		}
		return need(d, a.Type, motcua.StateProcessing)
	case motcua.EventResultReturned:
		for _, p := range d.OpenParts() {
			if p.Kind == motcua.PartResult { // the paper is not at the counter yet
				return motcua.Errorf(motcua.ENOTALLOWED, "Kết quả của hồ sơ %s đang được chuyển về nơi trả (gửi lúc %s); hãy xác nhận đã nhận kết quả trước khi trả.",
					d.Code, motcua.FormatDateTime(p.SentAt))
			}
		}
		if err := need(d, a.Type, motcua.StateResultReady); err != nil {
			return err
		}
		return checkResultReturned(d, s)
	case motcua.EventWithdrawn:
		if e.Reason == "" {
			return motcua.FieldError("reason", "Phải ghi lý do rút hồ sơ (ví dụ: theo đơn đề nghị của người nộp).")
		}
		return need(d, a.Type, motcua.StateProcessing, motcua.StateSupplement, motcua.StatePayment)
	case motcua.EventExtended:
		return checkExtension(d, a, e, s)
	case motcua.EventStopped:
		if e.Reason == "" {
			return motcua.FieldError("reason", "Phải ghi rõ lý do dừng giải quyết hồ sơ.")
		}
		// The applicant who never pays is stopped with notice (form 05).
		return need(d, a.Type, motcua.StateProcessing, motcua.StateSupplement, motcua.StatePayment)
	case motcua.EventPartSent:
		return checkPartSent(d, a, e)
	case motcua.EventPartReturned:
		return checkPartReturned(d, a, e)
	case motcua.EventPartHandedOver:
		return checkPartHandedOver(d, a, e)
	case motcua.EventLateApproved, motcua.EventLateRejected:
		return checkApproval(d, a, e)
	case motcua.EventTransferred:
		return checkTransfer(d, a, e, s)
	default:
		return motcua.FieldError("type", "Thao tác %q không tồn tại.", a.Type)
	}
	return nil
}

// need fails unless the dossier is in one of the states.
func need(d *motcua.Dossier, t motcua.EventType, states ...motcua.State) error {
	for _, s := range states {
		if d.State == s {
			return nil
		}
	}
	return motcua.Errorf(motcua.ENOTALLOWED, "Không thể thực hiện “%s” khi hồ sơ %s đang ở trạng thái “%s”.",
		t.Label(), d.Code, d.State.Label())
}

func cleanList(items []string) []string {
	var out []string
	for _, s := range items {
		if s = motcua.NFC(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// MaxMissing bounds a supplement request's list.
const MaxMissing = 50

func checkActionText(a motcua.Action) error {
	if utf8.RuneCountInString(a.Reason) > MaxReasonLen || utf8.RuneCountInString(a.Note) > MaxReasonLen {
		return motcua.FieldError("reason", "Lý do/ghi chú quá dài (tối đa 2000 ký tự).")
	}
	if len(a.Missing) > MaxMissing {
		return motcua.FieldError("missing", "Danh sách giấy tờ cần bổ sung quá dài (tối đa 50 mục).")
	}
	for _, m := range a.Missing {
		if utf8.RuneCountInString(m) > 500 {
			return motcua.FieldError("missing", "Mỗi giấy tờ cần bổ sung ghi tối đa 500 ký tự.")
		}
	}
	return nil
}

// checkTransfer checks a transfer chosen by hand (TransferEvent).
func checkTransfer(d *motcua.Dossier, a motcua.Action, e *motcua.Event, s Situation) error {
	t := Transfer{At: e.At, Basis: a.Reason, To: s.Units[a.ToUnitID], Return: s.Units[a.ReturnUnitID]}
	if (a.ToUnitID != 0 && t.To == nil) || (a.ReturnUnitID != 0 && t.Return == nil) {
		return motcua.FieldError("to_unit", "Không tìm thấy đơn vị đã chọn.")
	}
	got, err := TransferEvent(d, t)
	if err != nil {
		return err
	}
	e.Data.DecidingUnitID, e.Data.ReturnUnitID = got.Data.DecidingUnitID, got.Data.ReturnUnitID
	return nil
}

// openLinkedParts are the parts still held by co-ordinating units, not
// counting hand-overs between units.
func openLinkedParts(d *motcua.Dossier) []motcua.Part {
	var out []motcua.Part
	for _, p := range d.OpenParts() {
		if !p.Kind.HandOver() {
			out = append(out, p)
		}
	}
	return out
}
