package motcua

// The national procedure database (Cơ sở dữ liệu quốc gia về thủ tục hành
// chính) publishes what a procedure is — its name, field, documents, legal
// time, fees and texts — but not how a province runs it: the internal
// workflow, the deciding office, the competent-unit rule and the online
// level a province has opened stay the province's. A NationalProcedure is
// what adapter/partner/csdltthc read, in the catalogue's types; merging it
// into the province's version in force keeps the province's own parts.

// NationalProcedure is one procedure at one level as the national database
// publishes it. Its Procedure holds the national parts only; Time and the
// fees are set only where the national text could be read as data.
type NationalProcedure struct {
	Procedure
	// TimeRead: Procedure.Time was read from the national text; otherwise
	// the text is listed in Unread and the province's time stays.
	TimeRead bool
	// FeesRead: the fee text was read as lines (FeesStated, FeeLines);
	// otherwise Procedure.Fees holds the national text as a note.
	FeesRead bool
	// Unread lists, in Vietnamese, what stayed as text for a person to
	// read: "Thời hạn giải quyết: «…»".
	Unread []string
	// Source locates the procedure in the national file ("mục thứ 3",
	// "Thủ tục, dòng 5") or answer, for error messages.
	Source string
}

// PlaceholderStepName names the one step a procedure new to the province
// gets: the national database has no internal workflow, and a step of no
// minutes keeps the draft from being published (budgets must sum to the
// legal time) until the province writes its own.
const PlaceholderStepName = "Quy trình nội bộ chưa được xây dựng — cần soạn trước khi công bố"

// MergeNational is the version the province would have if it took the
// national content: current with every national part replaced, the
// province's own parts (workflow, office, competence, online level) kept.
// current nil means a procedure new to the province.
func MergeNational(current *Procedure, n *NationalProcedure) *Procedure {
	var p Procedure
	if current != nil {
		p = *current
		// The merge is a new version: it shares no list with the one in force.
		p.Steps = append([]WorkflowStep(nil), current.Steps...)
		p.FeeLines = append([]FeeLine(nil), current.FeeLines...)
	} else {
		p = Procedure{Code: n.Code, Level: n.Level, OnlineLevel: OnlineNone,
			Steps: []WorkflowStep{{Name: PlaceholderStepName, Role: RoleSpecialist, Unit: AtDeciding}}}
	}
	p.Name, p.Field = n.Name, n.Field
	p.Applicants, p.Sequence, p.Channels, p.Agency = n.Applicants, n.Sequence, n.Channels, n.Agency
	p.LegalBasis, p.ResultType = n.LegalBasis, n.ResultType
	p.Documents = append([]RequiredDocument(nil), n.Documents...)
	if n.TimeRead || current == nil {
		p.Time = n.Time
	}
	switch {
	case n.FeesRead:
		p.Fees, p.FeesStated, p.FeeLines = "", true, append([]FeeLine(nil), n.FeeLines...)
	case current == nil || !current.FeesStated:
		// The national text becomes the note; lines the province already
		// states are kept rather than replaced by words.
		p.Fees, p.FeesStated, p.FeeLines = n.Fees, false, nil
	}
	return &p
}
