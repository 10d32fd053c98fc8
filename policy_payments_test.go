package motcua

import "testing"

// TestFeesAreCollectedAtTheCounterAndRefundedByItOrTheLeader: cash and the
// voiding of a cash receipt are the receiving (or returning) counter's; a
// refund also its unit's leader's; nobody else's, whatever they may see.
func TestFeesAreCollectedAtTheCounterAndRefundedByItOrTheLeader(t *testing.T) {
	const receiving, deciding, returning, other = 7, 8, 9, 10
	d := &Dossier{ReceivingUnitID: receiving, DecidingUnitID: deciding, CurrentUnitID: deciding, ReturnUnitID: returning}
	cases := []struct {
		name            string
		a               *Actor
		collect, refund bool
	}{
		{"the receiving counter", actor(RoleCounter, receiving), true, true},
		{"the returning counter", actor(RoleCounter, returning), true, true},
		{"the receiving unit's leader refunds, takes no cash", actor(RoleLeader, receiving), false, true},
		{"the deciding unit's counter sees the dossier but takes no fees", actor(RoleCounter, deciding), false, false},
		{"the deciding unit's leader", actor(RoleLeader, deciding), false, false},
		{"a specialist of the receiving unit", actor(RoleSpecialist, receiving), false, false},
		{"another unit's counter", actor(RoleCounter, other), false, false},
		{"an administrator", actor(RoleAdmin, receiving), false, false},
	}
	for _, c := range cases {
		if got := c.a.CanCollectFees(d); got != c.collect {
			t.Errorf("%s: CanCollectFees = %v, want %v", c.name, got, c.collect)
		}
		if got := c.a.CanRefundFees(d); got != c.refund {
			t.Errorf("%s: CanRefundFees = %v, want %v", c.name, got, c.refund)
		}
	}
}

// TestReconciliationLinesGoToTheUnitsLeadersAndAdministrators: a unit's
// lines are read by its leaders and administrators, a gateway transaction
// no unit made by administrators only; counter officers, specialists and
// external systems read none and do not reach the page.
func TestReconciliationLinesGoToTheUnitsLeadersAndAdministrators(t *testing.T) {
	const unit, other = 7, 8
	client := actor(RoleLeader, unit)
	client.Client = &Client{ID: 1, Name: "Hệ thống kế toán"}
	cases := []struct {
		name                  string
		a                     *Actor
		page, own, others, no bool // the page; the unit's lines; another unit's; lines of no unit
	}{
		{"the unit's leader", actor(RoleLeader, unit), true, true, false, false},
		{"the unit's administrator", actor(RoleAdmin, unit), true, true, false, true},
		{"the unit's counter officer", actor(RoleCounter, unit), false, false, false, false},
		{"the unit's specialist", actor(RoleSpecialist, unit), false, false, false, false},
		{"another unit's leader", actor(RoleLeader, other), true, false, true, false},
		{"an external system with a leader grant", client, false, false, false, false},
	}
	for _, c := range cases {
		got := [4]bool{c.a.ReconcilesPayments(), c.a.CanReconcilePayments(unit), c.a.CanReconcilePayments(other), c.a.CanReconcilePayments(0)}
		if want := [4]bool{c.page, c.own, c.others, c.no}; got != want {
			t.Errorf("%s: page, own, other's, no unit's lines = %v, want %v", c.name, got, want)
		}
	}
}
