package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// change is the instant the two-level government took over: 01/07/2025.
var change = time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)

// The organisation across the change: a province with its department of
// agriculture and environment; a district with its one-stop section and
// offices (justice, natural resources, culture), ended at the change; two
// old communes of the district (X with its one-stop section, Y) merged
// into new communes N (with a service centre) and M (without); commune Z
// formed only on 01/08/2025.
var (
	sProvince = &motcua.Unit{ID: 101, Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	sNNMT     = &motcua.Unit{ID: 102, Name: "Sở Nông nghiệp và Môi trường", Kind: motcua.UnitDepartment, ParentID: 101, Office: "nnmt",
		ValidFrom: time.Date(2025, 3, 1, 0, 0, 0, 0, motcua.VN)}
	sCentre   = &motcua.Unit{ID: 103, Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: motcua.UnitCentre, ParentID: 101, ValidFrom: change}
	sDistrict = &motcua.Unit{ID: 110, Name: "Ủy ban nhân dân huyện Thử", Kind: motcua.UnitDistrict, ParentID: 101, ValidTo: change}
	sOneStop  = &motcua.Unit{ID: 111, Name: "Bộ phận Một cửa huyện Thử", Kind: motcua.UnitOneStop, ParentID: 110, ValidTo: change}
	sJustice  = &motcua.Unit{ID: 112, Name: "Phòng Tư pháp huyện Thử", Kind: motcua.UnitOffice, ParentID: 110, Office: "tu_phap", ValidTo: change}
	sLand     = &motcua.Unit{ID: 113, Name: "Phòng Tài nguyên và Môi trường huyện Thử", Kind: motcua.UnitOffice, ParentID: 110, Office: "tnmt", ValidTo: change}
	sCulture  = &motcua.Unit{ID: 114, Name: "Phòng Văn hóa và Thông tin huyện Thử", Kind: motcua.UnitOffice, ParentID: 110, Office: "vhtt", ValidTo: change}
	sX        = &motcua.Unit{ID: 120, Name: "Ủy ban nhân dân xã Đắk X", Kind: motcua.UnitCommune, ParentID: 110, ValidTo: change, SuccessorID: 130}
	sY        = &motcua.Unit{ID: 121, Name: "Ủy ban nhân dân xã Đắk Y", Kind: motcua.UnitCommune, ParentID: 110, ValidTo: change, SuccessorID: 140}
	sXOneStop = &motcua.Unit{ID: 122, Name: "Bộ phận Một cửa xã Đắk X", Kind: motcua.UnitOneStop, ParentID: 120, ValidTo: change}
	sN        = &motcua.Unit{ID: 130, Name: "Ủy ban nhân dân xã Thuận An", Kind: motcua.UnitCommune, ParentID: 101, ValidFrom: change}
	sNCentre  = &motcua.Unit{ID: 131, Name: "Trung tâm Phục vụ hành chính công xã Thuận An", Kind: motcua.UnitCentre, ParentID: 130, ValidFrom: change}
	sM        = &motcua.Unit{ID: 140, Name: "Ủy ban nhân dân xã Đức Lập", Kind: motcua.UnitCommune, ParentID: 101, ValidFrom: change}
	sZ        = &motcua.Unit{ID: 150, Name: "Ủy ban nhân dân xã Mới Lập", Kind: motcua.UnitCommune, ParentID: 101,
		ValidFrom: time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN)}
)

var successionOrg = ledger.NewOrganisation([]*motcua.Unit{sProvince, sNNMT, sCentre, sDistrict, sOneStop, sJustice, sLand, sCulture,
	sX, sY, sXOneStop, sN, sNCentre, sM, sZ})

// The recorded successions (sample legal texts: the store holds the real ones).
const (
	basisJustice = "Nghị định phân định thẩm quyền lĩnh vực tư pháp (mẫu)"
	basisLand    = "Nghị định phân quyền lĩnh vực đất đai (mẫu)"
	basisDistict = "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
	basisX       = "Khoản 80 Điều 1 Nghị quyết 1671/NQ-UBTVQH15"
	basisY       = "Khoản 81 Điều 1 Nghị quyết 1671/NQ-UBTVQH15"
	basisCulture = "Quyết định thành lập xã Mới Lập (mẫu)"
	levelDecided = "Quyết định 999/QĐ-UBND ngày 30/06/2025"
)

