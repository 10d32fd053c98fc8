package store_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// entryLevy is a fixed levy paid at intake, with an exemption.
var entryLevy = motcua.FeeLine{Kind: motcua.FeeLevy, Name: "Lệ phí đăng ký", Amount: 5000, Basis: motcua.FeeFixed,
	Exemptions: []motcua.FeeExemption{{Who: "Người khuyết tật", Basis: "Nghị quyết HĐND tỉnh"}}, PayAt: motcua.FeePayAtIntake}

// setFee is a charge per set of documents, paid when the result is collected.
var setFee = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí thẩm định", Amount: 20000, Basis: motcua.FeePerSet,
	PayAt: motcua.FeePayAtResult}

// withFees creates a procedure like the fixture's, whose version states
// lines (nil lines: not stated), and returns it.
func (f *fixture) withFees(t *testing.T, code string, stated bool, lines ...motcua.FeeLine) *motcua.Procedure {
	t.Helper()
	p := *f.proc
	p.ID, p.VersionID, p.Code = 0, 0, code
	p.FeesStated, p.FeeLines = stated, lines
	if !stated {
		p.Fees = "Theo quy định của HĐND tỉnh"
	}
	if err := f.db.CreateProcedure(t.Context(), &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// TestAcceptComputesTheBill: the bill is computed at acceptance from the
// version's lines and the intake's quantities (sets from the intake), kept
// in the accepted event, projected into the row's totals, read back the
// same by a single read, a list's row, the replay and the ledger check.
func TestAcceptComputesTheBill(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		p := f.withFees(t, "2.000001", true, extractFee, entryLevy, setFee)
		in := f.intake(f.a.ID)
		in.ProcedureID, in.Sets = p.ID, 2
		in.Fees = motcua.FeeQuantities{Copies: 3, Exempt: []motcua.FeeExemptionClaim{{Line: 1, Reason: " Người khuyết tật, giấy xác nhận số 12 "}}}
		d, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		want := &motcua.FeeBill{Total: 3*8000 + 2*20000, DueAtIntake: 0, DueAtResult: 3*8000 + 2*20000, Lines: []motcua.FeeBillLine{
			{Line: 0, Quantity: 3, Gross: 24000, Amount: 24000, PayAt: motcua.FeePayAtResult},
			{Line: 1, Quantity: 1, Gross: 5000, Amount: 0, PayAt: motcua.FeePayAtIntake, Exempt: true, Reason: "Người khuyết tật, giấy xác nhận số 12"},
			{Line: 2, Quantity: 2, Gross: 40000, Amount: 40000, PayAt: motcua.FeePayAtResult},
		}}
		if !reflect.DeepEqual(d.Fees, want) {
			t.Fatalf("accepted bill = %+v, want %+v", d.Fees, want)
		}
		stored, err := db.Dossier(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "stored dossier", stored, d)
		replayed, events, _, err := db.History(ctx, f.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(replayed.Fees, want) || !reflect.DeepEqual(events[0].Data.Fees, want) {
			t.Errorf("replayed bill %+v, event's %+v; want %+v", replayed.Fees, events[0].Data.Fees, want)
		}
		var total, intake, result int64
		if err := db.SQL().QueryRow(db.Rebind(`SELECT fee_total, fee_due_intake, fee_due_result FROM dossiers WHERE id = ?`), d.ID).
			Scan(&total, &intake, &result); err != nil {
			t.Fatal(err)
		}
		if total != want.Total || intake != want.DueAtIntake || result != want.DueAtResult {
			t.Errorf("row totals %d/%d/%d, want %d/%d/%d", total, intake, result, want.Total, want.DueAtIntake, want.DueAtResult)
		}
		if c, err := db.CheckLedger(ctx); err != nil || len(c.Problems) != 0 {
			t.Fatalf("ledger check: %v, %v", c.Problems, err)
		}
		if _, err := db.SQL().Exec(db.Rebind(`UPDATE dossiers SET fee_due_result = fee_due_result - 1 WHERE id = ?`), d.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.CheckLedger(ctx); len(c.Problems) != 1 || !strings.Contains(c.Problems[0], "phí, lệ phí lưu") {
			t.Fatalf("a row one đồng off the ledger: %v", c.Problems)
		}
	})
}

// TestAcceptWithoutStatedFeesOwesNothingKnown: a version whose fees are a
// note only gives no bill; a version stated free gives an empty one.
func TestAcceptWithoutStatedFeesOwesNothingKnown(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		for _, c := range []struct {
			code   string
			stated bool
			want   *motcua.FeeBill
		}{
			{"2.000002", false, nil},
			{"2.000003", true, &motcua.FeeBill{Lines: []motcua.FeeBillLine{}}},
		} {
			p := f.withFees(t, c.code, c.stated)
			in := f.intake(f.a.ID)
			in.ProcedureID, in.Fees.Copies = p.ID, 4
			d, err := db.Accept(ctx, f.counterA, in)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := db.Dossier(ctx, f.counterA, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d.Fees, c.want) || !reflect.DeepEqual(stored.Fees, c.want) {
				t.Errorf("%s (stated %v): bill %+v, stored %+v; want %+v", c.code, c.stated, d.Fees, stored.Fees, c.want)
			}
		}
	})
}

