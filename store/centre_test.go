package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// centres is the two-level organisation since 01/07/2025 (Decree
// 118/2025/NĐ-CP): a province with its justice department (Sở Tư pháp),
// its service centre with a branch, and two communes, A with its own
// service centre.
type centres struct {
	province, justice, centre, branch *motcua.Unit
	communeA, centreA, communeB       *motcua.Unit
	communeProc, provinceProc         *motcua.Procedure
}

func newCentres(t *testing.T, db *store.DB) *centres {
	t.Helper()
	c := &centres{}
	c.province = &motcua.Unit{Code: "000.00.00.T02", Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	mustUnit(t, db, c.province)
	c.justice = &motcua.Unit{Code: "000.00.15.T02", Name: "Sở Tư pháp tỉnh Thử", Kind: motcua.UnitOffice, ParentID: c.province.ID, Office: "tu_phap"}
	mustUnit(t, db, c.justice)
	c.centre = &motcua.Unit{Code: "000.00.31.T02", Name: "Trung tâm Phục vụ hành chính công tỉnh Thử", Kind: motcua.UnitCentre, ParentID: c.province.ID}
	mustUnit(t, db, c.centre)
	c.branch = &motcua.Unit{Code: "000.01.31.T02", Name: "Chi nhánh Trung tâm Phục vụ hành chính công tỉnh Thử số 1", Kind: motcua.UnitBranch, ParentID: c.centre.ID}
	mustUnit(t, db, c.branch)
	c.communeA = &motcua.Unit{Code: "000.21.00.T02", Name: "Ủy ban nhân dân xã Đắk A", Kind: motcua.UnitCommune, ParentID: c.province.ID}
	mustUnit(t, db, c.communeA)
	c.centreA = &motcua.Unit{Code: "000.21.31.T02", Name: "Trung tâm Phục vụ hành chính công xã Đắk A", Kind: motcua.UnitCentre, ParentID: c.communeA.ID}
	mustUnit(t, db, c.centreA)
	c.communeB = &motcua.Unit{Code: "000.22.00.T02", Name: "Ủy ban nhân dân xã Ea B", Kind: motcua.UnitCommune, ParentID: c.province.ID}
	mustUnit(t, db, c.communeB)

	c.communeProc = centreProcedure("1.001193", "Đăng ký khai sinh", motcua.LevelCommune, "")
	c.provinceProc = centreProcedure("1.000002", "Cấp phiếu lý lịch tư pháp", motcua.LevelProvince, "tu_phap")
	for _, p := range []*motcua.Procedure{c.communeProc, c.provinceProc} {
		if err := db.CreateProcedure(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// centreProcedure is a four-step procedure received at the counter and
// decided by the competent unit.
func centreProcedure(code, name string, level motcua.Level, office string) *motcua.Procedure {
	return &motcua.Procedure{Code: code, Name: name, Field: "Tư pháp", Level: level, Office: office,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Documents: []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}},
		Steps: []motcua.WorkflowStep{
			{Name: "Tiếp nhận, chuyển hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
			{Name: "Thẩm định, dự thảo kết quả", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 900},
			{Name: "Ký duyệt", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 270},
			{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90},
		}, EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
}

// acceptAt accepts a complete counter intake of p at unit by a.
func acceptAt(t *testing.T, db *store.DB, a *motcua.Actor, p *motcua.Procedure, unitID int64) *motcua.Dossier {
	t.Helper()
	d, err := db.Accept(t.Context(), a, motcua.Intake{ProcedureID: p.ID, UnitID: unitID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// inWorklist reports whether the dossier is in the actor's worklist.
func inWorklist(t *testing.T, db *store.DB, a *motcua.Actor, d *motcua.Dossier) bool {
	t.Helper()
	list, _, err := db.Worklist(t.Context(), a, motcua.DossierFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range list {
		if x.ID == d.ID {
			return true
		}
	}
	return false
}

// TestServiceCentresReceiveForTheCompetentUnit: a counter officer at a
// commune's service centre receives the commune's procedure for the
// commune, whose specialist has it (the other commune's does not); a
// counter officer at the provincial centre's branch receives a province
// procedure for the department the procedure names, whose specialist has
// it; a commune procedure at the branch is refused, as no commune is above
// it.
func TestServiceCentresReceiveForTheCompetentUnit(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		counterA := mustUser(t, db, "motcua.ttxa", "Nguyễn Thị Một", motcua.RoleCounter, c.centreA.ID)
		specialistA := mustUser(t, db, "chuyenvien.xa", "Trần Văn Hai", motcua.RoleSpecialist, c.communeA.ID)
		specialistB := mustUser(t, db, "chuyenvien.xab", "H'Năm Niê", motcua.RoleSpecialist, c.communeB.ID)
		counterBranch := mustUser(t, db, "motcua.cn", "Phạm Văn Bốn", motcua.RoleCounter, c.branch.ID)
		specialistSo := mustUser(t, db, "chuyenvien.stp", "Lê Thị Ba", motcua.RoleSpecialist, c.justice.ID)

		birth := acceptAt(t, db, counterA, c.communeProc, c.centreA.ID)
		if birth.ReceivingUnitID != c.centreA.ID || birth.DecidingUnitID != c.communeA.ID {
			t.Errorf("commune procedure at the commune's centre: receiving/deciding = %d/%d, want centre %d / commune %d",
				birth.ReceivingUnitID, birth.DecidingUnitID, c.centreA.ID, c.communeA.ID)
		}
		if want := c.centreA.Code + "-240304-0001"; birth.Code != want {
			t.Errorf("code = %q, want %q (the receiving centre's)", birth.Code, want)
		}

		record := acceptAt(t, db, counterBranch, c.provinceProc, c.branch.ID)
		if record.ReceivingUnitID != c.branch.ID || record.DecidingUnitID != c.justice.ID {
			t.Errorf("province procedure at the branch: receiving/deciding = %d/%d, want branch %d / Sở %d",
				record.ReceivingUnitID, record.DecidingUnitID, c.branch.ID, c.justice.ID)
		}

		for _, w := range []struct {
			who  string
			a    *motcua.Actor
			d    *motcua.Dossier
			want bool
		}{
			{"commune A's specialist, the birth", specialistA, birth, true},
			{"commune B's specialist, the birth", specialistB, birth, false},
			{"the Sở's specialist, the birth", specialistSo, birth, false},
			{"the Sở's specialist, the record", specialistSo, record, true},
			{"commune A's specialist, the record", specialistA, record, false},
			{"the commune centre's counter, the birth", counterA, birth, true},
			{"the branch's counter, the record", counterBranch, record, true},
		} {
			if got := inWorklist(t, db, w.a, w.d); got != w.want {
				t.Errorf("%s: in worklist = %v, want %v", w.who, got, w.want)
			}
		}

		_, err := db.Accept(t.Context(), counterBranch, motcua.Intake{ProcedureID: c.communeProc.ID, UnitID: c.branch.ID,
			Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678"},
			Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1})
		wantCode(t, err, motcua.EINVALID)
		if msg := motcua.ErrorMessage(err); !strings.Contains(msg, "không thuộc thẩm quyền tiếp nhận") {
			t.Errorf("refusal = %q, want the competence refusal", msg)
		}
	})
}
