package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/sms"
)

// Notices to citizens (one-time codes, a submission received, accepted,
// incomplete or refused, a result returned, a review's answer) are written
// in the transaction of what they announce and sent afterwards by
// notify.Sender: a crash between the two delays a notice, never loses it.

// Notice is one message to one recipient.
type Notice struct {
	ID        int64
	Channel   string // "email" or "sms"
	To        string
	Subject   string // e-mail only
	Body      string
	Attempts  int
	Sensitive bool // a one-time code: useless once expired, blanked once done
	CreatedAt time.Time
}

// NoticeGiveUp is how many failed attempts end a notice's retries.
const NoticeGiveUp = 8

// queueNotice writes n to each of the contact's channels: the e-mail
// address, and the phone by SMS (n's SMS text and link folded into one
// GSM-7 part, sms.Compose). about names what it is about (a dossier's
// code, "submission:N"): retention erases by it. What a notice says is
// decided outside store (motcua.DossierNotice, SubmissionNotice…).
func queueNotice(tx *Tx, to motcua.Contact, about string, n motcua.ApplicantNotice, now time.Time) error {
	return queueNoticeAs(tx, to, about, n, now, false)
}

// queueNoticeAs is queueNotice; a sensitive notice (a one-time code) has
// its text blanked once sent.
func queueNoticeAs(tx *Tx, to motcua.Contact, about string, n motcua.ApplicantNotice, now time.Time, sensitive bool) error {
	if tx.db.Quiet {
		return nil
	}
	smsText := sms.Compose(n.SMSText, n.SMSLink)
	for _, m := range []Notice{{Channel: "email", To: to.Email}, {Channel: "sms", To: to.Phone}} {
		if m.To == "" {
			continue
		}
		text := n.Body
		if m.Channel == "sms" {
			text = smsText
		}
		if _, err := tx.exec(`INSERT INTO notifications (channel, recipient, subject, body, created_at, next_at, sensitive, about) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			m.Channel, m.To, n.Subject, text, ms(now), ms(now), map[bool]int{true: 1}[sensitive], about); err != nil {
			return err
		}
	}
	return nil
}

// ClaimNotices takes up to limit notices due for sending and leases them
// for lease: another sender (another instance) skips them meanwhile.
func (db *DB) ClaimNotices(ctx context.Context, limit int, lease time.Duration) (out []Notice, err error) {
	defer motcua.Wrap(&err, "DB.ClaimNotices")
	now := db.now()
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, channel, recipient, subject, body, attempts, sensitive, created_at FROM notifications
			WHERE sent_at = 0 AND next_at <= ? ORDER BY next_at LIMIT ?`+lock, ms(now), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n Notice
			var sensitive int
			var created int64
			if err := rows.Scan(&n.ID, &n.Channel, &n.To, &n.Subject, &n.Body, &n.Attempts, &sensitive, &created); err != nil {
				return err
			}
			n.Sensitive, n.CreatedAt = sensitive != 0, fromMS(created)
			out = append(out, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		for _, n := range out {
			if _, err := tx.exec(`UPDATE notifications SET next_at = ? WHERE id = ?`, ms(now.Add(lease)), n.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// NoticeSent records a delivery.
func (db *DB) NoticeSent(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE notifications SET sent_at = ?, last_error = '',
			subject = CASE WHEN sensitive <> 0 THEN 'Mã xác thực (đã gửi)' ELSE subject END,
			body = CASE WHEN sensitive <> 0 THEN '(đã gửi)' ELSE body END WHERE id = ?`, ms(db.now()), id)
		return err
	})
}

// NoticeFailed records a failed attempt and schedules the next one, a
// minute later doubled each time; after NoticeGiveUp attempts (about four
// hours) it stops (sent_at −1) and the error stays for the administrator.
// A one-time code stops as soon as it has expired, and is blanked.
func (db *DB) NoticeFailed(ctx context.Context, n Notice, cause error) error {
	attempts := n.Attempts + 1
	now := db.now()
	next := now.Add(time.Minute << min(attempts-1, 16))
	sent := int64(0)
	if attempts >= NoticeGiveUp || (n.Sensitive && now.Sub(n.CreatedAt) > codeTTL) {
		sent = -1
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE notifications SET attempts = ?, next_at = ?, sent_at = ?, last_error = ?,
			subject = CASE WHEN sensitive <> 0 AND ? <> 0 THEN 'Mã xác thực (không gửi được)' ELSE subject END,
			body = CASE WHEN sensitive <> 0 AND ? <> 0 THEN '(không gửi được)' ELSE body END WHERE id = ?`,
			attempts, ms(next), sent, cause.Error(), sent, sent, n.ID)
		return err
	})
}
