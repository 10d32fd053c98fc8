package store

import (
	"context"

	"github.com/motcua/motcua"
)

// StaffAccount is a user as the accounts page lists them.
type StaffAccount struct {
	motcua.User
	HasApp   bool // a second factor is set up
	Sessions int  // open sessions
}

// Staff lists the accounts holding a role in a unit the administrator
// administers (the units below included: the actor's scope holds them).
func (db *DB) Staff(ctx context.Context, a *motcua.Actor) (out []StaffAccount, err error) {
	defer motcua.Wrap(&err, "DB.Staff")
	units := a.UnitsWith(motcua.RoleAdmin)
	if len(units) == 0 {
		return nil, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống quản lý tài khoản.")
	}
	scope := make([]any, len(units)) // the actor's scope holds the units below too
	for i, u := range units {
		scope[i] = u
	}
	byID := map[int64]int{}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT u.id, u.username, u.full_name, u.email, u.disabled, u.totp_secret <> '',
			(SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > ?), g.unit_id, g.role
			FROM users u JOIN grants g ON g.user_id = u.id WHERE g.unit_id IN (`+marks(len(scope))+`) ORDER BY u.username, g.unit_id`,
			append([]any{ms(db.Now())}, scope...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s StaffAccount
			var g motcua.Grant
			if err := rows.Scan(&s.ID, &s.Username, &s.FullName, &s.Email, &s.Disabled, &s.HasApp, &s.Sessions, &g.UnitID, &g.Role); err != nil {
				return err
			}
			if i, ok := byID[s.ID]; ok {
				out[i].Grants = append(out[i].Grants, g)
				continue
			}
			s.Grants = []motcua.Grant{g}
			byID[s.ID] = len(out)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}

// AddStaff creates an account with a role in a unit the administrator
// administers.
func (db *DB) AddStaff(ctx context.Context, a *motcua.Actor, u *motcua.User, pw string) error {
	for _, g := range u.Grants {
		if !a.Has(g.UnitID, motcua.RoleAdmin) {
			return motcua.Errorf(motcua.EFORBIDDEN, "Bạn chỉ tạo được tài khoản trong đơn vị mình quản trị.")
		}
	}
	return db.CreateUser(ctx, u, pw)
}

// ManageStaff runs an administrator's action on an account in their units:
// "revoke" ends its sessions, "reset-2fa" removes its authenticator.
func (db *DB) ManageStaff(ctx context.Context, a *motcua.Actor, username, action string) error {
	var units []int64
	err := db.readTx(ctx, func(tx *Tx) (err error) {
		units, err = column[int64](tx, `SELECT g.unit_id FROM grants g JOIN users u ON u.id = g.user_id WHERE u.username = ?`, motcua.NFC(username))
		return err
	})
	if err != nil {
		return err
	}
	allowed := len(units) > 0
	for _, id := range units {
		allowed = allowed && a.Has(id, motcua.RoleAdmin)
	}
	if !allowed {
		return motcua.Errorf(motcua.ENOTFOUND, "Không có tài khoản %q trong đơn vị bạn quản trị.", username)
	}
	switch action {
	case "revoke":
		_, err = db.RevokeSessions(ctx, username)
	case "reset-2fa":
		err = db.ResetSecondFactor(ctx, username)
	default:
		err = motcua.Errorf(motcua.EINVALID, "Thao tác %q không có.", action)
	}
	return err
}
