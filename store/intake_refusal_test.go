package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func TestRefusalCreatesNoDossierAndNeedsReason(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		applicant := motcua.Applicant{Name: "Trần Thị Cúc"}
		err := db.Refuse(ctx, f.counterA, &motcua.Refusal{UnitID: f.a.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "   "})
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "reason" {
			t.Errorf("refusal without reason: %v, want invalid on reason", err)
		}
		err = db.Refuse(ctx, f.counterA, &motcua.Refusal{UnitID: f.b.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "Không thuộc thẩm quyền"})
		wantCode(t, err, motcua.EFORBIDDEN)
		if n := count(t, db, "intake_refusals"); n != 0 {
			t.Fatalf("%d refusals stored after two rejected ones", n)
		}
		r := &motcua.Refusal{UnitID: f.a.ID, ProcedureID: f.proc.ID, Applicant: applicant, Reason: "Người yêu cầu không cư trú tại xã"}
		if err := db.Refuse(ctx, f.counterA, r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.ActorID != f.counterA.User.ID || !r.At.Equal(monday) || !r.RecordedAt.Equal(monday) {
			t.Errorf("refusal = %+v", r)
		}
		if d, e, n := count(t, db, "dossiers"), count(t, db, "events"), count(t, db, "intake_refusals"); d != 0 || e != 0 || n != 1 {
			t.Errorf("after a refusal: %d dossiers, %d events, %d refusals; want 0, 0, 1", d, e, n)
		}
		var c int
		if err := db.SQL().QueryRow("SELECT COUNT(*) FROM dossier_counters").Scan(&c); err != nil || c != 0 {
			t.Errorf("a refusal used a dossier code (counters %d, %v)", c, err)
		}
	})
}
