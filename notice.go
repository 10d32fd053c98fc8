package motcua

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// NoticeKind names what a notice tells the applicant: first the changes of
// a dossier.
type NoticeKind string

const (
	NoticeSupplement  NoticeKind = "supplement"   // the clock paused for additions
	NoticeApology     NoticeKind = "apology"      // late: an apology with a new date
	NoticeDueMoved    NoticeKind = "due_moved"    // a calendar change moved the due date
	NoticeResultReady NoticeKind = "result_ready" // the result can be collected
	NoticeReturned    NoticeKind = "returned"     // the result was handed over
	NoticeStopped     NoticeKind = "stopped"      // processing stopped
	NoticeWithdrawn   NoticeKind = "withdrawn"    // the withdrawal recorded
	NoticePaymentDue  NoticeKind = "payment_due"  // accepted, processing waits for the fees due at intake
)

// ApplicantNotice is what to tell an applicant (of a dossier's change, a
// submission's decision, a one-time code, a rating's answer) before it has
// a recipient: the e-mail's subject and body, and the SMS's own short text
// (folded to one GSM-7 part when queued) with the link it ends with.
type ApplicantNotice struct {
	Kind    NoticeKind
	Code    string // the dossier's code, when the notice is about a dossier
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
	case next.State == StatePayment && cur.State != StatePayment:
		n = paymentDueNotice(next, track)
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
		if next.Fees != nil && next.Fees.DueAtResult > 0 {
			n = n.withPaymentDue(next.Fees.DueAtResult, FeePayAtResult, track)
		}
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

// paymentDueNotice tells the applicant of a dossier accepted with fees due
// at intake that processing waits for them, how much, and where to pay:
// the tracking page's payment form, or the counter.
func paymentDueNotice(d *Dossier, track string) ApplicantNotice {
	due := d.Fees.DueAtIntake
	return ApplicantNotice{Kind: NoticePaymentDue, Code: d.Code, SMSLink: track,
		Subject: "Hồ sơ " + d.Code + " đã được tiếp nhận, chờ nộp phí, lệ phí",
		Body: fmt.Sprintf("Hồ sơ %s đã được tiếp nhận với mã %s và đang chờ nộp phí, lệ phí: %s. Hồ sơ được giải quyết sau khi nộp đủ; "+
			"thời gian chờ nộp không tính vào thời hạn giải quyết. Thanh toán trực tuyến tại trang tra cứu: %s (hoặc nộp tại Bộ phận Một cửa).",
			d.ProcedureName, d.Code, FormatDong(due), track),
		SMSText: "Ho so " + d.Code + " cho nop phi " + FormatInt(due) + "d; giai quyet sau khi nop du. Nop truc tuyen:"}
}

// WithElectronicResult points a result-ready notice to where the electronic
// result is downloaded: the submission's own page (mineURL), which only the
// contact the dossier was filed from online may open.
func (n ApplicantNotice) WithElectronicResult(mineURL string) ApplicantNotice {
	n.Body += " Bản điện tử của kết quả tải về tại mục “Hồ sơ của tôi”: " + mineURL
	n.SMSText, n.SMSLink = "Ho so "+n.Code+" da co ket qua. Tai ban dien tu tai Ho so cua toi:", mineURL
	return n
}

// withPaymentDue adds what the dossier owes at stage and where it is paid
// online: the tracking page (link), whose payment form the receipt's
// secret in the link opens. The amount is the bill's; whether a gateway
// is offered is the page's to say (it also takes payment at the counter).
func (n ApplicantNotice) withPaymentDue(amount int64, stage FeePayAt, link string) ApplicantNotice {
	when := "khi tiếp nhận"
	if stage == FeePayAtResult {
		when = "khi nhận kết quả"
	}
	n.Body += fmt.Sprintf(" Phí, lệ phí phải nộp %s: %s; thanh toán trực tuyến tại trang tra cứu: %s (hoặc nộp tại Bộ phận Một cửa).",
		when, FormatDong(amount), link)
	n.SMSText = "Phi " + FormatInt(amount) + "d, nop truc tuyen tai link. " + n.SMSText
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

// The notices of an online submission, of a one-time code and of a
// leader's answer to a rating.
const (
	NoticeSubmissionReceived NoticeKind = "submission_received" // filed, waiting for the one-stop
	NoticeAdditionsAsked     NoticeKind = "additions_asked"     // the one-stop asks, once, for what is missing
	NoticeSubmissionAccepted NoticeKind = "submission_accepted" // a dossier now: the clock runs
	NoticeSubmissionRefused  NoticeKind = "submission_refused"  // refused with reasons
	NoticeCode               NoticeKind = "code"                // a one-time code proving a contact
	NoticeReviewAnswer       NoticeKind = "review_answer"       // a leader answers an unsatisfied rating
)

// SubmissionNotice is what the applicant is told when a submission comes
// to its state: received as filed (pending), asked for additions
// (incomplete), accepted as dossier d, refused. The return to pending
// with the additions tells nothing: the citizen sent them. d is the
// dossier once accepted, else nil; publicURL is the base of the links.
// Code is set only once there is a dossier to name.
func SubmissionNotice(s *Submission, d *Dossier, publicURL string) ApplicantNotice {
	mine := MineURL(publicURL, s.ID)
	switch s.State {
	case SubmissionPending:
		return ApplicantNotice{Kind: NoticeSubmissionReceived, Subject: "Đã nhận hồ sơ nộp trực tuyến",
			Body: fmt.Sprintf("Hồ sơ %s (số nộp %d) đã được gửi tới Bộ phận Một cửa và đang chờ tiếp nhận. Thời hạn giải quyết chỉ bắt đầu tính khi hồ sơ được tiếp nhận.",
				s.ProcedureName, s.ID),
			SMSText: fmt.Sprintf("Da nhan ho so nop truc tuyen so %d, dang cho Bo phan Mot cua tiep nhan. Theo doi:", s.ID), SMSLink: mine}
	case SubmissionIncomplete:
		return ApplicantNotice{Kind: NoticeAdditionsAsked, Subject: "Hồ sơ nộp trực tuyến cần bổ sung",
			Body: fmt.Sprintf("Hồ sơ %s (số nộp %d) cần bổ sung: %s. %s Hãy đăng nhập Cổng dịch vụ công để tải lên giấy tờ bổ sung.",
				s.ProcedureName, s.ID, strings.Join(s.Missing, "; "), s.Reason),
			SMSText: fmt.Sprintf("Ho so nop truc tuyen so %d can bo sung giay to. Xem va tai len tai:", s.ID), SMSLink: mine}
	case SubmissionAccepted:
		track := TrackURL(publicURL, d)
		if d.State == StatePayment { // one notice: accepted, and waiting for the fees
			return paymentDueNotice(d, track)
		}
		n := ApplicantNotice{Kind: NoticeSubmissionAccepted, Code: d.Code, Subject: "Hồ sơ " + d.Code + " đã được tiếp nhận",
			Body: fmt.Sprintf("Hồ sơ %s đã được tiếp nhận với mã %s. Ngày hẹn trả kết quả: %s. Tra cứu tiến độ: %s",
				s.ProcedureName, d.Code, FormatDateTime(d.DueAt), track),
			SMSText: fmt.Sprintf("Da tiep nhan, hen tra ket qua %s, ho so %s. Tra cuu:", FormatDateTime(d.DueAt), d.Code), SMSLink: track}
		if d.Fees != nil && d.Fees.DueAtIntake > 0 {
			n = n.withPaymentDue(d.Fees.DueAtIntake, FeePayAtIntake, track)
		}
		return n
	case SubmissionRefused:
		return ApplicantNotice{Kind: NoticeSubmissionRefused, Subject: "Hồ sơ nộp trực tuyến bị từ chối tiếp nhận",
			Body:    fmt.Sprintf("Hồ sơ %s (số nộp %d) không được tiếp nhận. Lý do: %s", s.ProcedureName, s.ID, s.Reason),
			SMSText: fmt.Sprintf("Ho so nop truc tuyen so %d khong duoc tiep nhan. Ly do: %s. Chi tiet:", s.ID, s.Reason), SMSLink: mine}
	}
	panic(fmt.Sprintf("SubmissionNotice: a submission in state %q tells nothing", s.State))
}

// CodeNotice sends a one-time code valid for ttl. The code is in the
// subject too, so that a phone's preview shows it; the SMS has no link.
func CodeNotice(code string, ttl time.Duration) ApplicantNotice {
	minutes := int(ttl.Minutes())
	return ApplicantNotice{Kind: NoticeCode, Subject: "Mã xác thực Một cửa điện tử: " + code,
		Body:    fmt.Sprintf("Mã xác thực của bạn là %s, dùng một lần, có hiệu lực %d phút. Không đưa mã này cho bất kỳ ai.", code, minutes),
		SMSText: fmt.Sprintf("Ma xac thuc Mot cua dien tu: %s (dung mot lan, hieu luc %d phut). Khong dua ma nay cho bat ky ai.", code, minutes)}
}

// ReviewAnswerNotice carries a leader's answer to the unsatisfied rating of
// dossier code, in the leader's own words. Its SMS is the subject and the
// answer, and ends with the first link the answer holds, if any.
func ReviewAnswerNotice(code, answer string) ApplicantNotice {
	n := ApplicantNotice{Kind: NoticeReviewAnswer, Code: code, Subject: "Trả lời đánh giá hồ sơ " + code, Body: answer}
	n.SMSText = n.Subject + ". " + answer
	if n.SMSLink = linkIn.FindString(answer); n.SMSLink != "" {
		n.SMSText = n.Subject + ". " + strings.Replace(answer, n.SMSLink, "", 1)
	}
	return n
}

var linkIn = regexp.MustCompile(`https?://\S+`)
