package store

import (
	"fmt"

	"github.com/motcua/motcua"
)

// dossierNotices tells the applicant what changed between the projection
// cur and next that concerns them: the result ready, the result returned
// (with the link to rate the service) and an apology with a new date. They
// go to the contact the submission was filed from, else to the e-mail and
// phone given at the counter.
func (db *DB) dossierNotices(tx *Tx, cur, next *motcua.Dossier) error {
	var subject, body string
	switch {
	case next.State == motcua.StateResultReady && cur.State != motcua.StateResultReady:
		subject = "Hồ sơ " + next.Code + " đã có kết quả"
		body = fmt.Sprintf("Hồ sơ %s đã có kết quả từ %s. Tra cứu: %s", next.ProcedureName, motcua.FormatDateTime(next.ResultAt),
			motcua.TrackURL(db.PublicURL, next))
	case next.State == motcua.StateReturned && cur.State != motcua.StateReturned:
		subject = "Hồ sơ " + next.Code + " đã trả kết quả"
		body = fmt.Sprintf("Kết quả hồ sơ %s đã được trả. Xin ông/bà dành một phút đánh giá mức độ hài lòng: %s", next.ProcedureName,
			motcua.RateURL(db.PublicURL, next))
	case !next.PromisedAt.IsZero() && !next.PromisedAt.Equal(cur.PromisedAt) && next.State == motcua.StateProcessing:
		subject = "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ " + next.Code
		body = fmt.Sprintf("Hồ sơ %s chưa giải quyết kịp thời hạn. Chúng tôi thành thật xin lỗi; ngày hẹn trả kết quả mới là %s. Tra cứu: %s",
			next.ProcedureName, motcua.FormatDateTime(next.PromisedAt), motcua.TrackURL(db.PublicURL, next))
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
	return queueNotices(tx, to, subject, body, db.now())
}
