package motcua

import (
	"slices"
	"time"
)

// This file is the one policy: who may see or do what with a dossier. Every
// UI handler and API operation asks it, through the store's services.

// CanView reports whether the actor may see the dossier: it must involve a
// unit in the actor's scope (receiving, deciding or currently holding it).
// Administrators manage units, users and calendars, not dossiers: their role
// alone shows no citizen's data.
// A co-ordinating unit of a linked dossier sees it too: it works on a part.
func (a *Actor) CanView(d *Dossier) bool {
	if a.Client != nil && !a.Client.covers(d.ProcedureID) {
		return false
	}
	if a.Handles(d.ReceivingUnitID) || a.Handles(d.DecidingUnitID) || a.Handles(d.CurrentUnitID) || a.Handles(d.ReturnUnitID) {
		return true
	}
	for _, p := range d.Parts {
		if a.Handles(p.UnitID) {
			return true
		}
	}
	return false
}

// Handles reports whether the actor holds a dossier-handling role in the unit.
func (a *Actor) Handles(unitID int64) bool {
	return a.Has(unitID, RoleCounter) || a.Has(unitID, RoleSpecialist) || a.Has(unitID, RoleLeader) || a.Has(unitID, RoleClient)
}

// CanReceive reports whether the actor may accept or refuse dossiers at the
// unit: its counter officers, or a specialised system granted "register"
// for it (a dossier it received itself, registered without typing twice).
func (a *Actor) CanReceive(unitID int64) bool {
	if a.Client != nil {
		return a.Allows(ClientRegister) && a.Has(unitID, RoleClient)
	}
	return a.Has(unitID, RoleCounter)
}

// CanLookUpPopulation reports whether the actor may look an applicant up
// in the national population database: a counter officer (who receives
// dossiers somewhere), never an external system.
func (a *Actor) CanLookUpPopulation() bool {
	return a.Client == nil && len(a.UnitsWith(RoleCounter)) > 0
}

// CanAct reports whether the actor may perform act on the dossier, which
// follows the workflow steps. Errors are EFORBIDDEN with a Vietnamese reason.
func (a *Actor) CanAct(act Action, d *Dossier, steps []WorkflowStep) error {
	if !a.CanView(d) {
		return ErrDossierNotFound()
	}
	if a.Client != nil {
		// A specialised system where the dossier is decided records its
		// result, or that it needs more documents, or stopped; it does
		// nothing else to the one-stop's ledger.
		switch act.Type {
		case EventResultReady, EventSupplementRequested, EventStopped:
			if a.Allows(ClientResult) {
				return nil
			}
		}
		return Errorf(EFORBIDDEN, "Hệ thống kết nối không được thực hiện “%s”.", act.Type.Label())
	}
	var step *WorkflowStep
	if d.Step < len(steps) {
		step = &steps[d.Step]
	}
	lastStep := d.Step == len(steps)-1
	ok := false
	switch t := act.Type; t {
	case EventHandedOver, EventSupplementRequested:
		ok = a.holdsStep(d, step)
	case EventPartSent:
		ok = a.maySend(act, d)
	case EventSupplementReceived:
		ok = a.holdsStep(d, step) || a.Has(d.ReceivingUnitID, RoleCounter)
	case EventResultReady:
		// The result is ready when whoever holds the deciding unit's last step
		// signs it — no step of the deciding unit may be skipped — or when it
		// reaches the one-stop at the workflow's last step.
		ok = a.holdsStep(d, step) && (lastStep || lastDecidingStep(steps, d.Step))
	case EventResultReturned:
		ok = a.Has(d.ReturnUnit(), RoleCounter)
	case EventWithdrawn:
		ok = a.Has(d.ReceivingUnitID, RoleCounter)
	case EventExtended, EventStopped:
		// The apology (form 04) and the stop notice (form 05) are signed by
		// the head of the unit responsible for the delay or the decision.
		ok = a.Has(d.CurrentUnitID, RoleLeader) || a.Has(d.DecidingUnitID, RoleLeader)
	case EventPartReturned, EventPartHandedOver:
		p := d.PartBySeq(act.PartSeq)
		ok = p != nil && (a.Has(p.UnitID, RoleSpecialist) || a.Has(p.UnitID, RoleLeader) ||
			p.Kind.HandOver() && a.Has(p.UnitID, RoleCounter)) // paper arriving is the counter's to confirm
	case EventTransferred:
		// A change of competent unit by hand is the deciding unit's leader's
		// (a province leader's grant covers the units below); the
		// successions of 01/07/2025 are the system's (store.ApplySuccessions).
		ok = a.Has(d.DecidingUnitID, RoleLeader)
	case EventLateApproved, EventLateRejected:
		ok = d.Pending != nil && a.Has(d.Pending.UnitID, RoleLeader)
	default:
		return FieldError("type", "Thao tác %q không tồn tại.", act.Type)
	}
	if !ok {
		return Errorf(EFORBIDDEN, "Bạn không có quyền thực hiện “%s” đối với hồ sơ %s ở bước hiện tại.", act.Type.Label(), d.Code)
	}
	return nil
}

