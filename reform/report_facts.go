package reform

import (
	"time"

	"github.com/motcua/motcua/report"
)

// ReportFacts are what the periodic reform report (package cchc) drafts
// from, for a unit and a period; the store gathers them.
type ReportFacts struct {
	Issuer, Superior string // e.g. "ỦY BAN NHÂN DÂN HUYỆN ĐẮK MIL", "UBND TỈNH ĐẮK NÔNG"
	Place            string // e.g. "Đắk Mil"
	From, To         time.Time
	Documents        []Document // issued in the period
	Plan             *Plan      // the year's plan, if any
	Dossiers         report.Row // Biểu II.06a, total of the unit's subtree
	OnlineFull       int        // procedures offered fully online
	OnlinePartial    int        // procedures offered partly online
	Satisfaction     SIPAS
}
