package demo

import (
	"context"
	"fmt"
	"time"
	"unicode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// The organisation of 2024 (until 30/06/2025): province Đắk Nông, Đắk Mil
// district with its one-stop section, twelve offices and ten communes.
// Codes follow the QCVN 102:2016 shape; the district's and units' numbers
// are illustrative, not the official assignment. H17 is Đắk Nông's old
// province code, inferred from the alphabetical order of the 63 old
// provinces (docs/government-2025-research.md §2), closed since 01/07/2025.
const (
	provinceCode = "000.00.00.H17"
	districtCode = "000.00.33.H17"
	oneStopCode  = "000.20.33.H17"
)

type office struct{ key, name string }

var offices = []office{
	{"vp", "Văn phòng HĐND và UBND huyện"}, {"noi_vu", "Phòng Nội vụ"}, {"tu_phap", "Phòng Tư pháp"},
	{"tckh", "Phòng Tài chính – Kế hoạch"}, {"tnmt", "Phòng Tài nguyên và Môi trường"},
	{"ldtbxh", "Phòng Lao động – Thương binh và Xã hội"}, {"vhtt", "Phòng Văn hóa và Thông tin"},
	{"gddt", "Phòng Giáo dục và Đào tạo"}, {"yte", "Phòng Y tế"}, {"kthh", "Phòng Kinh tế và Hạ tầng"},
	{"nnptnt", "Phòng Nông nghiệp và Phát triển nông thôn"}, {"thanh_tra", "Thanh tra huyện"},
}

type commune struct{ slug, name string }

var communes = []commune{
	{"dakmil", "Thị trấn Đắk Mil"}, {"daklao", "Xã Đắk Lao"}, {"dakrla", "Xã Đắk R'La"}, {"dakgan", "Xã Đắk Gằn"},
	{"ducmanh", "Xã Đức Mạnh"}, {"dakndrot", "Xã Đắk N'Drót"}, {"longson", "Xã Long Sơn"}, {"daksak", "Xã Đắk Sắk"},
	{"thuanan", "Xã Thuận An"}, {"ducminh", "Xã Đức Minh"},
}

// formerSuffix ends the usernames of the former communes' officers: the
// new communes took three of their names (Thuận An, Đắk Mil, Đắk Sắk).
const formerSuffix = ".2024"

// Account is a demo login, printed at start. Former accounts belong to
// the organisation before 01/07/2025 (the 2024 history).
type Account struct {
	Username, FullName, Unit string
	UnitID                   int64
	Role                     motcua.Role
	Former                   bool
}

// org is what seeding the organisation created, for the dossier generator.
type org struct {
	formerProvince    *motcua.Unit
	district, oneStop *motcua.Unit
	communes          []*motcua.Unit          // the ten former communes, in the order of communes
	offices           map[string]*motcua.Unit // the district's, by key
	today             *today
	accounts          []Account
	ids               map[string]int64 // user ids by username
}

var (
	validFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	// changeDay is when the two-level government took over (Decree
	// 118/2025/NĐ-CP, NQ 1671/NQ-UBTVQH15): the 2024 units end the day before.
	changeDay = time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)
)

