package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// twoLevelChange is 01/07/2025 00:00, when districts ceased.
var twoLevelChange = time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)

// acrossChange is an organisation across 01/07/2025: a province; a
// district with its one-stop section, its justice and culture offices,
// ended at the change; an old commune X with its one-stop section, merged
// into the new commune N (with its service centre); and a commune Z formed
// only on 01/08/2025. Officers on both sides of the date.
type acrossChange struct {
	province, district, oneStop, justice, culture *motcua.Unit
	x, xOneStop, n, nCentre, z                    *motcua.Unit
	civil, civilCommune, birth, cultural          *motcua.Procedure
	counterD, counterX, specialistJ, leaderK      *motcua.Actor
	specialistN                                   *motcua.Actor
}

const (
	justiceBasis  = "Điều 5 Nghị định 120/2025/NĐ-CP (mẫu: thẩm quyền hộ tịch chuyển về cấp xã)"
	districtBasis = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
	xBasis        = "Khoản 80 Điều 1 Nghị quyết 1671/NQ-UBTVQH15"
)

func newAcrossChange(t *testing.T, db *store.DB) *acrossChange {
	t.Helper()
	c := &acrossChange{}
	ended := func(u *motcua.Unit) *motcua.Unit { u.ValidTo = twoLevelChange; mustUnit(t, db, u); return u }
	c.province = &motcua.Unit{Code: "000.00.00.T03", Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	mustUnit(t, db, c.province)
	c.n = &motcua.Unit{Code: "000.21.00.T03", Name: "Ủy ban nhân dân xã Thuận An", Kind: motcua.UnitCommune, ParentID: c.province.ID, ValidFrom: twoLevelChange}
	mustUnit(t, db, c.n)
	c.nCentre = &motcua.Unit{Code: "000.21.31.T03", Name: "Trung tâm Phục vụ hành chính công xã Thuận An", Kind: motcua.UnitCentre,
		ParentID: c.n.ID, ValidFrom: twoLevelChange}
	mustUnit(t, db, c.nCentre)
	c.z = &motcua.Unit{Code: "000.22.00.T03", Name: "Ủy ban nhân dân xã Mới Lập", Kind: motcua.UnitCommune, ParentID: c.province.ID,
		ValidFrom: time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN)}
	mustUnit(t, db, c.z)
	c.district = ended(&motcua.Unit{Code: "000.00.99.T03", Name: "Ủy ban nhân dân huyện Thử", Kind: motcua.UnitDistrict, ParentID: c.province.ID})
	c.oneStop = ended(&motcua.Unit{Code: "000.00.98.T03", Name: "Bộ phận Một cửa huyện Thử", Kind: motcua.UnitOneStop, ParentID: c.district.ID})
	c.justice = ended(&motcua.Unit{Code: "000.01.99.T03", Name: "Phòng Tư pháp huyện Thử", Kind: motcua.UnitOffice, ParentID: c.district.ID, Office: "tu_phap"})
	c.culture = ended(&motcua.Unit{Code: "000.02.99.T03", Name: "Phòng Văn hóa và Thông tin huyện Thử", Kind: motcua.UnitOffice, ParentID: c.district.ID, Office: "vhtt"})
	c.x = ended(&motcua.Unit{Code: "000.31.99.T03", Name: "Ủy ban nhân dân xã Đắk X", Kind: motcua.UnitCommune, ParentID: c.district.ID, SuccessorID: c.n.ID})
	c.xOneStop = ended(&motcua.Unit{Code: "000.31.98.T03", Name: "Bộ phận Một cửa xã Đắk X", Kind: motcua.UnitOneStop, ParentID: c.x.ID})

	from2020 := time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	c.civil = centreProcedure("1.001695", "Đăng ký khai sinh có yếu tố nước ngoài", motcua.LevelDistrict, "tu_phap")
	c.civil.Field, c.civil.Competence, c.civil.EffectiveFrom = "Hộ tịch", motcua.CompetenceResidence, from2020
	c.civilCommune = centreProcedure("1.001695", "Đăng ký khai sinh có yếu tố nước ngoài", motcua.LevelCommune, "")
	c.civilCommune.Field, c.civilCommune.EffectiveFrom = "Hộ tịch", twoLevelChange
	c.birth = centreProcedure("1.001193", "Đăng ký khai sinh", motcua.LevelCommune, "")
	c.birth.Field = "Hộ tịch"
	c.cultural = centreProcedure("1.009999", "Thông báo tổ chức lễ hội", motcua.LevelDistrict, "vhtt")
	c.cultural.Field = "Văn hóa"
	for _, p := range []*motcua.Procedure{c.civil, c.civilCommune, c.birth, c.cultural} {
		if err := db.CreateProcedure(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []motcua.Succession{
		{UnitID: c.justice.ID, Field: "Hộ tịch", From: twoLevelChange, Basis: justiceBasis},
		{UnitID: c.district.ID, From: twoLevelChange, Basis: districtBasis},
		{UnitID: c.x.ID, SuccessorID: c.n.ID, From: twoLevelChange, Basis: xBasis},
		{UnitID: c.culture.ID, SuccessorID: c.z.ID, From: twoLevelChange, Basis: "Nghị quyết thành lập xã Mới Lập (mẫu)"},
	} {
		if err := db.AddSuccession(t.Context(), &s); err != nil {
			t.Fatal(err)
		}
	}
	c.counterD = mustUser(t, db, "motcua.huyen", "Nguyễn Thị Một", motcua.RoleCounter, c.oneStop.ID)
	c.counterX = mustUser(t, db, "motcua.xax", "Phạm Văn Bốn", motcua.RoleCounter, c.xOneStop.ID)
	c.specialistJ = mustUser(t, db, "chuyenvien.tp", "Trần Văn Hai", motcua.RoleSpecialist, c.justice.ID)
	c.leaderK = mustUser(t, db, "lanhdao.vh", "Lê Thị Ba", motcua.RoleLeader, c.culture.ID)
	c.specialistN = mustUser(t, db, "chuyenvien.xan", "H'Năm Niê", motcua.RoleSpecialist, c.n.ID)
	return c
}

// accept receives p at unit on 25/06/2025 with the applicant's commune of
// residence (0: not said).
func (c *acrossChange) accept(t *testing.T, db *store.DB, a *motcua.Actor, p *motcua.Procedure, unitID, residence int64) *motcua.Dossier {
	t.Helper()
	setNow(db, time.Date(2025, 6, 25, 9, 0, 0, 0, motcua.VN))
	d, err := db.Accept(t.Context(), a, motcua.Intake{ProcedureID: p.ID, UnitID: unitID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1,
		Competence: motcua.CompetenceFacts{ResidenceUnitID: residence}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// handOver sends a dossier from the counter to the deciding unit's first step.
func handOver(t *testing.T, db *store.DB, a *motcua.Actor, d *motcua.Dossier) *motcua.Dossier {
	t.Helper()
	setNow(db, time.Date(2025, 6, 25, 10, 0, 0, 0, motcua.VN))
	next, err := db.Act(t.Context(), a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver})
	if err != nil {
		t.Fatal(err)
	}
	return next
}

// ii06aBothWays is the report of June–July 2025, by deciding unit, from the
// counters and from the dossiers.
func ii06aBothWays(t *testing.T, db *store.DB) (counted, scanned *report.Report) {
	t.Helper()
	q := report.Query{From: time.Date(2025, 6, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN), By: report.ByUnit}
	counted, err := db.II06a(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if scanned, err = db.II06aScan(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	return counted, scanned
}

// rowOf is the report's row of a unit, zero if none.
func rowOf(r *report.Report, u *motcua.Unit) report.Row {
	for _, row := range r.Rows {
		if row.Key == u.Code {
			return row
		}
	}
	return report.Row{}
}

// TestSuccessionsHandRunningDossiersOver is issue 17's acceptance item on
// both engines: a dossier accepted 25/06/2025 at a district office, still
// running on 01/07/2025, is handed by an event to the commune that now
// decides it; its row equals its replay, its due date stays, II.06a of the
// period moves it from one unit to the other with the same totals. An old
// commune's dossier goes to the merged commune. A dossier whose successor
// is not in force, or whose commune is unknown, is listed for a manual
// transfer with the reason; a finished one is untouched; a second run
// adds nothing.
func TestSuccessionsHandRunningDossiersOver(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		c := newAcrossChange(t, db)
		civil := handOver(t, db, c.counterD, c.accept(t, db, c.counterD, c.civil, c.oneStop.ID, c.x.ID))
		if civil.DecidingUnitID != c.justice.ID || civil.LocalityUnitID != c.x.ID || civil.CurrentUnitID != c.justice.ID {
			t.Fatalf("accepted: deciding %d locality %d current %d", civil.DecidingUnitID, civil.LocalityUnitID, civil.CurrentUnitID)
		}
		birth := c.accept(t, db, c.counterX, c.birth, c.xOneStop.ID, 0)
		unknown := c.accept(t, db, c.counterD, c.civil, c.oneStop.ID, 0)
		festival := c.accept(t, db, c.counterD, c.cultural, c.oneStop.ID, 0)
		gone := c.accept(t, db, c.counterD, c.civil, c.oneStop.ID, c.x.ID)
		gone, err := db.Act(ctx, c.counterD, motcua.Action{DossierID: gone.ID, Version: gone.Version, Type: motcua.EventWithdrawn,
			Reason: "Người nộp rút hồ sơ"})
		if err != nil {
			t.Fatal(err)
		}
		countedBefore, scannedBefore := ii06aBothWays(t, db)

		setNow(db, time.Date(2025, 7, 1, 8, 0, 0, 0, motcua.VN))
		r, err := db.ApplySuccessions(ctx, twoLevelChange)
		if err != nil {
			t.Fatal(err)
		}
		moved := map[int64]store.SuccessionMove{}
		for _, m := range r.Moved {
			moved[m.DossierID] = m
		}
		if len(r.Moved) != 2 || moved[civil.ID].ToUnitID != c.n.ID || moved[civil.ID].ToReturnUnitID != c.nCentre.ID ||
			moved[birth.ID].ToUnitID != c.n.ID || moved[birth.ID].ToReturnUnitID != c.nCentre.ID {
			t.Errorf("moved = %+v, want the civil and the birth dossiers to xã Thuận An, returned at its centre", r.Moved)
		}
		manual := map[int64]string{}
		for _, m := range r.Manual {
			manual[m.DossierID] = m.Reason
		}
		if len(r.Manual) != 2 || !strings.Contains(manual[unknown.ID], "không ghi xã, phường") || !strings.Contains(manual[festival.ID], "chưa hoạt động") {
			t.Errorf("manual = %+v, want the dossier without a commune and the one whose successor is not yet in force", r.Manual)
		}

		// The civil dossier: handed over by one event, its row the replay of its log.
		row, err := db.Dossier(ctx, c.specialistN, civil.ID)
		if err != nil {
			t.Fatalf("xã Thuận An's specialist cannot see the dossier handed to it: %v", err)
		}
		replayed, events, _, err := db.History(ctx, c.specialistN, civil.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "row after the succession vs replay", row, replayed)
		last := events[len(events)-1]
		if last.Type != motcua.EventTransferred || !last.At.Equal(twoLevelChange) || !strings.Contains(last.Reason, justiceBasis) ||
			!strings.Contains(last.Reason, districtBasis) || len(events) != civil.Version+1 {
			t.Errorf("last event %s at %s reason %q (%d events)", last.Type, show(last.At), last.Reason, len(events))
		}
		if row.DecidingUnitID != c.n.ID || row.ReturnUnit() != c.nCentre.ID || row.CurrentUnitID != c.n.ID || row.ReceivingUnitID != c.oneStop.ID {
			t.Errorf("row: deciding %d return %d current %d receiving %d", row.DecidingUnitID, row.ReturnUnit(), row.CurrentUnitID, row.ReceivingUnitID)
		}
		wantInstant(t, "due date after the succession", row.DueAt, civil.DueAt)
		if !inWorklist(t, db, c.specialistN, row) || inWorklist(t, db, c.specialistJ, row) {
			t.Error("the dossier should be in the new commune's worklist and out of the dissolved office's")
		}
		if after, err := db.Dossier(ctx, c.counterD, gone.ID); err != nil || after.Version != gone.Version || after.DecidingUnitID != c.justice.ID {
			t.Errorf("the withdrawn dossier was touched: %+v, %v", after, err)
		}

		// II.06a: the same totals, the dossiers counted under the successor.
		countedAfter, scannedAfter := ii06aBothWays(t, db)
		for _, p := range []struct {
			name          string
			before, after *report.Report
		}{{"counted", countedBefore, countedAfter}, {"scanned", scannedBefore, scannedAfter}} {
			if p.after.Total != p.before.Total {
				t.Errorf("%s II.06a totals moved: %+v → %+v", p.name, p.before.Total, p.after.Total)
			}
			j, n := rowOf(p.after, c.justice), rowOf(p.after, c.n)
			if rowOf(p.before, c.justice).ReceivedTotal != 3 || j.ReceivedTotal != 2 || n.ReceivedTotal != 2 || n.InProgressTotal != 2 {
				t.Errorf("%s II.06a: justice office %d → %d, xã Thuận An %d (in progress %d); want 3 → 2 (the withdrawn and the manual one), 2 (2)",
					p.name, rowOf(p.before, c.justice).ReceivedTotal, j.ReceivedTotal, n.ReceivedTotal, n.InProgressTotal)
			}
		}

		// Run again: nothing new.
		eventsBefore := count(t, db, "events")
		again, err := db.ApplySuccessions(ctx, twoLevelChange)
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Moved) != 0 || len(again.Manual) != 2 || count(t, db, "events") != eventsBefore {
			t.Errorf("second run: moved %d manual %d, events %d → %d", len(again.Moved), len(again.Manual), eventsBefore, count(t, db, "events"))
		}
	})
}

// TestManualTransferChecksTheUnitsInForce: the dossier no successor was
// found for is transferred by its deciding unit's leader; a unit not yet
// in force, or no longer, is refused with the reason and nothing written.
func TestManualTransferChecksTheUnitsInForce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		c := newAcrossChange(t, db)
		d := c.accept(t, db, c.counterD, c.cultural, c.oneStop.ID, 0)
		setNow(db, time.Date(2025, 7, 3, 9, 0, 0, 0, motcua.VN))
		transfer := func(a *motcua.Actor, to, back int64, reason string) (*motcua.Dossier, error) {
			return db.Act(ctx, a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventTransferred,
				ToUnitID: to, ReturnUnitID: back, Reason: reason})
		}
		events := count(t, db, "events")
		for _, bad := range []struct {
			name     string
			to, back int64
			reason   string
			says     string
		}{
			{"a commune not yet in force", c.z.ID, 0, "Quyết định giao thẩm quyền (mẫu)", "chưa hoạt động"},
			{"a commune no longer in force", c.x.ID, 0, "Quyết định giao thẩm quyền (mẫu)", "đã thôi hoạt động"},
			{"a return unit no longer in force", c.n.ID, c.xOneStop.ID, "Quyết định giao thẩm quyền (mẫu)", "đã thôi hoạt động"},
			{"without a legal basis", c.n.ID, c.nCentre.ID, "", "căn cứ pháp lý"},
		} {
			_, err := transfer(c.leaderK, bad.to, bad.back, bad.reason)
			wantCode(t, err, motcua.EINVALID)
			if !strings.Contains(motcua.ErrorMessage(err), bad.says) {
				t.Errorf("%s: refusal %q, want it to say %q", bad.name, motcua.ErrorMessage(err), bad.says)
			}
		}
		if count(t, db, "events") != events {
			t.Fatal("a refused transfer wrote an event")
		}
		_, err := transfer(c.specialistJ, c.n.ID, c.nCentre.ID, "Quyết định giao thẩm quyền (mẫu)")
		if motcua.ErrorCode(err) != motcua.EFORBIDDEN && motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("another unit's specialist transfers: %v, want a refusal", err)
		}
		moved, err := transfer(c.leaderK, c.n.ID, c.nCentre.ID, "Quyết định giao thẩm quyền (mẫu)")
		if err != nil {
			t.Fatal(err)
		}
		if moved.DecidingUnitID != c.n.ID || moved.ReturnUnit() != c.nCentre.ID || !moved.DueAt.Equal(d.DueAt) {
			t.Errorf("transferred: deciding %d return %d due %s; want %d %d %s", moved.DecidingUnitID, moved.ReturnUnit(),
				show(moved.DueAt), c.n.ID, c.nCentre.ID, show(d.DueAt))
		}
	})
}
