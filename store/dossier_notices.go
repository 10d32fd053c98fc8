package store

import (
	"fmt"
	"strings"

	"github.com/motcua/motcua"
)

// dossierNotices tells the applicant what changed between the projection
// cur and next, through event e, that concerns them: the clock paused for
// additions, an apology with a new date, the result ready (saying where to
// download the electronic result when one is attached and the dossier came
// online), the result returned (with the link to rate the service),
// processing stopped, the withdrawal recorded. Changes are read from the
// projections, so a late entry is announced when a leader's approval makes
// it count. Notices go to the contact the submission was filed from, else
// to the e-mail and phone given at the counter.
func (db *DB) dossierNotices(tx *Tx, cur, next *motcua.Dossier, e *motcua.Event) error {
	track := motcua.TrackURL(db.PublicURL, next)
	var subject, body, text string
	link := track
	electronic := false // the result ready carries its electronic result
	switch {
	case next.State == motcua.StateSupplement && cur.State != motcua.StateSupplement:
		subject = "Hồ sơ " + next.Code + " cần bổ sung"
		missing := ""
		if e.Type == motcua.EventSupplementRequested && len(e.Data.Missing) > 0 {
			missing = " Cần bổ sung: " + strings.Join(e.Data.Missing, "; ") + "."
		}
		body = fmt.Sprintf("Hồ sơ %s cần bổ sung giấy tờ; thời gian chờ bổ sung không tính vào thời hạn giải quyết.%s Tra cứu: %s",
			next.ProcedureName, missing, track)
		text = "Can bo sung giay to, tam dung tinh thoi han ho so " + next.Code + ". Chi tiet:"
	case next.Extensions > cur.Extensions:
		subject = "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ " + next.Code
		body = fmt.Sprintf("Hồ sơ %s chưa giải quyết kịp thời hạn. Chúng tôi thành thật xin lỗi; ngày hẹn trả kết quả mới là %s. Tra cứu: %s",
			next.ProcedureName, motcua.FormatDateTime(next.PromisedAt), track)
		text = "Xin loi, hen tra moi " + motcua.FormatDateTime(next.PromisedAt) + " (chua kip han) ho so " + next.Code + ". Tra cuu:"
	case e.Type == motcua.EventDueRecomputed && !next.Due().Equal(cur.Due()):
		subject = "Hồ sơ " + next.Code + " đổi ngày hẹn trả kết quả"
		body = fmt.Sprintf("Do thay đổi lịch làm việc, ngày hẹn trả kết quả hồ sơ %s đổi từ %s sang %s. Tra cứu: %s",
			next.ProcedureName, motcua.FormatDateTime(cur.Due()), motcua.FormatDateTime(next.Due()), track)
		text = "Hen tra ho so " + next.Code + " doi tu " + motcua.FormatDate(cur.Due()) + " sang " + motcua.FormatDateTime(next.Due()) +
			" do lich nghi thay doi. Tra cuu:"
	case next.State == motcua.StateResultReady && cur.State != motcua.StateResultReady:
		subject = "Hồ sơ " + next.Code + " đã có kết quả"
		body = fmt.Sprintf("Hồ sơ %s đã có kết quả từ %s. Tra cứu: %s", next.ProcedureName, motcua.FormatDateTime(next.ResultAt), track)
		text = "Ho so " + next.Code + " da co ket qua. Tra cuu:"
		var err error
		if electronic, err = hasResultFile(tx, next.ID, e.Seq); err != nil {
			return err
		}
	case next.State == motcua.StateReturned && cur.State != motcua.StateReturned:
		subject = "Hồ sơ " + next.Code + " đã trả kết quả"
		body = fmt.Sprintf("Kết quả hồ sơ %s đã được trả. Xin ông/bà dành một phút đánh giá mức độ hài lòng: %s", next.ProcedureName,
			motcua.RateURL(db.PublicURL, next))
		text, link = "Ho so "+next.Code+" da tra ket qua. Danh gia:", motcua.RateURL(db.PublicURL, next)
	case next.State == motcua.StateStopped && cur.State != motcua.StateStopped:
		subject = "Hồ sơ " + next.Code + " dừng giải quyết"
		body = fmt.Sprintf("Hồ sơ %s đã dừng giải quyết. Lý do: %s. Tra cứu: %s", next.ProcedureName, e.Reason, track)
		text = "Dung giai quyet ho so " + next.Code + ". Ly do: " + e.Reason + ". Chi tiet:"
	case next.State == motcua.StateWithdrawn && cur.State != motcua.StateWithdrawn:
		subject = "Hồ sơ " + next.Code + " đã được rút"
		body = fmt.Sprintf("Đã ghi nhận việc rút hồ sơ %s. Tra cứu: %s", next.ProcedureName, track)
		text = "Da ghi nhan viec rut ho so " + next.Code + ". Tra cuu:"
	default:
		return nil
	}
	to, ok, err := submissionContact(tx, next.ID)
	if err != nil {
		return err
	}
	if !ok {
		to = motcua.Contact{Email: next.Applicant.Email}
		if phone, err := motcua.NormalizePhone(next.Applicant.Phone); err == nil {
			to.Phone = phone
		}
	}
	if electronic && ok {
		// Only the submission's contact may open it, on their own page.
		var subID int64
		if err := tx.queryRow(`SELECT id FROM submissions WHERE dossier_id = ?`, next.ID).Scan(&subID); err != nil {
			return err
		}
		mine := db.mineURL(subID)
		body += " Bản điện tử của kết quả tải về tại mục “Hồ sơ của tôi”: " + mine
		text, link = "Ho so "+next.Code+" da co ket qua. Tai ban dien tu tai Ho so cua toi:", mine
	}
	return queueNoticesSMS(tx, to, next.Code, subject, body, text, link, db.now())
}

// announced is the event a notice tells of: a leader's approval announces
// the entry it approved (a repeated supplement request lists what it asks,
// a late stop gives its own reason), anything else itself.
func announced(events []motcua.Event, e *motcua.Event, cur *motcua.Dossier) *motcua.Event {
	if e.Type == motcua.EventLateApproved && cur.Pending != nil {
		for i := range events {
			if events[i].Seq == cur.Pending.Seq {
				return &events[i]
			}
		}
	}
	return e
}
