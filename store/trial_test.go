package store_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestTrialWarnsWhatWouldGoWrong: at a commune with nobody, no step can be
// done; at a commune with a leader only, the leader must do everything; a
// draft whose budgets do not sum says so before anyone publishes it.
func TestTrialWarnsWhatWouldGoWrong(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		r, err := db.TrialOf(ctx, f.proc.Code, motcua.LevelCommune, f.a.ID, false, monday)
		if err != nil || len(r.Warnings) != 0 || !r.Run.Fits() {
			t.Fatalf("trial at a staffed commune: %v, %v", r, err)
		}
		wantInstant(t, "promised", r.Run.DueAt, vn(3, 7, 9, 0))
		if len(r.Holders[1]) != 1 || r.Holders[1][0].FullName != "Trần Văn Hai" {
			t.Errorf("holders of step 2: %v", r.Holders[1])
		}

		empty := &motcua.Unit{Code: "000.23.99.T01", Name: "Ủy ban nhân dân xã Trống", Kind: motcua.UnitCommune, ParentID: f.district.ID}
		mustUnit(t, db, empty)
		r, err = db.TrialOf(ctx, f.proc.Code, "", empty.ID, false, monday)
		if err != nil || len(r.Warnings) != 4 || !strings.Contains(r.Warnings[1], "không ai thực hiện được") {
			t.Errorf("trial at an empty commune: %q, %v", r.Warnings, err)
		}
		mustUser(t, db, "lanhdao.trong", "Chủ tịch xã Trống", motcua.RoleLeader, empty.ID)
		r, _ = db.TrialOf(ctx, f.proc.Code, "", empty.ID, false, monday)
		if len(r.Warnings) != 3 || !strings.Contains(r.Warnings[0], "chỉ lãnh đạo đơn vị thực hiện được") {
			t.Errorf("trial with a leader only: %q", r.Warnings)
		}

		d := &motcua.Decision{Number: "5/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh", SignedOn: vn(3, 1, 0, 0), EffectiveFrom: vn(4, 1, 0, 0)}
		if err := db.CreateDecision(ctx, f.admin, d); err != nil {
			t.Fatal(err)
		}
		amended := *f.proc
		amended.Steps = append([]motcua.WorkflowStep(nil), f.proc.Steps...)
		amended.Steps[1].Minutes = 600
		if err := db.DraftChange(ctx, f.admin, d.ID, motcua.ChangeAmend, &amended); err != nil {
			t.Fatal(err)
		}
		r, err = db.TrialOf(ctx, f.proc.Code, "", f.a.ID, true, vn(4, 1, 9, 0))
		if err != nil || r.Procedure.Status != motcua.VersionDraft || r.Run.Fits() || len(r.Warnings) != 1 ||
			!strings.Contains(r.Warnings[0], "khác thời hạn giải quyết") {
			t.Errorf("trial of a short draft: %q, %v", r.Warnings, err)
		}
		if _, err := db.TrialOf(ctx, "9.999999", "", 0, false, monday); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("trial of an unknown code: %v", err)
		}
	})
}
