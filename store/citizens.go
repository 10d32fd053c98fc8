package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/motcua/motcua"
)

// Citizens prove an e-mail address or a phone number with a one-time code
// sent there; the proof opens a session of the portal bound to that
// contact (domain.md §15: no password to forget, nothing else held).
const (
	codeTTL        = 10 * time.Minute // a code expires
	codeAttempts   = 5                // wrong guesses that kill a code
	codesPerHour   = 5                // codes one contact may ask for in an hour
	citizenSession = 2 * time.Hour
)

func codeHash(contact, code string) string {
	h := sha256.Sum256([]byte(contact + "\x00" + code))
	return hex.EncodeToString(h[:])
}

// RequestCode sends a six-digit one-time code to the contact (by e-mail or
// SMS), at most a few an hour.
func (db *DB) RequestCode(ctx context.Context, c motcua.Contact) (err error) {
	defer motcua.Wrap(&err, "DB.RequestCode")
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	now := db.now()
	return db.inTx(ctx, func(tx *Tx) error {
		var recent int
		if err := tx.queryRow(`SELECT COUNT(*) FROM otp_codes WHERE contact = ? AND created_at > ?`,
			c.String(), ms(now.Add(-time.Hour))).Scan(&recent); err != nil {
			return err
		}
		if recent >= codesPerHour {
			return motcua.Errorf(motcua.ETOOMANY, "Đã gửi %d mã trong một giờ qua tới %s. Vui lòng thử lại sau.", recent, c)
		}
		if _, err := tx.exec(`INSERT INTO otp_codes (contact, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			c.String(), codeHash(c.String(), code), ms(now), ms(now.Add(codeTTL))); err != nil {
			return err
		}
		return queueNoticeAs(tx, c, "", motcua.CodeNotice(code, codeTTL), now, true)
	})
}

// errBadCode is the one answer to a wrong, used or expired code: which it
// was is nobody's business but the log's.
var errBadCode = motcua.Errorf(motcua.EINVALID, "Mã xác thực không đúng hoặc đã hết hạn. Hãy kiểm tra lại, hoặc yêu cầu mã mới.")

// VerifyCode checks a one-time code and, when right, uses it up and opens a
// citizen session; it returns the session token for the cookie.
func (db *DB) VerifyCode(ctx context.Context, c motcua.Contact, code string) (token string, err error) {
	defer motcua.Wrap(&err, "DB.VerifyCode")
	now := db.now()
	raw := make([]byte, 32)
	rand.Read(raw)
	token = base64.RawURLEncoding.EncodeToString(raw)
	ok := false
	err = db.inTx(ctx, func(tx *Tx) error {
		var id int64
		var hash string
		err := tx.queryRow(`SELECT id, code_hash FROM otp_codes WHERE contact = ? AND used_at = 0 AND expires_at > ?
			ORDER BY created_at DESC LIMIT 1`, c.String(), ms(now)).Scan(&id, &hash)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		// Count the attempt first, atomically: it locks the code's row, so
		// guesses sent in parallel are counted one after another.
		var attempts int
		err = tx.queryRow(`UPDATE otp_codes SET attempts = attempts + 1 WHERE id = ? AND used_at = 0 AND attempts < ? RETURNING attempts`,
			id, codeAttempts).Scan(&attempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // used or killed meanwhile
		} else if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(hash), []byte(codeHash(c.String(), code))) != 1 {
			if attempts >= codeAttempts { // too many guesses: the code is dead
				_, err := tx.exec(`UPDATE otp_codes SET used_at = ? WHERE id = ?`, ms(now), id)
				return err
			}
			return nil
		}
		res, err := tx.exec(`UPDATE otp_codes SET used_at = ? WHERE id = ? AND used_at = 0`, ms(now), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return err
		}
		ok = true
		return insertCitizenSession(tx, token, c, now)
	})
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errBadCode
	}
	return token, nil
}

func insertCitizenSession(tx *Tx, token string, c motcua.Contact, now time.Time) error {
	_, err := tx.exec(`INSERT INTO citizen_sessions (token_hash, contact, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash(token), c.String(), ms(now), ms(now.Add(citizenSession)))
	return err
}

// OpenCitizenSession opens a portal session for a contact proved another
// way (an identity provider's verified e-mail or phone); it returns the
// session token for the cookie.
func (db *DB) OpenCitizenSession(ctx context.Context, c motcua.Contact) (token string, err error) {
	defer motcua.Wrap(&err, "DB.OpenCitizenSession")
	raw := make([]byte, 32)
	rand.Read(raw)
	token = base64.RawURLEncoding.EncodeToString(raw)
	return token, db.inTx(ctx, func(tx *Tx) error { return insertCitizenSession(tx, token, c, db.now()) })
}

// CitizenSession returns the contact a portal session proved.
func (db *DB) CitizenSession(ctx context.Context, token string) (c motcua.Contact, err error) {
	var contact string
	var expires int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT contact, expires_at FROM citizen_sessions WHERE token_hash = ?`, tokenHash(token)).Scan(&contact, &expires)
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && expires <= ms(db.now())) {
		return c, motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên làm việc đã hết hạn. Hãy xác thực lại bằng mã gửi tới thư điện tử hoặc điện thoại.")
	} else if err != nil {
		return c, fmt.Errorf("DB.CitizenSession: %w", err)
	}
	identify(ctx, "citizen:"+motcua.Mask(contact))
	return motcua.ParseContact(contact)
}

// EndCitizenSession logs a citizen out.
func (db *DB) EndCitizenSession(ctx context.Context, token string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM citizen_sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
}
