package ledger

import (
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// MaxBackdate bounds late entries: an action keyed more than a month after
// it happened belongs to a historical import, not to the counter.
const MaxBackdate = 31 * 24 * time.Hour

// MaxFuture is how far ahead of the server clock an action may be dated:
// officers' PCs drift, but nobody records the future.
const MaxFuture = 2 * time.Minute

// Decide checks that action a may be appended to dossier d (projected from
// events ending at lastAt) and returns the event to append. It does not check
// who acts: that is the policy's job (motcua.Actor.CanAct).
func Decide(d *motcua.Dossier, p *motcua.Procedure, lastAt time.Time, a motcua.Action, now time.Time) (motcua.Event, error) {
	if a.Version != d.Version {
		return motcua.Event{}, motcua.ErrDossierChanged(d.Code)
	}
	at, err := ActionInstant(a.At, a.Reason, lastAt, now)
	if err != nil {
		return motcua.Event{}, err
	}
	if err := checkActionText(a); err != nil {
		return motcua.Event{}, err
	}
	e := motcua.Event{DossierID: d.ID, Seq: d.Version + 1, Type: a.Type, At: at, RecordedAt: now,
		Reason: motcua.NFC(a.Reason), Data: motcua.EventData{Note: motcua.NFC(a.Note)}}
	if err := checkTransition(d, p, a, &e); err != nil {
		return motcua.Event{}, err
	}
	return e, nil
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

func checkTransition(d *motcua.Dossier, p *motcua.Procedure, a motcua.Action, e *motcua.Event) error {
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
		return need(d, a.Type, motcua.StateProcessing)
	case motcua.EventSupplementReceived:
		return need(d, a.Type, motcua.StateSupplement)
	case motcua.EventResultReady:
		return need(d, a.Type, motcua.StateProcessing)
	case motcua.EventResultReturned:
		return need(d, a.Type, motcua.StateResultReady)
	case motcua.EventWithdrawn:
		if e.Reason == "" {
			return motcua.FieldError("reason", "Phải ghi lý do rút hồ sơ (ví dụ: theo đơn đề nghị của người nộp).")
		}
		return need(d, a.Type, motcua.StateProcessing, motcua.StateSupplement)
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