// ActingUnit is the unit on whose behalf an action is recorded: its leader
// approves the action when it is keyed late.
func ActingUnit(act Action, d *Dossier) int64 {
	switch act.Type {
	case EventResultReturned:
		return d.ReturnUnit()
	case EventWithdrawn:
		return d.ReceivingUnitID
	case EventPartReturned, EventPartHandedOver:
		if p := d.PartBySeq(act.PartSeq); p != nil {
			return p.UnitID
		}
	case EventLateApproved, EventLateRejected:
		if d.Pending != nil {
			return d.Pending.UnitID
		}
	}
	return d.CurrentUnitID
}

// maySend: sending a part to a co-ordinating unit is the lead unit's
// processing work; forwarding a dossier received for another unit is the
// receiving counter's; sending the result back is the deciding unit's.
func (a *Actor) maySend(act Action, d *Dossier) bool {
	switch act.PartKind {
	case PartForward:
		return a.Has(d.ReceivingUnitID, RoleCounter) || a.Has(d.ReceivingUnitID, RoleLeader)
	case PartResult:
		return a.Handles(d.DecidingUnitID) && !a.Has(d.DecidingUnitID, RoleClient)
	}
	return a.Has(d.CurrentUnitID, RoleSpecialist) || a.Has(d.CurrentUnitID, RoleLeader)
}

// holdsStep: the step's role at the unit holding the dossier, or that unit's leader.
func (a *Actor) holdsStep(d *Dossier, step *WorkflowStep) bool {
	if step != nil && a.Has(d.CurrentUnitID, step.Role) {
		return true
	}
	return a.Has(d.CurrentUnitID, RoleLeader)
}

