package storetest

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// SetTOTPSecret gives a user an authenticator secret without the
// enrolment pages, as an officer who enrolled long ago.
func SetTOTPSecret(ctx context.Context, db *store.DB, userID int64, secret string) (err error) {
	defer motcua.Wrap(&err, "storetest.SetTOTPSecret(%d)", userID)
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE users SET totp_secret = ? WHERE id = ?`), secret, userID)
	return err
}

// ForgetTOTPStep lets the user's current code be used again: the store
// takes each time step once, so a test logging the same user in twice at
// a fixed clock forgets the step taken.
func ForgetTOTPStep(ctx context.Context, db *store.DB, userID int64) (err error) {
	defer motcua.Wrap(&err, "storetest.ForgetTOTPStep(%d)", userID)
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE users SET totp_step = 0 WHERE id = ?`), userID)
	return err
}

// SetEmail records a staff account's e-mail address, as the agency's
// directory would (the sign-in through its provider matches on it).
func SetEmail(ctx context.Context, db *store.DB, userID int64, email string) (err error) {
	defer motcua.Wrap(&err, "storetest.SetEmail(%d)", userID)
	_, err = db.SQL().ExecContext(ctx, db.Rebind(`UPDATE users SET email = ? WHERE id = ?`), email, userID)
	return err
}

// Actor returns the account named username as the store's actor, for
// tests on the demo data, whose ids they do not know.
func Actor(ctx context.Context, db *store.DB, username string) (a *motcua.Actor, err error) {
	defer motcua.Wrap(&err, "storetest.Actor(%q)", username)
	var id int64
	if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT id FROM users WHERE username = ?`), username).Scan(&id); err != nil {
		return nil, err
	}
	return db.Actor(ctx, id)
}
