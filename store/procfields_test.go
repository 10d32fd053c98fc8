package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// withTexts gives a procedure the four texts the national portal publishes.
func withTexts(p *motcua.Procedure, applicants, agency string) *motcua.Procedure {
	p.Applicants, p.Agency = applicants, agency
	p.Sequence = "Bước 1: Người yêu cầu nộp hồ sơ.\nBước 2: Công chức tư pháp - hộ tịch thẩm tra hồ sơ.\nBước 3: Trả kết quả."
	p.Channels = "Trực tiếp: 3 ngày làm việc, miễn phí\nTrực tuyến: 3 ngày làm việc, miễn phí\nDịch vụ bưu chính: 3 ngày làm việc, miễn phí"
	return p
}

// TestVersionsKeepTheCitizenTexts: who may file, the published sequence,
// the ways of filing and the competent office travel with a version: a
// draft carries them, publishing keeps them, an amendment changes them for
// its own version only, and every read path (in force, by code, by
// version, a decision's changes) returns them.
func TestVersionsKeepTheCitizenTexts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		first := withTexts(deathRegistration(3), "Công dân Việt Nam", "Ủy ban nhân dân cấp xã")
		d := &motcua.Decision{Number: "12/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh Đắk Nông", SignedOn: vn(1, 1, 0, 0).AddDate(0, 0, -10),
			EffectiveFrom: vn(1, 1, 0, 0)}
		if err := db.CreateDecision(ctx, f.admin, d); err != nil {
			t.Fatal(err)
		}
		if err := db.DraftChange(ctx, f.admin, d.ID, motcua.ChangeAdd, first); err != nil {
			t.Fatal(err)
		}
		draft, err := db.Decision(ctx, d.ID)
		if err != nil || len(draft.Changes) != 1 {
			t.Fatalf("draft decision %+v, %v", draft, err)
		}
		wantTexts(t, "the draft", draft.Changes[0].Procedure, first)
		if err := db.PublishDecision(ctx, f.admin, d.ID); err != nil {
			t.Fatal(err)
		}
		v1, err := db.ProcedureByCode(ctx, "1.000656", motcua.LevelCommune)
		if err != nil {
			t.Fatal(err)
		}
		wantTexts(t, "version 1 by code", v1, first)

		second := withTexts(deathRegistration(3), "Công dân Việt Nam, người Việt Nam định cư ở nước ngoài", "")
		second.Sequence = ""
		decide(t, db, f.admin, "345/QĐ-UBND", vn(3, 1, 0, 0), motcua.ChangeAmend, second)
		now, err := db.Procedure(ctx, v1.ID)
		if err != nil || now.Version != 2 {
			t.Fatalf("in force %+v, %v", now, err)
		}
		wantTexts(t, "version 2 in force", now, second)
		old, err := db.ProcedureVersion(ctx, v1.VersionID)
		if err != nil {
			t.Fatal(err)
		}
		wantTexts(t, "version 1 after the amendment", old, first)
		before, err := db.VersionAt(ctx, v1.ID, vn(2, 1, 9, 0))
		if err != nil {
			t.Fatal(err)
		}
		wantTexts(t, "the version in force on 01/02", before, first)
	})
}

func wantTexts(t *testing.T, what string, got, want *motcua.Procedure) {
	t.Helper()
	if got.Applicants != want.Applicants || got.Sequence != want.Sequence || got.Channels != want.Channels || got.Agency != want.Agency {
		t.Errorf("%s: applicants %q, sequence %q, channels %q, agency %q; want %q, %q, %q, %q", what,
			got.Applicants, got.Sequence, got.Channels, got.Agency, want.Applicants, want.Sequence, want.Channels, want.Agency)
	}
}
