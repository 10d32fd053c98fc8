package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/password"
)

// CheckPassword applies the password policy: at least ten characters, not
// the user name, and as hard to guess as ten random characters by the
// estimator (password.Strong): no common password or root (matkhau,
// motcua, admin, 123456, qwerty, …) with whatever suffix, no keyboard walk.
func CheckPassword(username, pw string) error {
	switch {
	case len([]rune(pw)) < 10:
		return motcua.FieldError("password", "Mật khẩu phải có ít nhất 10 ký tự.")
	case strings.Contains(strings.ToLower(pw), strings.ToLower(username)) && username != "":
		return motcua.FieldError("password", "Mật khẩu không được chứa tên đăng nhập.")
	case !password.Strong(pw, usernameParts(username)...):
		return motcua.FieldError("password", "Mật khẩu quá dễ đoán (mật khẩu phổ biến, từ quen thuộc thêm số hoặc ký hiệu, phím liền nhau); hãy dùng một câu dài hoặc nhiều từ ghép lại.")
	}
	return nil
}

// usernameParts are the user name and its pieces ("motcua.a" → motcua, a):
// words a guesser who knows the account tries first.
func usernameParts(username string) []string {
	parts := strings.FieldsFunc(username, func(r rune) bool { return r == '.' || r == '_' || r == '-' })
	return append(parts, username)
}

// SetPassword changes a user's password under the policy and ends all their
// sessions: whoever knew the old one is out.
func (db *DB) SetPassword(ctx context.Context, username, pw string) (err error) {
	defer motcua.Wrap(&err, "DB.SetPassword(%q)", username)
	if err := CheckPassword(username, pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		id, err := userID(tx, username)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE users SET password_hash = ? WHERE id = ?`, hash, id); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "account.password_set", Object: "user:" + itoa(id)})
		_, err = tx.exec(`DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// RevokeSessions ends every session of the user, on every device.
func (db *DB) RevokeSessions(ctx context.Context, username string) (n int64, err error) {
	defer motcua.Wrap(&err, "DB.RevokeSessions(%q)", username)
	err = db.inTx(ctx, func(tx *Tx) error {
		id, err := userID(tx, username)
		if err != nil {
			return err
		}
		res, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, id)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		tx.audit(motcua.AuditEntry{Action: "account.sessions_revoked", Object: "user:" + itoa(id), Detail: itoa(n)})
		return nil
	})
	return n, err
}

// ResetSecondFactor removes a user's authenticator and recovery codes (a
// lost phone, confirmed in person); the next login enrols again.
func (db *DB) ResetSecondFactor(ctx context.Context, username string) (err error) {
	defer motcua.Wrap(&err, "DB.ResetSecondFactor(%q)", username)
	return db.inTx(ctx, func(tx *Tx) error {
		id, err := userID(tx, username)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE users SET totp_secret = '', totp_pending = '', totp_step = 0 WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM recovery_codes WHERE user_id = ?`, id); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "account.second_factor_reset", Object: "user:" + itoa(id)})
		_, err = tx.exec(`DELETE FROM sessions WHERE user_id = ?`, id)
		return err
	})
}

// SessionInfo is one open session, for the account page.
type SessionInfo struct {
	CreatedAt, ExpiresAt time.Time
	Source               string
	Current              bool
}

// Sessions lists the open sessions of the token's user.
func (db *DB) Sessions(ctx context.Context, token string) (list []SessionInfo, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT created_at, expires_at, source, token_hash FROM sessions WHERE user_id =
			(SELECT user_id FROM sessions WHERE token_hash = ?) AND expires_at > ? ORDER BY created_at DESC`, tokenHash(token), ms(db.Now()))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s SessionInfo
			var created, expires int64
			var hash string
			if err := rows.Scan(&created, &expires, &s.Source, &hash); err != nil {
				return err
			}
			s.CreatedAt, s.ExpiresAt, s.Current = fromMS(created), fromMS(expires), hash == tokenHash(token)
			list = append(list, s)
		}
		return rows.Err()
	})
	return list, err
}

func userID(tx *Tx, username string) (id int64, err error) {
	if err := tx.queryRow(`SELECT id FROM users WHERE username = ?`, motcua.NFC(username)).Scan(&id); err != nil {
		return 0, motcua.Errorf(motcua.ENOTFOUND, "Không có tài khoản %q.", username)
	}
	return id, nil
}
