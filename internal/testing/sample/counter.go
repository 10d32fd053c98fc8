package sample

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The World is for tests that follow a dossier through its workflow. Tests
// of what surrounds the workflow (a partner system, a crash, a restore)
// need less: a commune whose counter officer takes and decides dossiers of
// a one-step procedure. These build that on any database.

// CounterDesk creates the commune u and a counter officer of it named
// username (password Password), and returns the officer as an actor.
func CounterDesk(t testing.TB, db *store.DB, u *motcua.Unit, username string) *motcua.Actor {
	t.Helper()
	ctx := context.Background()
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	user := &motcua.User{Username: username, FullName: "Cán bộ một cửa " + u.Name, Grants: []motcua.Grant{{Role: motcua.RoleCounter, UnitID: u.ID}}}
	if err := db.CreateUser(ctx, user, Password); err != nil {
		t.Fatal(err)
	}
	a, err := db.Actor(ctx, user.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// CounterProcedure creates a commune procedure, in force since 2020, that
// the counter officer decides at intake within one working day.
func CounterProcedure(t testing.TB, db *store.DB, code, name, field string) *motcua.Procedure {
	t.Helper()
	p := &motcua.Procedure{Code: code, Name: name, Field: field, Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineNone,
		Steps:         []motcua.WorkflowStep{{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := db.CreateProcedure(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}
