package motcua

import "time"

// Competence is the rule that names, among the units of a procedure's
// level, the one competent to decide a dossier received anywhere in the
// province (Decree 118/2025/NĐ-CP: received regardless of administrative
// boundary). The catalogue says it per procedure version.
type Competence string

const (
	// CompetenceHere is the rule before 07/2025 and for procedures that
	// name none: the authority the receiving unit belongs to decides.
	CompetenceHere Competence = ""
	// CompetenceResidence: the commune where the applicant lives.
	CompetenceResidence Competence = "residence"
	// CompetenceLocation: the commune where the land, the house or the
	// business lies.
	CompetenceLocation Competence = "location"
	// CompetenceChoice: the unit the applicant chooses, where the law lets
	// them (e.g. civil status may be registered at any commune).
	CompetenceChoice Competence = "choice"
)

// Valid reports whether c is one of the rules.
func (c Competence) Valid() bool {
	switch c {
	case CompetenceHere, CompetenceResidence, CompetenceLocation, CompetenceChoice:
		return true
	}
	return false
}

// Label returns the Vietnamese name of the rule, as the counter form asks it.
func (c Competence) Label() string {
	switch c {
	case CompetenceResidence:
		return "Theo nơi cư trú của người nộp"
	case CompetenceLocation:
		return "Theo nơi có đất, nhà, cơ sở kinh doanh"
	case CompetenceChoice:
		return "Theo lựa chọn của người nộp"
	}
	return "Theo nơi tiếp nhận"
}

// CompetenceFacts are what the applicant says that decides the competent
// unit: the commune of residence, the commune where the land or business
// lies, the unit chosen. Zero where not given.
type CompetenceFacts struct {
	ResidenceUnitID int64 `json:"residence_unit_id,omitempty"`
	LocationUnitID  int64 `json:"location_unit_id,omitempty"`
	ChosenUnitID    int64 `json:"chosen_unit_id,omitempty"`
}

// Locality is the unit the rule c looks at among the facts, 0 when the
// facts do not give it (the receiving unit's own authority then decides).
// A choice not made falls back on the residence.
func (f CompetenceFacts) Locality(c Competence) int64 {
	switch c {
	case CompetenceResidence:
		return f.ResidenceUnitID
	case CompetenceLocation:
		return f.LocationUnitID
	case CompetenceChoice:
		if f.ChosenUnitID != 0 {
			return f.ChosenUnitID
		}
		return f.ResidenceUnitID
	}
	return 0
}

// FactsFor says that the applicant named unitID as the fact the rule c
// reads: their commune of residence, the land's commune, the unit chosen.
func FactsFor(c Competence, unitID int64) CompetenceFacts {
	switch c {
	case CompetenceLocation:
		return CompetenceFacts{LocationUnitID: unitID}
	case CompetenceChoice:
		return CompetenceFacts{ChosenUnitID: unitID}
	case CompetenceResidence:
		return CompetenceFacts{ResidenceUnitID: unitID}
	}
	return CompetenceFacts{}
}

// BoundaryFreeListing says that a procedure may be received at any service
// centre or branch of the province regardless of administrative boundary,
// from a date, by a decision of the provincial chairman (Decree
// 118/2025/NĐ-CP). The lists are per province and change over time, so
// they are data.
type BoundaryFreeListing struct {
	ID            int64
	ProcedureCode string
	Decision      string    // e.g. "2463/QĐ-UBND"
	DecidedOn     time.Time // the decision's date
	From          time.Time // in force from
	To            time.Time // zero while in force
}

// InForce reports whether the listing applies at t.
func (l *BoundaryFreeListing) InForce(t time.Time) bool {
	return !t.Before(l.From) && (l.To.IsZero() || t.Before(l.To))
}

// Basis is the listing's decision as printed: "Quyết định 2463/QĐ-UBND
// ngày 21/07/2025".
func (l *BoundaryFreeListing) Basis() string {
	s := "Quyết định " + l.Decision
	if !l.DecidedOn.IsZero() {
		s += " ngày " + FormatDate(l.DecidedOn)
	}
	return s
}

// ListingAt returns the listing of the procedure code in force at t, nil if
// none.
func ListingAt(ls []BoundaryFreeListing, code string, t time.Time) *BoundaryFreeListing {
	for i := range ls {
		if ls[i].ProcedureCode == code && ls[i].InForce(t) {
			return &ls[i]
		}
	}
	return nil
}

// Succession says who takes over a dissolved unit's competence from a
// date: for the dossiers of one field (Field "" for every other field),
// the successor unit, or — SuccessorID 0 — the commune of each dossier's
// locality as it is after the change (a district office's competence that
// went down to the communes). Basis is the legal text that made the
// change, printed on the hand-over event.
type Succession struct {
	ID          int64
	UnitID      int64
	Field       string
	SuccessorID int64
	From        time.Time
	Basis       string
}

// SuccessionFor returns the succession of unit that applies to a dossier of
// field at t: the field's own row before the unit's general one; nil if
// none.
func SuccessionFor(ss []Succession, unitID int64, field string, t time.Time) *Succession {
	var general *Succession
	for i := range ss {
		s := &ss[i]
		if s.UnitID != unitID || t.Before(s.From) {
			continue
		}
		if s.Field == field && field != "" {
			return s
		}
		if s.Field == "" {
			general = s
		}
	}
	return general
}
