package motcua

import "testing"

// TestOnlyCounterOfficersLookUpPopulation: the population database is
// asked for a counter officer of any unit, never for a specialist, a
// leader or an external system (even one holding a counter role).
func TestOnlyCounterOfficersLookUpPopulation(t *testing.T) {
	for _, c := range []struct {
		name string
		a    *Actor
		want bool
	}{
		{"counter officer", &Actor{User: User{ID: 1}, Units: map[int64][]Role{7: {RoleCounter}}}, true},
		{"specialist", &Actor{User: User{ID: 2}, Units: map[int64][]Role{7: {RoleSpecialist}}}, false},
		{"leader", &Actor{User: User{ID: 3}, Units: map[int64][]Role{7: {RoleLeader}}}, false},
		{"system", &Actor{Client: &Client{ID: 4}, Units: map[int64][]Role{7: {RoleCounter, RoleClient}}}, false},
	} {
		if got := c.a.CanLookUpPopulation(); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
