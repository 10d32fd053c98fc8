package motcua

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Level is the administrative level that decides a procedure.
type Level string

const (
	LevelProvince Level = "province"
	LevelDistrict Level = "district"
	LevelCommune  Level = "commune"
)

// Label returns the Vietnamese name of a level.
func (l Level) Label() string {
	switch l {
	case LevelProvince:
		return "Cấp tỉnh"
	case LevelDistrict:
		return "Cấp huyện"
	case LevelCommune:
		return "Cấp xã"
	}
	return string(l)
}

// OnlineLevel is how far a procedure can be done online (Decree 42/2022 Art. 11).
type OnlineLevel string

const (
	OnlineFull    OnlineLevel = "full"    // toàn trình
	OnlinePartial OnlineLevel = "partial" // một phần
	OnlineNone    OnlineLevel = "none"
)

// Label returns the Vietnamese name of an online level.
func (o OnlineLevel) Label() string {
	switch o {
	case OnlineFull:
		return "Toàn trình"
	case OnlinePartial:
		return "Một phần"
	}
	return "Không trực tuyến"
}

// TimeUnit is the unit of a legal processing time.
type TimeUnit string

const (
	WorkingDays  TimeUnit = "day"
	WorkingHours TimeUnit = "hour"
	SameDay      TimeUnit = "same_day" // "trong ngày": next working day if received after 15:00
)

// TimeLimit is a legal processing time.
type TimeLimit struct {
	Amount float64  `json:"amount"`
	Unit   TimeUnit `json:"unit"`
}

// Duration converts the limit into working time for a unit whose standard
// working day lasts day. A same-day limit counts as one day for step budgets.
func (t TimeLimit) Duration(day time.Duration) time.Duration {
	switch t.Unit {
	case WorkingHours:
		return time.Duration(t.Amount * float64(time.Hour))
	case SameDay:
		return day
	}
	return time.Duration(t.Amount * float64(day))
}

// String renders the limit in Vietnamese: "3 ngày làm việc", "4 giờ làm việc", "Trong ngày".
func (t TimeLimit) String() string {
	switch t.Unit {
	case SameDay:
		return "Trong ngày"
	case WorkingHours:
		return fmt.Sprintf("%s giờ làm việc", FormatDecimal(t.Amount))
	}
	return fmt.Sprintf("%s ngày làm việc", FormatDecimal(t.Amount))
}

// DocumentKind says what form of a document the applicant brings.
type DocumentKind string

const (
	DocOriginal DocumentKind = "original" // bản chính
	DocCopy     DocumentKind = "copy"     // bản sao
	DocEither   DocumentKind = "either"   // bản chính hoặc bản sao
	DocPresent  DocumentKind = "present"  // xuất trình
)

// Label returns the Vietnamese name of a document kind.
func (k DocumentKind) Label() string {
	switch k {
	case DocOriginal:
		return "Bản chính"
	case DocCopy:
		return "Bản sao"
	case DocEither:
		return "Bản chính hoặc bản sao"
	case DocPresent:
		return "Xuất trình"
	}
	return string(k)
}

// RequiredDocument is one line of a procedure's document list.
type RequiredDocument struct {
	Name     string       `json:"name"`
	Kind     DocumentKind `json:"kind"`
	Count    int          `json:"count"`
	Template string       `json:"template,omitempty"` // the form to fill in (file name or address), if any
}

// Conditional reports whether the document applies only in some cases, as
// the catalogue words it: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ
// tục)", "Biên bản … (trường hợp trẻ bị bỏ rơi)", "… (nếu có)". The counter
// ticks such a document only when the applicant hands it in.
func (d RequiredDocument) Conditional() bool {
	name := strings.ToLower(NFC(d.Name))
	for _, mark := range []string{"(nếu ", "(trường hợp ", "(trong trường hợp ", "(đối với ", "(khi ", "nếu có"} {
		if strings.Contains(name, mark) {
			return true
		}
	}
	return false
}

// StepUnit says which unit performs a workflow step.
type StepUnit string

