package demo

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Today's organisation (since 01/07/2025, Decree 118/2025/NĐ-CP): tỉnh Lâm
// Đồng (Đắk Nông merged into it, NQ 202/2025/QH15 Điều 1 khoản 14), a few
// of its departments, its Public Administration Service Centre with a
// branch at Đắk Mil, and the four communes that replaced Đắk Mil district
// (NQ 1671/NQ-UBTVQH15 ngày 16/6/2025, Điều 1 khoản 80–83), each with its
// own centre.
//
// Codes: H36 as Lâm Đồng's level-1 code is inferred (alphabetical order of
// the 63 old provinces; the merged province keeps the code of the
// predecessor whose name it takes, QĐ 09/2025/QĐ-TTg) and not confirmed;
// every level-2 and level-3 number below is illustrative, in the QCVN
// 102:2016 shape, not the province's assignment
// (docs/government-2025-research.md §2, §6; docs/dossier-codes.md).
const todayProvinceCode = "000.00.00.H36"

// newCommune is a commune of 01/07/2025 and the former communes merged
// into it by the resolution's khoản.
type newCommune struct {
	slug, name, number, khoan string
	from                      []string // slugs of the former communes
}

var newCommunes = []newCommune{
	{"thuanan", "Xã Thuận An", "61", "80", []string{"daklao", "thuanan"}},
	{"duclap", "Xã Đức Lập", "62", "81", []string{"dakmil", "ducmanh", "ducminh"}},
	{"dakmil", "Xã Đắk Mil", "63", "82", []string{"dakgan", "dakndrot", "dakrla"}},
	// Xã Nam Xuân (from huyện Krông Nô) merged here too; it is outside the demo.
	{"daksak", "Xã Đắk Sắk", "64", "83", []string{"longson", "daksak"}},
}

// department is a Sở: its key matches the procedures' deciding office;
// staff is the username suffix of its officers ("" for none).
type department struct{ key, name, number, staff string }

var departments = []department{
	{"tu_phap", "Sở Tư pháp tỉnh Lâm Đồng", "15", ""}, // no province procedure of its own in the demo catalogue
	{"nnmt", "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng", "16", "snnmt"},
	{"tai_chinh", "Sở Tài chính tỉnh Lâm Đồng", "17", "stc"},
	{"noi_vu", "Sở Nội vụ tỉnh Lâm Đồng", "18", ""},
	{"yte", "Sở Y tế tỉnh Lâm Đồng", "19", ""},
}

// officeSuccessor is the department that took over a district office's
// competence (by default; the Successions say it by field), "" for none
// among the demo's departments.
var officeSuccessor = map[string]string{
	"noi_vu": "noi_vu", "tu_phap": "tu_phap", "tckh": "tai_chinh", "tnmt": "nnmt", "ldtbxh": "noi_vu",
	"yte": "yte", "nnptnt": "nnmt",
}

// today is what seeding today's organisation created.
type today struct {
	province, centre, branch *motcua.Unit
	departments              map[string]*motcua.Unit // by key
	communes                 []*motcua.Unit          // in the order of newCommunes
	centres                  []*motcua.Unit          // each commune's centre, same order
}

func seedToday(ctx context.Context, db *store.DB) (*today, error) {
	t := &today{departments: map[string]*motcua.Unit{}}
	add := func(u *motcua.Unit, parent *motcua.Unit) error {
		u.ValidFrom = changeDay
		var id int64
		if parent != nil {
			id = parent.ID
		}
		return create(ctx, db, u, id)
	}
	t.province = &motcua.Unit{Code: todayProvinceCode, Name: "Ủy ban nhân dân tỉnh Lâm Đồng", Kind: motcua.UnitProvince}
	if err := add(t.province, nil); err != nil {
		return nil, err
	}
	for _, d := range departments {
		u := &motcua.Unit{Code: "000.00." + d.number + ".H36", Name: d.name, Kind: motcua.UnitDepartment, Office: d.key}
		if err := add(u, t.province); err != nil {
			return nil, err
		}
		t.departments[d.key] = u
	}
	t.centre = &motcua.Unit{Code: "000.00.31.H36", Name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", Kind: motcua.UnitCentre}
	if err := add(t.centre, t.province); err != nil {
		return nil, err
	}
	t.branch = &motcua.Unit{Code: "000.01.31.H36", Name: "Chi nhánh Đắk Mil – Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng", Kind: motcua.UnitBranch}
	if err := add(t.branch, t.centre); err != nil {
		return nil, err
	}
	for _, c := range newCommunes {
		u := &motcua.Unit{Code: "000.00." + c.number + ".H36", Name: "Ủy ban nhân dân " + lowerFirst(c.name), Kind: motcua.UnitCommune}
		if err := add(u, t.province); err != nil {
			return nil, err
		}
		centre := &motcua.Unit{Code: "000.31." + c.number + ".H36", Name: "Trung tâm Phục vụ hành chính công " + lowerFirst(c.name), Kind: motcua.UnitCentre}
		if err := add(centre, u); err != nil {
			return nil, err
		}
		t.communes, t.centres = append(t.communes, u), append(t.centres, centre)
	}
	return t, nil
}

// communeOf is the new commune a former commune merged into.
func (t *today) communeOf(formerSlug string) *motcua.Unit {
	for i, c := range newCommunes {
		for _, s := range c.from {
			if s == formerSlug {
				return t.communes[i]
			}
		}
	}
	return nil
}

// seats are today's officers: the administrator and a leader for the
// province, counters at the provincial centre and its branch, a
// specialist and a leader at the departments with staff, and at each
// commune a counter at its centre, a specialist and a leader.
func (t *today) seats() []seat {
	seats := []seat{{username: "quantri", role: motcua.RoleAdmin, unit: t.province},
		{username: "lanhdao.tinh", role: motcua.RoleLeader, unit: t.province},
		{username: "motcua.tinh", role: motcua.RoleCounter, unit: t.centre},
		{username: "motcua.cndakmil", role: motcua.RoleCounter, unit: t.branch}}
	for _, d := range departments {
		if d.staff != "" {
			u := t.departments[d.key]
			seats = append(seats, seat{username: "chuyenvien." + d.staff, role: motcua.RoleSpecialist, unit: u},
				seat{username: "lanhdao." + d.staff, role: motcua.RoleLeader, unit: u})
		}
	}
	for i, c := range newCommunes {
		seats = append(seats, seat{username: "motcua." + c.slug, role: motcua.RoleCounter, unit: t.centres[i]},
			seat{username: "chuyenvien." + c.slug, role: motcua.RoleSpecialist, unit: t.communes[i]},
			seat{username: "lanhdao." + c.slug, role: motcua.RoleLeader, unit: t.communes[i]})
	}
	return seats
}
