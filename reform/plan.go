package reform

import (
	"github.com/motcua/motcua"
	"strings"
	"time"
)

// Administrative reform (cải cách hành chính, issue 8): the yearly plan
// with its contents and tasks, and the register of directive documents.
// The periodic report counts from these, so its figures agree with what
// was recorded.

// TaskStatus is where a plan task stands.
type TaskStatus string

const (
	TaskNotStarted TaskStatus = "not_started" // Chưa thực hiện
	TaskInProgress TaskStatus = "in_progress" // Đang thực hiện
	TaskDone       TaskStatus = "done"        // Đã hoàn thành
)

// Valid reports whether s is a known status.
func (s TaskStatus) Valid() bool {
	return s == TaskNotStarted || s == TaskInProgress || s == TaskDone
}

// Label is the status in Vietnamese.
func (s TaskStatus) Label() string {
	switch s {
	case TaskNotStarted:
		return "Chưa thực hiện"
	case TaskInProgress:
		return "Đang thực hiện"
	case TaskDone:
		return "Đã hoàn thành"
	}
	return string(s)
}

// Plan is a year's reform plan, issued by a decision.
type Plan struct {
	ID       int64
	Year     int
	Number   string // the decision's number and symbol, e.g. 3677/QĐ-UBND
	Title    string
	IssuedOn time.Time
	UnitID   int64 // the issuing unit; its leaders manage the plan
	Contents []PlanContent
}

// PlanContent is one of a plan's contents (nội dung), grouping tasks.
type PlanContent struct {
	ID    int64
	Seq   int
	Title string
	Tasks []PlanTask
}

// PlanTask is one task (nhiệm vụ) of a plan.
type PlanTask struct {
	ID          int64
	Seq         int
	Title       string
	OwnerUnitID int64 // the unit that leads it
	DueOn       time.Time
	Status      TaskStatus
	DoneOn      time.Time // when it was done
	Notes       []TaskNote
}

// TaskNote is a progress note on a task, with the status it set.
type TaskNote struct {
	At       time.Time
	AuthorID int64
	Status   TaskStatus
	Text     string
}

// Overdue reports whether the task is past its due date at t and not done
// by then.
func (t PlanTask) Overdue(at time.Time) bool {
	return !t.DueOn.IsZero() && at.After(t.DueOn) && !t.DoneBy(at)
}

// DoneBy reports whether the task was done by instant at.
func (t PlanTask) DoneBy(at time.Time) bool {
	return t.Status == TaskDone && !t.DoneOn.After(at)
}

// Progress counts a set of tasks done by an instant.
type Progress struct {
	Done, Total int
}

// Percent is the share done, rounded to a whole percent as reports state
// it ("36/51 nội dung đạt 71%").
func (p Progress) Percent() int {
	if p.Total == 0 {
		return 0
	}
	return (p.Done*100 + p.Total/2) / p.Total
}

// String reads "36/51 (71 %)".
func (p Progress) String() string {
	return motcua.FormatInt(int64(p.Done)) + "/" + motcua.FormatInt(int64(p.Total)) + " (" + motcua.FormatInt(int64(p.Percent())) + " %)"
}

// ProgressAt counts the plan's tasks done by at, per content and overall.
func (p *Plan) ProgressAt(at time.Time) (perContent []Progress, overall Progress) {
	for _, c := range p.Contents {
		var pc Progress
		for _, t := range c.Tasks {
			pc.Total++
			if t.DoneBy(at) {
				pc.Done++
			}
		}
		perContent = append(perContent, pc)
		overall.Done += pc.Done
		overall.Total += pc.Total
	}
	return perContent, overall
}

// DocumentType is the kind of an administrative document.
type DocumentType string

const (
	DocDecision DocumentType = "QĐ"  // Quyết định
	DocPlan     DocumentType = "KH"  // Kế hoạch
	DocLetter   DocumentType = "CV"  // Công văn
	DocNotice   DocumentType = "TB"  // Thông báo
	DocReport   DocumentType = "BC"  // Báo cáo
	DocProposal DocumentType = "TTr" // Tờ trình
)

// DocumentTypes lists the kinds, in the order forms offer them.
var DocumentTypes = []DocumentType{DocDecision, DocPlan, DocLetter, DocNotice, DocReport, DocProposal}

// Label is the kind in Vietnamese.
func (t DocumentType) Label() string {
	switch t {
	case DocDecision:
		return "Quyết định"
	case DocPlan:
		return "Kế hoạch"
	case DocLetter:
		return "Công văn"
	case DocNotice:
		return "Thông báo"
	case DocReport:
		return "Báo cáo"
	case DocProposal:
		return "Tờ trình"
	}
	return string(t)
}

// TypeOfNumber guesses a document's kind from its number and symbol: the
// symbol names it (3677/QĐ-UBND, 64/KH-UBND, 629/UBND-NV is a letter).
func TypeOfNumber(number string) DocumentType {
	i := strings.LastIndex(number, "/")
	if i < 0 {
		return ""
	}
	symbol := number[i+1:] // "01/2024/QĐ-UBND": the symbol follows the last slash
	head, _, _ := strings.Cut(symbol, "-")
	for _, t := range DocumentTypes {
		if strings.EqualFold(head, string(t)) {
			return t
		}
	}
	return DocLetter // "629/UBND-NV", "3243/BCĐCCHC": letters carry the issuer's abbreviation first
}

// Document is an entry of the directive-document register.
type Document struct {
	ID         int64
	Number     string // number and symbol, e.g. 3677/QĐ-UBND
	Type       DocumentType
	IssuedOn   time.Time
	Issuer     string // e.g. UBND huyện Đắk Mil
	Summary    string // trích yếu
	Attachment string // SHA-256 of the stored file, if any
	FileName   string
	TaskIDs    []int64 // the plan tasks it serves
}
