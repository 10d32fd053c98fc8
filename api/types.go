package api

import (
	"time"

	"github.com/motcua/motcua"
)

// Dossier is the API view of a dossier.
type Dossier struct {
	Code            string                    `json:"code"`
	ProcedureID     int64                     `json:"procedure_id"`
	ProcedureCode   string                    `json:"procedure_code"`
	ProcedureName   string                    `json:"procedure_name"`
	ReceivingUnitID int64                     `json:"receiving_unit_id"`
	DecidingUnitID  int64                     `json:"deciding_unit_id"`
	CurrentUnitID   int64                     `json:"current_unit_id"`
	Step            int                       `json:"step"`
	State           motcua.State              `json:"state"`
	Overdue         bool                      `json:"overdue"`
	Channel         motcua.Channel            `json:"channel"`
	Applicant       motcua.Applicant          `json:"applicant"`
	Sets            int                       `json:"sets"`
	Documents       []motcua.ReceivedDocument `json:"documents,omitempty"`
	AcceptedAt      time.Time                 `json:"accepted_at"`
	DueAt           time.Time                 `json:"due_at"`
	StepDueAt       time.Time                 `json:"step_due_at"`
	ResultAt        *time.Time                `json:"result_at,omitempty"`
	ReturnedAt      *time.Time                `json:"returned_at,omitempty"`
	PromisedAt      *time.Time                `json:"promised_at,omitempty"` // the new date of an apology (form 04)
	Grade           motcua.Grade              `json:"grade,omitempty"`       // early, on_time or late once the result is ready
	PendingSeq      int                       `json:"pending_seq,omitempty"` // a late entry awaiting a leader's approval
	Parts           []Part                    `json:"parts,omitempty"`       // linked handling (liên thông)
	// Fees is what the dossier owes (issue 19), computed at acceptance from
	// its version's fee lines: absent when the version does not state fees
	// as lines. A dossier read alone carries it line by line; a list's
	// rows do not (read the dossier).
	Fees    *motcua.FeeBill `json:"fees,omitempty"`
	Version int             `json:"version"`
}

// Part is a part of a linked dossier sent to a co-ordinating unit.
type Part struct {
	Seq        int        `json:"seq"`
	UnitID     int64      `json:"unit_id"`
	Title      string     `json:"title"`
	SentAt     time.Time  `json:"sent_at"`
	DueAt      time.Time  `json:"due_at"`
	ReturnedAt *time.Time `json:"returned_at,omitempty"`
}

func toDossier(d *motcua.Dossier, now time.Time, masked bool) Dossier {
	out := Dossier{Code: d.Code, ProcedureID: d.ProcedureID, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName,
		ReceivingUnitID: d.ReceivingUnitID, DecidingUnitID: d.DecidingUnitID, CurrentUnitID: d.CurrentUnitID, Step: d.Step,
		State: d.State, Overdue: d.Overdue(now), Channel: d.Channel, Applicant: d.Applicant, Sets: d.Sets,
		Documents: d.Documents, AcceptedAt: d.AcceptedAt, DueAt: d.DueAt, StepDueAt: d.StepDueAt, ResultAt: optional(d.ResultAt),
		ReturnedAt: optional(d.ReturnedAt), PromisedAt: optional(d.PromisedAt), Grade: d.Grade(), Fees: d.Fees, Version: d.Version}
	if d.Pending != nil {
		out.PendingSeq = d.Pending.Seq
	}
	for _, p := range d.Parts {
		out.Parts = append(out.Parts, Part{Seq: p.Seq, UnitID: p.UnitID, Title: p.Title, SentAt: p.SentAt, DueAt: p.DueAt,
			ReturnedAt: optional(p.ReturnedAt)})
	}
	if masked {
		out.Applicant.IDNumber, out.Applicant.Phone = motcua.Mask(d.Applicant.IDNumber), motcua.Mask(d.Applicant.Phone)
		out.Applicant.Email, out.Documents, out.Fees = "", nil, nil
	}
	return out
}

