package motcua

import "time"

// Channel is how a dossier reached the one-stop.
type Channel string

const (
	ChannelCounter Channel = "counter" // trực tiếp
	ChannelPost    Channel = "post"    // bưu chính
	ChannelOnline  Channel = "online"  // trực tuyến
)

// Label returns the Vietnamese name of a channel.
func (c Channel) Label() string {
	switch c {
	case ChannelCounter:
		return "Trực tiếp"
	case ChannelPost:
		return "Bưu chính"
	case ChannelOnline:
		return "Trực tuyến"
	}
	return string(c)
}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	return c == ChannelCounter || c == ChannelPost || c == ChannelOnline
}

// State is where a dossier stands in its lifecycle.
type State string

const (
	StateProcessing State = "processing" // Đang xử lý
	StateSupplement State = "supplement" // Chờ bổ sung: clock paused
	// StatePayment: accepted with fees or levies due at intake, processing
	// waits until they are paid (issue 19); the clock is paused as for a
	// supplement, so the wait is not the unit's delay.
	StatePayment     State = "payment"      // Chờ nộp phí, lệ phí: clock paused
	StateResultReady State = "result_ready" // Có kết quả: graded here
	StateReturned    State = "returned"     // Đã trả kết quả
	StateWithdrawn   State = "withdrawn"    // Đã rút hồ sơ
	StateStopped     State = "stopped"      // Dừng giải quyết: closed with a notice (form 05), not graded
)

// States lists every state in lifecycle order.
var States = []State{StateProcessing, StateSupplement, StatePayment, StateResultReady, StateReturned, StateWithdrawn, StateStopped}

// Label returns the Vietnamese name of a state.
func (s State) Label() string {
	switch s {
	case StateProcessing:
		return "Đang xử lý"
	case StateSupplement:
		return "Chờ bổ sung"
	case StatePayment:
		return "Chờ nộp phí, lệ phí"
	case StateResultReady:
		return "Có kết quả"
	case StateReturned:
		return "Đã trả kết quả"
	case StateWithdrawn:
		return "Đã rút hồ sơ"
	case StateStopped:
		return "Dừng giải quyết"
	}
	return string(s)
}

// Open reports whether the dossier is still being handled (its clock matters).
func (s State) Open() bool { return s == StateProcessing || s.Paused() }

// Paused reports whether the state stops the clock while the dossier waits
// for the applicant: additions (supplement) or fees due at intake (payment).
// The wait is not counted in the unit's time.
func (s State) Paused() bool { return s == StateSupplement || s == StatePayment }

// Applicant is the person or organisation filing a dossier.
type Applicant struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number,omitempty"` // CCCD or tax number
	Address  string `json:"address,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"`
}

// ReceivedDocument is one line of the receipt's table of documents.
type ReceivedDocument struct {
	Name  string       `json:"name"`
	Kind  DocumentKind `json:"kind"`
	Count int          `json:"count"`
}

