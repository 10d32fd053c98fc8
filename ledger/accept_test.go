package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// The organisation of the intake tests: a province, a district with a
// justice office (tư pháp), and a commune of that district.
var (
	province = &motcua.Unit{ID: 1, Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	district = &motcua.Unit{ID: 2, Name: "Ủy ban nhân dân huyện Thử", Kind: motcua.UnitDistrict, ParentID: 1}
	justice  = &motcua.Unit{ID: 3, Name: "Phòng Tư pháp huyện Thử", Kind: motcua.UnitOffice, ParentID: 2, Office: "tu_phap"}
	commune  = &motcua.Unit{ID: 4, Name: "Ủy ban nhân dân xã Đắk A", Kind: motcua.UnitCommune, ParentID: 2}
)

// intakeNow is the clock of the intake tests: Monday 04/03/2024 09:00.
var intakeNow = time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)

func day(month time.Month, d, hour int) time.Time {
	return time.Date(2024, month, d, hour, 0, 0, 0, motcua.VN)
}

// ancestry is unit u with the units above it and the district's office.
func ancestry(u *motcua.Unit) ledger.Ancestry {
	byID := map[int64]*motcua.Unit{province.ID: province, district.ID: district}
	a := ledger.Ancestry{Offices: map[int64][]*motcua.Unit{district.ID: {justice}}}
	for ; u != nil; u = byID[u.ParentID] {
		a.Units = append(a.Units, u)
	}
	return a
}

// version is a published version of the commune procedure (three working
// days) effective from, with id and days.
func version(id int64, from time.Time, days float64) *motcua.Procedure {
	p := procedure(days, motcua.WorkingDays)
	p.VersionID, p.Version, p.EffectiveFrom = id, int(id), from
	return p
}

func repeal(id int64, from time.Time) *motcua.Procedure {
	p := version(id, from, 3)
	p.Change = motcua.ChangeRepeal
	return p
}

// districtProcedure is decided by the district's office named office.
func districtProcedure(office string) *motcua.Procedure {
	p := version(1, day(1, 1, 0), 3)
	p.Code, p.Name, p.Level, p.Office = "2.000001", "Chứng thực bản sao", motcua.LevelDistrict, office
	return p
}

// intakeSituation is a counter officer at the commune, with the commune
// procedure in force since 2020 and adopted nowhere.
func intakeSituation() ledger.AcceptSituation {
	return ledger.AcceptSituation{ActorID: 7, MayReceive: true, Now: intakeNow,
		Versions: []*motcua.Procedure{version(1, time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN), 3)},
		Adoption: ledger.Adoption{Everywhere: true}, Units: ancestry(commune), Calendar: seedCal}
}