// Actions lists the actions the actor may take on the dossier now, given its
// state and step: what the dossier page offers as forms. Returning a linked
// part is offered once per open part the actor's unit holds.
func (a *Actor) Actions(d *Dossier, steps []WorkflowStep) []Action {
	var candidates []Action
	add := func(ts ...EventType) {
		for _, t := range ts {
			candidates = append(candidates, Action{Type: t})
		}
	}
	switch {
	case d.Pending != nil:
		add(EventLateApproved, EventLateRejected)
	case d.State == StateProcessing:
		if d.Step+1 < len(steps) {
			add(EventHandedOver)
		}
		add(EventSupplementRequested, EventPartSent, EventResultReady, EventExtended, EventStopped, EventWithdrawn)
		candidates = append(candidates, handOverCandidates(d, PartForward)...)
	case d.State == StateSupplement:
		add(EventSupplementReceived, EventStopped, EventWithdrawn)
	case d.State == StatePayment: // the payment itself resumes it (store.RecordCash, a gateway)
		add(EventStopped, EventWithdrawn)
	case d.State == StateResultReady:
		if !slices.ContainsFunc(d.OpenParts(), func(p Part) bool { return p.Kind == PartResult }) {
			add(EventResultReturned) // not while the result is on its way to the counter
		}
		candidates = append(candidates, handOverCandidates(d, PartResult)...)
	}
	if d.Pending == nil && (d.State.Open() || d.State == StateResultReady) {
		add(EventTransferred)
	}
	if d.Pending == nil && (d.State.Open() || d.State == StateResultReady) {
		for _, p := range d.OpenParts() {
			if p.Kind == PartResult && d.State != StateResultReady || p.Kind != PartResult && d.State == StateResultReady {
				continue
			}
			if p.Step+1 < len(p.Plan) {
				candidates = append(candidates, Action{Type: EventPartHandedOver, PartSeq: p.Seq, PartTitle: p.Title})
			}
			candidates = append(candidates, Action{Type: EventPartReturned, PartSeq: p.Seq, PartTitle: p.Title})
		}
	}
	var allowed []Action
	for _, act := range candidates {
		if a.CanAct(act, d, steps) == nil {
			allowed = append(allowed, act)
		}
	}
	return allowed
}

// handOverCandidates offers sending the dossier (or its result) between
// the receiving and deciding units when they differ and none is on its way.
func handOverCandidates(d *Dossier, kind PartKind) []Action {
	if !d.TravelsBetweenUnits(kind) {
		return nil
	}
	for _, p := range d.Parts {
		if p.Kind == kind {
			return nil // the dossier goes once, and so does its result
		}
	}
	return []Action{{Type: EventPartSent, PartKind: kind, PartTitle: kind.Label()}}
}

// lastDecidingStep reports whether no step after i is performed by the deciding unit.
func lastDecidingStep(steps []WorkflowStep, i int) bool {
	if i < 0 || i >= len(steps) || steps[i].Unit != AtDeciding {
		return false
	}
	for _, s := range steps[i+1:] {
		if s.Unit == AtDeciding {
			return false
		}
	}
	return true
}

// CanManageCatalog reports whether the actor may prepare and publish
// catalogue decisions: administrators. (A province would narrow this to
// its own catalogue team; the grant is the place to do it.)
func (a *Actor) CanManageCatalog() bool {
	for _, g := range a.User.Grants {
		if g.Role == RoleAdmin {
			return true
		}
	}
	return false
}

// CanManageListings reports whether the actor may keep the list of
// procedures received regardless of administrative boundary: the
// provincial chairman's decisions publish it (Decree 118/2025/NĐ-CP), so
// an administrator of a province People's Committee in force at at.
func (a *Actor) CanManageListings(units []*Unit, at time.Time) bool {
	if a.Client != nil {
		return false
	}
	byID := unitsByID(units)
	for _, g := range a.User.Grants {
		if u := byID[g.UnitID]; g.Role == RoleAdmin && u != nil && u.Kind == UnitProvince && u.InForce(at) {
			return true
		}
	}
	return false
}

// CanAdopt reports whether the actor may decide that the unit applies a
// procedure and assign the unit's officers to its steps: the unit's leader
// or administrator.
func (a *Actor) CanAdopt(unitID int64) bool {
	return a.Has(unitID, RoleLeader) || a.Has(unitID, RoleAdmin)
}

// CanReport reports whether the actor may read the statistics of a unit
// and the units below it: its leaders (the Home Affairs office reads its
// district's as the district's leaders do, through a leader grant there).
// An external system granted "read" reads the statistics of the units in
// its scope.
func (a *Actor) CanReport(unitID int64) bool {
	if a.Client != nil {
		return a.Allows(ClientRead) && a.Has(unitID, RoleClient)
	}
	return a.Has(unitID, RoleLeader)
}

// CanViewSubmission reports whether the actor may see an online submission
// and its files: the officers of the unit it was filed at.
func (a *Actor) CanViewSubmission(s *Submission) bool { return a.Handles(s.UnitID) }