// Dossier is the current projection of a dossier's events.
type Dossier struct {
	ID              int64
	Code            string
	ProcedureID     int64
	VersionID       int64
	ProcedureCode   string
	ProcedureName   string
	ReceivingUnitID int64 // where it was received ("nơi tiếp nhận")
	DecidingUnitID  int64 // the unit competent to decide ("cơ quan giải quyết")
	CurrentUnitID   int64
	// ReturnUnitID is where the result is returned: the receiving unit
	// unless the applicant chose another centre (ReturnUnit says which).
	ReturnUnitID int64
	// LocalityUnitID is the commune the competent unit was chosen by (the
	// applicant's residence, the land's location, the choice), or the
	// receiving commune; 0 when unknown. A succession finds the new
	// competent unit through it.
	LocalityUnitID int64
	// ForOther marks a dossier received for another authority (a commune
	// centre receiving for another commune or for a department): it leaves
	// the receiving unit's worklist once handed on and shows in its
	// "received for others" view.
	ForOther  bool
	Step      int // index into the workflow
	State     State
	Channel   Channel
	Applicant Applicant
	Sets      int
	Documents []ReceivedDocument
	// Fees is what the dossier owes (issue 19), from its acceptance; nil
	// for a dossier of a version whose fees are not stated as lines.
	Fees *FeeBill
	// Identity is how the applicant's identity was established (issue 20);
	// nil when by the typed number only.
	Identity   *IdentityFacts
	AcceptedAt time.Time
	DueAt      time.Time // the legal due instant: grading compares with it
	StepDueAt  time.Time
	SentAt     time.Time // handed on from the intake step: "ngày chuyển xử lý" of the register
	// PromisedAt is the new date an apology promised (form 04); zero until
	// the dossier is extended. Grading still uses DueAt: an apology does not
	// turn a late dossier into an on-time one.
	PromisedAt time.Time
	Extensions int
	// Supplements counts the supplement requests that took effect (full
	// replays only); more than one makes the dossier late nationally.
	Supplements int
	ClosedAt    time.Time // withdrawn or stopped: the dossier ended without a result
	ResultAt    time.Time // zero until result ready
	ReturnedAt  time.Time
	PausedAt    time.Time // while waiting for a supplement or a payment (State.Paused)
	Version     int       // number of events; the optimistic-concurrency token
	// TrackingSecret is printed on the receipt and in its QR code; with the
	// code it opens the public tracking page. Staff pages only.
	TrackingSecret string
	// Full replays (ledger.Replay, store.History) fill these and
	// Extensions; rows read for pages and lists carry only Parts (they
	// widen the scope) and Pending's Seq and UnitID.
	Steps   []StepRecord  // one per step taken, for the control slip (form 06)
	Parts   []Part        // linked handling (liên thông) sent to co-ordinating units
	Pending *PendingEntry // a late entry awaiting a leader's approval
}

// ReturnUnit is where the result is returned: the unit chosen, else the
// receiving unit.
func (d *Dossier) ReturnUnit() int64 {
	if d.ReturnUnitID != 0 {
		return d.ReturnUnitID
	}
	return d.ReceivingUnitID
}

// TravelsBetweenUnits reports whether the dossier (forward) or its result
// must be carried between units of different authorities: a dossier
// received for another authority goes to its deciding unit; its result
// comes back, as does a result the applicant collects elsewhere than where
// they filed. Within one authority (a one-stop section and its offices, a
// commune's centre and its commune) nothing is handed over.
func (d *Dossier) TravelsBetweenUnits(kind PartKind) bool {
	switch kind {
	case PartForward:
		return d.ForOther
	case PartResult:
		return (d.ForOther || d.ReturnUnit() != d.ReceivingUnitID) && d.ReturnUnit() != d.DecidingUnitID
	}
	return false
}

// StoppedAt is when processing was stopped with notice; zero otherwise.
func (d *Dossier) StoppedAt() time.Time {
	if d.State != StateStopped {
		return time.Time{}
	}
	return d.ClosedAt
}

// Due is the date the applicant was last promised: the extended date when
// an apology set one, else the legal due instant.
func (d *Dossier) Due() time.Time {
	if !d.PromisedAt.IsZero() {
		return d.PromisedAt
	}
	return d.DueAt
}

// Grade grades a finished dossier (domain.md §7); "" while it has no result.
func (d *Dossier) Grade() Grade {
	if d.ResultAt.IsZero() {
		return ""
	}
	return GradeAt(d.ResultAt, d.DueAt)
}

// Overdue reports whether the dossier is late at instant t (domain.md §7):
// open and past due, or finished after its due instant.
func (d *Dossier) Overdue(t time.Time) bool {
	switch {
	case !d.ResultAt.IsZero():
		return d.ResultAt.After(d.DueAt)
	case d.State.Paused():
		return d.PausedAt.After(d.DueAt) // the clock is frozen
	}
	return d.State == StateProcessing && t.After(d.DueAt)
}