func counterIntake() motcua.Intake {
	return motcua.Intake{ProcedureID: 1, UnitID: commune.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678"}, Sets: 1}
}

// TestAcceptDecidesAnIntake: the competent unit, the unit in force, the
// procedure (repealed, missing, the version in force at the instant),
// its adoption, late entry and the right to receive, each decided from the
// situation alone.
func TestAcceptDecidesAnIntake(t *testing.T) {
	type want struct {
		code, field, msg string    // the refusal, or
		deciding         int64     // the deciding unit,
		version          int64     // the version,
		at, due          time.Time // the instant and the due instant of the dossier accepted
	}
	accepted := func(deciding, version int64, at, due time.Time) want {
		return want{deciding: deciding, version: version, at: at, due: due}
	}
	refused := func(code, field, msg string) want { return want{code: code, field: field, msg: msg} }
	thu := day(3, 7, 9) // three working days after Monday 09:00
	cases := []struct {
		name string
		edit func(*ledger.AcceptSituation, *motcua.Intake)
		want want
	}{
		{"a commune procedure is decided by the commune", nil, accepted(commune.ID, 1, intakeNow, thu)},
		{"a district procedure by the district's named office",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = []*motcua.Procedure{districtProcedure("tu_phap")}
			}, accepted(justice.ID, 1, intakeNow, thu)},
		{"by the district itself when it has no such office",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = []*motcua.Procedure{districtProcedure("tnmt")}
			}, accepted(district.ID, 1, intakeNow, thu)},
		{"a commune procedure received at the district is not its competence",
			func(s *ledger.AcceptSituation, in *motcua.Intake) {
				s.Units, in.UnitID = ancestry(district), district.ID
			},
			refused(motcua.EINVALID, "procedure", "Thủ tục 1.001193 (Cấp xã) không thuộc thẩm quyền tiếp nhận của đơn vị này.")},
		{"nor anything at a unit that does not exist",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.Units, s.Calendar = ledger.Ancestry{}, nil },
			refused(motcua.EINVALID, "procedure", "không thuộc thẩm quyền tiếp nhận")},
		{"a unit dissolved before the instant does not receive",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.Units = ancestry(ended(commune, day(3, 1, 0))) },
			refused(motcua.EINVALID, "at", "Đơn vị Ủy ban nhân dân xã Đắk A không hoạt động vào thời điểm 09:00 04/03/2024.")},
		{"nor one created after it",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.Units = ancestry(started(commune, day(3, 5, 0))) },
			refused(motcua.EINVALID, "at", "không hoạt động vào thời điểm 09:00 04/03/2024")},
		{"a late entry from before its dissolution is received",
			func(s *ledger.AcceptSituation, in *motcua.Intake) {
				s.Units = ancestry(ended(commune, day(3, 1, 0)))
				in.At, in.Reason = day(2, 29, 9), "Mất điện, nhập lại từ sổ"
			}, accepted(commune.ID, 1, day(2, 29, 9), day(3, 5, 9))},
		{"a repealed procedure is refused",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = append(s.Versions, repeal(2, day(3, 1, 0)))
			}, refused(motcua.EINVALID, "procedure", "Thủ tục 1.001193 – Đăng ký khai sinh đã bị bãi bỏ từ ngày 01/03/2024.")},
		{"a procedure that does not exist",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.Versions = nil },
			refused(motcua.EINVALID, "procedure", "Thủ tục hành chính đã chọn không có hiệu lực vào 09:00 04/03/2024.")},
		{"or not yet in force",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = []*motcua.Procedure{version(1, day(4, 1, 0), 3)}
			},
			refused(motcua.EINVALID, "procedure", "không có hiệu lực vào 09:00 04/03/2024")},
		{"an amendment effective later does not apply yet",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = append(s.Versions, version(2, day(3, 5, 0), 5))
			}, accepted(commune.ID, 1, intakeNow, thu)},
		{"one in force applies",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Versions = append(s.Versions, version(2, day(3, 1, 0), 5))
			}, accepted(commune.ID, 2, intakeNow, day(3, 11, 9))},
		{"a late entry takes the version in force when it was received",
			func(s *ledger.AcceptSituation, in *motcua.Intake) {
				s.Versions = append(s.Versions, version(2, day(3, 1, 0), 5))
				in.At, in.Reason = day(2, 29, 9), "Mất điện, nhập lại từ sổ"
			}, accepted(commune.ID, 1, day(2, 29, 9), day(3, 5, 9))},
		{"and is received under a procedure repealed since",
			func(s *ledger.AcceptSituation, in *motcua.Intake) {
				s.Versions = append(s.Versions, repeal(2, day(3, 1, 0)))
				in.At, in.Reason = day(2, 29, 9), "Mất điện, nhập lại từ sổ"
			}, accepted(commune.ID, 1, day(2, 29, 9), day(3, 5, 9))},
		{"a late entry needs a reason",
			func(_ *ledger.AcceptSituation, in *motcua.Intake) { in.At = day(3, 4, 8) },
			refused(motcua.EINVALID, "reason", "Nhập muộn (thực hiện lúc 08:00 04/03/2024): phải ghi rõ lý do.")},
		{"an intake in the future is refused",
			func(_ *ledger.AcceptSituation, in *motcua.Intake) { in.At = day(3, 4, 10) },
			refused(motcua.EINVALID, "at", "Thời điểm thực hiện (10:00 04/03/2024) ở tương lai.")},
		{"a late entry beyond a month is refused",
			func(_ *ledger.AcceptSituation, in *motcua.Intake) { in.At, in.Reason = day(1, 31, 9), "Sổ cũ" },
			refused(motcua.EINVALID, "at", "quá xa trong quá khứ")},
		{"a procedure adopted elsewhere only does not apply here",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.Adoption = ledger.Adoption{} },
			refused(motcua.EINVALID, "procedure", "Đơn vị chưa áp dụng thủ tục 1.001193 – Đăng ký khai sinh vào thời điểm tiếp nhận.")},
		{"nor before the unit adopted it",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Adoption = ledger.Adoption{Here: true, From: day(3, 5, 0)}
			},
			refused(motcua.EINVALID, "procedure", "Đơn vị chưa áp dụng thủ tục")},
		{"from then it does",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) {
				s.Adoption = ledger.Adoption{Here: true, From: intakeNow}
			},
			accepted(commune.ID, 1, intakeNow, thu)},
		{"an officer without the right to receive is refused",
			func(s *ledger.AcceptSituation, _ *motcua.Intake) { s.MayReceive = false },
			refused(motcua.EFORBIDDEN, "", "Bạn không có quyền tiếp nhận hồ sơ tại đơn vị này.")},
		{"an incomplete form before anything else",
			func(s *ledger.AcceptSituation, in *motcua.Intake) {
				s.MayReceive, s.Versions, in.Applicant.Name = false, nil, " "
			},
			refused(motcua.EINVALID, "applicant_name", "Phải nhập họ tên người nộp hồ sơ.")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, in := intakeSituation(), counterIntake()
			if c.edit != nil {
				c.edit(&s, &in)
			}
			d, e, err := ledger.Accept(s, in)
			if c.want.msg != "" {
				if motcua.ErrorCode(err) != c.want.code || motcua.ErrorField(err) != c.want.field ||
					!strings.Contains(motcua.ErrorMessage(err), c.want.msg) {
					t.Fatalf("error %v (code %q, field %q); want %s on %q: %q", err, motcua.ErrorCode(err),
						motcua.ErrorField(err), c.want.code, c.want.field, c.want.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkAccepted(t, s, in, d, e, c.want.deciding, c.want.version, c.want.at, c.want.due)
		})
	}
}

