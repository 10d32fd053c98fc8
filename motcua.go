// Package motcua holds the domain types of a Vietnamese one-stop shop
// (Một cửa điện tử): units, users and roles, the procedure catalogue and the
// dossier ledger. Rules live in package ledger, working time in package
// calendar, persistence in package store, HTTP in packages web and api.
package motcua

import "time"

// UnitKind says what a node of the organisation tree is.
type UnitKind string

const (
	UnitProvince UnitKind = "province" // Ủy ban nhân dân tỉnh
	UnitDistrict UnitKind = "district" // Ủy ban nhân dân huyện (before 07/2025)
	// UnitOffice is a specialised office, named by Unit.Office: a Phòng
	// under a district before 07/2025, a Sở (or an equivalent department)
	// under the province since.
	UnitOffice UnitKind = "office"
	// UnitDepartment is a department of the province since 07/2025 (a Sở,
	// an equivalent agency, or a vertical agency present in the province),
	// named by Unit.Office like an office.
	UnitDepartment UnitKind = "department"
	UnitCommune    UnitKind = "commune" // Ủy ban nhân dân xã, phường, đặc khu (thị trấn before 07/2025)
	UnitOneStop    UnitKind = "onestop" // Bộ phận Một cửa (before 07/2025)
	// UnitCentre is a Public Administration Service Centre (Trung tâm Phục
	// vụ hành chính công, Decree 118/2025/NĐ-CP): the provincial centre
	// when its parent is the province, a commune's centre when its parent
	// is a commune.
	UnitCentre UnitKind = "centre"
	// UnitBranch is a branch (chi nhánh) of the provincial centre, its
	// parent.
	UnitBranch UnitKind = "branch"
)

// Label returns the Vietnamese name of a unit kind.
func (k UnitKind) Label() string {
	switch k {
	case UnitProvince:
		return "Ủy ban nhân dân tỉnh"
	case UnitDistrict:
		return "Ủy ban nhân dân huyện"
	case UnitOffice:
		return "Phòng/Sở chuyên môn"
	case UnitDepartment:
		return "Sở, ban, ngành"
	case UnitCommune:
		return "Ủy ban nhân dân xã, phường, đặc khu"
	case UnitOneStop:
		return "Bộ phận Một cửa"
	case UnitCentre:
		return "Trung tâm Phục vụ hành chính công"
	case UnitBranch:
		return "Chi nhánh Trung tâm Phục vụ hành chính công"
	}
	return string(k)
}

// Unit is a node of the organisation tree, identified by its QCVN 102 code.
type Unit struct {
	ID          int64
	Code        string // e.g. 000.00.33.H17
	Name        string
	Kind        UnitKind
	ParentID    int64     // 0 for a root
	ValidFrom   time.Time // zero when the start is not recorded
	ValidTo     time.Time // zero while the unit exists
	SuccessorID int64     // the unit that took over a dissolved or merged one; 0 if none
	OfficeHours string    // calendar.ParseOfficeHours syntax; "" means the default hours
	// Office is the short key of a specialised office ("tu_phap", "tnmt", …)
	// that procedures name as their deciding office.
	Office string
}

// ReceivesDossiers reports whether dossiers are received at the unit: a
// commune, a one-stop section, a service centre or one of its branches.
// Which procedures it receives is the procedure's level and the
// organisation's (ledger.DecidingUnit), not this.
func (u *Unit) ReceivesDossiers() bool {
	switch u.Kind {
	case UnitCommune, UnitOneStop, UnitCentre, UnitBranch:
		return true
	}
	return false
}

// IsOffice reports whether the unit is a specialised office or a
// department: a unit procedures name by Unit.Office as the one deciding.
func (u *Unit) IsOffice() bool { return u.Kind == UnitOffice || u.Kind == UnitDepartment }

// IsAuthority reports whether the unit is a People's Committee: the
// authority the units under it act for.
func (u *Unit) IsAuthority() bool {
	return u.Kind == UnitProvince || u.Kind == UnitDistrict || u.Kind == UnitCommune
}

// InForce reports whether the unit exists at the instant: started (or
// its start unrecorded) and not yet ended.
func (u *Unit) InForce(at time.Time) bool {
	return (u.ValidFrom.IsZero() || !at.Before(u.ValidFrom)) && (u.ValidTo.IsZero() || at.Before(u.ValidTo))
}

// Role is what a user may do within a unit.
type Role string

const (
	RoleCounter    Role = "counter"    // counter officer at the one-stop section
	RoleSpecialist Role = "specialist" // specialist of the deciding unit
	RoleLeader     Role = "leader"     // unit leader: signs results, approves
	RoleAdmin      Role = "admin"      // administrator: users, calendar, catalogue
)

// Label returns the Vietnamese name of a role.
func (r Role) Label() string {
	switch r {
	case RoleCounter:
		return "Cán bộ một cửa"
	case RoleSpecialist:
		return "Chuyên viên xử lý"
	case RoleLeader:
		return "Lãnh đạo đơn vị"
	case RoleAdmin:
		return "Quản trị hệ thống"
	case RoleClient:
		return "Hệ thống kết nối"
	}
	return string(r)
}

// Grant gives a user a role in a unit and every unit below it.
type Grant struct {
	Role   Role
	UnitID int64
}

// User is a member of staff.
type User struct {
	ID       int64
	Username string
	FullName string
	Email    string // where alerts go; optional
	Grants   []Grant
	Disabled bool
}

// Actor is a logged-in user with the scope their grants give:
// every unit in scope and the roles held there.
type Actor struct {
	User  User
	Units map[int64][]Role
	// Client is set when an external system calls with its key: its scope
	// narrows what the roles reach (policy.go).
	Client *Client
}

// Has reports whether the actor holds role in the unit.
func (a *Actor) Has(unitID int64, role Role) bool {
	for _, r := range a.Units[unitID] {
		if r == role {
			return true
		}
	}
	return false
}

// InScope reports whether the unit is within the actor's scope.
func (a *Actor) InScope(unitID int64) bool {
	_, ok := a.Units[unitID]
	return ok
}

// HandledUnitIDs lists the units whose dossiers the actor may see.
func (a *Actor) HandledUnitIDs() []int64 {
	ids := make([]int64, 0, len(a.Units))
	for id := range a.Units {
		if a.Handles(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// UnitsWith lists the units in scope where the actor holds role.
func (a *Actor) UnitsWith(role Role) []int64 {
	var ids []int64
	for id := range a.Units {
		if a.Has(id, role) {
			ids = append(ids, id)
		}
	}
	return ids
}
