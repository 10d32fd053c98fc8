package motcua

import "testing"

// TestUnitKindsAreNamedAndReceiveWhereTheLawSays: every kind has its
// Vietnamese name, and dossiers are received at communes, one-stop
// sections and the service centres with their branches (Decree
// 118/2025/NĐ-CP), not at the authorities and offices that decide them.
func TestUnitKindsAreNamedAndReceiveWhereTheLawSays(t *testing.T) {
	for _, c := range []struct {
		kind     UnitKind
		label    string
		receives bool
	}{
		{UnitProvince, "Ủy ban nhân dân tỉnh", false},
		{UnitDistrict, "Ủy ban nhân dân huyện", false},
		{UnitOffice, "Phòng/Sở chuyên môn", false},
		{UnitCommune, "Ủy ban nhân dân xã, phường, đặc khu", true},
		{UnitOneStop, "Bộ phận Một cửa", true},
		{UnitCentre, "Trung tâm Phục vụ hành chính công", true},
		{UnitBranch, "Chi nhánh Trung tâm Phục vụ hành chính công", true},
	} {
		if got := c.kind.Label(); got != c.label || got != NFC(got) {
			t.Errorf("%s.Label() = %q, want %q in NFC", c.kind, got, c.label)
		}
		u := &Unit{Kind: c.kind}
		if got := u.ReceivesDossiers(); got != c.receives {
			t.Errorf("%s: ReceivesDossiers = %v, want %v", c.kind, got, c.receives)
		}
	}
	if got := UnitKind("khác").Label(); got != "khác" {
		t.Errorf("an unknown kind's label = %q, want the kind itself", got)
	}
}
