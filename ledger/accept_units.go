package ledger

import "github.com/motcua/motcua"

// Ancestry is the part of the organisation an intake looks at: the
// receiving unit and the units above it, nearest first, with the offices
// directly under each. It is empty when the receiving unit does not exist.
type Ancestry struct {
	Units   []*motcua.Unit
	Offices map[int64][]*motcua.Unit // by parent unit, in the tree's order
}

// Receiving is the unit where the dossier is received, nil if none.
func (a Ancestry) Receiving() *motcua.Unit {
	if len(a.Units) == 0 {
		return nil
	}
	return a.Units[0]
}

// DecidingUnit is the unit competent for p when a dossier is received at
// the ancestry's unit: the commune itself for commune procedures, the
// named office of the district (or, since 07/2025, the named department
// of the province) for district (province) procedures, the district or
// province itself when it has no such office. A service centre receives
// for the authorities above it: a commune's centre for its commune, the
// provincial centre and its branches for the province.
func DecidingUnit(a Ancestry, p *motcua.Procedure) (*motcua.Unit, error) {
	kind := map[motcua.Level]motcua.UnitKind{motcua.LevelCommune: motcua.UnitCommune,
		motcua.LevelDistrict: motcua.UnitDistrict, motcua.LevelProvince: motcua.UnitProvince}[p.Level]
	var top *motcua.Unit
	for _, u := range a.Units {
		if u.Kind == kind {
			top = u
			break
		}
	}
	if top == nil {
		return nil, motcua.FieldError("procedure", "Thủ tục %s (%s) không thuộc thẩm quyền tiếp nhận của đơn vị này.", p.Code, p.Level.Label())
	}
	if p.Office == "" {
		return top, nil
	}
	for _, c := range a.Offices[top.ID] {
		if c.Office == p.Office {
			return c, nil
		}
	}
	return top, nil
}

// ReceivingLevel is the catalogue level of the procedures a unit receives
// as its own, from its ancestry: a commune's (the commune, its centre),
// a district's (its one-stop section and offices, before 07/2025), else
// the province's (the provincial centre and its branches, the
// departments). A partner's register names only a unit and a national
// code; this says which (code, level) it means.
func ReceivingLevel(a Ancestry) motcua.Level {
	switch {
	case a.nearest(motcua.UnitCommune) != nil:
		return motcua.LevelCommune
	case a.nearest(motcua.UnitDistrict) != nil, a.Receiving() != nil && a.Receiving().Kind == motcua.UnitOneStop:
		return motcua.LevelDistrict // one-stop sections are the 2024 organisation's
	case a.nearest(motcua.UnitProvince) != nil:
		return motcua.LevelProvince
	}
	return motcua.LevelDistrict // a tree without authorities: the 2024 default
}