// checkAccepted checks the dossier and the event an accepted intake gives.
func checkAccepted(t *testing.T, s ledger.AcceptSituation, in motcua.Intake, d *motcua.Dossier, e *motcua.Event,
	deciding, version int64, at, due time.Time) {
	t.Helper()
	if e.Type != motcua.EventAccepted || e.Seq != 1 || !e.At.Equal(at) || !e.RecordedAt.Equal(s.Now) ||
		e.ActorID != s.ActorID || e.UnitID != in.UnitID || e.Reason != in.Reason {
		t.Errorf("event %+v; want the acceptance at %s by %d at unit %d", e, show(at), s.ActorID, in.UnitID)
	}
	if e.Data.DecidingUnitID != deciding || d.DecidingUnitID != deciding || d.ReceivingUnitID != in.UnitID {
		t.Errorf("deciding unit %d (dossier %d), receiving %d; want %d at %d",
			e.Data.DecidingUnitID, d.DecidingUnitID, d.ReceivingUnitID, deciding, in.UnitID)
	}
	if e.Data.ProcedureVersionID != version || d.VersionID != version {
		t.Errorf("version %d (dossier %d), want %d", e.Data.ProcedureVersionID, d.VersionID, version)
	}
	if !d.DueAt.Equal(due) || e.Data.Clock == nil || !e.Data.Clock.DueAt.Equal(due) {
		t.Errorf("due %s (stamp %+v), want %s", show(d.DueAt), e.Data.Clock, show(due))
	}
	if d.State != motcua.StateProcessing || d.Version != 1 || d.Applicant.Name != in.Applicant.Name || d.Code != "" {
		t.Errorf("dossier %+v: want a new one in processing, without a code (the store issues it)", d)
	}
}

func ended(u *motcua.Unit, to time.Time) *motcua.Unit {
	c := *u
	c.ValidTo = to
	return &c
}