// seedOrg creates today's organisation, then the 2024 one ended on
// 01/07/2025 with its successors, then the staff of both: today's accounts
// first.
func seedOrg(ctx context.Context, db *store.DB, password string) (*org, error) {
	o := &org{ids: map[string]int64{}, offices: map[string]*motcua.Unit{}}
	var err error
	if o.today, err = seedToday(ctx, db); err != nil {
		return nil, err
	}
	if o.formerProvince, err = o.seedFormer(ctx, db); err != nil {
		return nil, err
	}
	seats := o.today.seats()
	seats[0].also = o.formerProvince // the administrator keeps the former province's units and history
	seats = append(seats, o.formerSeats()...)
	for i, x := range seats {
		if err := o.createUser(ctx, db, i, x, password); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// seedFormer creates the 2024 tree, each unit ending on changeDay with its
// successor where there is one, and returns the former province.
func (o *org) seedFormer(ctx context.Context, db *store.DB) (*motcua.Unit, error) {
	t := o.today
	province := &motcua.Unit{Code: provinceCode, Name: "Ủy ban nhân dân tỉnh Đắk Nông", Kind: motcua.UnitProvince, ValidFrom: validFrom,
		ValidTo: changeDay, SuccessorID: t.province.ID}
	o.district = &motcua.Unit{Code: districtCode, Name: "Ủy ban nhân dân huyện Đắk Mil", Kind: motcua.UnitDistrict, ValidFrom: validFrom, ValidTo: changeDay}
	o.oneStop = &motcua.Unit{Code: oneStopCode, Name: "Bộ phận Một cửa huyện Đắk Mil", Kind: motcua.UnitOneStop, ValidFrom: validFrom, ValidTo: changeDay,
		SuccessorID: t.branch.ID}
	if err := create(ctx, db, province, 0); err != nil {
		return nil, err
	}
	if err := create(ctx, db, o.district, province.ID); err != nil {
		return nil, err
	}
	if err := create(ctx, db, o.oneStop, o.district.ID); err != nil {
		return nil, err
	}
	for i, of := range offices {
		u := &motcua.Unit{Code: fmt.Sprintf("000.%02d.33.H17", i+1), Name: of.name, Kind: motcua.UnitOffice, Office: of.key, ValidFrom: validFrom,
			ValidTo: changeDay}
		if d := t.departments[officeSuccessor[of.key]]; d != nil {
			u.SuccessorID = d.ID
		}
		if err := create(ctx, db, u, o.district.ID); err != nil {
			return nil, err
		}
		o.offices[of.key] = u
	}
	for i, c := range communes {
		u := &motcua.Unit{Code: fmt.Sprintf("000.%02d.33.H17", 21+i), Name: "Ủy ban nhân dân " + lowerFirst(c.name), Kind: motcua.UnitCommune,
			ValidFrom: validFrom, ValidTo: changeDay, SuccessorID: t.communeOf(c.slug).ID}
		if err := create(ctx, db, u, o.district.ID); err != nil {
			return nil, err
		}
		o.communes = append(o.communes, u)
	}
	return province, nil
}

// formerSeats are the 2024 officers: the district's leader (its history
// and reform reports), its one-stop counter, the offices with procedures,
// and each former commune's three roles.
func (o *org) formerSeats() []seat {
	seats := []seat{{username: "lanhdao.huyen", role: motcua.RoleLeader, unit: o.district, former: true},
		{username: "motcua.huyen", role: motcua.RoleCounter, unit: o.oneStop, former: true}}
	for _, key := range []string{"tu_phap", "tnmt", "tckh", "ldtbxh"} {
		u := o.offices[key]
		seats = append(seats, seat{username: "chuyenvien." + key, role: motcua.RoleSpecialist, unit: u, former: true},
			seat{username: "lanhdao." + key, role: motcua.RoleLeader, unit: u, former: true})
	}
	for i, c := range communes {
		for _, r := range []motcua.Role{motcua.RoleCounter, motcua.RoleSpecialist, motcua.RoleLeader} {
			seats = append(seats, seat{username: userPrefix[r] + "." + c.slug + formerSuffix, role: r, unit: o.communes[i], former: true})
		}
	}
	return seats
}

func (o *org) createUser(ctx context.Context, db *store.DB, i int, x seat, password string) error {
	grants := []motcua.Grant{{Role: x.role, UnitID: x.unit.ID}}
	if x.also != nil {
		grants = append(grants, motcua.Grant{Role: x.role, UnitID: x.also.ID})
	}
	u := &motcua.User{Username: x.username, FullName: fullNames[i%len(fullNames)], Email: x.username + "@motcua.example", Grants: grants}
	if err := db.CreateUser(ctx, u, password); err != nil {
		return err
	}
	o.ids[u.Username] = u.ID
	o.accounts = append(o.accounts, Account{Username: u.Username, FullName: u.FullName, Unit: x.unit.Name, UnitID: x.unit.ID, Role: x.role, Former: x.former})
	return nil
}

var userPrefix = map[motcua.Role]string{motcua.RoleCounter: "motcua", motcua.RoleSpecialist: "chuyenvien", motcua.RoleLeader: "lanhdao"}

// fullNames are invented; any likeness to real officials is chance.
var fullNames = []string{
	"Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Phạm Thị Dung", "Hoàng Văn Đức", "Vũ Thị Hà", "Đặng Quốc Huy",
	"Bùi Thị Lan", "Đỗ Văn Long", "Hồ Thị Mai", "Ngô Thanh Nam", "Dương Thị Oanh", "Lý Văn Phúc", "H'Yen Niê",
	"Y Bhin Êban", "Trịnh Thị Quỳnh", "Mai Văn Sơn", "Phan Thị Tâm", "Võ Minh Tuấn", "Đinh Thị Uyên", "Lương Văn Vinh",
}

func create(ctx context.Context, db *store.DB, u *motcua.Unit, parent int64) error {
	u.ParentID = parent
	return db.CreateUnit(ctx, u)
}

func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// seat is a demo user to create: a role in a unit (and, for the
// administrator, the same role in a second unit).
type seat struct {
	username string
	role     motcua.Role
	unit     *motcua.Unit
	also     *motcua.Unit
	former   bool
}
