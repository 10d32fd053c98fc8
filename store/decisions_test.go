package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// deathRegistration is a commune procedure of 3 working days (1350 min)
// or of days working days with the same four steps scaled.
func deathRegistration(days int) *motcua.Procedure {
	return &motcua.Procedure{Code: "1.000656", Name: "Đăng ký khai tử", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: float64(days), Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: days*450 - 450},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 270},
			{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
		}}
}

// decide creates, fills and publishes a decision effective at from.
func decide(t *testing.T, db *store.DB, admin *motcua.Actor, number string, from time.Time, kind motcua.ChangeKind, p *motcua.Procedure) *motcua.Decision {
	t.Helper()
	d := &motcua.Decision{Number: number, Issuer: "Chủ tịch UBND tỉnh Đắk Nông", SignedOn: from.AddDate(0, 0, -10), EffectiveFrom: from}
	if err := db.CreateDecision(t.Context(), admin, d); err != nil {
		t.Fatal(err)
	}
	if err := db.DraftChange(t.Context(), admin, d.ID, kind, p); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishDecision(t.Context(), admin, d.ID); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDecisionsGovernTheVersionInForce: added from 01/01/2024 with 3 days,
// amended from 01/04/2024 to 5 days, repealed from 01/06/2024.
func TestDecisionsGovernTheVersionInForce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		add := decide(t, db, f.admin, "12/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, deathRegistration(3))
		got, err := db.Decision(ctx, add.ID)
		if err != nil || got.Status != motcua.DecisionPublished || len(got.Changes) != 1 || got.Changes[0].Kind != motcua.ChangeAdd {
			t.Fatalf("published decision %+v, %v", got, err)
		}
		procID := got.Changes[0].Procedure.ID

		// A dossier accepted Mon 04/03 under version 1.
		in := f.intake(f.a.ID)
		in.ProcedureID = procID
		old, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		decide(t, db, f.admin, "345/QĐ-UBND", vn(4, 1, 0, 0), motcua.ChangeAmend, deathRegistration(5))

		for _, c := range []struct {
			at      time.Time
			version int
			days    float64
		}{{vn(3, 31, 23, 59), 1, 3}, {vn(4, 1, 0, 0), 2, 5}, {vn(5, 31, 17, 0), 2, 5}} {
			p, err := db.VersionAt(ctx, procID, c.at)
			if err != nil || p.Version != c.version || p.Time.Amount != c.days {
				t.Errorf("version at %s = %+v, %v; want version %d (%v days)", show(c.at), p, err, c.version, c.days)
			}
		}
		// The open dossier stays on version 1: an action replays it as it was.
		next, err := db.Act(ctx, f.counterA, motcua.Action{DossierID: old.ID, Version: old.Version, Type: motcua.EventHandedOver})
		if err != nil || next.VersionID != old.VersionID || !next.DueAt.Equal(old.DueAt) {
			t.Errorf("after the amendment the open dossier moved: version %d → %d, due %s → %s (%v)",
				old.VersionID, next.VersionID, show(old.DueAt), show(next.DueAt), err)
		}
		// One received after the amendment takes 5 days.
		setNow(db, vn(4, 1, 9, 0))
		fresh, err := db.Accept(ctx, f.counterA, in)
		if err != nil || fresh.VersionID == old.VersionID {
			t.Fatalf("dossier after the amendment: %+v, %v", fresh, err)
		}
		wantInstant(t, "due under version 2", fresh.DueAt, vn(4, 8, 9, 0))

		decide(t, db, f.admin, "678/QĐ-UBND", vn(6, 1, 0, 0), motcua.ChangeRepeal, deathRegistration(5))
		setNow(db, vn(5, 31, 16, 0))
		if _, err := db.Accept(ctx, f.counterA, in); err != nil {
			t.Errorf("the day before the repeal: %v", err)
		}
		setNow(db, vn(6, 3, 8, 0))
		_, err = db.Accept(ctx, f.counterA, in)
		if motcua.ErrorField(err) != "procedure" || !strings.Contains(motcua.ErrorMessage(err), "bãi bỏ từ ngày 01/06/2024") {
			t.Errorf("intake after the repeal: %v", err)
		}
		if list, _ := db.SearchProcedures(ctx, "khai tu", "", 10); len(list) != 0 {
			t.Errorf("a repealed procedure is still offered: %v", list)
		}
		if list, _ := db.SearchProcedures(ctx, "khai sinh", "", 10); len(list) != 1 {
			t.Errorf("the fixture procedure vanished from the search: %v", list)
		}
	})
}

