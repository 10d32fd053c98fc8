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
	PausedAt            time.Time // the clock paused for a supplement or a payment (while State.Paused)
	ResumedAt           time.Time // the last supplement received: DueAt was computed anew
	Late                bool      // past its due date, or resolved after it
	Steps               []TrackStep
	Rated               bool
	// ReturnUnit is where the result is returned; DecidingUnit the unit
	// that decides a dossier received for another unit ("" otherwise),
	// SentAt when it was sent there (zero until then).
	ReturnUnit, DecidingUnit string
	SentAt                   time.Time
	// ResultCode is the code of the dossier's valid electronic result
	// (issue 18), "" if none: the receipt's secret downloads it.
	ResultCode string
	// What the dossier owes in đồng (issue 19), and when: the bill's
	// totals only (the lines' exemption reasons are personal data).
	FeeTotal, FeeDueAtIntake, FeeDueAtResult int64
	// VNeID: the dossier was filed from an account verified with VNeID
	// (issue 20).
	VNeID bool
}

// TrackStep is one thing that happened to a dossier, as a citizen reads it.
type TrackStep struct {
	At     time.Time
	What   string
	Detail string // the unit it went to, what is missing, the apology's reason and new date
}
