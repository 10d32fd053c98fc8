package motcua

import (
	"fmt"
	"strings"
)

// NoticeKind names the change of a dossier a notice tells the applicant of.
type NoticeKind string

const (
	NoticeSupplement  NoticeKind = "supplement"   // the clock paused for additions
	NoticeApology     NoticeKind = "apology"      // late: an apology with a new date
	NoticeDueMoved    NoticeKind = "due_moved"    // a calendar change moved the due date
	NoticeResultReady NoticeKind = "result_ready" // the result can be collected
	NoticeReturned    NoticeKind = "returned"     // the result was handed over
	NoticeStopped     NoticeKind = "stopped"      // processing stopped
	NoticeWithdrawn   NoticeKind = "withdrawn"    // the withdrawal recorded
)

// ApplicantNotice is what to tell the applicant of a dossier's change, before it
// has a recipient: the e-mail's subject and body, and the SMS's own short
// text (without diacritics) with the link it ends with.
type ApplicantNotice struct {
	Kind    NoticeKind
	Code    string // the dossier's code: what the notice is about
	Subject string
	Body    string
	SMSText string
	SMSLink string
}

// DossierNotice decides what, if anything, the change from the projection
// cur to next, through event e, tells the applicant: the clock paused for
// additions, an apology with a new date, the due date moved by the
// calendar, the result ready, the result returned (with the link to rate
// the service), processing stopped, the withdrawal recorded. Changes are
// read from the projections, so a late entry is announced when a leader's
// approval makes it count (e is then the entry approved: AnnouncedEvent).
// publicURL is the base of the links. It is pure: where the notice goes,
// and whether a result ready carries an electronic result
// (WithElectronicResult), is for the caller to find.
func DossierNotice(cur, next *Dossier, e *Event, publicURL string) (n ApplicantNotice, ok bool) {
	track := TrackURL(publicURL, next)
	n.Code, n.SMSLink = next.Code, track
	switch {
	case next.State == StateSupplement && cur.State != StateSupplement:
		n.Kind = NoticeSupplement
		n.Subject = "Hồ sơ " + next.Code + " cần bổ sung"
		missing := ""
		if e.Type == EventSupplementRequested && len(e.Data.Missing) > 0 {
			missing = " Cần bổ sung: " + strings.Join(e.Data.Missing, "; ") + "."
		}
		n.Body = fmt.Sprintf("Hồ sơ %s cần bổ sung giấy tờ; thời gian chờ bổ sung không tính vào thời hạn giải quyết.%s Tra cứu: %s",
			next.ProcedureName, missing, track)
		n.SMSText = "Can bo sung giay to, tam dung tinh thoi han ho so " + next.Code + ". Chi tiet:"
	case next.Extensions > cur.Extensions:
		n.Kind = NoticeApology
		n.Subject = "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ " + next.Code
		n.Body = fmt.Sprintf("Hồ sơ %s chưa giải quyết kịp thời hạn. Chúng tôi thành thật xin lỗi; ngày hẹn trả kết quả mới là %s. Tra cứu: %s",
			next.ProcedureName, FormatDateTime(next.PromisedAt), track)
		n.SMSText = "Xin loi, hen tra moi " + FormatDateTime(next.PromisedAt) + " (chua kip han) ho so " + next.Code + ". Tra cuu:"
	case e.Type == EventDueRecomputed && !next.Due().Equal(cur.Due()):
		n.Kind = NoticeDueMoved
		n.Subject = "Hồ sơ " + next.Code + " đổi ngày hẹn trả kết quả"
		n.Body = fmt.Sprintf("Do thay đổi lịch làm việc, ngày hẹn trả kết quả hồ sơ %s đổi từ %s sang %s. Tra cứu: %s",
			next.ProcedureName, FormatDateTime(cur.Due()), FormatDateTime(next.Due()), track)
		n.SMSText = "Hen tra ho so " + next.Code + " doi tu " + FormatDate(cur.Due()) + " sang " + FormatDateTime(next.Due()) +
			" do lich nghi thay doi. Tra cuu:"
	case next.State == StateResultReady && cur.State != StateResultReady:
		n.Kind = NoticeResultReady
		n.Subject = "Hồ sơ " + next.Code + " đã có kết quả"
		n.Body = fmt.Sprintf("Hồ sơ %s đã có kết quả từ %s. Tra cứu: %s", next.ProcedureName, FormatDateTime(next.ResultAt), track)
		n.SMSText = "Ho so " + next.Code + " da co ket qua. Tra cuu:"
	case next.State == StateReturned && cur.State != StateReturned:
		n.Kind = NoticeReturned
		n.Subject = "Hồ sơ " + next.Code + " đã trả kết quả"
		n.Body = fmt.Sprintf("Kết quả hồ sơ %s đã được trả. Xin ông/bà dành một phút đánh giá mức độ hài lòng: %s", next.ProcedureName,
			RateURL(publicURL, next))
		n.SMSText, n.SMSLink = "Ho so "+next.Code+" da tra ket qua. Danh gia:", RateURL(publicURL, next)
	case next.State == StateStopped && cur.State != StateStopped:
		n.Kind = NoticeStopped
		n.Subject = "Hồ sơ " + next.Code + " dừng giải quyết"
		n.Body = fmt.Sprintf("Hồ sơ %s đã dừng giải quyết. Lý do: %s. Tra cứu: %s", next.ProcedureName, e.Reason, track)
		n.SMSText = "Dung giai quyet ho so " + next.Code + ". Ly do: " + e.Reason + ". Chi tiet:"
	case next.State == StateWithdrawn && cur.State != StateWithdrawn:
		n.Kind = NoticeWithdrawn
		n.Subject = "Hồ sơ " + next.Code + " đã được rút"
		n.Body = fmt.Sprintf("Đã ghi nhận việc rút hồ sơ %s. Tra cứu: %s", next.ProcedureName, track)
		n.SMSText = "Da ghi nhan viec rut ho so " + next.Code + ". Tra cuu:"
	default:
		return ApplicantNotice{}, false
	}
	return n, true
}

// WithElectronicResult points a result-ready notice to where the electronic
// result is downloaded: the submission's own page (mineURL), which only the
// contact the dossier was filed from online may open.
func (n ApplicantNotice) WithElectronicResult(mineURL string) ApplicantNotice {
	n.Body += " Bản điện tử của kết quả tải về tại mục “Hồ sơ của tôi”: " + mineURL
	n.SMSText, n.SMSLink = "Ho so "+n.Code+" da co ket qua. Tai ban dien tu tai Ho so cua toi:", mineURL
	return n
}

// AnnouncedEvent is the event a notice tells of: a leader's approval
// announces the entry it approved (a repeated supplement request lists what
// it asks, a late stop gives its own reason), anything else itself. events
// are the dossier's events before e, cur its projection before e.
func AnnouncedEvent(events []Event, e *Event, cur *Dossier) *Event {
	if e.Type == EventLateApproved && cur.Pending != nil {
		for i := range events {
			if events[i].Seq == cur.Pending.Seq {
				return &events[i]
			}
		}
	}
	return e
}
