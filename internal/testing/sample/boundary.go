package sample

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// Boundary is a province of the two-level government (since 01/07/2025)
// for the tests of intake regardless of administrative boundary (Decree
// 118/2025/NĐ-CP): two communes, A and B, each with its service centre;
// a commune procedure whose competent unit is the applicant's commune of
// residence, listed by the chairman's decision, and another that is not
// listed; a counter officer at each centre, a specialist of each commune
// and B's leader (with the world's authenticator secret).
type Boundary struct {
	Province, CommuneA, CentreA, CommuneB, CentreB motcua.Unit
	Listed, Unlisted                               motcua.Procedure
	Listing                                        motcua.BoundaryFreeListing
	CounterA, CounterB, SpecialistA, SpecialistB   motcua.User
	LeaderB                                        motcua.User
}

// BuildBoundary creates the province in db, the listing in force from
// listedFrom, every account with password.
func BuildBoundary(ctx context.Context, db *store.DB, listedFrom time.Time, password string) (b Boundary, err error) {
	defer motcua.Wrap(&err, "sample.BuildBoundary")
	b.Province = motcua.Unit{Code: "000.00.00.T68", Name: "Ủy ban nhân dân tỉnh Lâm Thử", Kind: motcua.UnitProvince}
	if err := db.CreateUnit(ctx, &b.Province); err != nil {
		return b, err
	}
	b.CommuneA = motcua.Unit{Code: "000.41.00.T68", Name: "Ủy ban nhân dân xã Thuận An", Kind: motcua.UnitCommune, ParentID: b.Province.ID}
	b.CommuneB = motcua.Unit{Code: "000.42.00.T68", Name: "Ủy ban nhân dân xã Đức Lập", Kind: motcua.UnitCommune, ParentID: b.Province.ID}
	for _, u := range []*motcua.Unit{&b.CommuneA, &b.CommuneB} {
		if err := db.CreateUnit(ctx, u); err != nil {
			return b, err
		}
	}
	b.CentreA = motcua.Unit{Code: "000.41.31.T68", Name: "Trung tâm Phục vụ hành chính công xã Thuận An", Kind: motcua.UnitCentre, ParentID: b.CommuneA.ID}
	b.CentreB = motcua.Unit{Code: "000.42.31.T68", Name: "Trung tâm Phục vụ hành chính công xã Đức Lập", Kind: motcua.UnitCentre, ParentID: b.CommuneB.ID}
	for _, u := range []*motcua.Unit{&b.CentreA, &b.CentreB} {
		if err := db.CreateUnit(ctx, u); err != nil {
			return b, err
		}
	}
	if err := b.createProcedures(ctx, db, listedFrom); err != nil {
		return b, err
	}
	return b, b.createAccounts(ctx, db, password)
}

// boundarySteps: received at the centre, examined and decided by the
// commune's specialist, returned at the centre (three working days).
var boundarySteps = []motcua.WorkflowStep{
	{Name: "Tiếp nhận, chuyển hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
	{Name: "Thẩm định, ký kết quả", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 1170},
	{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
}

func (b *Boundary) createProcedures(ctx context.Context, db *store.DB, listedFrom time.Time) error {
	docs := []motcua.RequiredDocument{{Name: "Tờ khai đăng ký thường trú", Kind: motcua.DocOriginal, Count: 1}}
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	b.Listed = motcua.Procedure{Code: "1.004222", Name: "Đăng ký thường trú", Field: "Đăng ký, quản lý cư trú", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Competence: motcua.CompetenceResidence,
		Documents: docs, Steps: boundarySteps, EffectiveFrom: from}
	b.Unlisted = motcua.Procedure{Code: "1.004194", Name: "Đăng ký tạm trú", Field: "Đăng ký, quản lý cư trú", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Competence: motcua.CompetenceResidence,
		Documents: docs, Steps: boundarySteps, EffectiveFrom: from}
	for _, p := range []*motcua.Procedure{&b.Listed, &b.Unlisted} {
		if err := db.CreateProcedure(ctx, p); err != nil {
			return err
		}
	}
	b.Listing = motcua.BoundaryFreeListing{ProcedureCode: b.Listed.Code, Decision: "2463/QĐ-UBND",
		DecidedOn: listedFrom.AddDate(0, 0, -10), From: listedFrom}
	return db.AddBoundaryFreeListing(ctx, &b.Listing)
}

func (b *Boundary) createAccounts(ctx context.Context, db *store.DB, password string) error {
	for _, x := range []struct {
		u              *motcua.User
		name, fullName string
		role           motcua.Role
		unit           int64
	}{
		{&b.CounterA, "motcua.thuanan", "Nguyễn Thị Mai", motcua.RoleCounter, b.CentreA.ID},
		{&b.CounterB, "motcua.duclap", "Trần Văn Tùng", motcua.RoleCounter, b.CentreB.ID},
		{&b.SpecialistA, "chuyenvien.thuanan", "Lê Văn Hải", motcua.RoleSpecialist, b.CommuneA.ID},
		{&b.SpecialistB, "chuyenvien.duclap", "H'Linh Niê", motcua.RoleSpecialist, b.CommuneB.ID},
		{&b.LeaderB, "lanhdao.duclap", "Phạm Quốc Bảo", motcua.RoleLeader, b.CommuneB.ID},
	} {
		*x.u = motcua.User{Username: x.name, FullName: x.fullName, Grants: []motcua.Grant{{Role: x.role, UnitID: x.unit}}}
		if err := db.CreateUser(ctx, x.u, password); err != nil {
			return err
		}
		if x.role == motcua.RoleLeader {
			if err := storetest.SetTOTPSecret(ctx, db, x.u.ID, TOTPSecret); err != nil {
				return err
			}
		}
	}
	return nil
}

// Resident is an intake of the listed procedure at A's centre for a
// resident of commune B.
func (b *Boundary) Resident(name string) motcua.Intake {
	return motcua.Intake{ProcedureID: b.Listed.ID, UnitID: b.CentreA.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: name, IDNumber: "068190001234", Address: "Thôn 5, xã Đức Lập", Phone: "0905123456"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai đăng ký thường trú", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1,
		Competence: motcua.CompetenceFacts{ResidenceUnitID: b.CommuneB.ID}}
}
