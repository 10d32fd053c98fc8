package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/totp"
	"github.com/motcua/motcua/store"
)

func from(source string) context.Context {
	return motcua.WithOrigin(context.Background(), &motcua.Origin{Source: source, Route: "POST /login"})
}

// loginFixture is the fixture with the clock at 09:00 on 05/03/2024, the
// instant the login tests count their windows from.
func loginFixture(t *testing.T, db *store.DB) (*fixture, time.Time) {
	f := newFixture(t, db)
	now := time.Date(2024, 3, 5, 9, 0, 0, 0, motcua.VN)
	setNow(db, now)
	return f, now
}

// lockOut sends the five wrong passwords for name from source, each
// refused as wrong, that lock the name at that address: the right password
// from there is then refused as too many.
func lockOut(t *testing.T, db *store.DB, source, name string) {
	t.Helper()
	for i := range 5 {
		if _, err := db.Login(from(source), name, "sai mật khẩu rồi"); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	if _, err := db.Login(from(source), name, testPassword); motcua.ErrorCode(err) != motcua.ETOOMANY {
		t.Fatalf("the sixth attempt from %s, the right password while locked: %v", source, err)
	}
}

// TestLoginLockoutIsPerAddressAndTemporary: five wrong passwords from one
// address lock the name there for a quarter of an hour, even against the
// right password; the officer at another address logs in meanwhile; the
// lock lifts by itself.
func TestLoginLockoutIsPerAddressAndTemporary(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f, now := loginFixture(t, db)
		name := f.counterA.User.Username
		lockOut(t, db, "198.51.100.9", name)
		if res, err := db.Login(from("10.0.0.5"), name, testPassword); err != nil || res.Stage != store.StageDone {
			t.Fatalf("the officer's own desk: %+v %v", res, err)
		}
		setNow(db, now.Add(16*time.Minute))
		if _, err := db.Login(from("198.51.100.9"), name, testPassword); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
		if n := count(t, db, "audit_log WHERE action = 'login.failed'"); n != 1 {
			t.Fatalf("%d failed logins audited, want 1 (the window's first; the rest are counted)", n)
		}
	})
}

// TestLeadersEnrolThenUseTheirCode: a leader's password alone opens no
// session until an app is set up; then each login needs a code, taken
// once; recovery codes work once; five wrong codes end the attempt.
func TestLeadersEnrolThenUseTheirCode(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f, now := loginFixture(t, db)
		ctx := from("10.0.0.7")
		name := f.leaderA.User.Username
		res, err := db.Login(ctx, name, testPassword)
		if err != nil || res.Stage != store.StageEnroll {
			t.Fatalf("first login: %+v %v", res, err)
		}
		if _, err := db.SessionActor(ctx, res.Token); err == nil {
			t.Fatal("a session waiting for enrolment was taken as logged in")
		}
		e, err := db.StartEnrolment(ctx, res.Token)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := db.StartEnrolment(ctx, res.Token)
		if again.Secret != e.Secret {
			t.Fatal("showing the page again changed the secret the app holds")
		}
		if _, _, err := db.ConfirmEnrolment(ctx, res.Token, "000000", ""); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a wrong first code: %v", err)
		}
		code, _ := totp.Code(e.Secret, now)
		recovery, enrolled, err := db.ConfirmEnrolment(ctx, res.Token, code, "")
		if err != nil || len(recovery) != 10 {
			t.Fatalf("enrolment: %d codes, %v", len(recovery), err)
		}
		if _, err := db.SessionActor(ctx, enrolled); err != nil {
			t.Fatalf("after enrolment: %v", err)
		}
		if _, err := db.SessionActor(ctx, res.Token); err == nil {
			t.Fatal("the token the password opened still works after enrolment")
		}
		if _, err := db.StartEnrolment(ctx, enrolled); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a logged-in session replacing the app: %v", err)
		}

		second, _ := db.Login(ctx, name, testPassword)
		if second.Stage != store.StageCode {
			t.Fatalf("login after enrolment: stage %q", second.Stage)
		}
		if _, err := db.SecondFactor(ctx, second.Token, code); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("the enrolment's code used again: %v", err)
		}
		fresh, err := db.SecondFactor(ctx, second.Token, recovery[0])
		if err != nil {
			t.Fatalf("a recovery code: %v", err)
		}
		if _, err := db.SessionActor(ctx, fresh); err != nil {
			t.Fatalf("the session after its second factor: %v", err)
		}
		if _, err := db.Pending(ctx, second.Token); err == nil {
			t.Fatal("the token the password opened still names a session after the second factor")
		}
		third, _ := db.Login(ctx, name, testPassword)
		if _, err := db.SecondFactor(ctx, third.Token, recovery[0]); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a recovery code used twice: %v", err)
		}
		for range 4 {
			db.SecondFactor(ctx, third.Token, "123456")
		}
		next, _ := totp.Code(e.Secret, now.Add(30*time.Second))
		setNow(db, now.Add(30*time.Second))
		if _, err := db.SecondFactor(ctx, third.Token, next); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			t.Fatalf("after five wrong codes the attempt must be over: %v", err)
		}
		if n, err := db.RevokeSessions(ctx, name); err != nil || n != 2 { // the enrolment's and the second login's
			t.Fatalf("revoked %d sessions, %v", n, err)
		}
		if _, err := db.SessionActor(ctx, second.Token); err == nil {
			t.Fatal("a revoked session still works")
		}
	})
}

