package ledger

import (
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Organisation is the unit tree as the succession rule reads it: every
// unit by id, with the units under each. Which of them exist is asked at
// an instant (AncestryAt), so one tree serves before and after a change.
type Organisation struct {
	byID     map[int64]*motcua.Unit
	children map[int64][]*motcua.Unit
}

// NewOrganisation indexes units (parents before children or not: order
// only decides which of two offices with one key comes first).
func NewOrganisation(units []*motcua.Unit) *Organisation {
	o := &Organisation{byID: map[int64]*motcua.Unit{}, children: map[int64][]*motcua.Unit{}}
	for _, u := range units {
		o.byID[u.ID] = u
		o.children[u.ParentID] = append(o.children[u.ParentID], u)
	}
	return o
}

// Unit is the unit with id, nil if none.
func (o *Organisation) Unit(id int64) *motcua.Unit { return o.byID[id] }

// AncestryAt is unit id with the units above it and, under each, the
// offices and departments in force at t: a dissolved office never decides
// again, its successor with the same key does.
func (o *Organisation) AncestryAt(id int64, t time.Time) Ancestry {
	a := Ancestry{Offices: map[int64][]*motcua.Unit{}}
	for u, n := o.byID[id], 0; u != nil && n <= len(o.byID); u, n = o.byID[u.ParentID], n+1 {
		a.Units = append(a.Units, u)
		for _, c := range o.children[u.ID] {
			if c.IsOffice() && c.InForce(t) {
				a.Offices[u.ID] = append(a.Offices[u.ID], c)
			}
		}
	}
	return a
}

// receivingUnit is where a unit's dossiers are received and returned: the
// unit itself when it receives, else the service centre in force under the
// authority it belongs to (the commune's centre, the province's centre),
// else a commune itself.
func (o *Organisation) receivingUnit(u *motcua.Unit, t time.Time) *motcua.Unit {
	if u.Kind != motcua.UnitCommune && u.ReceivesDossiers() {
		return u
	}
	authority := u
	if !u.IsAuthority() {
		authority = o.byID[u.ParentID]
	}
	if authority == nil {
		return nil
	}
	for _, c := range o.children[authority.ID] {
		if (c.Kind == motcua.UnitCentre || c.Kind == motcua.UnitOneStop) && c.InForce(t) {
			return c
		}
	}
	if authority.Kind == motcua.UnitCommune {
		return authority
	}
	return nil
}

// successorAt follows the successors of a unit (Unit.SuccessorID) to the
// first one in force at t; nil when the chain ends before.
func (o *Organisation) successorAt(u *motcua.Unit, t time.Time) *motcua.Unit {
	for n := 0; u != nil && n <= len(o.byID); n++ {
		if u.InForce(t) {
			return u
		}
		if u.SuccessorID == 0 {
			return nil
		}
		u = o.byID[u.SuccessorID]
	}
	return nil
}

// SuccessionCase is what the succession rule decides a running dossier's
// new units on: the dossier and the version it runs on (its field, level,
// code), the instant of the hand-over, the recorded successions, the
// organisation, the versions of the same national code in force at the
// instant at any level (a catalogue decision may have moved the procedure
// from the district to the commune or the province: the catalogue's
// identity is code and level), and the decisions that published them, as
// printed ("Quyết định 1234/QĐ-UBND ngày 30/06/2025"), by id.
type SuccessionCase struct {
	Dossier     *motcua.Dossier
	Procedure   *motcua.Procedure
	At          time.Time
	Successions []motcua.Succession
	Org         *Organisation
	Versions    []*motcua.Procedure
	Decisions   map[int64]string
}

// Successor decides the hand-over of a running dossier whose deciding or
// return unit is no longer in force at c.At (issue 17, the change of
// 01/07/2025): the deciding unit goes to the successor its succession row
// names for the procedure's field, or — successor 0 — to the commune of
// the dossier's locality as it is after the change, where the version in
// force now names the deciding unit (the commune, or its department);
// the return unit goes to its successor's service centre. The basis is
// the succession's legal text, with the catalogue decision when the
// procedure changed level. It returns nil when nothing is to be handed
// over (the dossier finished, or its units still in force), and an error
// in Vietnamese when no successor can be found: that dossier must be
// transferred by hand.
func Successor(c SuccessionCase) (*Transfer, error) {
	d := c.Dossier
	if !d.State.Open() && d.State != motcua.StateResultReady {
		return nil, nil
	}
	t := &Transfer{At: c.At}
	var bases []string
	decider := c.Org.Unit(d.DecidingUnitID)
	if decider == nil {
		return nil, motcua.FieldError("to_unit", "Không tìm thấy cơ quan giải quyết của hồ sơ %s.", d.Code)
	}
	if !decider.InForce(c.At) {
		to, basis, err := c.newDeciding(decider)
		if err != nil {
			return nil, err
		}
		t.To, bases = to, append(bases, basis...)
	}
	ret := c.Org.Unit(d.ReturnUnit())
	if ret == nil {
		return nil, motcua.FieldError("return_unit", "Không tìm thấy nơi trả kết quả của hồ sơ %s.", d.Code)
	}
	if !ret.InForce(c.At) {
		to, basis, err := c.newReturn(ret, t.To)
		if err != nil {
			return nil, err
		}
		t.Return, bases = to, append(bases, basis...)
	}
	if t.To == nil && t.Return == nil {
		return nil, nil
	}
	t.Basis = joinBases(bases)
	if t.Basis == "" {
		return nil, motcua.FieldError("reason", "Chưa ghi nhận căn cứ pháp lý của việc chuyển giao %s.", ret.Name)
	}
	return t, nil
}

// newDeciding is the unit that now decides in place of old, with the
// legal texts that say so.
func (c SuccessionCase) newDeciding(old *motcua.Unit) (*motcua.Unit, []string, error) {
	field := c.Procedure.Field
	s := motcua.SuccessionFor(c.Successions, old.ID, field, c.At)
	if s == nil {
		return nil, nil, motcua.FieldError("to_unit", "Chưa ghi nhận đơn vị kế thừa thẩm quyền của %s (lĩnh vực %s) vào %s.",
			old.Name, orNone(field), motcua.FormatDateTime(c.At))
	}
	var authority *motcua.Unit
	if s.SuccessorID == 0 {
		commune, err := c.localityCommune(old)
		if err != nil {
			return nil, nil, err
		}
		authority = commune
	} else {
		u := c.Org.Unit(s.SuccessorID)
		if u == nil {
			return nil, nil, motcua.FieldError("to_unit", "Không tìm thấy đơn vị kế thừa của %s.", old.Name)
		}
		if err := inForceAt(u, c.At, "to_unit"); err != nil {
			return nil, nil, motcua.FieldError("to_unit", "Đơn vị kế thừa của %s không hợp lệ: %s", old.Name, motcua.ErrorMessage(err))
		}
		if !u.IsAuthority() {
			return u, []string{s.Basis}, nil // a department or office named by the row
		}
		authority = u
	}
	to, v, err := c.decidingIn(authority)
	if err != nil {
		return nil, nil, err
	}
	bases := []string{s.Basis}
	if v.Level != c.Procedure.Level {
		bases = append(bases, c.levelBasis(v))
	}
	return to, bases, nil
}

// localityCommune is the commune, in force at the instant, that the
// dossier's locality became: the old commune's successors followed.
func (c SuccessionCase) localityCommune(old *motcua.Unit) (*motcua.Unit, error) {
	id := c.Dossier.LocalityUnitID
	if id == 0 {
		return nil, motcua.FieldError("locality", "Hồ sơ %s không ghi xã, phường nơi cư trú hoặc nơi có đất: không xác định được đơn vị kế thừa thẩm quyền của %s.",
			c.Dossier.Code, old.Name)
	}
	local := c.Org.Unit(id)
	if local == nil {
		return nil, motcua.FieldError("locality", "Không tìm thấy xã, phường của hồ sơ %s.", c.Dossier.Code)
	}
	u := c.Org.successorAt(local, c.At)
	if u == nil || u.Kind != motcua.UnitCommune {
		return nil, motcua.FieldError("locality", "%s không có xã, phường kế thừa đang hoạt động vào %s.", local.Name, motcua.FormatDateTime(c.At))
	}
	return u, nil
}

// decidingIn is the unit competent for the procedure within authority at
// the instant: the version of the authority's own level first, then the
// other levels in force (the procedure may now belong to the province
// above the commune), each asked of ledger.DecidingUnit.
func (c SuccessionCase) decidingIn(authority *motcua.Unit) (*motcua.Unit, *motcua.Procedure, error) {
	own := map[motcua.UnitKind]motcua.Level{motcua.UnitCommune: motcua.LevelCommune, motcua.UnitDistrict: motcua.LevelDistrict,
		motcua.UnitProvince: motcua.LevelProvince}[authority.Kind]
	a := c.Org.AncestryAt(authority.ID, c.At)
	for _, level := range []motcua.Level{own, motcua.LevelCommune, motcua.LevelProvince, motcua.LevelDistrict} {
		for _, v := range c.Versions {
			if v.Level != level || v.Repealed() || v.EffectiveFrom.After(c.At) {
				continue
			}
			if u, err := DecidingUnit(a, v); err == nil && u.InForce(c.At) {
				return u, v, nil
			}
		}
	}
	return nil, nil, motcua.FieldError("procedure", "Không có thủ tục mã %s có hiệu lực vào %s thuộc thẩm quyền của %s.",
		c.Procedure.Code, motcua.FormatDateTime(c.At), authority.Name)
}

// levelBasis names the catalogue decision that moved the procedure to v's
// level.
func (c SuccessionCase) levelBasis(v *motcua.Procedure) string {
	s := "thủ tục " + v.Code + " chuyển sang " + strings.ToLower(v.Level.Label())
	if dec := c.Decisions[v.DecisionID]; dec != "" {
		return s + " theo " + dec
	}
	return s + " từ ngày " + motcua.FormatDate(v.EffectiveFrom)
}

// newReturn is where the result is now returned in place of old: the
// receiving unit of old's successor (its Unit.SuccessorID, else its
// succession row, else the new deciding unit's), with the legal text of
// the row when one was used.
func (c SuccessionCase) newReturn(old, deciding *motcua.Unit) (*motcua.Unit, []string, error) {
	var bases []string
	succ := c.Org.successorAt(old, c.At)
	if succ == nil {
		// A one-stop section is not a party to the resolutions: the
		// authority it served is, for every field.
		s := c.successionOf(old)
		switch {
		case s != nil && s.SuccessorID != 0:
			succ = c.Org.successorAt(c.Org.Unit(s.SuccessorID), c.At)
		case s != nil && c.Dossier.LocalityUnitID != 0:
			succ, _ = c.localityCommune(old)
		case deciding != nil:
			succ = deciding
		}
		if s != nil {
			bases = append(bases, s.Basis)
		}
	} else if s := c.successionOf(old); s != nil {
		bases = append(bases, s.Basis)
	}
	if succ == nil {
		return nil, nil, motcua.FieldError("return_unit", "Chưa ghi nhận đơn vị kế thừa việc trả kết quả của %s vào %s.",
			old.Name, motcua.FormatDateTime(c.At))
	}
	to := c.Org.receivingUnit(succ, c.At)
	if to == nil || !to.InForce(c.At) {
		return nil, nil, motcua.FieldError("return_unit", "%s không có bộ phận tiếp nhận và trả kết quả đang hoạt động vào %s.",
			succ.Name, motcua.FormatDateTime(c.At))
	}
	return to, bases, nil
}

// successionOf is the row for the return unit's field, or for the
// authority it belongs to.
func (c SuccessionCase) successionOf(u *motcua.Unit) *motcua.Succession {
	if s := motcua.SuccessionFor(c.Successions, u.ID, c.Procedure.Field, c.At); s != nil {
		return s
	}
	return motcua.SuccessionFor(c.Successions, u.ParentID, c.Procedure.Field, c.At)
}

// joinBases writes each distinct legal text once, in order: one already
// said within a longer basis is not repeated.
func joinBases(bases []string) string {
	var out []string
	for _, b := range bases {
		b = strings.TrimSpace(b)
		if b == "" || slices.ContainsFunc(out, func(o string) bool { return strings.Contains(o, b) }) {
			continue // already said, alone or within a longer basis
		}
		out = slices.DeleteFunc(out, func(o string) bool { return strings.Contains(b, o) })
		out = append(out, b)
	}
	return strings.Join(out, "; ")
}

func orNone(field string) string {
	if field == "" {
		return "không ghi"
	}
	return field
}
