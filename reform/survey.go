package reform

import (
	"time"

	"github.com/motcua/motcua"
)

// SIPAS is the satisfaction index of a set of answers (domain.md §12):
// per factor, the share of "satisfied" and "very satisfied" (4 or 5)
// among the answers to it; overall, the mean of the five.
type SIPAS struct {
	N       int        // the sample: answers counted
	Factors [5]float64 // 0–1 per factor of motcua.SIPASFactors
	Overall float64
}

// SIPASOf computes the index of the answers.
func SIPASOf(answers []motcua.Rating) SIPAS {
	s := SIPAS{N: len(answers)}
	if s.N == 0 {
		return s
	}
	for i := range s.Factors {
		satisfied := 0
		for _, a := range answers {
			if a.Scores[i] >= 4 {
				satisfied++
			}
		}
		s.Factors[i] = float64(satisfied) / float64(s.N)
		s.Overall += s.Factors[i] / 5
	}
	return s
}

// SurveyAnswer is one answer of the SIPAS questionnaire, in its three
// dimensions (domain.md §12): how the respondent assesses each factor,
// how satisfied they are with it (the index's dimension), and which
// factors they expect to be improved.
type SurveyAnswer struct {
	motcua.Rating        // satisfaction, 1–5 per factor, and a comment
	Assessment    [5]int // 1–5 per factor; 0 when not answered
	Expectations  []int  // factor indexes (0–4) to improve
}

// Check refuses an answer out of range.
func (a SurveyAnswer) Check() error {
	if err := a.Rating.Check(); err != nil {
		return err
	}
	for i, s := range a.Assessment {
		if s < 0 || s > 5 {
			return motcua.FieldError("assessment", "Đánh giá “%s” phải từ 1 đến 5.", motcua.SIPASFactors[i])
		}
	}
	for _, f := range a.Expectations {
		if f < 0 || f >= len(motcua.SIPASFactors) {
			return motcua.FieldError("expectations", "Kỳ vọng về yếu tố không có (%d).", f)
		}
	}
	return nil
}

// Dimensions sums the other two dimensions of a set of answers: the mean
// assessment per factor (of those answered) and how many expect each
// factor improved.
type Dimensions struct {
	Assessment   [5]float64
	Expectations [5]int
}

// DimensionsOf sums the answers' assessment and expectations.
func DimensionsOf(answers []SurveyAnswer) Dimensions {
	var d Dimensions
	var n [5]int
	for _, a := range answers {
		for i, s := range a.Assessment {
			if s > 0 {
				d.Assessment[i] += float64(s)
				n[i]++
			}
		}
		for _, f := range a.Expectations {
			d.Expectations[f]++
		}
	}
	for i := range d.Assessment {
		if n[i] > 0 {
			d.Assessment[i] /= float64(n[i])
		}
	}
	return d
}

// Survey is a satisfaction survey campaign over a period and a unit's
// subtree: the portal's ratings in it, and paper forms keyed in.
type Survey struct {
	ID       int64
	Title    string
	UnitID   int64
	From, To time.Time // [From, To)
	Planned  int       // the sample planned
}
