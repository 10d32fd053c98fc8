package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/motcua/motcua"
)

// Failed logins are counted, not written line by line: one row per name
// and address (and one per address, whatever the names, under the empty
// name) updated in place for a window, and pruned once spent. The trail
// gets one entry per name, address and window (the first failure) and one
// per lock: a flood of guesses neither grows the tables without end nor
// queues the chain's writes ahead of real logins.
const (
	// maxAddressFailures bounds the wrong passwords from one address, for
	// whatever names, in a window: a guesser going through names meets it;
	// an office behind one address, mistyping now and then, does not.
	maxAddressFailures = 30
	// pruneEvery spaces the deletions of spent counts.
	pruneEvery = time.Minute
)

// countAttempt counts a login attempt of the name at the address in the
// current window, before the slow password check and in one statement
// (guesses sent in parallel see each other). It returns until when the
// name at the address, or the address for every name, is locked (zero: go
// on) and which attempt of the window this is. The attempt after the fifth
// locks the name there for the window's length; a successful login
// deletes its count (openSession).
func (db *DB) countAttempt(ctx context.Context, username, source string, now time.Time) (until time.Time, attempt int, err error) {
	source = lockKey(source)
	err = db.inTx(ctx, func(tx *Tx) error {
		tx.bookkeeping()
		stale := ms(now.Add(-loginWindow))
		// The address's bound first: a guesser cycling names adds no rows
		// while it holds.
		var addressFailures int
		var addressSince int64
		err := tx.queryRow(`SELECT failures, first_at FROM login_failures WHERE username = '' AND source = ? AND first_at >= ?`, source, stale).
			Scan(&addressFailures, &addressSince)
		switch {
		case errors.Is(err, sql.ErrNoRows): // no failure from the address in the window
		case err != nil:
			return err
		case addressFailures >= maxAddressFailures:
			until = fromMS(addressSince).Add(loginWindow)
			return nil
		}
		var since, locked int64
		err = tx.queryRow(`INSERT INTO login_failures (username, source, failures, first_at, locked_until) VALUES (?, ?, 1, ?, 0)
			ON CONFLICT (username, source) DO UPDATE SET
				failures = CASE WHEN login_failures.first_at < ? AND login_failures.locked_until < ? THEN 1 ELSE login_failures.failures + 1 END,
				first_at = CASE WHEN login_failures.first_at < ? AND login_failures.locked_until < ? THEN excluded.first_at ELSE login_failures.first_at END
			RETURNING failures, first_at, locked_until`, username, source, ms(now), stale, ms(now), stale, ms(now)).Scan(&attempt, &since, &locked)
		if err != nil {
			return err
		}
		switch {
		case locked > ms(now):
			until = fromMS(locked)
		case attempt > maxLoginFailures:
			until = now.Add(loginWindow)
			tx.audit(motcua.AuditEntry{Actor: "anonymous", Action: "login.locked", Object: "username:" + username,
				Detail: itoa(int64(attempt-1)) + " attempts since " + motcua.FormatDateTime(fromMS(since))})
			if _, err := tx.exec(`UPDATE login_failures SET locked_until = ? WHERE username = ? AND source = ?`, ms(until), username, source); err != nil {
				return err
			}
		}
		if attempt == 1 {
			return tx.pruneLoginFailures(now)
		}
		return nil
	})
	return until, attempt, err
}

// loginFailed records a wrong password for the name at the address: the
// address's count grows, and the trail has an entry for the window's first
// failure of the name there (the lock has its own) and for the address
// reaching its bound. detail says where, when not the login form.
func (db *DB) loginFailed(ctx context.Context, username, source string, attempt int, detail string) {
	source = lockKey(source)
	now := db.Now()
	db.inTx(ctx, func(tx *Tx) error {
		tx.bookkeeping()
		stale := ms(now.Add(-loginWindow))
		var failures int
		if err := tx.queryRow(`INSERT INTO login_failures (username, source, failures, first_at, locked_until) VALUES ('', ?, 1, ?, 0)
			ON CONFLICT (username, source) DO UPDATE SET
				failures = CASE WHEN login_failures.first_at < ? THEN 1 ELSE login_failures.failures + 1 END,
				first_at = CASE WHEN login_failures.first_at < ? THEN excluded.first_at ELSE login_failures.first_at END
			RETURNING failures`, source, ms(now), stale, stale).Scan(&failures); err != nil {
			return err
		}
		if attempt == 1 {
			tx.audit(motcua.AuditEntry{Actor: "anonymous", Action: "login.failed", Object: "username:" + username,
				Detail: cmp.Or(detail, "first failure in the window; the next ones are counted, a lock is audited")})
		}
		if failures == maxAddressFailures {
			tx.audit(motcua.AuditEntry{Actor: "anonymous", Action: "login.address_locked", Object: "address:" + source,
				Detail: itoa(maxAddressFailures) + " failed logins in the window, for any name"})
		}
		return nil
	})
}

// pruneLoginFailures deletes the counts whose window and lock are over, at
// most once a pruneEvery (per process; a second replica's pass finds less).
func (t *Tx) pruneLoginFailures(now time.Time) error {
	last := t.db.loginsPruned.Load()
	if ms(now)-last < pruneEvery.Milliseconds() || !t.db.loginsPruned.CompareAndSwap(last, ms(now)) {
		return nil
	}
	_, err := t.exec(`DELETE FROM login_failures WHERE first_at < ? AND locked_until < ?`, ms(now.Add(-loginWindow)), ms(now))
	return err
}
