package store

import (
	"context"
	"crypto/rand"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/totp"
)

// recoveryCodes is how many one-use codes an enrolment hands out, for the
// day the phone is lost.
const recoveryCodes = 10

// Second-factor guesses per account: ten wrong codes, whatever the
// sessions and addresses they came through, lock the account's second
// factor for a quarter of an hour (a new password login does not reset
// them): a million codes cannot be tried with the password alone.
const (
	maxFactorFailures = 10
	factorLock        = 15 * time.Minute
)

// SecondFactor completes a session waiting for a code: one from the
// authenticator app (each step taken once) or an unused recovery code.
// The complete session has a new token (returned); the one the password
// opened no longer works. Five wrong codes end the session; ten on the
// account lock its factor.
func (db *DB) SecondFactor(ctx context.Context, token, code string) (fresh string, err error) {
	defer motcua.Wrap(&err, "DB.SecondFactor")
	p, err := db.Pending(ctx, token)
	if err != nil || p.Stage != StageCode {
		return "", motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	}
	if until, err := db.countFactorAttempt(ctx, p.UserID); err != nil {
		return "", err
	} else if !until.IsZero() {
		return "", motcua.Errorf(motcua.ETOOMANY, "Nhập sai mã xác thực quá nhiều lần; hãy thử lại sau %s.", until.In(motcua.VN).Format("15:04"))
	}
	wrong := motcua.FieldError("code", "Mã xác thực không đúng hoặc đã dùng.")
	err = db.inTx(ctx, func(tx *Tx) error {
		var secret string
		var last int64
		if err := tx.queryRow(`SELECT totp_secret, totp_step FROM users WHERE id = ?`, p.UserID).Scan(&secret, &last); err != nil {
			return err
		}
		if step, ok := totp.Verify(secret, code, db.Now(), last); ok {
			// Taken only if no other session took this step meanwhile.
			res, err := tx.exec(`UPDATE users SET totp_step = ? WHERE id = ? AND totp_step < ?`, step, p.UserID, step)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return wrong
			}
		} else if res, err := tx.exec(`UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at = 0`,
			ms(db.Now()), p.UserID, tokenHash(normalRecovery(code))); err != nil {
			return err
		} else if n, _ := res.RowsAffected(); n == 0 {
			return wrong
		}
		tx.audit(motcua.AuditEntry{Action: "login.second_factor", Object: "user:" + itoa(p.UserID)})
		if _, err := tx.exec(`UPDATE users SET factor_failures = 0 WHERE id = ?`, p.UserID); err != nil {
			return err
		}
		var err error
		fresh, err = tx.completeSession(token)
		return err
	})
	if motcua.ErrorCode(err) == motcua.EINVALID {
		db.codeFailed(ctx, token)
	}
	if err != nil {
		return "", err
	}
	return fresh, nil
}

// completeSession ends the session's wait for a factor under a new token:
// whoever saw the token the password alone opened (a shared computer, a
// fixed cookie) holds nothing once the second factor is through.
func (t *Tx) completeSession(token string) (string, error) {
	fresh := newToken()
	res, err := t.exec(`UPDATE sessions SET token_hash = ?, stage = '', totp_pending = '', expires_at = ? WHERE token_hash = ?`,
		tokenHash(fresh), ms(t.db.Now().Add(SessionTTL)), tokenHash(token))
	if err != nil {
		return "", err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return "", motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	}
	return fresh, nil
}

// countFactorAttempt counts a code attempt on the account before it is
// checked (attempts in parallel see each other) and returns until when the
// factor is locked; zero: go on. A correct code resets the count.
func (db *DB) countFactorAttempt(ctx context.Context, userID int64) (until time.Time, err error) {
	now := db.Now()
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.bookkeeping()
		var failures int
		var locked int64
		if err := tx.queryRow(`UPDATE users SET factor_failures = CASE WHEN factor_locked_until <> 0 AND factor_locked_until < ? THEN 1 ELSE factor_failures + 1 END,
			factor_locked_until = CASE WHEN factor_locked_until < ? THEN 0 ELSE factor_locked_until END
			WHERE id = ? RETURNING factor_failures, factor_locked_until`, ms(now), ms(now), userID).Scan(&failures, &locked); err != nil {
			return err
		}
		switch {
		case locked > ms(now):
			until = fromMS(locked)
		case failures > maxFactorFailures:
			until = now.Add(factorLock)
			tx.audit(motcua.AuditEntry{Action: "login.second_factor_locked", Object: "user:" + itoa(userID)})
			_, err := tx.exec(`UPDATE users SET factor_locked_until = ? WHERE id = ?`, ms(until), userID)
			return err
		}
		return nil
	})
	return until, err
}

// codeFailed counts a wrong code against the session and ends it at the
// limit: the password alone must not allow a million guesses.
func (db *DB) codeFailed(ctx context.Context, token string) {
	db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE sessions SET factor_failures = factor_failures + 1 WHERE token_hash = ?`, tokenHash(token)); err != nil {
			return err
		}
		_, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ? AND factor_failures >= ?`, tokenHash(token), maxCodeFailures)
		return err
	})
}

// Enrolment is a new authenticator secret to show as a QR code.
type Enrolment struct {
	Secret, URI string
}

