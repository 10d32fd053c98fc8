package motcua

// This file is the one policy: who may see or do what with a dossier. Every
// UI handler and API operation asks it, through the store's services.

// CanView reports whether the actor may see the dossier: it must involve a
// unit in the actor's scope (receiving, deciding or currently holding it).
// Administrators manage units, users and calendars, not dossiers: their role
// alone shows no citizen's data.
func (a *Actor) CanView(d *Dossier) bool {
	return a.Handles(d.ReceivingUnitID) || a.Handles(d.DecidingUnitID) || a.Handles(d.CurrentUnitID)
}

// Handles reports whether the actor holds a dossier-handling role in the unit.
func (a *Actor) Handles(unitID int64) bool {
	return a.Has(unitID, RoleCounter) || a.Has(unitID, RoleSpecialist) || a.Has(unitID, RoleLeader)
}

// CanReceive reports whether the actor may accept or refuse dossiers at the unit.
func (a *Actor) CanReceive(unitID int64) bool { return a.Has(unitID, RoleCounter) }

// CanAct reports whether the actor may perform action t on the dossier,
// which follows the workflow steps. Errors are EFORBIDDEN with a Vietnamese reason.
func (a *Actor) CanAct(t EventType, d *Dossier, steps []WorkflowStep) error {
	if !a.CanView(d) {
		return ErrDossierNotFound()
	}
	var step *WorkflowStep
	if d.Step < len(steps) {
		step = &steps[d.Step]
	}
	lastStep := d.Step == len(steps)-1
	ok := false
	switch t {
	case EventHandedOver, EventSupplementRequested:
		ok = a.holdsStep(d, step)
	case EventSupplementReceived:
		ok = a.holdsStep(d, step) || a.Has(d.ReceivingUnitID, RoleCounter)
	case EventResultReady:
		// The result is ready when whoever holds the deciding unit's last step
		// signs it — no step of the deciding unit may be skipped — or when it
		// reaches the one-stop at the workflow's last step.
		ok = a.holdsStep(d, step) && (lastStep || lastDecidingStep(steps, d.Step))
	case EventResultReturned, EventWithdrawn:
		ok = a.Has(d.ReceivingUnitID, RoleCounter)
	default:
		return FieldError("type", "Thao tác %q không tồn tại.", t)
	}
	if !ok {
		return Errorf(EFORBIDDEN, "Bạn không có quyền thực hiện “%s” đối với hồ sơ %s ở bước hiện tại.", t.Label(), d.Code)
	}
	return nil
}

// holdsStep: the step's role at the unit holding the dossier, or that unit's leader.
func (a *Actor) holdsStep(d *Dossier, step *WorkflowStep) bool {
	if step != nil && a.Has(d.CurrentUnitID, step.Role) {
		return true
	}
	return a.Has(d.CurrentUnitID, RoleLeader)
}

// Actions lists the actions the actor may take on the dossier now, given its
// state and step: what the dossier page offers as buttons.
func (a *Actor) Actions(d *Dossier, steps []WorkflowStep) []EventType {
	var candidates []EventType
	switch d.State {
	case StateProcessing:
		if d.Step+1 < len(steps) {
			candidates = append(candidates, EventHandedOver)
		}
		candidates = append(candidates, EventSupplementRequested, EventResultReady, EventWithdrawn)
	case StateSupplement:
		candidates = append(candidates, EventSupplementReceived, EventWithdrawn)
	case StateResultReady:
		candidates = append(candidates, EventResultReturned)
	}
	var allowed []EventType
	for _, t := range candidates {
		if a.CanAct(t, d, steps) == nil {
			allowed = append(allowed, t)
		}
	}
	return allowed
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
