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

// MaxPartSteps bounds a linked part's own workflow.
const MaxPartSteps = 20

func checkPartSent(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if a.PartKind != motcua.PartLinked {
		return checkHandOverSent(d, a, e)
	}
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
	}
	steps, total, err := partPlan(a)
	if err != nil {
		return err
	}
	for _, p := range d.OpenParts() {
		if p.UnitID == a.PartUnitID {
			return motcua.Errorf(motcua.ENOTALLOWED, "Đơn vị này đang giữ một phần liên thông của hồ sơ (%s) chưa trả.", p.Title)
		}
	}
	e.Data.PartUnitID, e.Data.PartTitle, e.Data.PartMinutes, e.Data.PartSteps = a.PartUnitID, title, total, steps
	return nil
}

// partPlan cleans a part's workflow: its steps, or one step of PartMinutes.
// Each step needs a name and a budget; the sum is at most 60 working days.
func partPlan(a motcua.Action) (steps []motcua.PartStep, total int, err error) {
	if len(a.PartSteps) == 0 {
		if a.PartMinutes <= 0 || a.PartMinutes > MaxPartMinutes {
			return nil, 0, motcua.FieldError("part_minutes", "Thời hạn của phần liên thông phải từ 1 phút đến 60 ngày làm việc.")
		}
		return nil, a.PartMinutes, nil
	}
	if len(a.PartSteps) > MaxPartSteps {
		return nil, 0, motcua.FieldError("part_steps", "Quy trình liên thông tối đa %d bước.", MaxPartSteps)
	}
	for i, st := range a.PartSteps {
		name := motcua.NFC(st.Name)
		switch {
		case name == "" || utf8.RuneCountInString(name) > 300:
			return nil, 0, motcua.FieldError("part_steps", "Bước %d của quy trình liên thông phải có tên (tối đa 300 ký tự).", i+1)
		case st.Minutes <= 0 || st.Minutes > MaxPartMinutes:
			return nil, 0, motcua.FieldError("part_steps", "Bước %d (%s) phải có thời hạn từ 1 phút đến 60 ngày làm việc.", i+1, name)
		}
		steps, total = append(steps, motcua.PartStep{Name: name, Minutes: st.Minutes}), total+st.Minutes
	}
	if total > MaxPartMinutes {
		return nil, 0, motcua.FieldError("part_steps", "Tổng thời hạn các bước liên thông vượt quá 60 ngày làm việc.")
	}
	return steps, total, nil
}

func checkPartHandedOver(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if err := need(d, a.Type, motcua.StateProcessing, motcua.StateSupplement); err != nil {
		return err
	}
	part := d.PartBySeq(a.PartSeq)
	switch {
	case part == nil || !part.Open():
		return motcua.FieldError("part", "Không có phần liên thông đang xử lý với số %d.", a.PartSeq)
	case part.Step+1 >= len(part.Plan):
		return motcua.Errorf(motcua.ENOTALLOWED, "Phần liên thông “%s” đang ở bước cuối; hãy trả kết quả liên thông.", part.Title)
	case e.At.Before(part.Records[len(part.Records)-1].StartedAt):
		return motcua.FieldError("at", "Thời điểm chuyển bước sớm hơn lúc nhận bước hiện tại.")
	}
	e.Data.PartSeq, e.Data.ToUserID = a.PartSeq, a.ToUserID
	return nil
}

func checkPartReturned(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	part := d.PartBySeq(a.PartSeq)
	states := []motcua.State{motcua.StateProcessing, motcua.StateSupplement}
	if part != nil && part.Kind == motcua.PartResult { // the result travels once it is ready
		states = []motcua.State{motcua.StateResultReady}
	}
	if err := need(d, a.Type, states...); err != nil {
		return err
	}
	if part == nil || !part.Open() {
		return motcua.FieldError("part", "Không có phần liên thông đang chờ kết quả với số %d.", a.PartSeq)
	}
	if start := part.Records[len(part.Records)-1].StartedAt; e.At.Before(start) {
		return motcua.FieldError("at", "Thời điểm trả (%s) sớm hơn lúc nhận bước liên thông hiện tại (%s).", motcua.FormatDateTime(e.At), motcua.FormatDateTime(start))
	}
	e.Data.PartSeq = a.PartSeq
	return nil
}