// StartEnrolment gives the session's user a new secret, kept pending until
// a code from it is confirmed. A complete session may enrol (or replace
// its app); so may one waiting at StageEnroll.
func (db *DB) StartEnrolment(ctx context.Context, token string) (e Enrolment, err error) {
	defer motcua.Wrap(&err, "DB.StartEnrolment")
	p, err := db.enrollable(ctx, token)
	if err != nil {
		return e, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		// A page shown again keeps the secret the app may already hold. It
		// is this session's: another session (someone else who knows the
		// password) never sees it.
		if err := tx.queryRow(`SELECT totp_pending FROM sessions WHERE token_hash = ?`, tokenHash(token)).Scan(&e.Secret); err != nil || e.Secret != "" {
			return err
		}
		e.Secret = totp.NewSecret()
		_, err := tx.exec(`UPDATE sessions SET totp_pending = ? WHERE token_hash = ?`, e.Secret, tokenHash(token))
		return err
	})
	e.URI = totp.URI(e.Secret, "motcua", p.Username)
	return e, err
}

// ConfirmEnrolment checks a code from the pending secret, makes it the
// user's second factor, completes the session under a new token (fresh)
// and returns fresh recovery codes, shown once and stored hashed. The
// user's other sessions end.
func (db *DB) ConfirmEnrolment(ctx context.Context, token, code, password string) (recovery []string, fresh string, err error) {
	defer motcua.Wrap(&err, "DB.ConfirmEnrolment")
	p, err := db.enrollable(ctx, token)
	if err != nil {
		return nil, "", err
	}
	if p.Stage == StageDone {
		// From a session already open the password is asked again: a
		// session left open on a desk must not bind a stranger's phone.
		// The attempt counts like a login's, so it cannot be guessed.
		source := ""
		if o := motcua.OriginOf(ctx); o != nil {
			source = o.Source
		}
		until, attempt, err := db.countAttempt(ctx, p.Username, source, db.Now())
		if err != nil {
			return nil, "", err
		} else if !until.IsZero() {
			return nil, "", motcua.Errorf(motcua.ETOOMANY, "Nhập sai mật khẩu quá nhiều lần; hãy thử lại sau %s.", until.In(motcua.VN).Format("15:04"))
		}
		var hash string
		if err := db.readTx(ctx, func(tx *Tx) error {
			return tx.queryRow(`SELECT password_hash FROM users WHERE id = ?`, p.UserID).Scan(&hash)
		}); err != nil {
			return nil, "", err
		}
		if !verify(ctx, password, hash) {
			db.loginFailed(ctx, p.Username, source, attempt, "enrolment")
			return nil, "", motcua.FieldError("password", "Mật khẩu không đúng.")
		}
		db.inTx(ctx, func(tx *Tx) error {
			tx.bookkeeping()
			_, err := tx.exec(`DELETE FROM login_failures WHERE username = ? AND source = ?`, p.Username, lockKey(source))
			return err
		})
	}
	for range recoveryCodes {
		recovery = append(recovery, newRecoveryCode())
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var pending string
		if err := tx.queryRow(`SELECT totp_pending FROM sessions WHERE token_hash = ?`, tokenHash(token)).Scan(&pending); err != nil {
			return err
		}
		step, ok := totp.Verify(pending, code, db.Now(), 0)
		if pending == "" || !ok {
			return motcua.FieldError("code", "Mã xác thực không đúng; hãy nhập mã đang hiện trên ứng dụng.")
		}
		// Only where no app is set: two sessions confirming at once must
		// not let the second replace the first's.
		res, err := tx.exec(`UPDATE users SET totp_secret = ?, totp_pending = '', totp_step = ?, factor_failures = 0 WHERE id = ? AND totp_secret = ''`,
			pending, step, p.UserID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return motcua.Errorf(motcua.EFORBIDDEN, "Tài khoản đã có ứng dụng xác thực.")
		}
		if _, err := tx.exec(`DELETE FROM recovery_codes WHERE user_id = ?`, p.UserID); err != nil {
			return err
		}
		for _, c := range recovery {
			if _, err := tx.exec(`INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`, p.UserID, tokenHash(c)); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?`, p.UserID, tokenHash(token)); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "account.second_factor_enrolled", Object: "user:" + itoa(p.UserID)})
		fresh, err = tx.completeSession(token)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return recovery, fresh, nil
}

// newRecoveryCode is ten characters a person can copy: xxxxx-xxxxx.
func newRecoveryCode() string {
	c := strings.ToLower(rand.Text()[:10])
	return c[:5] + "-" + c[5:]
}

func normalRecovery(code string) string {
	code = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), " ", ""))
	if len(code) == 10 {
		code = code[:5] + "-" + code[5:]
	}
	return code
}

// enrollable is the session's user if they may set up an app now: at the
// enrolment stage, or logged in without one. An app is replaced only after
// an administrator's reset: a stolen session must not swap the factor.
func (db *DB) enrollable(ctx context.Context, token string) (p PendingLogin, err error) {
	if p, err = db.Pending(ctx, token); err != nil || p.Stage == StageCode {
		return p, motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	}
	var secret string
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT totp_secret FROM users WHERE id = ?`, p.UserID).Scan(&secret)
	})
	if err == nil && secret != "" {
		err = motcua.Errorf(motcua.EFORBIDDEN, "Tài khoản đã có ứng dụng xác thực; muốn thay, hãy nhờ quản trị đặt lại (motcua users reset-2fa).")
	}
	return p, err
}
