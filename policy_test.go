package motcua

import (
	"testing"
	"time"
)

// A commune workflow: counter (intake) → specialist → leader signs → counter returns.
var communeSteps = []WorkflowStep{
	{Name: "Tiếp nhận", Role: RoleCounter, Unit: AtIntake, Minutes: 30},
	{Name: "Thẩm định", Role: RoleSpecialist, Unit: AtDeciding, Minutes: 300},
	{Name: "Ký duyệt", Role: RoleLeader, Unit: AtDeciding, Minutes: 90},
	{Name: "Trả kết quả", Role: RoleCounter, Unit: AtIntake, Minutes: 30},
}

func actor(role Role, unit int64) *Actor {
	return &Actor{User: User{ID: 1}, Units: map[int64][]Role{unit: {role}}}
}

func TestResultReadyOnlyAfterTheDecidingUnitsLastStep(t *testing.T) {
	const commune = 7
	d := &Dossier{Code: "X", ReceivingUnitID: commune, DecidingUnitID: commune, CurrentUnitID: commune, State: StateProcessing}
	cases := []struct {
		name string
		role Role
		step int
		ok   bool
	}{
		{"the specialist may not skip the leader's signature", RoleSpecialist, 1, false},
		{"not even the leader records a result at intake", RoleLeader, 0, false},
		{"the leader signing at the last deciding step", RoleLeader, 2, true},
		{"the specialist at the leader's step", RoleSpecialist, 2, false},
		{"the counter at the last step", RoleCounter, 3, true},
		{"the counter at intake", RoleCounter, 0, false},
	}
	for _, c := range cases {
		d.Step = c.step
		err := actor(c.role, commune).CanAct(Action{Type: EventResultReady}, d, communeSteps)
		if (err == nil) != c.ok {
			t.Errorf("%s: CanAct = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestAdministratorsReadNoDossiers(t *testing.T) {
	d := &Dossier{ReceivingUnitID: 7, DecidingUnitID: 7, CurrentUnitID: 7}
	if actor(RoleAdmin, 7).CanView(d) {
		t.Error("an administrator's role alone shows the dossier")
	}
	if !actor(RoleLeader, 7).CanView(d) {
		t.Error("the unit's leader cannot see its dossier")
	}
}

// TestAuditTrailIsTheTopUnitInForce: the administrator of the highest unit
// in force reads the whole trail; a unit above that has ended (the province
// dissolved on 01/07/2025) does not keep its district from being the top.
func TestAuditTrailIsTheTopUnitInForce(t *testing.T) {
	ended := time.Date(2025, 7, 1, 0, 0, 0, 0, VN)
	province := &Unit{ID: 1, ValidTo: ended}
	district := &Unit{ID: 2, ParentID: 1}
	commune := &Unit{ID: 3, ParentID: 2}
	units := []*Unit{province, district, commune}
	before, after := ended.Add(-time.Hour), ended.Add(time.Hour)
	admin := func(unit int64) *Actor {
		return &Actor{User: User{ID: 1, Grants: []Grant{{Role: RoleAdmin, UnitID: unit}}}}
	}
	cases := []struct {
		name string
		a    *Actor
		at   time.Time
		ok   bool
	}{
		{"the district's administrator once the province has ended", admin(2), after, true},
		{"the district's administrator while the province is in force", admin(2), before, false},
		{"the province's administrator while it is in force", admin(1), before, true},
		{"the province's administrator after it ended", admin(1), after, false},
		{"a commune's administrator", admin(3), after, false},
		{"the district's leader", &Actor{User: User{ID: 1, Grants: []Grant{{Role: RoleLeader, UnitID: 2}}}}, after, false},
	}
	for _, c := range cases {
		if got := c.a.CanReadAuditTrail(units, c.at); got != c.ok {
			t.Errorf("%s: CanReadAuditTrail = %v, want %v", c.name, got, c.ok)
		}
	}
}
