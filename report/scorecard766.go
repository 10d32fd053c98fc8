package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// The 766 scorecard (issue 20, item 5; docs/scorecard-766.md): every
// indicator of Decision 766/QĐ-TTg (23/06/2022) that motcua's data
// supports, computed by the national formulas from the national records
// the province synchronises — and from nothing else, save the catalogue
// facts a few indicators divide by — so that the score motcua shows and
// the one computed from what it sent are one computation. Indicators
// motcua has no data for say so (NoData), never zero; a zero denominator
// is N/A, not 0 %.

// ScorecardInput is what the scorecard is computed from.
type ScorecardInput struct {
	From, To time.Time // the period, [From, To)
	// Records are the national records of the period: every dossier
	// accepted before To and not ended before From, and the online
	// submissions refused in the period.
	Records []motcua.NationalRecord
	// Units are the codes of the unit scored and of every unit below it:
	// a record counts for its deciding unit and each ancestor. Nil scores
	// every record.
	Units map[string]bool
	// Sync is indicator 1.4's count, from the national sync; nil when
	// unknown.
	Sync *SyncCount
	// Catalogue is what 3.1, 3.2, 3.5, 3.6 and 4.5 divide by.
	Catalogue Catalogue766
	// WorkingDays measures working time between two instants in working
	// days, for 2.1 without a due instant and for 2.2; nil counts calendar
	// days.
	WorkingDays func(from, to time.Time) float64
}

// SyncCount is indicator 1.4's fraction: the records synchronised with an
// acceptance in the period, and the dossiers received in it (the larger of
// the national reporting system's count and the portal's).
type SyncCount struct{ Synced, Received int }

// Catalogue766 lists procedures by national code, as the catalogue stands
// for the unit scored; a nil list is "no data" for the indicators that
// divide by it.
type Catalogue766 struct {
	Procedures  []string // in the unit's competence (3.1's denominator)
	Online      []string // offered online, partly or fully (3.1, 3.2)
	WithFees    []string // charging fees or charges (3.5, 3.6)
	ForCitizens []string // whose applicants are citizens (4.5a)
}

// Scorecard is the scorecard of a unit and period.
type Scorecard struct {
	From, To   time.Time
	Indicators []Indicator766
	// Averages are 2.2's figures, one per procedure.
	Averages []ProcedureAverage
	// Points and MaxPoints sum the indicators scored (MaxKnown ones).
	Points, MaxPoints float64
}

// Indicator766 is one indicator over the period and scope.
type Indicator766 struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Of is what is counted: "hồ sơ", "thủ tục" or "dịch vụ công".
	Of          string `json:"of"`
	Numerator   int    `json:"numerator"`
	Denominator int    `json:"denominator"`
	// Rate is the percentage, two decimals (3.3's multiplied by the sync
	// rate); meaningless when NA or NoData.
	Rate float64 `json:"rate"`
	// Threshold is the rate that earns full points (100 where the national
	// description states none); MaxPoints the national maximum when known
	// (MaxKnown), else the points are not given.
	Threshold float64 `json:"threshold"`
	MaxPoints float64 `json:"max_points"`
	MaxKnown  bool    `json:"max_known"`
	Points    float64 `json:"points"`
	// NA: a zero denominator; NoData: motcua has no data for it (Reason
	// says why). Neither earns or loses points.
	NA     bool   `json:"na"`
	NoData bool   `json:"no_data"`
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
	// Counted and Considered are the codes (dossiers, or procedures for
	// the catalogue's indicators) behind the numerator and the denominator.
	Counted    []string `json:"counted,omitempty"`
	Considered []string `json:"considered,omitempty"`
}

// ProcedureAverage is 2.2 for one procedure: the average processing time
// of its dossiers finished whose processing started in the period, in the
// unit of its time limit.
type ProcedureAverage struct {
	Code, Name string
	Dossiers   int
	Average    float64 // two decimals
	Unit       motcua.TimeUnit
}

// RateText is the rate as "96,14 %", "N/A" or "Không có dữ liệu".
func (i Indicator766) RateText() string {
	switch {
	case i.NoData:
		return "Không có dữ liệu"
	case i.NA:
		return "N/A"
	}
	return formatFixed(i.Rate) + " %"
}

// PointsText is the points as "4,5 / 6", "— / 6" (N/A), or "chưa xác định".
func (i Indicator766) PointsText() string {
	if !i.MaxKnown {
		return "Chưa xác định điểm"
	}
	max := motcua.FormatDecimal(i.MaxPoints)
	if i.NA || i.NoData {
		return "— / " + max
	}
	return motcua.FormatDecimal(i.Points) + " / " + max
}

// formatFixed writes a number with two decimals and a decimal comma.
func formatFixed(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	sign := ""
	if strings.HasPrefix(whole, "-") {
		sign, n = "-", -n
	}
	return sign + motcua.FormatInt(n) + "," + frac
}

// round2 rounds to two decimals, as the national description rounds.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// Points766 is the national scoring: full points at or above the
// threshold, proportional below it (rate × max ÷ threshold).
func Points766(rate, threshold, max float64) float64 {
	if rate >= threshold {
		return max
	}
	return round2(rate * max / threshold)
}

// finish sets the rate, N/A and points of an indicator from its counts
// (factor multiplies the rate: 3.3's sync rate, else 1).
func (i *Indicator766) finish(factor float64) {
	if i.NoData {
		return
	}
	if i.Denominator == 0 {
		i.NA = true
		return
	}
	i.Rate = round2(float64(i.Numerator) * 100 / float64(i.Denominator) * factor)
	if i.MaxKnown {
		i.Points = Points766(i.Rate, i.Threshold, i.MaxPoints)
	}
}

// Indicator returns the indicator code of the scorecard, if computed.
func (s *Scorecard) Indicator(code string) (Indicator766, bool) {
	for _, i := range s.Indicators {
		if i.Code == code {
			return i, true
		}
	}
	return Indicator766{}, false
}