func TestPasswordPolicy(t *testing.T) {
	for pw, ok := range map[string]bool{"ngắn": false, "motcua.a-2024x": false, "12345678901": false, "Ngựa phi đường xa": true, "mat-khau-dai-hon": true,
		"password12345": false, "Admin@12345": false, "Matkhau123456": false, "qwertyuiop": false, testPassword: true} {
		if err := store.CheckPassword("motcua.a", pw); (err == nil) != ok {
			t.Errorf("%q: %v", pw, err)
		}
	}
}

// TestParallelGuessesAreCountedBeforeTheCheck: forty wrong passwords sent
// at once from one address get at most five password checks; the others
// are refused as too many, none as an internal error.
func TestParallelGuessesAreCountedBeforeTheCheck(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		name := f.counterA.User.Username
		errs := make(chan error, 40)
		for range 40 {
			go func() {
				_, err := db.Login(from("198.51.100.20"), name, "doan-bua-mot-mat-khau")
				errs <- err
			}()
		}
		tooMany := 0
		for range 40 {
			switch err := <-errs; motcua.ErrorCode(err) {
			case motcua.ETOOMANY:
				tooMany++
			case motcua.EUNAUTHORIZED:
			default:
				t.Fatalf("a guess got %v", err)
			}
		}
		if checked := count(t, db, "audit_log WHERE action = 'login.failed'"); checked > 5 || tooMany < 35 {
			t.Fatalf("%d passwords checked, %d refused as too many", checked, tooMany)
		}
	})
}

// TestCodeGuessesAreCountedPerAccount: new password logins do not reset
// the count of wrong codes; past ten the account's second factor is
// locked, even for the right code, until the lock lifts. An enrolment's
// secret is not shown to another session, and enrolling from an open
// session asks for the password.
func TestCodeGuessesAreCountedPerAccount(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f, now := loginFixture(t, db)
		ctx := from("10.0.0.8")
		name := f.leaderA.User.Username
		first, _ := db.Login(ctx, name, testPassword)
		e, err := db.StartEnrolment(ctx, first.Token)
		if err != nil {
			t.Fatal(err)
		}
		other, _ := db.Login(from("10.0.0.9"), name, testPassword)
		if seen, _ := db.StartEnrolment(ctx, other.Token); seen.Secret == e.Secret {
			t.Fatal("another session was shown the pending secret")
		}
		code, _ := totp.Code(e.Secret, now)
		if _, _, err := db.ConfirmEnrolment(ctx, first.Token, code, ""); err != nil {
			t.Fatal(err)
		}
		for i := range 11 {
			s, err := db.Login(ctx, name, testPassword)
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.SecondFactor(ctx, s.Token, "000000")
			if want := motcua.EINVALID; i == 10 {
				want = motcua.ETOOMANY
				if motcua.ErrorCode(err) != want {
					t.Fatalf("guess %d: %v", i+1, err)
				}
			} else if motcua.ErrorCode(err) != want {
				t.Fatalf("guess %d: %v", i+1, err)
			}
		}
		right, _ := totp.Code(e.Secret, now.Add(time.Minute))
		setNow(db, now.Add(time.Minute))
		s, _ := db.Login(ctx, name, testPassword)
		if _, err := db.SecondFactor(ctx, s.Token, right); motcua.ErrorCode(err) != motcua.ETOOMANY {
			t.Fatalf("the right code while locked: %v", err)
		}
		later := now.Add(20 * time.Minute)
		setNow(db, later)
		right, _ = totp.Code(e.Secret, later)
		s, _ = db.Login(ctx, name, testPassword)
		if _, err := db.SecondFactor(ctx, s.Token, right); err != nil {
			t.Fatalf("after the lock: %v", err)
		}

		// A counter officer enrolling from an open session is asked for the password.
		c, _ := db.Login(ctx, f.counterA.User.Username, testPassword)
		ce, _ := db.StartEnrolment(ctx, c.Token)
		cc, _ := totp.Code(ce.Secret, later)
		if _, _, err := db.ConfirmEnrolment(ctx, c.Token, cc, "sai"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("enrolment without the password: %v", err)
		}
		if _, _, err := db.ConfirmEnrolment(ctx, c.Token, cc, testPassword); err != nil {
			t.Fatalf("enrolment with the password: %v", err)
		}
	})
}
