package store

import (
	"context"
	"regexp"
	"strings"
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

// queueNotices writes a notice to each of the contact's channels: the
// e-mail address, and the phone by SMS. about names what it is about (a
// dossier's code, "submission:N"): retention erases by it. The SMS is the
// subject and body folded into one GSM-7 part, keeping the body's link
// (sms.Compose); queueNoticesSMS gives it a text of its own.
func queueNotices(tx *Tx, to motcua.Contact, about, subject, body string, now time.Time) error {
	return queueNoticesAs(tx, to, about, subject, body, smsOf(subject, body), now, false)
}

// queueNoticesSMS is queueNotices with the SMS's text and link given.
func queueNoticesSMS(tx *Tx, to motcua.Contact, about, subject, body, smsText, smsLink string, now time.Time) error {
	return queueNoticesAs(tx, to, about, subject, body, sms.Compose(smsText, smsLink), now, false)
}

// smsOf is the SMS of a notice written for e-mail: the subject, then the
// body without its first link, cut to fit, then that link.
func smsOf(subject, body string) string {
	link := linkIn.FindString(body)
	if link != "" {
		body = strings.Replace(body, link, "", 1)
	}
	return sms.Compose(subject+". "+body, link)
}

var linkIn = regexp.MustCompile(`https?://\S+`)

// queueNoticesAs writes the notice, its SMS already composed; a sensitive
// notice (a one-time code) has its text blanked once sent.
func queueNoticesAs(tx *Tx, to motcua.Contact, about, subject, body, smsText string, now time.Time, sensitive bool) error {
	if tx.db.Quiet {
		return nil
	}
	for _, n := range []Notice{{Channel: "email", To: to.Email}, {Channel: "sms", To: to.Phone}} {
		if n.To == "" {
			continue
		}
		text := body
		if n.Channel == "sms" {
			text = smsText
		}
		if _, err := tx.exec(`INSERT INTO notifications (channel, recipient, subject, body, created_at, next_at, sensitive, about) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			n.Channel, n.To, subject, text, ms(now), ms(now), map[bool]int{true: 1}[sensitive], about); err != nil {
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
