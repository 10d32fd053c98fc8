package motcua

// IdentityFacts is how the applicant's identity was established for a
// dossier (issue 20, Decision 766 indicator 4.5): through a citizen account
// verified with VNeID, the national e-ID, and/or with data read from a
// national database (the population database) at intake. It is recorded on
// the acceptance event, so replays, the national sync and the scorecard all
// read the same facts.
type IdentityFacts struct {
	// Type is the kind of identity number: IdentityCitizen (CCCD, the
	// personal identification number) or IdentityTax (an organisation's
	// tax code); "" when none was given.
	Type IdentityType `json:"type,omitempty"`
	// VNeID is true when the dossier was filed from an account verified
	// with VNeID (the portal session signed in through it).
	VNeID bool `json:"vneid,omitempty"`
	// Database names the national database that supplied the applicant's
	// data at intake (PopulationDatabase), "" when the data was typed.
	Database string `json:"database,omitempty"`
}

// IdentityType is the kind of an applicant's identity number.
type IdentityType string

const (
	IdentityCitizen IdentityType = "citizen" // số định danh cá nhân (CCCD)
	IdentityTax     IdentityType = "tax"     // mã số thuế of an organisation
)

// PopulationDatabase names the national population database (Cơ sở dữ
// liệu quốc gia về dân cư) as the source of an applicant's data.
const PopulationDatabase = "population"

// UsesNationalIdentity reports whether the dossier counts for indicator
// 4.5: a VNeID-verified account or data from the population database.
func (f *IdentityFacts) UsesNationalIdentity() bool {
	return f != nil && (f.VNeID || f.Database != "")
}

// PersonalNumber reports whether a cleaned identity number is a personal
// identification number (số định danh cá nhân, the CCCD's number): twelve
// digits. Tax codes and old nine-digit identity cards are not.
func PersonalNumber(id string) bool {
	if len(id) != 12 {
		return false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
