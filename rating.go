package motcua

import "time"

// SIPASFactors are the five factors a citizen rates (domain.md §12), in
// the order of Rating.Scores.
var SIPASFactors = [5]string{
	"Tiếp cận dịch vụ",
	"Thủ tục hành chính",
	"Công chức trực tiếp giải quyết",
	"Kết quả giải quyết",
	"Tiếp nhận, xử lý phản ánh, kiến nghị",
}

// ScoreLabels name the five levels of an answer, 1 to 5.
var ScoreLabels = [5]string{"Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"}

// Rating is a citizen's rating of one returned dossier.
type Rating struct {
	Scores  [5]int // 1–5 per factor of SIPASFactors
	Comment string
}

// Check refuses a rating with a factor left out or out of range.
func (r Rating) Check() error {
	for i, s := range r.Scores {
		if s < 1 || s > 5 {
			return FieldError("score", "Hãy chọn mức đánh giá (1–5) cho “%s”.", SIPASFactors[i])
		}
	}
	if len([]rune(r.Comment)) > 2000 {
		return FieldError("comment", "Ý kiến dài quá 2.000 ký tự.")
	}
	return nil
}

// Unsatisfied reports whether any factor was rated "not satisfied" or
// worse: the unit's leader must look into it.
func (r Rating) Unsatisfied() bool {
	for _, s := range r.Scores {
		if s <= 2 {
			return true
		}
	}
	return false
}

// Answers are the rating's answers as a reader reads them, factor by factor.
func (r Rating) Answers() []string {
	var out []string
	for i, s := range r.Scores {
		if s >= 1 && s <= 5 {
			out = append(out, SIPASFactors[i]+": "+ScoreLabels[s-1])
		}
	}
	return out
}

// Review is an unsatisfied rating awaiting the answer of the unit's leader.
type Review struct {
	ID          int64
	DossierID   int64
	DossierCode string
	UnitID      int64
	OpenedAt    time.Time
	Rating      Rating
}

// Tracking is what the portal shows the holder of a dossier's code and
// secret: where it is and when, nothing personal beyond initials.
type Tracking struct {
	Code, ProcedureName string
	Initials            string
	State               State
	AcceptedAt, DueAt   time.Time
	PromisedAt          time.Time // the new date of an apology, if any
	ResultAt            time.Time
	ReturnedAt          time.Time
	PausedAt            time.Time // the clock paused for a supplement (while StateSupplement)
	ResumedAt           time.Time // the last supplement received: DueAt was computed anew
	Late                bool      // past its due date, or resolved after it
	Steps               []TrackStep
	Rated               bool
}

// TrackStep is one thing that happened to a dossier, as a citizen reads it.
type TrackStep struct {
	At     time.Time
	What   string
	Detail string // the unit it went to, what is missing, the apology's reason and new date
}

// SIPAS is the satisfaction index of a set of answers (domain.md §12):
// per factor, the share of "satisfied" and "very satisfied" (4 or 5)
// among the answers to it; overall, the mean of the five.
type SIPAS struct {
	N       int        // the sample: answers counted
	Factors [5]float64 // 0–1 per factor of SIPASFactors
	Overall float64
}

// SIPASOf computes the index of the answers.
func SIPASOf(answers []Rating) SIPAS {
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
	Rating              // satisfaction, 1–5 per factor, and a comment
	Assessment   [5]int // 1–5 per factor; 0 when not answered
	Expectations []int  // factor indexes (0–4) to improve
}

// Check refuses an answer out of range.
func (a SurveyAnswer) Check() error {
	if err := a.Rating.Check(); err != nil {
		return err
	}
	for i, s := range a.Assessment {
		if s < 0 || s > 5 {
			return FieldError("assessment", "Đánh giá “%s” phải từ 1 đến 5.", SIPASFactors[i])
		}
	}
	for _, f := range a.Expectations {
		if f < 0 || f >= len(SIPASFactors) {
			return FieldError("expectations", "Kỳ vọng về yếu tố không có (%d).", f)
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
