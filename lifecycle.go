package motcua

import "time"

// Grade is how a finished dossier or step compares with its due instant
// (domain.md §7).
type Grade string

const (
	GradeEarly  Grade = "early"   // trước hạn
	GradeOnTime Grade = "on_time" // đúng hạn
	GradeLate   Grade = "late"    // quá hạn
)

// Label returns the Vietnamese name of a grade.
func (g Grade) Label() string {
	switch g {
	case GradeEarly:
		return "Trước hạn"
	case GradeOnTime:
		return "Đúng hạn"
	case GradeLate:
		return "Quá hạn"
	}
	return ""
}

// GradeAt grades something done at done against due: late after the due
// instant; early on a day before the due instant's day; else on time. Days
// are Vietnam's calendar days, so a working day before the due day is early
// whatever the hour.
func GradeAt(done, due time.Time) Grade {
	if done.After(due) {
		return GradeLate
	}
	dy, dm, dd := done.In(VN).Date()
	uy, um, ud := due.In(VN).Date()
	if dy == uy && dm == um && dd == ud {
		return GradeOnTime
	}
	return GradeEarly
}

// StepRecord is one step a dossier went through: who handed it in, who held
// it, when it was due and when it left. The control slip (form 06) and the
// per-unit, per-officer step grading are read from these.
type StepRecord struct {
	Step      int // index into the workflow
	UnitID    int64
	GiverID   int64 // who handed the dossier to this step (the acceptor for step 0)
	HolderID  int64 // the person it was handed to; 0 for the whole unit
	StartedAt time.Time
	DueAt     time.Time
	EndedAt   time.Time // zero while the step is current
	EndedBy   int64
	Grade     Grade
}

// Part is one part of a linked dossier (liên thông) handled by a
// co-ordinating unit through its own workflow. The dossier still counts
// once, for its lead unit.
type Part struct {
	Seq        int // the seq of the part_sent event: the part's identity
	UnitID     int64
	Kind       PartKind
	Means      Means // how a hand-over travels; "" for linked handling
	Title      string
	Plan       []PartStep // the part's own workflow
	Step       int        // index into Plan while the part is open
	Records    []StepRecord
	SentAt     time.Time
	DueAt      time.Time
	SentBy     int64
	ReturnedAt time.Time
	ReturnedBy int64
	Grade      Grade
}

// PartKind says what a part is: linked handling by a co-ordinating unit,
// or the paper moving between the receiving centre and the deciding unit
// of a dossier received regardless of boundary (Decree 118/2025), which
// is tracked the same way with its own deadline.
type PartKind string

const (
	PartLinked  PartKind = ""        // liên thông: handled by a co-ordinating unit
	PartForward PartKind = "forward" // the dossier sent from the receiving centre to the deciding unit
	PartResult  PartKind = "result"  // the result sent back to where it is returned
)

// Label returns the Vietnamese name of a part kind.
func (k PartKind) Label() string {
	switch k {
	case PartForward:
		return "Chuyển hồ sơ đến cơ quan giải quyết"
	case PartResult:
		return "Chuyển kết quả về nơi trả"
	}
	return "Liên thông"
}

// HandOver reports whether the part moves a dossier or its result between
// units rather than asking a unit to handle something.
func (k PartKind) HandOver() bool { return k == PartForward || k == PartResult }

// Means is how a hand-over travels.
type Means string

const (
	MeansElectronic Means = "electronic" // the digitised dossier, sent through the system
	MeansPost       Means = "post"       // public postal service
	MeansCourier    Means = "courier"    // the centre's own courier
)

// Valid reports whether m is one of the means.
func (m Means) Valid() bool { return m == MeansElectronic || m == MeansPost || m == MeansCourier }

// Label returns the Vietnamese name of a means.
func (m Means) Label() string {
	switch m {
	case MeansElectronic:
		return "Điện tử (hồ sơ đã số hóa)"
	case MeansPost:
		return "Bưu chính công ích"
	case MeansCourier:
		return "Cán bộ Trung tâm chuyển trực tiếp"
	}
	return ""
}

// Minutes is the part's budget in catalogue minutes (450 a working day):
// the sum of its steps'.
func (p *Part) Minutes() int {
	total := 0
	for _, st := range p.Plan {
		total += st.Minutes
	}
	return total
}

// Open reports whether the co-ordinating unit still holds the part.
func (p *Part) Open() bool { return p.ReturnedAt.IsZero() }

// PartStep is one step of a linked part's workflow at the co-ordinating
// unit, with its budget in catalogue minutes.
type PartStep struct {
	Name    string `json:"name"`
	Minutes int    `json:"minutes"`
}

// PendingEntry is an action awaiting a leader's approval: a late entry (the
// action was keyed long after it happened) or a repeated supplement request
// (Repeat); it counts only once approved.
type PendingEntry struct {
	Seq        int
	Type       EventType
	At         time.Time
	RecordedAt time.Time
	UnitID     int64 // the unit whose leader approves
	ActorID    int64
	Reason     string
	Repeat     bool // a supplement request after the first (EventData.Repeat)
}

// OpenParts lists the parts still held by co-ordinating units.
func (d *Dossier) OpenParts() []Part {
	var out []Part
	for _, p := range d.Parts {
		if p.Open() {
			out = append(out, p)
		}
	}
	return out
}

// PartBySeq returns the part sent by event seq, or nil.
func (d *Dossier) PartBySeq(seq int) *Part {
	for i := range d.Parts {
		if d.Parts[i].Seq == seq {
			return &d.Parts[i]
		}
	}
	return nil
}