var successions = []motcua.Succession{
	{UnitID: sJustice.ID, Field: "Hộ tịch", SuccessorID: 0, From: change, Basis: basisJustice},
	{UnitID: sLand.ID, Field: "Đất đai", SuccessorID: sNNMT.ID, From: change, Basis: basisLand},
	{UnitID: sLand.ID, Field: "", SuccessorID: 0, From: change, Basis: basisLand},
	{UnitID: sDistrict.ID, Field: "", SuccessorID: 0, From: change, Basis: basisDistict},
	{UnitID: sX.ID, Field: "", SuccessorID: sN.ID, From: change, Basis: basisX},
	{UnitID: sY.ID, Field: "", SuccessorID: sM.ID, From: change, Basis: basisY},
	{UnitID: sCulture.ID, Field: "", SuccessorID: sZ.ID, From: change, Basis: basisCulture},
}

// catalogueVersion is a published version of code at level, effective from.
func catalogueVersion(id int64, code, field string, level motcua.Level, office string, from time.Time, decision int64) *motcua.Procedure {
	p := procedure(5, motcua.WorkingDays)
	p.ID, p.VersionID, p.Code, p.Field, p.Level, p.Office, p.EffectiveFrom, p.DecisionID = id, id, code, field, level, office, from, decision
	return p
}

var (
	y2020 = time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	// A civil-status procedure of the district's justice office, moved to
	// the communes by decision 9 from the change.
	civilDistrict = catalogueVersion(1, "1.001695", "Hộ tịch", motcua.LevelDistrict, "tu_phap", y2020, 0)
	civilCommune  = catalogueVersion(2, "1.001695", "Hộ tịch", motcua.LevelCommune, "", change, 9)
	civilRepealed = func() *motcua.Procedure {
		p := catalogueVersion(3, "1.001695", "Hộ tịch", motcua.LevelDistrict, "tu_phap", change, 9)
		p.Change = motcua.ChangeRepeal
		return p
	}()
	// A land procedure of the district, now the province's department's.
	landDistrict = catalogueVersion(4, "1.004227", "Đất đai", motcua.LevelDistrict, "tnmt", y2020, 0)
	landProvince = catalogueVersion(5, "1.004227", "Đất đai", motcua.LevelProvince, "nnmt", change, 9)
	// An environment procedure of the same office that nobody moved.
	envDistrict = catalogueVersion(6, "1.010001", "Môi trường", motcua.LevelDistrict, "tnmt", y2020, 0)
	// A commune procedure that stays the commune's.
	birth = catalogueVersion(7, "1.001193", "Hộ tịch", motcua.LevelCommune, "", y2020, 0)
	// A culture procedure of the district.
	cultureDistrict = catalogueVersion(8, "1.009999", "Văn hóa", motcua.LevelDistrict, "vhtt", y2020, 0)
)

// running is a dossier in processing at its deciding unit.
func running(receivingID, decidingID, localityID int64) *motcua.Dossier {
	return &motcua.Dossier{ID: 7, Code: "000.00.99.T01-250625-0001", State: motcua.StateProcessing, Step: 1, Version: 2,
		ReceivingUnitID: receivingID, ReturnUnitID: receivingID, DecidingUnitID: decidingID, CurrentUnitID: decidingID, LocalityUnitID: localityID}
}

func succession(d *motcua.Dossier, p *motcua.Procedure, versions ...*motcua.Procedure) ledger.SuccessionCase {
	return ledger.SuccessionCase{Dossier: d, Procedure: p, At: change, Successions: successions, Org: successionOrg,
		Versions: versions, Decisions: map[int64]string{9: levelDecided}}
}

