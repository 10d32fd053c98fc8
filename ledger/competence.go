package ledger

import (
	"time"

	"github.com/motcua/motcua"
)

// CompetenceCase is what the competent unit of an intake is decided on:
// the procedure version in force, when, where it is received, what the
// applicant says (residence, land, choice) with the ancestry of each unit
// they name, and the listings of procedures received regardless of
// boundary.
type CompetenceCase struct {
	Procedure  *motcua.Procedure
	At         time.Time
	Receiving  Ancestry
	Facts      motcua.CompetenceFacts
	Localities map[int64]Ancestry // by unit id, for the units the facts name
	Listings   []motcua.BoundaryFreeListing
}

// Competent is the outcome of the competence rule.
type Competent struct {
	Deciding *motcua.Unit
	// Locality is the commune the unit was chosen by, nil when none.
	Locality *motcua.Unit
	// ForOther: received for another authority than the receiving unit's.
	ForOther bool
	// Listing is the listing that allowed it, nil when not needed.
	Listing *motcua.BoundaryFreeListing
}

// CompetentUnit decides which unit decides a dossier (Decree 118/2025/NĐ-CP):
// the procedure's rule picks a locality among the facts (residence, land,
// choice); with none, or when it leads back to the receiving authority,
// that authority decides as before 07/2025. Otherwise the procedure must
// be listed for boundary-free intake at the instant, the locality must be
// in the receiving unit's province, and its competent unit must be in
// force. Errors say why, in Vietnamese.
func CompetentUnit(c CompetenceCase) (Competent, error) {
	p := c.Procedure
	var out Competent
	from := c.Receiving // the ancestry the deciding unit is looked for in
	if id := c.Facts.Locality(p.Competence); id != 0 {
		local, ok := c.Localities[id]
		if !ok || local.Receiving() == nil {
			return out, motcua.FieldError("locality", "Không tìm thấy đơn vị hành chính đã chọn.")
		}
		if u := local.Receiving(); !u.InForce(c.At) {
			return out, motcua.FieldError("locality", "%s không còn (hoặc chưa) tồn tại vào thời điểm %s.", u.Name, motcua.FormatDateTime(c.At))
		}
		from = local
	}
	out.Locality = from.nearest(motcua.UnitCommune)
	deciding, err := DecidingUnit(from, p)
	if err != nil {
		if from.Receiving() == c.Receiving.Receiving() && c.servesProvince() && p.Competence != motcua.CompetenceHere {
			return out, motcua.FieldError("locality", "Thủ tục %s cần xác định %s để chọn cơ quan giải quyết.",
				p.Code, localityNoun(p.Competence))
		}
		return out, err
	}
	out.Deciding = deciding
	if home := c.Receiving.authority(); home != nil && authorityID(deciding) == home.ID {
		return out, nil // the receiving unit's own authority: no boundary crossed
	}
	if !c.crossesBoundary(from) {
		return out, nil // before 07/2025 a commune also received for the district above it
	}
	if !sameProvince(c.Receiving, from) {
		return out, motcua.FieldError("locality", "%s không thuộc tỉnh của nơi tiếp nhận: chỉ tiếp nhận không phụ thuộc địa giới trong phạm vi tỉnh.",
			from.Receiving().Name)
	}
	if out.Listing = motcua.ListingAt(c.Listings, p.Code, c.At); out.Listing == nil {
		return out, motcua.FieldError("procedure", "Thủ tục %s không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính: hồ sơ phải nộp tại %s.",
			p.Code, authorityName(deciding, from))
	}
	if !deciding.InForce(c.At) {
		return out, motcua.FieldError("locality", "%s không hoạt động vào thời điểm %s.", deciding.Name, motcua.FormatDateTime(c.At))
	}
	out.ForOther = true
	return out, nil
}

// authority is the People's Committee the receiving unit acts for: the
// nearest authority at or above it.
func (a Ancestry) authority() *motcua.Unit {
	for _, u := range a.Units {
		if u.IsAuthority() {
			return u
		}
	}
	return nil
}

// authorityID is the People's Committee a deciding unit belongs to: itself,
// or the authority an office or department sits under.
func authorityID(u *motcua.Unit) int64 {
	if u.IsAuthority() {
		return u.ID
	}
	return u.ParentID
}

// crossesBoundary reports whether deciding elsewhere than the receiving
// authority needs a listing: when the applicant's locality led away from
// the receiving unit, or when a service centre or branch receives for
// another authority (Decree 118/2025/NĐ-CP Art. 14).
func (c CompetenceCase) crossesBoundary(from Ancestry) bool {
	if from.Receiving() != c.Receiving.Receiving() {
		return true
	}
	k := c.Receiving.Receiving().Kind
	return k == motcua.UnitCentre || k == motcua.UnitBranch
}

// servesProvince reports whether the receiving unit is the provincial
// centre or one of its branches: it has no commune of its own.
func (c CompetenceCase) servesProvince() bool {
	return c.Receiving.Receiving() != nil && c.Receiving.nearest(motcua.UnitCommune) == nil &&
		c.Receiving.nearest(motcua.UnitDistrict) == nil
}

// nearest is the nearest unit of kind at or above the receiving unit.
func (a Ancestry) nearest(kind motcua.UnitKind) *motcua.Unit {
	for _, u := range a.Units {
		if u.Kind == kind {
			return u
		}
	}
	return nil
}

// sameProvince reports whether two ancestries end in the same province.
func sameProvince(a, b Ancestry) bool {
	pa, pb := a.nearest(motcua.UnitProvince), b.nearest(motcua.UnitProvince)
	return pa != nil && pb != nil && pa.ID == pb.ID
}

// authorityName is the People's Committee whose counter the dossier
// belongs at: the deciding unit's, read up the locality's ancestry.
func authorityName(deciding *motcua.Unit, local Ancestry) string {
	if deciding.IsAuthority() {
		return deciding.Name
	}
	for _, u := range local.Units {
		if u.IsAuthority() && u.ID == deciding.ParentID {
			return u.Name
		}
	}
	return deciding.Name
}

func localityNoun(c motcua.Competence) string {
	switch c {
	case motcua.CompetenceLocation:
		return "xã, phường nơi có đất hoặc cơ sở kinh doanh"
	case motcua.CompetenceChoice:
		return "đơn vị người nộp lựa chọn"
	}
	return "xã, phường nơi cư trú của người nộp"
}
