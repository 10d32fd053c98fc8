package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

// provinceAdmin is an administrator of a province People's Committee.
func (e *env) provinceAdmin(t *testing.T) motcua.User {
	t.Helper()
	ctx := t.Context()
	province := &motcua.Unit{Code: "000.00.00.H17", Name: "Ủy ban nhân dân tỉnh Đắk Nông", Kind: motcua.UnitProvince,
		ValidFrom: time.Date(2004, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.CreateUnit(ctx, province); err != nil {
		t.Fatal(err)
	}
	admin := motcua.User{Username: "quantri.tinh", FullName: "Quản trị tỉnh", Grants: []motcua.Grant{{Role: motcua.RoleAdmin, UnitID: province.ID}}}
	if err := e.db.CreateUser(ctx, &admin, sample.Password); err != nil {
		t.Fatal(err)
	}
	if err := storetest.SetTOTPSecret(ctx, e.db, admin.ID, sample.TOTPSecret); err != nil {
		t.Fatal(err)
	}
	return admin
}

// TestProvinceAdministratorKeepsTheListings: only the province's
// administrator has the page (in the menu, and by address); a code the
// catalogue lacks is refused with the reason and nothing stored; a listing
// added shows in the public catalogue (marked, with its decision, and the
// filter keeps only it) and on the procedure's page with the competence
// rule; once ended it is no longer marked.
func TestProvinceAdministratorKeepsTheListings(t *testing.T) {
	e := newEnv(t)
	district := e.login(t, fx.Admin)
	wantStatus(t, district.get(t, "/listings"), http.StatusForbidden)
	wantStatus(t, district.post(t, "/listings", url.Values{"code": {"1.001193"}}), http.StatusForbidden)

	admin := e.login(t, e.provinceAdmin(t))
	p := admin.get(t, "/listings")
	wantStatus(t, p, http.StatusOK)
	if !slices.Contains(menuLinks(t, p), "/listings") {
		t.Errorf("the province administrator's menu lacks /listings: %v", menuLinks(t, p))
	}
	add := url.Values{"code": {"9.999999"}, "decision": {"2463/QĐ-UBND"}, "decided_on": {"2024-02-20"}, "from": {"2024-03-01"}}
	p = admin.post(t, "/listings", add)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "Không có thủ tục mã 9.999999 trong danh mục thủ tục hành chính.")
	if ls, _ := e.db.BoundaryFreeListings(t.Context(), ""); len(ls) != 0 {
		t.Fatalf("a refused listing was stored: %+v", ls)
	}
	add.Set("code", "1.001193")
	added := admin.post(t, "/listings", add)
	wantRedirect(t, added, "/listings")
	check(t, admin.follow(t, added), flashSays("Đã thêm thủ tục 1.001193"), htmlcheck.In("#listings tbody tr", htmlcheck.MatchesText(`1\.001193.*Đăng ký khai sinh.*Quyết định 2463/QĐ-UBND ngày 20/02/2024.*01/03/2024.*Đang có hiệu lực`)))

	anon := e.anonymous()
	check(t, anon.get(t, "/thu-tuc"), htmlcheck.Count(".boundary-free", 1),
		htmlcheck.In("#catalog .listed", htmlcheck.MatchesText(`1\.001193.*Tiếp nhận không phụ thuộc địa giới hành chính.*Quyết định 2463/QĐ-UBND`)))
	check(t, anon.get(t, "/thu-tuc?dia_gioi=khong-phu-thuoc"), htmlcheck.Count("#catalog tbody tr", 1),
		htmlcheck.In(`a[href="/thu-tuc/xa/1.001193"]`), htmlcheck.NotIn(`a[href="/thu-tuc/xa/1.000894"]`))
	check(t, anon.get(t, "/thu-tuc/xa/1.001193"), htmlcheck.In("#boundary-free", htmlcheck.MatchesText(`Quyết định 2463/QĐ-UBND ngày 20/02/2024`)))

	ls, err := e.db.BoundaryFreeListings(t.Context(), "1.001193")
	if err != nil || len(ls) != 1 {
		t.Fatalf("listings %+v, %v", ls, err)
	}
	end := "/listings/" + strconv.FormatInt(ls[0].ID, 10) + "/end"
	wantStatus(t, admin.post(t, end, url.Values{"to": {"2024-02-01"}}), http.StatusUnprocessableEntity)
	wantRedirect(t, admin.post(t, end, url.Values{"to": {"2024-03-04"}}), "/listings")
	check(t, anon.get(t, "/thu-tuc"), htmlcheck.Count(".boundary-free", 0))
	check(t, anon.get(t, "/thu-tuc/xa/1.001193"), htmlcheck.NotIn("#boundary-free"))
}

// TestProcedurePageSaysHowTheDecidingUnitIsFound: a procedure whose
// version names a competence rule says it in Vietnamese on its public page
// and on the officers' versions page; one without says nothing publicly.
func TestProcedurePageSaysHowTheDecidingUnitIsFound(t *testing.T) {
	e := newEnv(t)
	for rule, words := range map[motcua.Competence]string{motcua.CompetenceResidence: "nơi cư trú của người nộp",
		motcua.CompetenceLocation: "nơi có đất, cơ sở kinh doanh", motcua.CompetenceChoice: "lựa chọn của người nộp"} {
		p := &motcua.Procedure{Code: "2.00" + string(rule[:3]), Name: "Thủ tục thử " + string(rule), Field: "Đất đai", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineNone, Competence: rule,
			Steps:         []motcua.WorkflowStep{{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
			EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
		if err := e.db.CreateProcedure(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		check(t, e.anonymous().get(t, "/thu-tuc/xa/"+p.Code), htmlcheck.In("#competence", htmlcheck.MatchesText(`^Cơ quan giải quyết xác định theo: `+words+`\.$`)))
		check(t, e.login(t, fx.CounterA).get(t, "/catalog/procedures/"+strconv.FormatInt(p.ID, 10)), htmlcheck.In("#competence", htmlcheck.MatchesText(words)))
	}
	check(t, e.anonymous().get(t, "/thu-tuc/xa/1.001193"), htmlcheck.NotIn("#competence"))
}
