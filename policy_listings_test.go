package motcua

import (
	"testing"
	"time"
)

// TestListingsAreKeptByTheProvincesAdministrators: the list of procedures
// received regardless of boundary is the provincial chairman's, so only an
// administrator of a province in force keeps it.
func TestListingsAreKeptByTheProvincesAdministrators(t *testing.T) {
	merged := time.Date(2025, 7, 1, 0, 0, 0, 0, VN)
	oldProvince := &Unit{ID: 1, Kind: UnitProvince, ValidTo: merged}
	province := &Unit{ID: 2, Kind: UnitProvince, ValidFrom: merged}
	centre := &Unit{ID: 3, Kind: UnitCentre, ParentID: 2}
	commune := &Unit{ID: 4, Kind: UnitCommune, ParentID: 2}
	units := []*Unit{oldProvince, province, centre, commune}
	after := merged.Add(24 * time.Hour)
	grant := func(role Role, unit int64) *Actor {
		return &Actor{User: User{ID: 1, Grants: []Grant{{Role: role, UnitID: unit}}}}
	}
	for _, c := range []struct {
		name string
		a    *Actor
		ok   bool
	}{
		{"the province's administrator", grant(RoleAdmin, 2), true},
		{"the merged province's administrator", grant(RoleAdmin, 1), false},
		{"the centre's administrator", grant(RoleAdmin, 3), false},
		{"a commune's administrator", grant(RoleAdmin, 4), false},
		{"the province's leader", grant(RoleLeader, 2), false},
		{"an external system", &Actor{User: User{Grants: []Grant{{Role: RoleAdmin, UnitID: 2}}}, Client: &Client{}}, false},
	} {
		if got := c.a.CanManageListings(units, after); got != c.ok {
			t.Errorf("%s: CanManageListings = %v, want %v", c.name, got, c.ok)
		}
	}
}
