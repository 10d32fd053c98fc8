package motcua

import "time"

// Decision is a legal act that announces procedures (quyết định công bố
// thủ tục hành chính): it adds, amends or repeals procedure versions, in
// force from its effective date. Published, it and its versions are
// immutable.
type Decision struct {
	ID            int64
	Number        string    // number and symbol, e.g. "3677/QĐ-UBND"
	Issuer        string    // e.g. "Chủ tịch UBND tỉnh Đắk Nông"
	SignedOn      time.Time // the date it was signed (00:00 Vietnam time)
	EffectiveFrom time.Time
	Summary       string
	Status        DecisionStatus
	CreatedAt     time.Time
	PublishedAt   time.Time
	Changes       []Change // filled by store.DB.Decision
}

// DecisionStatus: a draft decision is being prepared; a published one is law.
type DecisionStatus string

const (
	DecisionDraft     DecisionStatus = "draft"
	DecisionPublished DecisionStatus = "published"
)

// Label returns the Vietnamese name of a decision status.
func (s DecisionStatus) Label() string {
	if s == DecisionPublished {
		return "Đã công bố"
	}
	return "Dự thảo"
}

// ChangeKind says what a decision does to a procedure.
type ChangeKind string

const (
	ChangeAdd    ChangeKind = "add"    // công bố mới
	ChangeAmend  ChangeKind = "amend"  // sửa đổi, bổ sung
	ChangeRepeal ChangeKind = "repeal" // bãi bỏ
)

// Label returns the Vietnamese name of a change.
func (k ChangeKind) Label() string {
	switch k {
	case ChangeAdd:
		return "Công bố mới"
	case ChangeAmend:
		return "Sửa đổi, bổ sung"
	case ChangeRepeal:
		return "Bãi bỏ"
	}
	return string(k)
}

// Change is one procedure version a decision publishes.
type Change struct {
	Kind      ChangeKind
	Procedure *Procedure // the new version; for a repeal, the content repealed
}

// VersionStatus is whether a procedure version is a draft or published.
type VersionStatus string

const (
	VersionDraft     VersionStatus = "draft"
	VersionPublished VersionStatus = "published"
)

// CatalogSnapshot is the whole catalogue as exported and imported: the
// decisions and every procedure version, published or draft.
type CatalogSnapshot struct {
	Decisions []Decision // Changes left empty: versions name their decision
	Versions  []CatalogVersion
}

// CatalogVersion is one procedure version in a snapshot, with the decision
// that published it named by number and issuer ("" for none).
type CatalogVersion struct {
	Procedure
	DecisionNumber string
	DecisionIssuer string
	// Source locates the version in an imported file ("Thủ tục, dòng 12"),
	// for error messages; empty when exported.
	Source string
}