const (
	AtIntake   StepUnit = "intake"   // the one-stop section that received the dossier
	AtDeciding StepUnit = "deciding" // the unit competent to decide
)

// WorkflowStep is one step of a procedure's internal workflow.
type WorkflowStep struct {
	Name    string   `json:"name"`
	Role    Role     `json:"role"`
	Unit    StepUnit `json:"unit"`
	Minutes int      `json:"minutes"` // budget in working minutes
}

// Procedure is an administrative procedure (thủ tục hành chính) as
// currently in force: the latest published version.
type Procedure struct {
	ID          int64       `json:"id"`
	VersionID   int64       `json:"version_id"`
	Version     int         `json:"version"`
	Code        string      `json:"code"` // national code, e.g. 1.001193
	Name        string      `json:"name"`
	Field       string      `json:"field"`
	Level       Level       `json:"level"`
	Time        TimeLimit   `json:"time"`
	OnlineLevel OnlineLevel `json:"online_level"`
	OnlineFrom  time.Time   `json:"online_from,omitzero"` // since when the online level applies
	Office      string      `json:"office,omitempty"`     // deciding office key at district level; "" for the commune itself
	// Competence names the competent unit when the dossier is received
	// for another commune (CompetenceHere: the receiving authority).
	Competence Competence `json:"competence,omitempty"`
	// Fees is the note on fees (ghi chú về phí, lệ phí): a legacy
	// catalogue's whole text, or what the lines cannot say.
	Fees string `json:"fees,omitempty"`
	// FeesStated tells a version whose fees are given as lines (none: the
	// procedure is free) from one with the note only; see fees.go.
	FeesStated bool      `json:"fees_stated,omitempty"`
	FeeLines   []FeeLine `json:"fee_lines,omitempty"`
	LegalBasis string    `json:"legal_basis,omitempty"`
	ResultType string    `json:"result_type,omitempty"`
	// What the catalogue publishes for citizens as text, under the National
	// Public Service Portal's headings; empty where it says nothing.
	Applicants    string             `json:"applicants,omitempty"` // đối tượng thực hiện: who may file
	Sequence      string             `json:"sequence,omitempty"`   // trình tự thực hiện: the published order of steps
	Channels      string             `json:"channels,omitempty"`   // cách thức thực hiện: in person, online, by post, with times and fees
	Agency        string             `json:"agency,omitempty"`     // cơ quan thực hiện (có thẩm quyền): the competent office, in words
	Documents     []RequiredDocument `json:"documents"`
	Steps         []WorkflowStep     `json:"steps"`
	EffectiveFrom time.Time          `json:"effective_from"`
	// The decision that published this version (0 for versions entered
	// without one), what it did, and whether it is still a draft.
	DecisionID int64         `json:"decision_id,omitempty"`
	Change     ChangeKind    `json:"change,omitempty"`
	Status     VersionStatus `json:"status,omitempty"`
}

// Repealed reports whether this version repeals the procedure.
func (p *Procedure) Repealed() bool { return p.Change == ChangeRepeal }

// StepsMinutes is the sum of the workflow's step budgets.
func (p *Procedure) StepsMinutes() int {
	total := 0
	for _, s := range p.Steps {
		total += s.Minutes
	}
	return total
}

// MaxWorkingDays bounds durations given to the due-date engine: ten years of
// working days is beyond any legal time, and far larger values overflow.
const MaxWorkingDays = 2500

// WorkingTime converts "N working days" or "N working hours" (exactly one
// of them positive) into working time for a unit whose day lasts day.
func WorkingTime(days, hours float64, day time.Duration) (time.Duration, error) {
	bad := math.IsNaN(days) || math.IsNaN(hours) || days < 0 || hours < 0 || (days > 0) == (hours > 0)
	if bad || days > MaxWorkingDays || hours > MaxWorkingDays*24 {
		return 0, FieldError("days", "Cần đúng một trong hai: số ngày làm việc hoặc số giờ làm việc, là số dương không quá %d ngày.", MaxWorkingDays)
	}
	if days > 0 {
		return time.Duration(days * float64(day)), nil
	}
	return time.Duration(hours * float64(time.Hour)), nil
}