// CanDecideSubmission reports whether the actor may accept an online
// submission, ask for additions or refuse it: the unit's counter officers.
func (a *Actor) CanDecideSubmission(s *Submission) bool { return a.CanReceive(s.UnitID) }

// CanAnswerReview reports whether the actor may answer an unsatisfied
// rating of the unit's service: the unit's leaders.
func (a *Actor) CanAnswerReview(unitID int64) bool { return a.Has(unitID, RoleLeader) }

// CanManageReform reports whether the actor may record a unit's reform
// plans and directive documents: its leaders and administrators (the Home
// Affairs office acts through a leader grant, as for reports).
func (a *Actor) CanManageReform(unitID int64) bool {
	return a.Has(unitID, RoleLeader) || a.Has(unitID, RoleAdmin)
}

// CanReportTask reports whether the actor may record progress on a plan
// task led by ownerUnitID: that unit's specialists and leaders.
func (a *Actor) CanReportTask(ownerUnitID int64) bool {
	return a.Has(ownerUnitID, RoleSpecialist) || a.Has(ownerUnitID, RoleLeader)
}

// Desk is a part of the staff site and who may enter it at all. Every
// staff page and form is registered with its desk, and the gate asks
// MayEnter before the handler reads anything; what an officer may then see
// or do there is decided per unit and per object by the rules above.
type Desk int

const (
	DeskOfficer Desk = iota // any officer: the catalogue, calendars, units
	DeskDossier             // officers who handle dossiers: worklists, alerts, registers, online filings
	DeskCounter             // counter officers of some unit: intake
	DeskLeader              // leaders of some unit: statistics, performance, reviews
	DeskManager             // leaders and administrators: plans, documents, surveys, adoption
	DeskTask                // specialists and leaders: progress on plan tasks
	DeskAdmin               // administrators: units, calendars, catalogue decisions
)

// MayEnter reports whether the actor may use the desk's pages at all.
// External systems have no desk: they use the API.
func (a *Actor) MayEnter(d Desk) bool {
	if a.Client != nil {
		return false
	}
	roles := map[Desk][]Role{
		DeskOfficer: {RoleCounter, RoleSpecialist, RoleLeader, RoleAdmin},
		DeskDossier: {RoleCounter, RoleSpecialist, RoleLeader}, // administrators read no dossiers (CanView)
		DeskCounter: {RoleCounter},
		DeskLeader:  {RoleLeader},
		DeskManager: {RoleLeader, RoleAdmin},
		DeskTask:    {RoleSpecialist, RoleLeader},
		DeskAdmin:   {RoleAdmin},
	}[d]
	for _, g := range a.User.Grants {
		for _, r := range roles {
			if g.Role == r {
				return true
			}
		}
	}
	return false
}

// Refusal is what the gate tells someone who may not enter the desk.
func (d Desk) Refusal() string {
	switch d {
	case DeskDossier:
		return "Trang này dành cho cán bộ xử lý hồ sơ; tài khoản quản trị không xem hồ sơ."
	case DeskCounter:
		return "Chỉ cán bộ tiếp nhận (bộ phận một cửa) được thực hiện thao tác này."
	case DeskLeader:
		return "Chỉ lãnh đạo đơn vị được xem hoặc thực hiện nội dung này."
	case DeskManager:
		return "Chỉ lãnh đạo hoặc quản trị của đơn vị được thực hiện thao tác này."
	case DeskTask:
		return "Chỉ chuyên viên hoặc lãnh đạo của đơn vị chủ trì được cập nhật nhiệm vụ."
	case DeskAdmin:
		return "Chỉ quản trị hệ thống được thực hiện thao tác này."
	}
	return "Tài khoản của bạn không được dùng chức năng này."
}

