package web_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestCatalogAtACommuneCentre: choosing a commune's service centre in the
// public catalogue lists the commune's procedures, as choosing the commune
// does, and not the province's.
func TestCatalogAtACommuneCentre(t *testing.T) {
	e := newEnv(t)
	centre := &motcua.Unit{Code: "000.22.31.H17", Name: "Trung tâm Phục vụ hành chính công xã Đắk Lao", Kind: motcua.UnitCentre, ParentID: fx.UnitA.ID}
	if err := e.db.CreateUnit(t.Context(), centre); err != nil {
		t.Fatal(err)
	}
	record := &motcua.Procedure{Code: "1.000002", Name: "Cấp phiếu lý lịch tư pháp", Field: "Lý lịch tư pháp", Level: motcua.LevelProvince,
		Time: motcua.TimeLimit{Amount: 10, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Documents:     []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}},
		Steps:         []motcua.WorkflowStep{{Name: "Tiếp nhận, giải quyết, trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 4500}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.CreateProcedure(t.Context(), record); err != nil {
		t.Fatal(err)
	}
	anon := e.anonymous()
	check(t, anon.get(t, "/thu-tuc"), htmlcheck.In(`a[href="/thu-tuc/tinh/1.000002"]`))
	for _, u := range []*motcua.Unit{&fx.UnitA, centre} {
		check(t, anon.get(t, "/thu-tuc?don_vi="+u.Code), htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`),
			htmlcheck.NotIn(`[href^="/thu-tuc/tinh/"]`))
	}
}

// TestCatalogAtACentreShowsTheListed: a procedure of another level listed
// for intake regardless of boundary is offered at a commune's centre and
// at the provincial centre; one not listed is not.
func TestCatalogAtACentreShowsTheListed(t *testing.T) {
	e := newEnv(t)
	province := &motcua.Unit{Code: "000.00.00.H36", Name: "Ủy ban nhân dân tỉnh Lâm Đồng", Kind: motcua.UnitProvince}
	if err := e.db.CreateUnit(t.Context(), province); err != nil {
		t.Fatal(err)
	}
	communeCentre := &motcua.Unit{Code: "000.22.31.H17", Name: "Trung tâm Phục vụ hành chính công xã Đắk Lao", Kind: motcua.UnitCentre, ParentID: fx.UnitA.ID}
	provinceCentre := &motcua.Unit{Code: "000.00.31.H17", Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: motcua.UnitCentre, ParentID: province.ID}
	for _, u := range []*motcua.Unit{communeCentre, provinceCentre} {
		if err := e.db.CreateUnit(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	for _, code := range []string{"1.000002", "1.000003"} {
		p := &motcua.Procedure{Code: code, Name: "Thủ tục cấp tỉnh " + code, Field: "Lý lịch tư pháp", Level: motcua.LevelProvince,
			Time: motcua.TimeLimit{Amount: 10, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
			Documents:     []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}},
			Steps:         []motcua.WorkflowStep{{Name: "Tiếp nhận, giải quyết, trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 4500}},
			EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
		if err := e.db.CreateProcedure(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	from := time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN)    // before the suite's clock
	for _, code := range []string{"1.000002", "1.001193"} { // a province procedure and the commune's birth registration
		if err := e.db.AddBoundaryFreeListing(t.Context(), &motcua.BoundaryFreeListing{ProcedureCode: code, Decision: "2463/QĐ-UBND", From: from}); err != nil {
			t.Fatal(err)
		}
	}
	anon := e.anonymous()
	check(t, anon.get(t, "/thu-tuc?don_vi="+communeCentre.Code), htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`),
		htmlcheck.In(`a[href="/thu-tuc/tinh/1.000002"]`), htmlcheck.NotIn(`a[href="/thu-tuc/tinh/1.000003"]`))
	check(t, anon.get(t, "/thu-tuc?don_vi="+provinceCentre.Code), htmlcheck.In(`a[href="/thu-tuc/tinh/1.000002"]`),
		htmlcheck.In(`a[href="/thu-tuc/tinh/1.000003"]`), htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`))
}