// EventType names a ledger event.
type EventType string

const (
	EventAccepted            EventType = "accepted"
	EventHandedOver          EventType = "handed_over"
	EventSupplementRequested EventType = "supplement_requested"
	EventSupplementReceived  EventType = "supplement_received"
	EventResultReady         EventType = "result_ready"
	EventResultReturned      EventType = "result_returned"
	EventWithdrawn           EventType = "withdrawn"
	// EventDueRecomputed records that a change of the working calendar (a day
	// off declared late, new office hours) moved the open due dates.
	EventDueRecomputed  EventType = "due_recomputed"
	EventExtended       EventType = "extended"         // apology and new date (form 04)
	EventStopped        EventType = "stopped"          // processing stopped with notice (form 05)
	EventPartSent       EventType = "part_sent"        // liên thông: a part sent to a co-ordinating unit
	EventPartReturned   EventType = "part_returned"    // the co-ordinating unit's part came back
	EventPartHandedOver EventType = "part_handed_over" // the part moves to its next step
	EventLateApproved   EventType = "late_approved"    // a leader accepts a late entry: it counts from its at
	EventLateRejected   EventType = "late_rejected"    // a leader refuses it: it never counts
	// EventTransferred hands a running dossier to another deciding unit (and
	// return unit) with its legal basis in Reason: the successor of a
	// dissolved unit (01/07/2025) or a unit chosen by hand. Due date and
	// grading do not change.
	EventTransferred EventType = "transferred"
	// EventPaymentReceived ends the wait for fees due at intake (issue 19):
	// the store appends it in the transaction of the payment that settles
	// the intake stage; the clock runs again from the payment's instant.
	EventPaymentReceived EventType = "payment_received"
)

// System reports whether the event records the system's or a leader's
// bookkeeping rather than something that happened to the dossier itself.
func (t EventType) System() bool {
	return t == EventDueRecomputed || t == EventLateApproved || t == EventLateRejected || t == EventTransferred
}

// Label returns the Vietnamese name of the action an event records.
func (t EventType) Label() string {
	switch t {
	case EventAccepted:
		return "Tiếp nhận hồ sơ"
	case EventHandedOver:
		return "Chuyển xử lý"
	case EventSupplementRequested:
		return "Yêu cầu bổ sung hồ sơ"
	case EventSupplementReceived:
		return "Nhận hồ sơ bổ sung, tiếp tục xử lý"
	case EventResultReady:
		return "Có kết quả"
	case EventResultReturned:
		return "Trả kết quả"
	case EventWithdrawn:
		return "Rút hồ sơ"
	case EventDueRecomputed:
		return "Điều chỉnh hạn do thay đổi lịch làm việc"
	case EventExtended:
		return "Xin lỗi và gia hạn thời gian giải quyết"
	case EventStopped:
		return "Dừng giải quyết hồ sơ"
	case EventPartSent:
		return "Chuyển liên thông"
	case EventPartReturned:
		return "Nhận kết quả liên thông"
	case EventPartHandedOver:
		return "Chuyển bước xử lý liên thông"
	case EventLateApproved:
		return "Lãnh đạo duyệt thao tác"
	case EventLateRejected:
		return "Lãnh đạo không duyệt thao tác"
	case EventTransferred:
		return "Chuyển thẩm quyền giải quyết"
	case EventPaymentReceived:
		return "Đã nộp phí, lệ phí — tiếp tục giải quyết"
	}
	return string(t)
}

// Event is one immutable entry of a dossier's ledger. At is when the thing
// happened; RecordedAt is when it was keyed. They differ for late entries.
type Event struct {
	ID         int64
	DossierID  int64
	Seq        int // 1 for the acceptance; Seq equals the dossier version after it
	Type       EventType
	At         time.Time
	RecordedAt time.Time
	ActorID    int64
	ActorName  string
	UnitID     int64
	Reason     string // required for late entries and for some actions; a supplement request's is printed on form 02
	Data       EventData
}