func optional(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Event is the API view of a ledger event.
type Event struct {
	Seq        int              `json:"seq"`
	Type       motcua.EventType `json:"type"`
	At         time.Time        `json:"at"`
	RecordedAt time.Time        `json:"recorded_at"`
	LateEntry  bool             `json:"late_entry"`
	ActorID    int64            `json:"actor_id"`
	ActorName  string           `json:"actor_name"`
	UnitID     int64            `json:"unit_id"`
	Reason     string           `json:"reason,omitempty"`
	Data       motcua.EventData `json:"data"`
}

// IntakeRequest is the body of POST /api/v1/dossiers.
type IntakeRequest struct {
	ProcedureID int64                     `json:"procedure_id"`
	UnitID      int64                     `json:"unit_id"`
	Channel     motcua.Channel            `json:"channel"`
	Applicant   motcua.Applicant          `json:"applicant"`
	Documents   []motcua.ReceivedDocument `json:"documents"`
	Sets        int                       `json:"sets"`
	At          *time.Time                `json:"at,omitempty"`
	Reason      string                    `json:"reason,omitempty"`
	Note        string                    `json:"note,omitempty"`
	// Fees are the quantities the version's fee lines count and the
	// exemptions granted; the bill is computed by the store, never sent.
	Fees *FeeRequest `json:"fees,omitempty"`
}

// FeeRequest is what an intake asks that fee lines count: copies, pages
// and sets (0: the intake's sets), and the lines exempted (index from 0)
// each with the officer's reason.
type FeeRequest struct {
	Copies int                        `json:"copies,omitempty"`
	Pages  int                        `json:"pages,omitempty"`
	Sets   int                        `json:"sets,omitempty"`
	Exempt []motcua.FeeExemptionClaim `json:"exempt,omitempty"`
}

// quantities is the request as the store reads it.
func (f *FeeRequest) quantities() motcua.FeeQuantities {
	if f == nil {
		return motcua.FeeQuantities{}
	}
	return motcua.FeeQuantities{Copies: f.Copies, Pages: f.Pages, Sets: f.Sets, Exempt: f.Exempt}
}

// ActionRequest is the body of POST /api/v1/dossiers/{code}/actions.
type ActionRequest struct {
	Type     motcua.EventType `json:"type"`
	Version  int              `json:"version"`
	At       *time.Time       `json:"at,omitempty"`
	Reason   string           `json:"reason,omitempty"`
	Note     string           `json:"note,omitempty"`
	Missing  []string         `json:"missing,omitempty"`
	ToUserID int64            `json:"to_user_id,omitempty"`
	// extended: the new date promised in the apology
	NewDueAt *time.Time `json:"new_due_at,omitempty"`
	// part_sent: the co-ordinating unit, what it does and its budget in
	// working minutes (450 a day); part_returned: the part's seq
	PartUnitID  int64             `json:"part_unit_id,omitempty"`
	PartTitle   string            `json:"part_title,omitempty"`
	PartMinutes int               `json:"part_minutes,omitempty"`
	PartSteps   []motcua.PartStep `json:"part_steps,omitempty"` // the part's own workflow: name and minutes per step
	PartSeq     int               `json:"part_seq,omitempty"`
	// part_sent between units: "forward" (the dossier to its deciding
	// unit) or "result" (the result back), and how it travels
	PartKind  motcua.PartKind `json:"part_kind,omitempty"`
	PartMeans motcua.Means    `json:"part_means,omitempty"`
	// transferred: the new deciding unit and return unit (0: unchanged);
	// reason is the legal basis
	ToUnitID     int64 `json:"to_unit_id,omitempty"`
	ReturnUnitID int64 `json:"return_unit_id,omitempty"`
}

// RefusalRequest is the body of POST /api/v1/refusals.
type RefusalRequest struct {
	ProcedureID int64            `json:"procedure_id"`
	UnitID      int64            `json:"unit_id"`
	Applicant   motcua.Applicant `json:"applicant"`
	Reason      string           `json:"reason"`
	At          *time.Time       `json:"at,omitempty"`
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// LoginRequest is the body of POST /api/v1/sessions.
type LoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	// Code is the second factor (an authenticator app's code or a recovery
	// code) for accounts that have one.
	Code string `json:"code,omitempty"`
}

// Session is an officer's bearer token.
type Session struct {
	Token string `json:"token"`
}

// ProcedureList answers GET /api/v1/procedures.
type ProcedureList struct {
	Procedures []*motcua.Procedure `json:"procedures"`
}

// DossierList is one page of dossiers and how many match.
type DossierList struct {
	Dossiers []Dossier `json:"dossiers"`
	// Total counts the matching dossiers up to 1,000; More says there are
	// more than that (the count stops there: it would read them all).
	Total int  `json:"total"`
	More  bool `json:"more"`
}

// EventList is a dossier's events, oldest first.
type EventList struct {
	Events []Event `json:"events"`
}

// RefusalRef identifies a recorded refusal (form 03).
type RefusalRef struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
}

// DueAnswer is a due instant with its explanation, line by line.
type DueAnswer struct {
	Start   time.Time `json:"start"`
	Due     time.Time `json:"due"`
	Explain []string  `json:"explain"`
}