// TestDecisionRules: budgets that do not sum cannot be published; a
// published decision cannot change; add/amend must fit what exists; only
// administrators prepare decisions.
func TestDecisionRules(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		d := &motcua.Decision{Number: "90/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh", SignedOn: vn(2, 1, 0, 0), EffectiveFrom: vn(3, 1, 0, 0)}
		wantCode(t, db.CreateDecision(ctx, f.leaderA, d), motcua.EFORBIDDEN)
		bad := *d
		bad.EffectiveFrom = vn(1, 1, 0, 0)
		wantCode(t, db.CreateDecision(ctx, f.admin, &bad), motcua.EINVALID)
		if err := db.CreateDecision(ctx, f.admin, d); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.CreateDecision(ctx, f.admin, &motcua.Decision{Number: d.Number, Issuer: d.Issuer, SignedOn: d.SignedOn,
			EffectiveFrom: d.EffectiveFrom}), motcua.EINVALID)
		wantCode(t, db.PublishDecision(ctx, f.admin, d.ID), motcua.ENOTALLOWED) // nothing in it

		wrong := deathRegistration(3)
		wrong.Steps[1].Minutes += 30
		if err := db.DraftChange(ctx, f.admin, d.ID, motcua.ChangeAdd, wrong); err != nil {
			t.Fatal(err) // a draft may be wrong; publishing it may not
		}
		versions := count(t, db, "procedure_versions")
		err := db.PublishDecision(ctx, f.admin, d.ID)
		if motcua.ErrorField(err) != "steps" || !strings.Contains(motcua.ErrorMessage(err), "1380 phút") {
			t.Errorf("publishing budgets that do not sum: %v", err)
		}
		if got, _ := db.Decision(ctx, d.ID); got.Status != motcua.DecisionDraft || count(t, db, "procedure_versions") != versions {
			t.Errorf("a refused publication changed something: %s", got.Status)
		}
		if list, _ := db.SearchProcedures(ctx, "khai tu", "", 10); len(list) != 0 {
			t.Errorf("a draft is offered at intake: %v", list)
		}
		if err := db.DraftChange(ctx, f.admin, d.ID, motcua.ChangeAdd, deathRegistration(3)); err != nil {
			t.Fatal(err) // replaces the wrong draft
		}
		if err := db.PublishDecision(ctx, f.admin, d.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DraftChange(ctx, f.admin, d.ID, motcua.ChangeAmend, deathRegistration(3)), motcua.ENOTALLOWED)
		wantCode(t, db.PublishDecision(ctx, f.admin, d.ID), motcua.ENOTALLOWED)

		next := &motcua.Decision{Number: "91/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh", SignedOn: vn(3, 1, 0, 0), EffectiveFrom: vn(4, 1, 0, 0)}
		if err := db.CreateDecision(ctx, f.admin, next); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DraftChange(ctx, f.admin, next.ID, motcua.ChangeAdd, deathRegistration(3)), motcua.EINVALID)
		other := deathRegistration(3)
		other.Code = "9.999999"
		wantCode(t, db.DraftChange(ctx, f.admin, next.ID, motcua.ChangeAmend, other), motcua.EINVALID)
		wantCode(t, db.DraftChange(ctx, f.admin, next.ID, motcua.ChangeRepeal, other), motcua.EINVALID)
	})
}
