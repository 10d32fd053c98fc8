// Package sample is the one world of sample values that the web, API and
// adapter tests share: a district with communes A and B, two commune
// procedures whose workflow sums to their legal time (1 working day = 450
// minutes), and an officer per role, built on a real database of either
// engine. Tests name these values instead of inventing their own, so that a
// change to the world is made once.
package sample

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/totp"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// Password is every sample account's password.
const Password = "mat-khau-thu-nghiem"

// TOTPSecret is the authenticator secret of the world's leaders and
// administrators, who must use a second factor.
const TOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// Now is the world's clock: Tuesday 05/03/2024 09:00 in Vietnam, given in
// UTC with nanoseconds as time.Now returns it on a server whose local zone
// is UTC.
var Now = time.Date(2024, 3, 5, 2, 0, 0, 123456789, time.UTC)

// World is what Build creates. Ids come out the same on every fresh
// database, so one World serves every copy on both engines.
type World struct {
	District, UnitA, UnitB motcua.Unit
	Birth, Marriage        motcua.Procedure
	CounterA, SpecialistA  motcua.User
	LeaderA, CounterB      motcua.User
	Admin                  motcua.User
}

// Build creates the world's units, procedures and accounts in db and sets
// db's clock to Now. Each account costs an argon2 hash (~100 ms), which is
// why Open copies a template instead of building per test.
func Build(ctx context.Context, db *store.DB) (w World, err error) {
	defer motcua.Wrap(&err, "sample.Build")
	db.Now = func() time.Time { return Now }
	if err := w.createUnits(ctx, db); err != nil {
		return w, err
	}
	if err := w.createProcedures(ctx, db); err != nil {
		return w, err
	}
	return w, w.createAccounts(ctx, db)
}

func (w *World) createUnits(ctx context.Context, db *store.DB) error {
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	w.District = motcua.Unit{Code: "000.00.33.H17", Name: "Ủy ban nhân dân huyện Đắk Mil", Kind: motcua.UnitDistrict, ValidFrom: from}
	if err := db.CreateUnit(ctx, &w.District); err != nil {
		return err
	}
	w.UnitA = motcua.Unit{Code: "000.22.33.H17", Name: "Ủy ban nhân dân xã Đắk Lao", Kind: motcua.UnitCommune, ParentID: w.District.ID, ValidFrom: from}
	w.UnitB = motcua.Unit{Code: "000.24.33.H17", Name: "Ủy ban nhân dân xã Đắk Gằn", Kind: motcua.UnitCommune, ParentID: w.District.ID, ValidFrom: from}
	for _, u := range []*motcua.Unit{&w.UnitA, &w.UnitB} {
		if err := db.CreateUnit(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

func (w *World) createProcedures(ctx context.Context, db *store.DB) error {
	steps := []motcua.WorkflowStep{
		{Name: "Tiếp nhận hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
		{Name: "Thẩm tra hồ sơ", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 300},
		{Name: "Ký kết quả", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 90},
		{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
	}
	docs := []motcua.RequiredDocument{{Name: "Tờ khai (theo mẫu)", Kind: motcua.DocOriginal, Count: 1}}
	w.Birth = motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Documents: docs, Steps: steps}
	w.Marriage = motcua.Procedure{Code: "1.000894", Name: "Đăng ký kết hôn", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Documents: docs, Steps: steps}
	for _, p := range []*motcua.Procedure{&w.Birth, &w.Marriage} {
		if err := db.CreateProcedure(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

func (w *World) createAccounts(ctx context.Context, db *store.DB) error {
	accounts := []struct {
		u    *motcua.User
		name string
		role motcua.Role
		unit int64
	}{
		{&w.CounterA, "motcua.a", motcua.RoleCounter, w.UnitA.ID},
		{&w.SpecialistA, "chuyenvien.a", motcua.RoleSpecialist, w.UnitA.ID},
		{&w.LeaderA, "lanhdao.a", motcua.RoleLeader, w.UnitA.ID},
		{&w.CounterB, "motcua.b", motcua.RoleCounter, w.UnitB.ID},
		{&w.Admin, "quantri", motcua.RoleAdmin, w.District.ID},
	}
	for i, x := range accounts {
		*x.u = motcua.User{Username: x.name, FullName: fmt.Sprintf("Cán bộ %d", i+1), Grants: []motcua.Grant{{Role: x.role, UnitID: x.unit}}}
		if err := db.CreateUser(ctx, x.u, Password); err != nil {
			return err
		}
		if x.role == motcua.RoleLeader || x.role == motcua.RoleAdmin { // they must use a second factor
			if err := storetest.SetTOTPSecret(ctx, db, x.u.ID, TOTPSecret); err != nil {
				return err
			}
		}
	}
	return nil
}

// TOTPCode is the code an account's app shows at the world's clock. The
// store takes each step once, so the step taken is forgotten first: a test
// may log the same account in again.
func TOTPCode(t testing.TB, db *store.DB, u motcua.User) string {
	t.Helper()
	if err := storetest.ForgetTOTPStep(context.Background(), db, u.ID); err != nil {
		t.Fatal(err)
	}
	code, err := totp.Code(TOTPSecret, Now)
	if err != nil {
		t.Fatal(err)
	}
	return code
}