func started(u *motcua.Unit, from time.Time) *motcua.Unit {
	c := *u
	c.ValidFrom = from
	return &c
}

// The two-level organisation since 01/07/2025 (Decree 118/2025/NĐ-CP): a
// province with its justice department (Sở Tư pháp), its service centre
// with a branch, and a commune with the commune's service centre.
var (
	province25 = &motcua.Unit{ID: 11, Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	justice25  = &motcua.Unit{ID: 12, Name: "Sở Tư pháp tỉnh Thử", Kind: motcua.UnitOffice, ParentID: 11, Office: "tu_phap"}
	centre25   = &motcua.Unit{ID: 13, Name: "Trung tâm Phục vụ hành chính công tỉnh Thử", Kind: motcua.UnitCentre, ParentID: 11}
	branch25   = &motcua.Unit{ID: 14, Name: "Chi nhánh Trung tâm Phục vụ hành chính công tỉnh Thử tại xã Đắk A", Kind: motcua.UnitBranch, ParentID: 13}
	commune25  = &motcua.Unit{ID: 15, Name: "Ủy ban nhân dân xã Đắk A", Kind: motcua.UnitCommune, ParentID: 11}
	centreA25  = &motcua.Unit{ID: 16, Name: "Trung tâm Phục vụ hành chính công xã Đắk A", Kind: motcua.UnitCentre, ParentID: 15}
)

// ancestry25 is unit u with the units above it in the two-level tree and
// the province's department.
func ancestry25(u *motcua.Unit) ledger.Ancestry {
	byID := map[int64]*motcua.Unit{province25.ID: province25, centre25.ID: centre25, commune25.ID: commune25}
	a := ledger.Ancestry{Offices: map[int64][]*motcua.Unit{province25.ID: {justice25}}}
	for ; u != nil; u = byID[u.ParentID] {
		a.Units = append(a.Units, u)
	}
	return a
}

// TestDecidingUnitAtTheServiceCentres: a centre receives for the authority
// above it — a commune's centre for its commune, the provincial centre and
// its branches for the province and its departments; a procedure of a
// level absent from the ancestry is refused (boundary-free intake is not
// this rule's).
func TestDecidingUnitAtTheServiceCentres(t *testing.T) {
	provinceProcedure := func(office string) *motcua.Procedure {
		p := version(1, day(1, 1, 0), 3)
		p.Code, p.Name, p.Level, p.Office = "1.000002", "Cấp phiếu lý lịch tư pháp", motcua.LevelProvince, office
		return p
	}
	communeProcedure := version(1, day(1, 1, 0), 3)
	for _, c := range []struct {
		name      string
		receiving *motcua.Unit
		p         *motcua.Procedure
		want      *motcua.Unit // nil: refused
	}{
		{"a commune procedure at the commune's centre is the commune's", centreA25, communeProcedure, commune25},
		{"a province procedure at the provincial centre is the named department's", centre25, provinceProcedure("tu_phap"), justice25},
		{"and at the centre's branch", branch25, provinceProcedure("tu_phap"), justice25},
		{"the province's own when it has no such department", centre25, provinceProcedure("tnmt"), province25},
		{"or when the procedure names none", branch25, provinceProcedure(""), province25},
		{"a commune procedure at the provincial centre is refused", centre25, communeProcedure, nil},
		{"and at its branch", branch25, communeProcedure, nil},
		{"a district procedure has no district to go to", centreA25, districtProcedure("tu_phap"), nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ledger.DecidingUnit(ancestry25(c.receiving), c.p)
			switch {
			case c.want == nil && err == nil:
				t.Fatalf("deciding unit = %s, want a refusal", got.Name)
			case c.want == nil:
				if !strings.Contains(motcua.ErrorMessage(err), "không thuộc thẩm quyền tiếp nhận") {
					t.Errorf("refusal = %v", err)
				}
			case err != nil:
				t.Fatal(err)
			case got != c.want:
				t.Errorf("deciding unit = %s, want %s", got.Name, c.want.Name)
			}
		})
	}
}