// LateEntry reports whether the event was keyed later than it happened by
// more than the tolerance.
func (e *Event) LateEntry() bool {
	return e.RecordedAt.Sub(e.At) > LateEntryTolerance
}

// LateEntryTolerance is how much later than it happened an action may be
// keyed without a reason: the time to walk from the counter to a screen.
const LateEntryTolerance = 15 * time.Minute

// EventData is the payload of an event; each type uses some fields.
type EventData struct {
	// accepted
	ProcedureVersionID int64              `json:"procedure_version_id,omitempty"`
	ReceivingUnitID    int64              `json:"receiving_unit_id,omitempty"`
	DecidingUnitID     int64              `json:"deciding_unit_id,omitempty"`
	Channel            Channel            `json:"channel,omitempty"`
	Applicant          *Applicant         `json:"applicant,omitempty"`
	Documents          []ReceivedDocument `json:"documents,omitempty"`
	Sets               int                `json:"sets,omitempty"`
	// accepted (since 07/2025): where the result is returned when not the
	// receiving unit, the commune competence was decided on, whether it
	// was received for another authority and under which listing.
	// transferred: DecidingUnitID and ReturnUnitID are the new ones.
	ReturnUnitID   int64            `json:"return_unit_id,omitempty"`
	LocalityUnitID int64            `json:"locality_unit_id,omitempty"`
	ForOther       bool             `json:"for_other,omitempty"`
	Competence     *CompetenceFacts `json:"competence,omitempty"`
	Listing        string           `json:"listing,omitempty"`
	// accepted (issue 19): what the dossier owes, computed from the
	// version's fee lines and the quantities and exemptions given at intake.
	Fees *FeeBill `json:"fees,omitempty"`
	// accepted (issue 20): how the applicant's identity was established
	// (VNeID-verified account, population data); nil when neither.
	Identity *IdentityFacts `json:"identity,omitempty"`
	// accepted (issue 19): fees or levies were due at intake, so processing
	// waits for their payment (StatePayment) until payment_received.
	// Acceptances before the rule carry false and replay as they did.
	AwaitsPayment bool `json:"awaits_payment,omitempty"`
	// handed_over: the step the dossier moves to, and optionally the person
	ToStep   int    `json:"to_step,omitempty"`
	ToUserID int64  `json:"to_user_id,omitempty"`
	Note     string `json:"note,omitempty"`
	// supplement_requested: everything missing, in one request
	Missing []string `json:"missing,omitempty"`
	// extended: the new date promised in the apology
	NewDueAt time.Time `json:"new_due_at,omitzero"`
	// part_sent: the co-ordinating unit, what it does and its budget in
	// catalogue minutes (450 a working day); part_returned: which part (the
	// seq of its part_sent event)
	PartUnitID  int64      `json:"part_unit_id,omitempty"`
	PartTitle   string     `json:"part_title,omitempty"`
	PartMinutes int        `json:"part_minutes,omitempty"`
	PartSteps   []PartStep `json:"part_steps,omitempty"`
	PartSeq     int        `json:"part_seq,omitempty"`
	PartKind    PartKind   `json:"part_kind,omitempty"`
	PartMeans   Means      `json:"part_means,omitempty"`
	// result_ready: the electronic result issued with it (issue 18), its
	// code and the SHA-256 of its file, so the ledger holds what was issued.
	ResultCode   string `json:"result_code,omitempty"`
	ResultSHA256 string `json:"result_sha256,omitempty"`
	// Imported marks events taken from a previous system's register.
	Imported bool `json:"imported,omitempty"`
	// Pending marks a late entry keyed beyond the approval limit: it counts
	// only once a leader approves it (late_approved with RefSeq).
	Pending bool `json:"pending,omitempty"`
	RefSeq  int  `json:"ref_seq,omitempty"`
	// Repeat marks a supplement request after the first that took effect:
	// the national scoring (Decision 766) counts such a dossier as late, so
	// it needs a reason and waits, Pending, for the unit leader's approval.
	Repeat bool `json:"repeat,omitempty"`
	// Clock is the dossier's clock as decided when the event was appended.
	// Replays use it rather than recomputing, so a later change of days off
	// or office hours never silently moves a promised date: only a new,
	// recorded event does.
	Clock *ClockStamp `json:"clock,omitempty"`
}

