package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/mail"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/password"
)

// SessionTTL is how long a login lasts without activity being required:
// one working day plus margin, so an officer logs in once a morning.
const SessionTTL = 12 * time.Hour

// CreateUser adds a staff member with a password and role grants.
func (db *DB) CreateUser(ctx context.Context, u *motcua.User, pw string) (err error) {
	defer motcua.Wrap(&err, "DB.CreateUser(%q)", u.Username)
	u.Username, u.FullName, u.Email = motcua.NFC(u.Username), motcua.NFC(u.FullName), strings.TrimSpace(u.Email)
	if u.Username == "" || u.FullName == "" {
		return motcua.FieldError("username", "Tên đăng nhập và họ tên là bắt buộc.")
	}
	if u.Email != "" {
		if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
			return motcua.FieldError("email", "Địa chỉ thư điện tử %q không hợp lệ.", u.Email)
		}
	}
	if u.Username == "." || u.Username == ".." || strings.ContainsAny(u.Username, "/\\?#% ") {
		return motcua.FieldError("username", "Tên đăng nhập chỉ gồm chữ, số và dấu chấm, gạch nối, gạch dưới.")
	}
	if err := CheckPassword(u.Username, pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		if u.Email != "" {
			// Single sign-on names an account by its address: one address,
			// one account (another unit's administrator must not be able to
			// shadow a district officer's sign-in).
			var n int
			if err := tx.queryRow(`SELECT COUNT(*) FROM users WHERE LOWER(email) = ?`, strings.ToLower(u.Email)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return motcua.FieldError("email", "Thư điện tử %s đã được ghi cho một tài khoản khác.", u.Email)
			}
		}
		if err := tx.queryRow(`INSERT INTO users (username, full_name, email, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?) RETURNING id`,
			u.Username, u.FullName, u.Email, hash, ms(db.Now())).Scan(&u.ID); err != nil {
			return err
		}
		granted := make([]string, len(u.Grants))
		for i, g := range u.Grants {
			if _, err := tx.exec(`INSERT INTO grants (user_id, unit_id, role) VALUES (?, ?, ?)`, u.ID, g.UnitID, string(g.Role)); err != nil {
				return err
			}
			granted[i] = string(g.Role) + "@unit:" + itoa(g.UnitID)
		}
		// The trail names the account created and what it may do, not only
		// the route that created it.
		tx.audit(motcua.AuditEntry{Action: "account.created", Object: "user:" + itoa(u.ID),
			Detail: "username " + u.Username + "; " + strings.Join(granted, ", ")})
		return nil
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("username", "Tên đăng nhập %s đã được dùng.", u.Username)
	}
	return err
}

var dummyHash, _ = password.Hash("motcua-timing-equaliser")

// verifySlots bounds concurrent password checks: each takes 64 MiB, so a
// burst of logins must queue rather than exhaust memory.
var verifySlots = make(chan struct{}, runtime.GOMAXPROCS(0))

func verify(ctx context.Context, pw, hash string) bool {
	select {
	case verifySlots <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	defer func() { <-verifySlots }()
	ok, _ := password.Verify(pw, hash)
	return ok
}

// Logout ends the session.
func (db *DB) Logout(ctx context.Context, token string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
}

// SessionActor returns the actor of a live session, or EUNAUTHORIZED.
func (db *DB) SessionActor(ctx context.Context, token string) (_ *motcua.Actor, err error) {
	defer motcua.Wrap(&err, "DB.SessionActor")
	var userID int64
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id
			WHERE s.token_hash = ? AND s.expires_at > ? AND s.stage = '' AND u.disabled = 0`, tokenHash(token), ms(db.Now())).Scan(&userID)
	})
	if err != nil {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.")
	}
	a, err := db.Actor(ctx, userID)
	if err == nil {
		identify(ctx, a.AuditName())
	}
	return a, err
}

// Actor loads a user with the scope their grants give.
func (db *DB) Actor(ctx context.Context, userID int64) (_ *motcua.Actor, err error) {
	defer motcua.Wrap(&err, "DB.Actor(%d)", userID)
	a := &motcua.Actor{Units: map[int64][]motcua.Role{}}
	err = db.readTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(`SELECT id, username, full_name, email, disabled FROM users WHERE id = ?`, userID).
			Scan(&a.User.ID, &a.User.Username, &a.User.FullName, &a.User.Email, &a.User.Disabled); err != nil {
			return err
		}
		rows, err := tx.query(`SELECT unit_id, role FROM grants WHERE user_id = ? ORDER BY unit_id, role`, userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g motcua.Grant
			if err := rows.Scan(&g.UnitID, &g.Role); err != nil {
				return err
			}
			a.User.Grants = append(a.User.Grants, g)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	for _, g := range a.User.Grants {
		walk := t.governed // handling roles stop at the next governed unit
		if g.Role == motcua.RoleAdmin {
			walk = t.subtree // administrators manage the whole subtree (but read no dossiers)
		}
		walk(g.UnitID, func(id int64) { a.Units[id] = appendRole(a.Units[id], g.Role) })
	}
	return a, nil
}

// UsersAt lists active users holding role at the unit (for hand-over choices).
func (db *DB) UsersAt(ctx context.Context, unitID int64, role motcua.Role) ([]motcua.User, error) {
	var out []motcua.User
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT u.id, u.username, u.full_name FROM users u JOIN grants g ON g.user_id = u.id
			WHERE g.unit_id = ? AND g.role = ? AND u.disabled = 0 ORDER BY u.full_name`, unitID, string(role))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u motcua.User
			if err := rows.Scan(&u.ID, &u.Username, &u.FullName); err != nil {
				return err
			}
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

func appendRole(roles []motcua.Role, r motcua.Role) []motcua.Role {
	for _, x := range roles {
		if x == r {
			return roles
		}
	}
	return append(roles, r)
}

// tokenHash: only hashes of session tokens are stored, so a leaked database
// does not hand out live sessions.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// UserNames returns the full names of the given users, for pages that show
// who gave, held or returned a dossier.
func (db *DB) UserNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	ids = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(ids))), func(id int64) bool { return id == 0 })
	if len(ids) == 0 {
		return names, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, full_name FROM users WHERE id IN (`+marks(len(ids))+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				return err
			}
			names[id] = name
		}
		return rows.Err()
	})
	return names, err
}

// HasSecondFactor reports whether the user has set up an authenticator app
// (the account page offers to set one up only when not).
func (db *DB) HasSecondFactor(ctx context.Context, userID int64) (has bool, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT totp_secret <> '' FROM users WHERE id = ?`, userID).Scan(&has)
	})
	return has, err
}