// MustUseSecondFactor reports whether the actor's roles require a second
// factor at login: administrators and leaders, who can change what others
// may do or sign results (domain.md §15).
func (a *Actor) MustUseSecondFactor() bool {
	for _, g := range a.User.Grants {
		if g.Role == RoleAdmin || g.Role == RoleLeader {
			return true
		}
	}
	return false
}

// CanReadAuditTrail reports whether the actor may read and check the whole
// audit trail (every unit's entries): an administrator of a top unit, one
// in force at the instant with no unit in force above it. A unit above that
// has ended (a province dissolved in a merger) no longer counts, so its
// district's administrator is then the top one; an ended unit's own
// administrator reads nothing.
func (a *Actor) CanReadAuditTrail(units []*Unit, at time.Time) bool {
	if a.Client != nil {
		return false
	}
	byID := unitsByID(units)
	for _, g := range a.User.Grants {
		if u := byID[g.UnitID]; g.Role == RoleAdmin && u != nil && u.InForce(at) && !hasUnitAboveInForce(u, byID, at) {
			return true
		}
	}
	return false
}

// hasUnitAboveInForce walks up from u (at most once round the tree, should
// a parent loop ever be recorded).
func hasUnitAboveInForce(u *Unit, byID map[int64]*Unit, at time.Time) bool {
	for range len(byID) {
		parent := byID[u.ParentID]
		if parent == nil {
			return false
		}
		if parent.InForce(at) {
			return true
		}
		u = parent
	}
	return false
}

func unitsByID(units []*Unit) map[int64]*Unit {
	byID := make(map[int64]*Unit, len(units))
	for _, u := range units {
		byID[u.ID] = u
	}
	return byID
}

// CanIssueResult reports whether the actor may issue an electronic result
// after the result was recorded, or a correction of one: the deciding
// unit's leader or specialist (issue 18).
func (a *Actor) CanIssueResult(d *Dossier) bool {
	return a.Client == nil && (a.Has(d.DecidingUnitID, RoleLeader) || a.Has(d.DecidingUnitID, RoleSpecialist))
}

// CanRevokeResult reports whether the actor may revoke an issued result:
// the deciding unit's leader, who signs results.
func (a *Actor) CanRevokeResult(d *Dossier) bool {
	return a.Client == nil && a.Has(d.DecidingUnitID, RoleLeader)
}

// CanCollectFees reports whether the actor may take a dossier's fees in
// cash and void a cash receipt (issue 19): the counter officers of the
// unit that receives the dossier or returns its result.
func (a *Actor) CanCollectFees(d *Dossier) bool {
	return a.Client == nil && a.CanView(d) && (a.Has(d.ReceivingUnitID, RoleCounter) || a.Has(d.ReturnUnit(), RoleCounter))
}

// CanRefundFees reports whether the actor may record that money received
// for a dossier was given back: those who collect it, and the receiving
// unit's leader, who answers for the unit's receipts.
func (a *Actor) CanRefundFees(d *Dossier) bool {
	return a.CanCollectFees(d) || (a.Client == nil && a.Has(d.ReceivingUnitID, RoleLeader))
}

// CanReconcilePayments reports whether the actor may read the lines of the
// online payments' reconciliation that concern payments collected by the
// unit (and run it again): its leaders, who answer for the unit's
// receipts, and its administrators. Unit 0 is a gateway's transaction for
// an order no unit made: administrators read those.
func (a *Actor) CanReconcilePayments(unitID int64) bool {
	if a.Client != nil {
		return false
	}
	if unitID == 0 {
		return len(a.UnitsWith(RoleAdmin)) > 0
	}
	return a.Has(unitID, RoleLeader) || a.Has(unitID, RoleAdmin)
}

// ReconcilesPayments reports whether the actor may open the reconciliation
// page at all: a leader or an administrator of some unit.
func (a *Actor) ReconcilesPayments() bool {
	return a.Client == nil && (len(a.UnitsWith(RoleLeader)) > 0 || len(a.UnitsWith(RoleAdmin)) > 0)
}