// ClockStamp records the due instants and the working time left after an event.
type ClockStamp struct {
	DueAt         time.Time     `json:"due_at"`
	StepDueAt     time.Time     `json:"step_due_at"`
	Remaining     time.Duration `json:"remaining_ns"`
	StepRemaining time.Duration `json:"step_remaining_ns"`
	PromisedAt    time.Time     `json:"promised_at,omitzero"`
	Extension     time.Duration `json:"extension_ns,omitempty"`
	Parts         []PartDue     `json:"parts,omitempty"` // open linked parts
}

// PartDue is the due instants of a linked part and of its current step,
// as stamped on an event.
type PartDue struct {
	Seq       int       `json:"seq"`
	DueAt     time.Time `json:"due_at"`
	StepDueAt time.Time `json:"step_due_at,omitzero"`
}

// Intake is what the counter officer keys to accept a dossier.
type Intake struct {
	ProcedureID int64
	UnitID      int64 // receiving unit
	Channel     Channel
	Applicant   Applicant
	Documents   []ReceivedDocument
	Sets        int
	At          time.Time // when it was received; zero means now
	Reason      string    // required when At is a late entry
	Note        string
	// Competence is what the applicant says that decides the competent
	// unit; ReturnUnitID where they collect the result (0: here).
	Competence   CompetenceFacts
	ReturnUnitID int64
	// Fees are the quantities the fee lines count (copies, pages) and the
	// exemptions granted with their reasons (issue 19); the bill is
	// computed at acceptance (ledger.ComputeFees), never taken from a form.
	Fees FeeQuantities
	// Identity is how the applicant's identity was established (issue 20).
	// Only the store sets it — from a VNeID-verified submission or a
	// population lookup it recorded — and it replaces whatever a caller
	// put there; it is no part of the request's fingerprint.
	Identity *IdentityFacts `json:"-"`
	// Key makes intake idempotent: a second intake with the same key returns
	// the first dossier instead of creating another.
	Key string
}

// Action is a request to append an event to an existing dossier.
type Action struct {
	DossierID int64
	Version   int // the version the officer saw; a different current version is a conflict
	Type      EventType
	At        time.Time // when it happened; zero means now
	Reason    string
	Note      string
	Missing   []string
	ToUserID  int64
	NewDueAt  time.Time // extended
	// part_sent / part_returned
	PartUnitID  int64
	PartTitle   string
	PartMinutes int
	PartSteps   []PartStep // the part's own workflow; empty: one step of PartMinutes
	PartSeq     int
	PartKind    PartKind // a hand-over between units rather than linked handling
	PartMeans   Means    // how a hand-over travels
	// transferred: the new deciding unit and return unit (0: unchanged);
	// Reason is the legal basis
	ToUnitID     int64
	ReturnUnitID int64
}

// Refusal records a refusal at intake (form 03): no dossier is created.
type Refusal struct {
	ID          int64
	UnitID      int64
	ProcedureID int64
	Applicant   Applicant
	Reason      string
	At          time.Time
	RecordedAt  time.Time
	ActorID     int64
}

// DossierFilter selects dossiers for a worklist.
type DossierFilter struct {
	State       State // "" for every open state
	ProcedureID int64
	Query       string // code or applicant name, folded
	Offset      int
	Limit       int
}
