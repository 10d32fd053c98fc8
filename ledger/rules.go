package ledger

import (
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// Rules are the lifecycle limits that await confirmation against the decree
// or that a province sets itself; the defaults follow domain.md §5.
type Rules struct {
	// ExtensionLeadDays: an apology and new date must be issued at least
	// this many working days before the current due instant.
	ExtensionLeadDays float64
	// MaxExtensions is how many times one dossier may be extended.
	MaxExtensions int
	// ApprovalLimit is the working time by which an action may be keyed
	// after it happened before a unit leader must approve it.
	ApprovalLimit time.Duration
	// MaxExtension bounds how far a new date may lie after the current one.
	MaxExtension time.Duration
}

// DefaultRules: an extension no later than 1 working day before the due
// instant, once; late entries beyond 4 working hours need approval.
func DefaultRules() Rules {
	return Rules{ExtensionLeadDays: 1, MaxExtensions: 1, ApprovalLimit: 4 * time.Hour, MaxExtension: 366 * 24 * time.Hour}
}

func checkExtension(d *motcua.Dossier, a motcua.Action, e *motcua.Event, s Situation) error {
	if err := need(d, a.Type, motcua.StateProcessing); err != nil {
		return err
	}
	if e.Reason == "" {
		return motcua.FieldError("reason", "Phải ghi rõ lý do chậm giải quyết trong văn bản xin lỗi.")
	}
	if d.Extensions >= s.Rules.MaxExtensions {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s đã được xin lỗi và gia hạn %d lần; không được gia hạn thêm.", d.Code, d.Extensions)
	}
	due := d.Due()
	lead := time.Duration(s.Rules.ExtensionLeadDays * float64(s.Calendar.StandardDay()))
	if !e.At.Before(due) || s.Calendar.Between(e.At, due) < lead {
		return motcua.Errorf(motcua.ENOTALLOWED, "Chỉ được xin lỗi và gia hạn chậm nhất %s ngày làm việc trước thời hạn trả kết quả (%s).",
			motcua.FormatDecimal(s.Rules.ExtensionLeadDays), motcua.FormatDateTime(due))
	}
	newDue := Instant(a.NewDueAt)
	switch {
	case a.NewDueAt.IsZero():
		return motcua.FieldError("new_due_at", "Phải hẹn lại ngày trả kết quả.")
	case !newDue.After(due):
		return motcua.FieldError("new_due_at", "Ngày hẹn mới (%s) phải sau thời hạn hiện tại (%s).", motcua.FormatDateTime(newDue), motcua.FormatDateTime(due))
	case newDue.Sub(due) > s.Rules.MaxExtension:
		return motcua.FieldError("new_due_at", "Ngày hẹn mới (%s) quá xa so với thời hạn hiện tại.", motcua.FormatDateTime(newDue))
	}
	e.Data.NewDueAt = newDue
	return nil
}

// MaxPartMinutes bounds a linked part's budget: 60 working days.
const MaxPartMinutes = 60 * catalogueDayMinutes

func checkPartSent(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if err := need(d, a.Type, motcua.StateProcessing); err != nil {
		return err
	}
	title := motcua.NFC(a.PartTitle)
	switch {
	case a.PartUnitID == 0:
		return motcua.FieldError("part_unit", "Phải chọn cơ quan phối hợp nhận hồ sơ liên thông.")
	case a.PartUnitID == d.CurrentUnitID:
		return motcua.FieldError("part_unit", "Cơ quan phối hợp phải khác đơn vị đang giữ hồ sơ.")
	case title == "":
		return motcua.FieldError("part_title", "Phải ghi nội dung phần việc gửi liên thông.")
	case utf8.RuneCountInString(title) > 500:
		return motcua.FieldError("part_title", "Nội dung phần việc liên thông tối đa 500 ký tự.")
	case a.PartMinutes <= 0 || a.PartMinutes > MaxPartMinutes:
		return motcua.FieldError("part_minutes", "Thời hạn của phần liên thông phải từ 1 phút đến 60 ngày làm việc.")
	}
	for _, p := range d.OpenParts() {
		if p.UnitID == a.PartUnitID {
			return motcua.Errorf(motcua.ENOTALLOWED, "Đơn vị này đang giữ một phần liên thông của hồ sơ (%s) chưa trả.", p.Title)
		}
	}
	e.Data.PartUnitID, e.Data.PartTitle, e.Data.PartMinutes = a.PartUnitID, title, a.PartMinutes
	return nil
}

func checkPartReturned(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if err := need(d, a.Type, motcua.StateProcessing, motcua.StateSupplement); err != nil {
		return err
	}
	part := d.PartBySeq(a.PartSeq)
	if part == nil || !part.Open() {
		return motcua.FieldError("part", "Không có phần liên thông đang chờ kết quả với số %d.", a.PartSeq)
	}
	if e.At.Before(part.SentAt) {
		return motcua.FieldError("at", "Thời điểm trả (%s) sớm hơn lúc gửi liên thông (%s).", motcua.FormatDateTime(e.At), motcua.FormatDateTime(part.SentAt))
	}
	e.Data.PartSeq = a.PartSeq
	return nil
}

func checkApproval(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if d.Pending == nil {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s không có thao tác nhập muộn nào chờ duyệt.", d.Code)
	}
	if a.Type == motcua.EventLateRejected && e.Reason == "" {
		return motcua.FieldError("reason", "Phải ghi lý do không duyệt thao tác nhập muộn.")
	}
	e.Data.RefSeq = d.Pending.Seq
	return nil
}
