package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestAcceptIsOneTransaction: the key look-up, the situation and the
// writes of an intake share one transaction. The look-up sees what the
// transaction wrote (the same form twice in it opens one dossier), and a
// transaction that fails after the dossier was written leaves nothing: no
// dossier, no event, no code issued.
func TestAcceptIsOneTransaction(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		in := f.intake(f.a.ID)
		in.Key = "mẫu-1"
		twice, err := db.AcceptInOneTx(ctx, f.counterA, []motcua.Intake{in, in}, nil)
		if err != nil || len(twice) != 2 || twice[0].ID != twice[1].ID || twice[1].Code != twice[0].Code {
			t.Fatalf("the same form twice in one transaction: %+v, %v; want one dossier", twice, err)
		}
		if n := count(t, db, "dossiers"); n != 1 {
			t.Fatalf("%d dossiers, want 1", n)
		}

		broke := errors.New("what followed the intake failed")
		other := f.intake(f.a.ID)
		other.Key = "mẫu-2"
		got, err := db.AcceptInOneTx(ctx, f.counterA, []motcua.Intake{other}, broke)
		if !errors.Is(err, broke) || len(got) != 1 || !strings.HasSuffix(got[0].Code, "-0002") {
			t.Fatalf("accepted then failed: %+v, %v; want code …-0002 issued inside, then %v", got, err, broke)
		}
		if d, e := count(t, db, "dossiers"), count(t, db, "events"); d != 1 || e != 1 {
			t.Errorf("after the failed transaction %d dossiers, %d events; want 1 and 1", d, e)
		}
		again, err := db.Accept(ctx, f.counterA, other)
		if err != nil || again.ID == twice[0].ID || !strings.HasSuffix(again.Code, "-0002") {
			t.Errorf("the form sent again: %+v, %v; want a new dossier, code …-0002 (the failed one issued none)", again, err)
		}
	})
}

// TestAcceptChecksTheProcedureAtItsInstant: once a repeal is in force the
// counter is refused; a late entry from before it is received under the
// version then in force; a form accepted before the repeal and sent again
// answers with its dossier.
func TestAcceptChecksTheProcedureAtItsInstant(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		add := decide(t, db, f.admin, "12/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, deathRegistration(3))
		got, err := db.Decision(ctx, add.ID)
		if err != nil {
			t.Fatal(err)
		}
		in := f.intake(f.a.ID)
		in.ProcedureID, in.Key = got.Changes[0].Procedure.ID, "mẫu-trước"
		before, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}

		decide(t, db, f.admin, "678/QĐ-UBND", vn(3, 4, 0, 0), motcua.ChangeRepeal, deathRegistration(3))
		now := in
		now.Key = "mẫu-sau"
		_, err = db.Accept(ctx, f.counterA, now)
		if motcua.ErrorField(err) != "procedure" || motcua.ErrorMessage(err) != "Thủ tục 1.000656 – Đăng ký khai tử đã bị bãi bỏ từ ngày 04/03/2024." {
			t.Errorf("intake after the repeal: %v", err)
		}
		resent, err := db.Accept(ctx, f.counterA, in)
		if err != nil || resent.ID != before.ID {
			t.Errorf("the form accepted before the repeal, sent again: %+v, %v; want dossier %d", resent, err, before.ID)
		}
		late := now
		late.At, late.Reason = vn(3, 1, 10, 0), "Mất điện, nhập lại từ sổ tiếp nhận"
		d, err := db.Accept(ctx, f.counterA, late)
		if err != nil || d.VersionID != before.VersionID {
			t.Fatalf("late entry from before the repeal: %+v, %v; want version %d", d, err, before.VersionID)
		}
		wantInstant(t, "late entry received", d.AcceptedAt, vn(3, 1, 10, 0))
		wantInstant(t, "late entry due", d.DueAt, vn(3, 6, 10, 0))
		if n := count(t, db, "dossiers"); n != 2 {
			t.Errorf("%d dossiers, want 2", n)
		}
	})
}
