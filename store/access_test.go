package store_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestDistrictAdministratorAuditsOnceTheProvinceEnded: the demo's shape —
// a province dissolved on 01/07/2025 above a district — leaves the
// district's administrator as the top one: the trail is theirs to read.
func TestDistrictAdministratorAuditsOnceTheProvinceEnded(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		ended := time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)
		province := &motcua.Unit{Code: "000.00.00.T99", Name: "Ủy ban nhân dân tỉnh Cũ", Kind: motcua.UnitProvince, ValidTo: ended}
		mustUnit(t, db, province)
		district := &motcua.Unit{Code: "000.00.98.T99", Name: "Ủy ban nhân dân huyện Mới", Kind: motcua.UnitDistrict, ParentID: province.ID}
		mustUnit(t, db, district)
		admin := mustUser(t, db, "quantri", "Hoàng Quản Trị", motcua.RoleAdmin, district.ID)
		for _, c := range []struct {
			at time.Time
			ok bool
		}{{ended.AddDate(0, 0, -1), false}, {ended.AddDate(1, 0, 0), true}} {
			setNow(db, c.at)
			if ok, err := db.MayAudit(ctx, admin); err != nil || ok != c.ok {
				t.Errorf("on %s: MayAudit = %v, %v; want %v", motcua.FormatDate(c.at), ok, err, c.ok)
			}
		}
	})
}

// TestFailedLoginsAreCountedNotLogged: wrong passwords are counted in place
// — one audit entry for a name's first failure at an address in a window
// and one for its lock, not one per guess; a guesser going through names
// from one address meets the address's bound (before any password check),
// while another address logs in; spent counts are pruned.
func TestFailedLoginsAreCountedNotLogged(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f, now := loginFixture(t, db)
		name := f.counterA.User.Username
		lockOut(t, db, "198.51.100.9", name)
		failed, locked := count(t, db, "audit_log WHERE action = 'login.failed'"), count(t, db, "audit_log WHERE action = 'login.locked'")
		if failed != 1 || locked != 1 {
			t.Fatalf("five failures and a lock wrote %d login.failed and %d login.locked entries, want 1 and 1", failed, locked)
		}

		// A guesser going through names from one address.
		var err error
		for i := 0; motcua.ErrorCode(err) != motcua.ETOOMANY; i++ {
			if i > 40 {
				t.Fatal("forty names guessed from one address without meeting its bound")
			}
			_, err = db.Login(from("203.0.113.5"), "khong.co."+itoa(i), "sai mật khẩu rồi")
		}
		if _, err := db.Login(from("203.0.113.5"), f.counterB.User.Username, testPassword); motcua.ErrorCode(err) != motcua.ETOOMANY {
			t.Fatalf("the flooding address, right password: %v", err)
		}
		for i := range 10 { // more names while the address is locked add no rows
			db.Login(from("203.0.113.5"), "them.nua."+itoa(i), "sai mật khẩu rồi")
		}
		if n := count(t, db, "login_failures WHERE source = '203.0.113.5'"); n > 31 {
			t.Fatalf("%d rows for the locked address, want at most its 30 names and its own", n)
		}
		if _, err := db.Login(from("10.0.0.5"), f.counterB.User.Username, testPassword); err != nil {
			t.Fatalf("another address during the flood: %v", err)
		}
		if n := count(t, db, "audit_log WHERE action = 'login.address_locked'"); n != 1 {
			t.Fatalf("%d address locks audited, want 1", n)
		}

		setNow(db, now.Add(20*time.Minute))
		if _, err := db.Login(from("10.0.0.6"), "ai.do", "sai mật khẩu rồi"); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			t.Fatalf("a failure after the window: %v", err)
		}
		if n := count(t, db, "login_failures"); n != 2 { // that failure's name and address rows
			t.Fatalf("%d login_failures rows after the window, want the 2 of the last failure", n)
		}
		if _, err := db.Login(from("198.51.100.9"), name, testPassword); err != nil {
			t.Fatalf("after the lock: %v", err)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
