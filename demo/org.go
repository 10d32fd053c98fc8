package demo

import (
	"context"
	"fmt"
	"time"
	"unicode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// Codes follow the QCVN 102:2016 shape; the district's and units' numbers
// are illustrative, not the official assignment. H17 is Đắk Nông's old
// province code (to verify, domain.md §3).
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

// Account is a demo login, printed at start.
type Account struct {
	Username, FullName, Unit string
	Role                     motcua.Role
}

// org is what seeding the organisation created, for the dossier generator.
type org struct {
	district, oneStop *motcua.Unit
	communes          []*motcua.Unit
	accounts          []Account
	ids               map[string]int64 // user ids by username
}

var validFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)

func seedOrg(ctx context.Context, db *store.DB, password string) (*org, error) {
	o := &org{ids: map[string]int64{}}
	province := &motcua.Unit{Code: provinceCode, Name: "Ủy ban nhân dân tỉnh Đắk Nông", Kind: motcua.UnitProvince, ValidFrom: validFrom,
		ValidTo: time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)}
	o.district = &motcua.Unit{Code: districtCode, Name: "Ủy ban nhân dân huyện Đắk Mil", Kind: motcua.UnitDistrict, ValidFrom: validFrom}
	o.oneStop = &motcua.Unit{Code: oneStopCode, Name: "Bộ phận Một cửa huyện Đắk Mil", Kind: motcua.UnitOneStop, ValidFrom: validFrom}
	if err := create(ctx, db, province, 0); err != nil {
		return nil, err
	}
	if err := create(ctx, db, o.district, province.ID); err != nil {
		return nil, err
	}
	if err := create(ctx, db, o.oneStop, o.district.ID); err != nil {
		return nil, err
	}
	users := []seat{{"quantri", motcua.RoleAdmin, o.district}, {"lanhdao.huyen", motcua.RoleLeader, o.district}, {"motcua.huyen", motcua.RoleCounter, o.oneStop}}
	for i, of := range offices {
		u := &motcua.Unit{Code: fmt.Sprintf("000.%02d.33.H17", i+1), Name: of.name, Kind: motcua.UnitOffice, Office: of.key, ValidFrom: validFrom}
		if err := create(ctx, db, u, o.district.ID); err != nil {
			return nil, err
		}
		if of.key == "tu_phap" || of.key == "tnmt" || of.key == "tckh" || of.key == "ldtbxh" {
			users = append(users, seat{"chuyenvien." + of.key, motcua.RoleSpecialist, u}, seat{"lanhdao." + of.key, motcua.RoleLeader, u})
		}
	}
	for i, c := range communes {
		u := &motcua.Unit{Code: fmt.Sprintf("000.%02d.33.H17", 21+i), Name: "Ủy ban nhân dân " + lowerFirst(c.name), Kind: motcua.UnitCommune, ValidFrom: validFrom}
		if err := create(ctx, db, u, o.district.ID); err != nil {
			return nil, err
		}
		o.communes = append(o.communes, u)
		for _, r := range []motcua.Role{motcua.RoleCounter, motcua.RoleSpecialist, motcua.RoleLeader} {
			users = append(users, seat{userPrefix[r] + "." + c.slug, r, u})
		}
	}
	for i, x := range users {
		u := &motcua.User{Username: x.username, FullName: fullNames[i%len(fullNames)], Email: x.username + "@motcua.example", Grants: []motcua.Grant{{Role: x.role, UnitID: x.unit.ID}}}
		if err := db.CreateUser(ctx, u, password); err != nil {
			return nil, err
		}
		o.ids[u.Username] = u.ID
		o.accounts = append(o.accounts, Account{Username: u.Username, FullName: u.FullName, Unit: x.unit.Name, Role: x.role})
	}
	return o, nil
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

// seat is a demo user to create: a role in a unit.
type seat struct {
	username string
	role     motcua.Role
	unit     *motcua.Unit
}
