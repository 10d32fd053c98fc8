package demo

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Legal bases printed on the hand-overs of 01/07/2025. The resolutions'
// numbers and khoản are confirmed (docs/government-2025-research.md §3–4);
// which department or commune took over each field of a district office
// follows the sector decrees of 2025, summarised here as sample data.
const (
	basisProvince = "Nghị quyết 202/2025/QH15 ngày 12/6/2025, Điều 1 khoản 14"
	basisDistrict = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 (không tổ chức cấp huyện từ 01/07/2025)"
	basisFields   = basisDistrict + "; phân định thẩm quyền theo lĩnh vực (dữ liệu mẫu, cần đối chiếu nghị định của từng ngành)"
)

func communeBasis(khoan string) string {
	return "Nghị quyết 1671/NQ-UBTVQH15 ngày 16/6/2025, Điều 1 khoản " + khoan
}

// fieldSuccessions say, per district office and field, who decides its
// dossiers from 01/07/2025: a department (by key) or, for "", the commune
// of the dossier's locality. The office's other fields go to officeSuccessor.
var fieldSuccessions = []struct{ office, field, department string }{
	{"tu_phap", "Chứng thực", ""},                 // certification went down to the communes
	{"tu_phap", "Hộ tịch", ""},                    // civil status likewise
	{"tnmt", "Đất đai", ""},                       // first land registrations at the commune
	{"tnmt", "Đăng ký biện pháp bảo đảm", "nnmt"}, // mortgages: the department's land registration office
	{"ldtbxh", "Bảo trợ xã hội", ""},              // social allowances at the commune
	{"tckh", "Hộ kinh doanh", ""},                 // household businesses registered at the commune
	{"noi_vu", "Tôn giáo", ""},                    // religious events at the commune
	{"yte", "Dân số - Bà mẹ trẻ em", ""},          // population at the commune
	{"gddt", "", ""},                              // schools: the communes run them now
	{"vp", "", ""},                                // the district office's own: the commune
	{"thanh_tra", "", ""},                         // inspection: the commune (sample)
	{"kthh", "", ""},                              // infrastructure, building permits: the commune (sample)
	{"vhtt", "", ""},                              // culture, festivals: the commune (sample)
}

// seedSuccessions records who took over each dissolved unit on 01/07/2025:
// the former communes their new commune, the district (for what no office
// decided) the locality's commune, the one-stop the provincial centre's
// branch, the offices a department or the locality's commune by field.
func seedSuccessions(ctx context.Context, db *store.DB, o *org, formerProvince int64) error {
	add := func(unit int64, field string, successor int64, basis string) error {
		return db.AddSuccession(ctx, &motcua.Succession{UnitID: unit, Field: field, SuccessorID: successor, From: changeDay, Basis: basis})
	}
	t := o.today
	if err := add(formerProvince, "", t.province.ID, basisProvince); err != nil {
		return err
	}
	if err := add(o.district.ID, "", 0, basisDistrict); err != nil {
		return err
	}
	if err := add(o.oneStop.ID, "", t.branch.ID, basisDistrict); err != nil {
		return err
	}
	for i, c := range communes {
		nc := newCommuneOf(c.slug)
		if err := add(o.communes[i].ID, "", t.communeOf(c.slug).ID, communeBasis(nc.khoan)); err != nil {
			return err
		}
	}
	general := map[string]bool{}
	for _, f := range fieldSuccessions {
		var to int64
		if f.department != "" {
			to = t.departments[f.department].ID
		}
		if err := add(o.offices[f.office].ID, f.field, to, basisFields); err != nil {
			return err
		}
		general[f.office] = general[f.office] || f.field == ""
	}
	for _, of := range offices {
		if d := t.departments[officeSuccessor[of.key]]; d != nil && !general[of.key] {
			if err := add(o.offices[of.key].ID, "", d.ID, basisFields); err != nil {
				return err
			}
		}
	}
	return nil
}

// newCommuneOf is the row of newCommunes a former commune merged into.
func newCommuneOf(formerSlug string) newCommune {
	for _, c := range newCommunes {
		for _, s := range c.from {
			if s == formerSlug {
				return c
			}
		}
	}
	return newCommune{}
}