// TestBadFeeClaimRefusesTheIntake: an exemption without a reason, for a
// line that does not exist, or a negative quantity refuses the intake with
// a Vietnamese message on its field, and nothing is written.
func TestBadFeeClaimRefusesTheIntake(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		p := f.withFees(t, "2.000004", true, extractFee, entryLevy)
		for name, q := range map[string]motcua.FeeQuantities{
			"no reason":    {Exempt: []motcua.FeeExemptionClaim{{Line: 1, Reason: "  "}}},
			"no such line": {Exempt: []motcua.FeeExemptionClaim{{Line: 5, Reason: "hộ nghèo"}}},
			"negative":     {Copies: -1},
		} {
			in := f.intake(f.a.ID)
			in.ProcedureID, in.Fees = p.ID, q
			_, err := db.Accept(t.Context(), f.counterA, in)
			if field := motcua.ErrorField(err); motcua.ErrorCode(err) != motcua.EINVALID || field != "exempt" && field != "quantity" {
				t.Errorf("%s: err = %v, want EINVALID on exempt or quantity", name, err)
			}
		}
		if n, e := count(t, db, "dossiers"), count(t, db, "events"); n != 0 || e != 0 {
			t.Errorf("%d dossiers, %d events written by refused intakes", n, e)
		}
	})
}

// TestImportedDossiersOweNothingKnown: dossiers imported from an old
// register, of a procedure whose version now states fee lines, carry no
// bill: what they owed was never recorded, and none is made up.
func TestImportedDossiersOweNothingKnown(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		p := f.withFees(t, "2.000005", true, entryLevy, setFee)
		entries := registerRows(f, 8)
		for i := range entries {
			entries[i].ProcedureCode = p.Code
		}
		if rep, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{}); err != nil || rep.Imported != len(entries) {
			t.Fatalf("import: %+v %v", rep, err)
		}
		if n := count(t, db, "dossiers WHERE fee_total <> 0 OR fee_due_intake <> 0 OR fee_due_result <> 0"); n != 0 {
			t.Errorf("%d imported dossiers owe something", n)
		}
		d, err := db.DossierByCode(t.Context(), f.counterA, entries[1].Code)
		if err != nil {
			t.Fatal(err)
		}
		if d.VersionID != p.VersionID || d.Fees != nil {
			t.Errorf("imported dossier of version %d (want %d) has bill %+v", d.VersionID, p.VersionID, d.Fees)
		}
	})
}

// TestOnlineSubmissionOwesItsBillOnceAccepted: the copies a citizen asks
// for online are kept with the submission (read back by the one-stop) and
// the bill is computed when it is accepted, for the one set filed; an
// exemption claimed online or a negative quantity is refused at filing.
func TestOnlineSubmissionOwesItsBillOnceAccepted(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		p := f.withFees(t, "2.000006", true, extractFee, entryLevy, setFee)
		c := motcua.Contact{Email: "binh@example.vn"}
		for name, q := range map[string]motcua.FeeQuantities{
			"exemption": {Exempt: []motcua.FeeExemptionClaim{{Line: 1, Reason: "Người khuyết tật"}}},
			"negative":  {Copies: -2},
		} {
			sub := f.submission("k-" + name)
			sub.ProcedureID, sub.Fees = p.ID, q
			if err := db.Submit(ctx, c, sub); motcua.ErrorCode(err) != motcua.EINVALID {
				t.Errorf("%s: %v, want EINVALID", name, err)
			}
		}
		if n := count(t, db, "submissions"); n != 0 {
			t.Fatalf("%d refused submissions written", n)
		}
		sub := f.submission("k-fees")
		sub.ProcedureID, sub.Fees = p.ID, motcua.FeeQuantities{Copies: 2, Pages: 7}
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		read, err := db.Submission(ctx, f.counterA, sub.ID)
		if err != nil || read.Fees.Copies != 2 || read.Fees.Pages != 7 {
			t.Fatalf("submission read back with fees %+v, %v", read.Fees, err)
		}
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Fees == nil || d.Fees.Total != 2*8000+5000+20000 || d.Fees.DueAtIntake != 5000 || d.Fees.Lines[2].Quantity != 1 {
			t.Fatalf("bill of the accepted submission: %+v", d.Fees)
		}
		if c, err := db.CheckLedger(ctx); err != nil || len(c.Problems) != 0 {
			t.Fatalf("ledger check: %v, %v", c.Problems, err)
		}
	})
}
