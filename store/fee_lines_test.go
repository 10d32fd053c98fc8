package store_test

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalogio"
	"github.com/motcua/motcua/store"
)

// extractFee is the national fee for a copy of a civil-status extract
// (Circular 281/2016/TT-BTC, art. 4).
var extractFee = motcua.FeeLine{Kind: motcua.FeeCharge, Name: "Phí cấp bản sao trích lục", Amount: 8000, Basis: motcua.FeePerCopy,
	Exemptions: []motcua.FeeExemption{{Who: "Hộ nghèo", Basis: "Luật Phí và lệ phí 97/2015/QH13"}},
	LegalBasis: "TT 281/2016/TT-BTC", PayAt: motcua.FeePayAtResult}

// TestFeeLinesSurviveTheStore: a version's fee lines, and whether it states
// them at all, come back from every read path as they were written; free
// (stated, no line) stays apart from not stated.
func TestFeeLinesSurviveTheStore(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		v1 := deathRegistration(3)
		v1.Fees, v1.FeesStated, v1.FeeLines = "Lệ phí do HĐND tỉnh quy định", false, nil
		decide(t, db, f.admin, "12/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, v1)
		v2 := deathRegistration(3)
		v2.FeesStated, v2.FeeLines = true, []motcua.FeeLine{}
		decide(t, db, f.admin, "13/QĐ-UBND", vn(2, 1, 0, 0), motcua.ChangeAmend, v2)
		v3 := deathRegistration(3)
		v3.Fees, v3.FeesStated, v3.FeeLines = "Lệ phí đăng ký do HĐND tỉnh quy định", true, []motcua.FeeLine{extractFee}
		decide(t, db, f.admin, "14/QĐ-UBND", vn(3, 1, 0, 0), motcua.ChangeAmend, v3)

		now, err := db.ProcedureByCode(ctx, "1.000656", motcua.LevelCommune)
		if err != nil {
			t.Fatal(err)
		}
		wantFees(t, "in force", now, v3)
		for i, want := range []*motcua.Procedure{v1, v2, v3} {
			at, err := db.VersionAt(ctx, now.ID, vn(time.Month(1+i), 2, 9, 0))
			if err != nil {
				t.Fatal(err)
			}
			wantFees(t, "version "+at.Code, at, want)
			again, err := db.ProcedureVersion(ctx, at.VersionID)
			if err != nil {
				t.Fatal(err)
			}
			wantFees(t, "by version id", again, want)
		}
		if free, _ := db.VersionAt(ctx, now.ID, vn(2, 2, 9, 0)); free.FeeLines == nil || len(free.FeeLines) != 0 {
			t.Errorf("free version reads back fee lines %#v, want an empty list", free.FeeLines)
		}
	})
}

func wantFees(t *testing.T, what string, got, want *motcua.Procedure) {
	t.Helper()
	if got.Fees != want.Fees || got.FeesStated != want.FeesStated || len(got.FeeLines) != len(want.FeeLines) ||
		(len(want.FeeLines) > 0 && !reflect.DeepEqual(got.FeeLines, want.FeeLines)) {
		t.Errorf("%s: fees %q stated %v lines %+v; want %q, %v, %+v", what, got.Fees, got.FeesStated, got.FeeLines,
			want.Fees, want.FeesStated, want.FeeLines)
	}
}

// TestStoreRefusesBadFeeLines: a line the catalogue rules refuse is not
// written, with the line's number in the message.
func TestStoreRefusesBadFeeLines(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		bad := extractFee
		bad.Amount = 0
		p := deathRegistration(3)
		p.FeesStated, p.FeeLines = true, []motcua.FeeLine{extractFee, bad}
		err := db.CreateProcedure(t.Context(), p)
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "fee_lines" {
			t.Fatalf("err = %v, want EINVALID on fee_lines", err)
		}
		p = deathRegistration(3)
		p.FeeLines = []motcua.FeeLine{extractFee} // lines without saying they are stated
		if err := db.CreateProcedure(t.Context(), p); motcua.ErrorField(err) != "fee_lines" {
			t.Fatalf("unstated lines: err = %v", err)
		}
	})
}

// TestFeeLinesSurviveACatalogueFile: the catalogue exported to JSON and
// read back is the stored catalogue: importing it changes nothing, so
// fee lines read from a file compare equal to the stored ones.
func TestFeeLinesSurviveACatalogueFile(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		free := deathRegistration(3)
		free.FeesStated = true
		decide(t, db, f.admin, "12/QĐ-UBND", vn(1, 1, 0, 0), motcua.ChangeAdd, free)
		lines := deathRegistration(3)
		lines.FeesStated, lines.FeeLines = true, []motcua.FeeLine{extractFee}
		decide(t, db, f.admin, "13/QĐ-UBND", vn(2, 1, 0, 0), motcua.ChangeAmend, lines)
		snap, err := db.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := catalogio.WriteJSON(&b, snap); err != nil {
			t.Fatal(err)
		}
		read, err := catalogio.ReadJSON(&b)
		if err != nil {
			t.Fatal(err)
		}
		report, err := db.ImportCatalog(ctx, f.admin, read)
		if err != nil || report.Changes() != 0 {
			t.Fatalf("re-import of the exported file: %+v, %v; want no change", report, err)
		}
	})
}
