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