// checkRepeatSupplement: the one-stop asks for everything missing at once
// (Decree 61/2018 art. 15; Decision 766 counts a dossier asked more than
// once as late). A further request states why and waits for the leader of
// the unit, through the approval that late entries use.
func checkRepeatSupplement(d *motcua.Dossier, e *motcua.Event) error {
	if d.Supplements == 0 {
		return nil
	}
	if e.Reason == "" {
		return motcua.FieldError("reason", "Hồ sơ %s đã được yêu cầu bổ sung %d lần: lần yêu cầu tiếp theo phải ghi rõ lý do và chờ lãnh đạo đơn vị duyệt (hồ sơ yêu cầu bổ sung quá một lần bị tính là trễ hạn).",
			d.Code, d.Supplements)
	}
	e.Data.Repeat, e.Data.Pending = true, true
	return nil
}

func checkApproval(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	if d.Pending == nil {
		return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s không có thao tác nào chờ duyệt.", d.Code)
	}
	if a.Type == motcua.EventLateRejected && e.Reason == "" {
		return motcua.FieldError("reason", "Phải ghi lý do không duyệt thao tác.")
	}
	e.Data.RefSeq = d.Pending.Seq
	return nil
}

// CountedSupplements are the supplement requests of a log that took
// effect: recorded without waiting, or approved by a leader. More than one
// makes the dossier late in the national scoring (Decision 766).
func CountedSupplements(events []motcua.Event) []motcua.Event {
	approved := map[int]bool{}
	for _, e := range events {
		if e.Type == motcua.EventLateApproved {
			approved[e.Data.RefSeq] = true
		}
	}
	var out []motcua.Event
	for _, e := range events {
		if e.Type == motcua.EventSupplementRequested && (!e.Data.Pending || approved[e.Seq]) {
			out = append(out, e)
		}
	}
	return out
}

// HandOverMinutes is the default deadline of a hand-over between a centre
// and the deciding unit, in catalogue minutes: one working day. Decree
// 118/2025 sets no national figure that we could confirm
// (docs/government-2025-research.md §1); the officer may give another.
const HandOverMinutes = 450

// checkHandOverSent checks the sending of a dossier received for another
// unit to its deciding unit (while processing), or of its result back to
// where it is returned (once ready): the unit is the dossier's own, the
// means one of the known ones, one such hand-over open at a time.
func checkHandOverSent(d *motcua.Dossier, a motcua.Action, e *motcua.Event) error {
	to, state := d.DecidingUnitID, motcua.StateProcessing
	switch a.PartKind {
	case motcua.PartForward:
		if !d.TravelsBetweenUnits(a.PartKind) {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ %s được tiếp nhận cho chính cơ quan giải quyết; không cần chuyển.", d.Code)
		}
	case motcua.PartResult:
		to, state = d.ReturnUnit(), motcua.StateResultReady
		if !d.TravelsBetweenUnits(a.PartKind) {
			return motcua.Errorf(motcua.ENOTALLOWED, "Kết quả của hồ sơ %s được trả tại đơn vị của cơ quan giải quyết; không cần chuyển.", d.Code)
		}
	default:
		return motcua.FieldError("part_kind", "Loại chuyển hồ sơ %q không tồn tại.", a.PartKind)
	}
	if err := need(d, a.Type, state); err != nil {
		return err
	}
	if !a.PartMeans.Valid() {
		return motcua.FieldError("part_means", "Phải chọn hình thức chuyển: điện tử, bưu chính hoặc cán bộ Trung tâm chuyển trực tiếp.")
	}
	for _, p := range d.OpenParts() {
		if p.Kind == a.PartKind {
			return motcua.Errorf(motcua.ENOTALLOWED, "Hồ sơ đang được chuyển (%s) từ %s; chưa xác nhận đã nhận.",
				p.Kind.Label(), motcua.FormatDateTime(p.SentAt))
		}
	}
	minutes := a.PartMinutes
	if minutes == 0 {
		minutes = HandOverMinutes
	}
	if minutes < 0 || minutes > MaxPartMinutes {
		return motcua.FieldError("part_minutes", "Thời hạn chuyển hồ sơ phải từ 1 phút đến 60 ngày làm việc.")
	}
	e.Data.PartUnitID, e.Data.PartTitle, e.Data.PartMinutes = to, a.PartKind.Label(), minutes
	e.Data.PartKind, e.Data.PartMeans = a.PartKind, a.PartMeans
	return nil
}
