package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/ratelimit"
)

// Login stages: a session opened by the password alone waits for the
// second factor, or for its enrolment where the role requires one.
const (
	StageDone   = ""
	StageCode   = "totp"   // a code from the authenticator app or a recovery code
	StageEnroll = "enroll" // administrators and leaders must set up the app first
)

// Login throttling: failures are counted per user name and client address,
// so a stranger guessing cannot lock an officer out from the officer's own
// desk; a lock lasts a quarter of an hour, never for good.
const (
	maxLoginFailures = 5
	loginWindow      = 15 * time.Minute
	pendingTTL       = 10 * time.Minute
	maxCodeFailures  = 5
)

// LoginResult is an opened session and what it still waits for.
type LoginResult struct {
	Token string
	Stage string
}

// Login checks a username and password and opens a session. A wrong
// username and a wrong password get the same answer; after five failures
// from one address the name is locked there for fifteen minutes.
func (db *DB) Login(ctx context.Context, username, pw string) (res LoginResult, err error) {
	defer motcua.Wrap(&err, "DB.Login")
	username = motcua.NFC(username)
	source := ""
	if o := motcua.OriginOf(ctx); o != nil {
		source = o.Source
	}
	now := db.Now()
	if username == "" {
		return res, motcua.FieldError("username", "Hãy nhập tên đăng nhập.")
	}
	// The attempt is counted before the slow password check, in one
	// statement: guesses sent in parallel see each other.
	until, attempt, err := db.countAttempt(ctx, username, source, now)
	if err != nil {
		return res, err
	} else if !until.IsZero() {
		return res, motcua.Errorf(motcua.ETOOMANY, "Đăng nhập sai quá nhiều lần từ máy này; hãy thử lại sau %s.", until.In(motcua.VN).Format("15:04"))
	}
	var u struct {
		id       int64
		hash     string
		disabled int
		totp     string
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT id, password_hash, disabled, totp_secret FROM users WHERE username = ?`, username).
			Scan(&u.id, &u.hash, &u.disabled, &u.totp)
	})
	known := err == nil
	if !known {
		u.hash = dummyHash // same work as a real check: no timing oracle on usernames
	}
	if ok := verify(ctx, pw, u.hash); !ok || !known || u.disabled != 0 {
		db.loginFailed(ctx, username, source, attempt, "")
		return res, motcua.Errorf(motcua.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")
	}
	identify(ctx, "user:"+strconv.FormatInt(u.id, 10)+" "+username)
	res.Stage = StageDone
	if u.totp != "" {
		res.Stage = StageCode
	} else if a, err := db.Actor(ctx, u.id); err != nil {
		return res, err
	} else if a.MustUseSecondFactor() {
		res.Stage = StageEnroll
	}
	res.Token, err = db.openSession(ctx, u.id, res.Stage, username, source)
	return res, err
}

// openSession stores a new session; one waiting for a factor lives ten
// minutes, a complete one a working day.
func (db *DB) openSession(ctx context.Context, userID int64, stage, username, source string) (string, error) {
	token := newToken()
	now := db.Now()
	ttl := SessionTTL
	if stage != StageDone {
		ttl = pendingTTL
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM sessions WHERE expires_at < ?`, ms(now)); err != nil { // expired ones are dead weight
			return err
		}
		if _, err := tx.exec(`DELETE FROM login_failures WHERE username = ? AND source = ?`, username, lockKey(source)); err != nil {
			return err
		}
		tx.audit(motcua.AuditEntry{Action: "login", Object: "user:" + strconv.FormatInt(userID, 10), Detail: "stage " + stage})
		_, err := tx.exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, stage, source) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash(token), userID, ms(now), ms(now.Add(ttl)), stage, source)
		return err
	})
	return token, err
}

// newToken is a session token: 256 random bits.
func newToken() string {
	raw := make([]byte, 32)
	rand.Read(raw)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// PendingLogin is a session waiting for its second factor.
type PendingLogin struct {
	UserID   int64
	Username string
	Stage    string
}

// Pending returns the session's user and stage, for the pages of the
// second factor; a complete or unknown session is EUNAUTHORIZED.
func (db *DB) Pending(ctx context.Context, token string) (p PendingLogin, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT s.user_id, u.username, s.stage FROM sessions s JOIN users u ON u.id = s.user_id
			WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`, tokenHash(token), ms(db.Now())).Scan(&p.UserID, &p.Username, &p.Stage)
	})
	if err != nil {
		return p, motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.")
	}
	identify(ctx, "user:"+itoa(p.UserID)+" "+p.Username)
	return p, nil
}

// LoginExternal opens a session for the officer whose e-mail address a
// single sign-on provider verified. The provider's own second factor
// (multiFactor) completes it; otherwise the same rules as a password
// login apply: a code, or enrolment for leaders and administrators.
func (db *DB) LoginExternal(ctx context.Context, email string, multiFactor bool) (res LoginResult, err error) {
	defer motcua.Wrap(&err, "DB.LoginExternal")
	email = strings.ToLower(strings.TrimSpace(email))
	var id int64
	var username, secret string
	matches := 0
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, username, totp_secret FROM users WHERE LOWER(email) = ? AND email <> '' AND disabled = 0 LIMIT 2`, email)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&id, &username, &secret); err != nil {
				return err
			}
			matches++
		}
		return rows.Err()
	})
	switch {
	case err != nil:
		return res, err
	case matches == 0:
		return res, motcua.Errorf(motcua.EUNAUTHORIZED, "Không có tài khoản cán bộ nào dùng thư điện tử %s; hãy nhờ quản trị ghi địa chỉ vào tài khoản.", email)
	case matches > 1:
		// A shared mailbox names no one: which account would open is luck.
		return res, motcua.Errorf(motcua.EUNAUTHORIZED, "Thư điện tử %s được ghi cho nhiều tài khoản; hãy nhờ quản trị để mỗi tài khoản một địa chỉ riêng.", email)
	}
	identify(ctx, "user:"+itoa(id)+" "+username)
	res.Stage = StageDone
	if !multiFactor {
		if secret != "" {
			res.Stage = StageCode
		} else if a, err := db.Actor(ctx, id); err != nil {
			return res, err
		} else if a.MustUseSecondFactor() {
			res.Stage = StageEnroll
		}
	}
	source := ""
	if o := motcua.OriginOf(ctx); o != nil {
		source = o.Source
	}
	res.Token, err = db.openSession(ctx, id, res.Stage, username, source)
	return res, err
}

// lockKey is the address a lockout is kept for: an IPv6 client holds a
// whole /64, so its prefix stands for it (one address each would give a
// guesser billions of tries).
func lockKey(source string) string { return ratelimit.AddressKey(source) }