// TestSuccessorOfADissolvedUnit: who decides and where the result goes
// after 01/07/2025, for each kind of succession; and the dossiers that
// must be transferred by hand, with the reason.
func TestSuccessorOfADissolvedUnit(t *testing.T) {
	finished := running(sOneStop.ID, sJustice.ID, sX.ID)
	finished.State = motcua.StateReturned
	inForce := running(sNCentre.ID, sN.ID, sN.ID)
	for _, c := range []struct {
		name     string
		c        ledger.SuccessionCase
		to, back *motcua.Unit // nil: unchanged
		bases    []string     // the basis holds each
		refusal  string       // the refusal says this; "" with nil units: untouched
	}{
		{"a district civil-status dossier goes to the locality's new commune, the result to its centre",
			succession(running(sOneStop.ID, sJustice.ID, sX.ID), civilDistrict, civilCommune, civilRepealed),
			sN, sNCentre, []string{basisJustice, basisDistict, "cấp xã theo " + levelDecided}, ""},
		{"to the new commune without a centre: the result to the commune itself",
			succession(running(sOneStop.ID, sJustice.ID, sY.ID), civilDistrict, civilCommune),
			sM, sM, []string{basisJustice}, ""},
		{"a land dossier goes to the department the row names",
			succession(running(sOneStop.ID, sLand.ID, sX.ID), landDistrict, landProvince),
			sNNMT, sNCentre, []string{basisLand, basisDistict}, ""},
		{"a locality commune finds the procedure at the province above it",
			succession(running(sOneStop.ID, sLand.ID, sX.ID), func() *motcua.Procedure {
				p := *landDistrict
				p.Field = "Khoáng sản" // the office's general row: the locality's commune
				return &p
			}(), landProvince),
			sNNMT, sNCentre, []string{basisLand, "cấp tỉnh theo " + levelDecided}, ""},
		{"an old commune's dossier goes to the merged commune, the result to its centre",
			succession(running(sXOneStop.ID, sX.ID, sX.ID), birth, birth),
			sN, sNCentre, []string{basisX}, ""},
		{"received at the old commune itself",
			succession(running(sY.ID, sY.ID, sY.ID), birth, birth),
			sM, sM, []string{basisY}, ""},
		{"a return unit still in force stays",
			succession(running(sNCentre.ID, sJustice.ID, sN.ID), civilDistrict, civilCommune),
			sN, nil, []string{basisJustice}, ""},
		{"a successor not in force at the change is refused",
			succession(running(sOneStop.ID, sCulture.ID, sX.ID), cultureDistrict, cultureDistrict),
			nil, nil, nil, "chưa hoạt động"},
		{"a locality unknown leaves no commune to go to",
			succession(running(sOneStop.ID, sJustice.ID, 0), civilDistrict, civilCommune),
			nil, nil, nil, "không ghi xã, phường"},
		{"a procedure nobody moved has no competent unit after the change",
			succession(running(sOneStop.ID, sLand.ID, sX.ID), envDistrict, envDistrict),
			nil, nil, nil, "Không có thủ tục mã 1.010001"},
		{"a procedure repealed with no new level likewise",
			succession(running(sOneStop.ID, sJustice.ID, sX.ID), civilDistrict, civilRepealed),
			nil, nil, nil, "Không có thủ tục mã 1.001695"},
		{"a unit without a recorded succession",
			succession(running(sXOneStop.ID, sX.ID, sX.ID), birth, birth),
			nil, nil, nil, "Chưa ghi nhận đơn vị kế thừa"},
		{"a finished dossier is untouched", succession(finished, civilDistrict, civilCommune), nil, nil, nil, ""},
		{"a dossier whose units are in force is untouched", succession(inForce, birth, birth), nil, nil, nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "a unit without a recorded succession" {
				c.c.Successions = successions[:4]
			}
			got, err := ledger.Successor(c.c)
			if c.refusal != "" {
				if err == nil || !strings.Contains(motcua.ErrorMessage(err), c.refusal) {
					t.Fatalf("err = %v, want a refusal saying %q", err, c.refusal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.to == nil && c.back == nil {
				if got != nil {
					t.Fatalf("transfer = %+v, want none", got)
				}
				return
			}
			if got == nil {
				t.Fatal("no transfer")
			}
			if got.To != c.to {
				t.Errorf("deciding unit = %v, want %v", name(got.To), name(c.to))
			}
			if got.Return != c.back {
				t.Errorf("return unit = %v, want %v", name(got.Return), name(c.back))
			}
			for _, b := range c.bases {
				if !strings.Contains(got.Basis, b) {
					t.Errorf("basis %q lacks %q", got.Basis, b)
				}
			}
			if _, err := ledger.TransferEvent(c.c.Dossier, *got); err != nil {
				t.Errorf("the ledger refuses the transfer: %v", err)
			}
		})
	}
}

func name(u *motcua.Unit) string {
	if u == nil {
		return "unchanged"
	}
	return u.Name
}

// TestSuccessionOfADossierRunningAcrossTheChange is issue 17's acceptance
// item: a dossier accepted 25/06/2025 at a district office, still running
// on 01/07/2025, is handed to its successor by an event; its due date and
// grading are unchanged.
func TestSuccessionOfADossierRunningAcrossTheChange(t *testing.T) {
	p := *civilDistrict
	p.Time = motcua.TimeLimit{Amount: 10, Unit: motcua.WorkingDays}
	p.Steps = procedure(10, motcua.WorkingDays).Steps
	p.Steps[1].Minutes += 7 * 450 // the budgets sum to the ten days
	acceptedAt := time.Date(2025, 6, 25, 9, 0, 0, 0, motcua.VN)
	events := []motcua.Event{{Seq: 1, Type: motcua.EventAccepted, At: acceptedAt, RecordedAt: acceptedAt, Data: motcua.EventData{
		ProcedureVersionID: p.VersionID, ReceivingUnitID: sOneStop.ID, DecidingUnitID: sJustice.ID, LocalityUnitID: sX.ID,
		Channel: motcua.ChannelCounter, Applicant: &motcua.Applicant{Name: "Nguyễn Văn Bình"}, Sets: 1}},
		{Seq: 2, Type: motcua.EventHandedOver, At: acceptedAt.Add(time.Hour), RecordedAt: acceptedAt.Add(time.Hour), Data: motcua.EventData{ToStep: 1}}}
	before := replayed(t, &p, events)
	if before.DecidingUnitID != sJustice.ID || before.CurrentUnitID != sJustice.ID || before.DueAt.Before(change) {
		t.Fatalf("before the change: deciding %d, current %d, due %s", before.DecidingUnitID, before.CurrentUnitID, show(before.DueAt))
	}

	tr, err := ledger.Successor(succession(&before, &p, civilCommune, civilRepealed))
	if err != nil || tr == nil {
		t.Fatalf("successor: %+v, %v", tr, err)
	}
	e, err := ledger.TransferEvent(&before, *tr)
	if err != nil {
		t.Fatal(err)
	}
	after := replayed(t, &p, append(events, e))
	if after.DecidingUnitID != sN.ID || after.ReturnUnit() != sNCentre.ID || after.CurrentUnitID != sN.ID {
		t.Errorf("after: deciding %d return %d current %d, want %d %d %d", after.DecidingUnitID, after.ReturnUnit(), after.CurrentUnitID,
			sN.ID, sNCentre.ID, sN.ID)
	}
	if !after.DueAt.Equal(before.DueAt) || !after.StepDueAt.Equal(before.StepDueAt) || after.ReceivingUnitID != sOneStop.ID {
		t.Errorf("due %s step due %s receiving %d; want %s %s %d (unchanged)", show(after.DueAt), show(after.StepDueAt),
			after.ReceivingUnitID, show(before.DueAt), show(before.StepDueAt), sOneStop.ID)
	}
	if !strings.Contains(e.Reason, basisJustice) || e.Type != motcua.EventTransferred || !e.At.Equal(change) {
		t.Errorf("event %s at %s reason %q", e.Type, show(e.At), e.Reason)
	}

	// The new commune's leader signs after the change: graded as it would
	// have been at the district.
	ready := time.Date(2025, 7, 3, 10, 0, 0, 0, motcua.VN)
	finish := []motcua.Event{{Type: motcua.EventHandedOver, At: ready.Add(-time.Hour), Data: motcua.EventData{ToStep: 2}},
		{Type: motcua.EventResultReady, At: ready}}
	withMove, without := append(append([]motcua.Event{}, events...), e), append([]motcua.Event{}, events...)
	for _, f := range finish {
		withMove = appendEvent(withMove, f)
		without = appendEvent(without, f)
	}
	moved, stayed := replayed(t, &p, withMove), replayed(t, &p, without)
	if moved.Grade() != stayed.Grade() || moved.Grade() == "" || !moved.DueAt.Equal(stayed.DueAt) {
		t.Errorf("grade %q due %s with the move; %q %s without", moved.Grade(), show(moved.DueAt), stayed.Grade(), show(stayed.DueAt))
	}
}

func appendEvent(events []motcua.Event, e motcua.Event) []motcua.Event {
	e.Seq, e.RecordedAt = len(events)+1, e.At
	return append(events, e)
}

func replayed(t *testing.T, p *motcua.Procedure, events []motcua.Event) motcua.Dossier {
	t.Helper()
	d, _, err := ledger.Replay(motcua.Dossier{ID: 7, Code: "000.00.99.T01-250625-0001"}, events, p, seedCal)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
