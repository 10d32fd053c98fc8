package store_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// change is the day the two-level government began (Decree 118/2025/NĐ-CP).
var change = time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)

// day2025 is an instant of 2025 in Vietnam.
func day2025(month time.Month, day, hour int) time.Time {
	return time.Date(2025, month, day, hour, 0, 0, 0, motcua.VN)
}

// twoLevels is a province across 01/07/2025: before it, a district with
// its one-stop section, a justice office, a land office and two communes;
// from it, the justice department (Sở Tư pháp), new commune N (which took
// over both old communes) with its service centre, and new commune M.
type twoLevels struct {
	province, justice, district, oneStop, justiceOffice, landOffice *motcua.Unit
	old1, old2, n, centreN, m                                       *motcua.Unit
	birth, attest, land                                             *motcua.Procedure
	counterOld1, counterOld2, counterDistrict, counterN             *motcua.Actor
}

func newTwoLevels(t *testing.T, db *store.DB) *twoLevels {
	t.Helper()
	o := &twoLevels{}
	unit := func(u **motcua.Unit, code, name string, kind motcua.UnitKind, parent *motcua.Unit, office string, from time.Time) {
		*u = &motcua.Unit{Code: code, Name: name, Kind: kind, Office: office, ValidFrom: from}
		if parent != nil {
			(*u).ParentID = parent.ID
		}
		mustUnit(t, db, *u)
	}
	unit(&o.province, "000.00.00.T09", "Ủy ban nhân dân tỉnh Thử Chín", motcua.UnitProvince, nil, "", time.Time{})
	unit(&o.justice, "000.00.15.T09", "Sở Tư pháp tỉnh Thử Chín", motcua.UnitDepartment, o.province, "tu_phap", time.Time{})
	unit(&o.district, "000.00.40.T09", "Ủy ban nhân dân huyện Cũ", motcua.UnitDistrict, o.province, "", time.Time{})
	unit(&o.oneStop, "000.01.40.T09", "Bộ phận Một cửa huyện Cũ", motcua.UnitOneStop, o.district, "", time.Time{})
	unit(&o.justiceOffice, "000.02.40.T09", "Phòng Tư pháp huyện Cũ", motcua.UnitOffice, o.district, "tu_phap", time.Time{})
	unit(&o.landOffice, "000.03.40.T09", "Phòng Tài nguyên và Môi trường huyện Cũ", motcua.UnitOffice, o.district, "tnmt", time.Time{})
	unit(&o.old1, "000.41.40.T09", "Ủy ban nhân dân xã Cũ Một", motcua.UnitCommune, o.district, "", time.Time{})
	unit(&o.old2, "000.42.40.T09", "Ủy ban nhân dân xã Cũ Hai", motcua.UnitCommune, o.district, "", time.Time{})
	unit(&o.n, "000.51.00.T09", "Ủy ban nhân dân xã Mới Nam", motcua.UnitCommune, o.province, "", change)
	unit(&o.centreN, "000.51.31.T09", "Trung tâm Phục vụ hành chính công xã Mới Nam", motcua.UnitCentre, o.n, "", change)
	unit(&o.m, "000.52.00.T09", "Ủy ban nhân dân xã Mới Mạ", motcua.UnitCommune, o.province, "", change)

	o.birth = centreProcedure("1.001193", "Đăng ký khai sinh", motcua.LevelCommune, "")
	o.birth.Field, o.birth.Competence = "Hộ tịch", motcua.CompetenceResidence
	o.attest = centreProcedure("2.000815", "Chứng thực bản sao từ bản chính", motcua.LevelDistrict, "tu_phap")
	o.attest.Field = "Chứng thực"
	o.land = centreProcedure("1.004227", "Đăng ký biến động đất đai", motcua.LevelDistrict, "tnmt")
	o.land.Field = "Đất đai"
	for _, p := range []*motcua.Procedure{o.birth, o.attest, o.land} {
		if err := db.CreateProcedure(t.Context(), p); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AddBoundaryFreeListing(t.Context(), &motcua.BoundaryFreeListing{ProcedureCode: o.birth.Code,
		Decision: "15/QĐ-UBND", DecidedOn: change, From: change}); err != nil {
		t.Fatal(err)
	}
	o.counterOld1 = mustUser(t, db, "motcua.cu1", "Nguyễn Thị Một", motcua.RoleCounter, o.old1.ID)
	o.counterOld2 = mustUser(t, db, "motcua.cu2", "Trần Văn Hai", motcua.RoleCounter, o.old2.ID)
	o.counterDistrict = mustUser(t, db, "motcua.huyencu", "Lê Thị Ba", motcua.RoleCounter, o.oneStop.ID)
	o.counterN = mustUser(t, db, "motcua.moinam", "Phạm Văn Bốn", motcua.RoleCounter, o.centreN.ID)
	return o
}

// dissolve records the change of 01/07/2025: the old communes merged into
// N; the district, its one-stop section and its offices dissolved, the
// justice office's competence going to the Sở ("" field) except civil
// status (to each dossier's commune), the land office's split by field
// with no general successor.
func (o *twoLevels) dissolve(t *testing.T, db *store.DB) {
	t.Helper()
	admin := mustUser(t, db, "quantri.tinh", "Hoàng Quản Trị", motcua.RoleAdmin, o.province.ID)
	for _, d := range []struct {
		unit      *motcua.Unit
		successor int64
	}{{o.old1, o.n.ID}, {o.old2, o.n.ID}, {o.district, 0}, {o.oneStop, 0}, {o.justiceOffice, 0}, {o.landOffice, 0}} {
		if err := db.Dissolve(t.Context(), admin, d.unit.ID, d.successor, change); err != nil {
			t.Fatal(err)
		}
	}
	const basis = "Nghị quyết 1671/NQ-UBTVQH15"
	for _, s := range []motcua.Succession{
		{UnitID: o.justiceOffice.ID, Field: "", SuccessorID: o.justice.ID},
		{UnitID: o.justiceOffice.ID, Field: "Hộ tịch", SuccessorID: 0},
		{UnitID: o.landOffice.ID, Field: "Đất đai", SuccessorID: 0},
		{UnitID: o.landOffice.ID, Field: "Môi trường", SuccessorID: o.justice.ID},
	} {
		s.From, s.Basis = change, basis
		if err := db.AddSuccession(t.Context(), &s); err != nil {
			t.Fatal(err)
		}
	}
}

// acceptFor accepts a counter intake of p at unit on the given instant,
// for an applicant residing in the residence commune (0: not said).
func acceptFor(t *testing.T, db *store.DB, a *motcua.Actor, p *motcua.Procedure, unitID, residence int64, at time.Time) *motcua.Dossier {
	t.Helper()
	setNow(db, at)
	d, err := db.Accept(t.Context(), a, motcua.Intake{ProcedureID: p.ID, UnitID: unitID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Y Bình Niê", IDNumber: "066012345678", Address: "Thôn 2", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}, Sets: 1,
		Competence: motcua.CompetenceFacts{ResidenceUnitID: residence}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ii06a reads the report from the counters and checks that the scan of
// every dossier and the replay of every ledger say the same.
func ii06a(t *testing.T, db *store.DB, q report.Query) *report.Report {
	t.Helper()
	counted, err := db.II06a(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	scanned, err := db.II06aScan(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := db.II06aAsOf(t.Context(), q, time.Date(2030, 1, 1, 0, 0, 0, 0, motcua.VN))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(counted)
	for what, other := range map[string]*report.Report{"scanned": scanned, "replayed": replayed} {
		if b, _ := json.Marshal(other); string(a) != string(b) {
			t.Fatalf("%s–%s by %q view %q roll-up %v unit %d:\ncounted  %s\n%s %s", show(q.From), show(q.To), q.By, q.View, q.Successors, q.UnitID, a, what, b)
		}
	}
	return counted
}

// received lists a report's rows as "code:received" (and "+n" received
// for other units when any), in row order.
func received(rep *report.Report) []string {
	var out []string
	for _, r := range rep.Rows {
		s := r.Key + ":" + itoa(r.ReceivedTotal)
		if r.ReceivedForOther != 0 {
			s += "+" + itoa(r.ReceivedForOther)
		}
		out = append(out, s)
	}
	return out
}

func wantRows(t *testing.T, what string, rep *report.Report, want ...string) {
	t.Helper()
	slices.Sort(want)
	if got := received(rep); !slices.Equal(got, want) {
		t.Errorf("%s: rows %v, want %v", what, got, want)
	}
}

// TestII06aCountsADossierReceivedForAnotherCommuneOnce: commune N's centre
// receives one birth registration for its own resident and one for a
// resident of commune M (boundary-free intake). The province's total is 2
// in both views; by unit, the deciding view has one row each for N and M,
// the receiving view one row for N's centre with 1 received for another
// unit, shown behind that number. In N's scope and in M's, each view's
// total is the same too.
func TestII06aCountsADossierReceivedForAnotherCommuneOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		o := newTwoLevels(t, db)
		own := acceptFor(t, db, o.counterN, o.birth, o.centreN.ID, o.n.ID, day2025(8, 4, 9))
		other := acceptFor(t, db, o.counterN, o.birth, o.centreN.ID, o.m.ID, day2025(8, 4, 10))
		if own.ForOther || !other.ForOther || other.DecidingUnitID != o.m.ID || other.ReceivingUnitID != o.centreN.ID {
			t.Fatalf("own for_other %v; other for_other %v, deciding %d (want M %d), receiving %d", own.ForOther, other.ForOther,
				other.DecidingUnitID, o.m.ID, other.ReceivingUnitID)
		}
		setNow(db, day2025(9, 2, 9))
		period := report.Query{From: day2025(8, 1, 0), To: day2025(9, 1, 0)}
		for _, scope := range []struct {
			unit            *motcua.Unit
			deciding, recvd []string
		}{
			{o.province, []string{o.n.Code + ":1", o.m.Code + ":1"}, []string{o.centreN.Code + ":2+1"}},
			{o.n, []string{o.n.Code + ":1", o.m.Code + ":1"}, []string{o.centreN.Code + ":2+1"}},
			{o.m, []string{o.m.Code + ":1"}, []string{o.centreN.Code + ":1+1"}},
		} {
			q := period
			q.UnitID, q.By = scope.unit.ID, report.ByUnit
			deciding := ii06a(t, db, q)
			q.View = report.ViewReceiving
			receiving := ii06a(t, db, q)
			wantRows(t, scope.unit.Name+", deciding view", deciding, scope.deciding...)
			wantRows(t, scope.unit.Name+", receiving view", receiving, scope.recvd...)
			if deciding.Total.ReceivedTotal != len(scope.deciding) || receiving.Total.ReceivedTotal != deciding.Total.ReceivedTotal {
				t.Errorf("%s: totals %d (deciding) and %d (receiving), want %d in both", scope.unit.Name,
					deciding.Total.ReceivedTotal, receiving.Total.ReceivedTotal, len(scope.deciding))
			}
			if deciding.Total.ReceivedForOther != 0 || receiving.Total.ReceivedForOther != 1 {
				t.Errorf("%s: received for others %d (deciding view, want none shown) and %d (receiving)", scope.unit.Name,
					deciding.Total.ReceivedForOther, receiving.Total.ReceivedForOther)
			}
		}
		q := period
		q.UnitID, q.By, q.View = o.province.ID, report.ByUnit, report.ViewReceiving
		dr, err := db.II06aDossiers(t.Context(), o.counterN, q, "received_for_other", o.centreN.Code, 0)
		if err != nil {
			t.Fatal(err)
		}
		if dr.Total != 1 || len(dr.Rows) != 1 || dr.Rows[0].ID != other.ID {
			t.Errorf("behind N's centre's 1 received for others: total %d, rows %d", dr.Total, len(dr.Rows))
		}
		q.View = report.ViewDeciding
		if dr, err = db.II06aDossiers(t.Context(), o.counterN, q, "received_total", o.m.Code, 0); err != nil || dr.Total != 1 {
			t.Errorf("behind M's received total (deciding view): %+v, %v", dr, err)
		}
		// The counters kept up at intake are those rebuilt from the dossiers
		// (as after migration 030, which rebuilds them).
		before := counters(t, db)
		if err := db.RecountReports(t.Context()); err != nil {
			t.Fatal(err)
		}
		if after := counters(t, db); after != before {
			t.Errorf("counters kept up:\n%s\nrebuilt:\n%s", before, after)
		}
	})
}

// TestII06aRollsDissolvedUnitsIntoSuccessors: dossiers of 2025 received
// before 01/07 by two old communes (merged into N), the district's justice
// office (its general competence to the Sở) and its land office (split by
// field, no general successor), and after it at N's centre. Rolled up,
// the old communes' rows are N's and the justice office's the Sở's; the
// land office stays apart; without roll-up every unit keeps its row. The
// province's total is the same either way and in either view, for a
// period before, after or across the change; a scope of N takes in the old
// communes only when rolled up, and so do its reform report and the 766
// indicators' resolution times.
func TestII06aRollsDissolvedUnitsIntoSuccessors(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		o := newTwoLevels(t, db)
		s := &scenario{t: t, db: db, d: acceptFor(t, db, o.counterOld1, o.birth, o.old1.ID, 0, day2025(3, 10, 9))}
		specialist := mustUser(t, db, "chuyenvien.cu1", "Võ Minh Năm", motcua.RoleSpecialist, o.old1.ID)
		leader := mustUser(t, db, "lanhdao.cu1", "Đinh Thị Sáu", motcua.RoleLeader, o.old1.ID)
		for i, who := range []*motcua.Actor{o.counterOld1, specialist, leader} {
			s.act(who, day2025(3, 10, 10+i), motcua.EventHandedOver)
		}
		s.act(o.counterOld1, day2025(3, 11, 8), motcua.EventResultReady) // resolved early: one of the 766 indicators' times
		acceptFor(t, db, o.counterOld1, o.birth, o.old1.ID, 0, day2025(3, 11, 9))
		acceptFor(t, db, o.counterOld2, o.birth, o.old2.ID, 0, day2025(4, 2, 9))
		if d := acceptFor(t, db, o.counterDistrict, o.attest, o.oneStop.ID, 0, day2025(5, 6, 9)); d.DecidingUnitID != o.justiceOffice.ID {
			t.Fatalf("the attestation is decided by %d, want the justice office %d", d.DecidingUnitID, o.justiceOffice.ID)
		}
		acceptFor(t, db, o.counterDistrict, o.land, o.oneStop.ID, 0, day2025(6, 3, 9))
		o.dissolve(t, db)
		acceptFor(t, db, o.counterN, o.birth, o.centreN.ID, o.n.ID, day2025(8, 4, 9))
		acceptFor(t, db, o.counterN, o.birth, o.centreN.ID, o.m.ID, day2025(8, 5, 9))
		setNow(db, day2025(12, 31, 16))

		year := report.Query{From: day2025(1, 1, 0), To: time.Date(2026, 1, 1, 0, 0, 0, 0, motcua.VN), By: report.ByUnit, UnitID: o.province.ID}
		apart := ii06a(t, db, year)
		wantRows(t, "2025 kept apart", apart, o.old1.Code+":2", o.old2.Code+":1", o.justiceOffice.Code+":1", o.landOffice.Code+":1",
			o.n.Code+":1", o.m.Code+":1")
		year.Successors = true
		rolled := ii06a(t, db, year)
		wantRows(t, "2025 rolled up", rolled, o.n.Code+":4", o.justice.Code+":1", o.landOffice.Code+":1", o.m.Code+":1")
		year.View = report.ViewReceiving
		receiving := ii06a(t, db, year)
		wantRows(t, "2025 rolled up, receiving view", receiving, o.n.Code+":3", o.oneStop.Code+":2", o.centreN.Code+":2+1")
		for what, rep := range map[string]*report.Report{"rolled up": rolled, "receiving view": receiving} {
			if rep.Total != apart.Total && !(what == "receiving view" && sameBut(rep.Total, apart.Total)) {
				t.Errorf("total %s %+v, kept apart %+v", what, rep.Total, apart.Total)
			}
		}
		if apart.Total.ReceivedTotal != 7 {
			t.Errorf("province total %d, want 7", apart.Total.ReceivedTotal)
		}

		for _, p := range []struct {
			what      string
			from, to  time.Time
			apart     []string
			rolled    []string
			wantTotal int
		}{
			{"before the change", day2025(1, 1, 0), change, []string{o.old1.Code + ":2", o.old2.Code + ":1", o.justiceOffice.Code + ":1", o.landOffice.Code + ":1"},
				[]string{o.n.Code + ":3", o.justice.Code + ":1", o.landOffice.Code + ":1"}, 5},
			// The old commune's result of 11/03 is before this period: its
			// other dossier is carried over.
			{"across the change", day2025(6, 1, 0), day2025(9, 1, 0), []string{o.old1.Code + ":1", o.old2.Code + ":1", o.justiceOffice.Code + ":1",
				o.landOffice.Code + ":1", o.n.Code + ":1", o.m.Code + ":1"}, []string{o.n.Code + ":3", o.justice.Code + ":1", o.landOffice.Code + ":1", o.m.Code + ":1"}, 6},
		} {
			q := report.Query{From: p.from, To: p.to, By: report.ByUnit, UnitID: o.province.ID}
			kept := ii06a(t, db, q)
			q.Successors = true
			merged := ii06a(t, db, q)
			wantRows(t, p.what+", kept apart", kept, p.apart...)
			wantRows(t, p.what+", rolled up", merged, p.rolled...)
			if kept.Total != merged.Total || kept.Total.ReceivedTotal != p.wantTotal {
				t.Errorf("%s: totals %d kept apart, %d rolled up; want %d", p.what, kept.Total.ReceivedTotal, merged.Total.ReceivedTotal, p.wantTotal)
			}
		}

		// N's own scope: its two dossiers of August; rolled up, the old
		// communes' three as well — in the report, behind N's number and in
		// N's reform report.
		scopeN := report.Query{From: year.From, To: year.To, UnitID: o.n.ID}
		if rep := ii06a(t, db, scopeN); rep.Total.ReceivedTotal != 2 {
			t.Errorf("N's scope kept apart: %d received, want 2", rep.Total.ReceivedTotal)
		}
		scopeN.Successors = true
		if rep := ii06a(t, db, scopeN); rep.Total.ReceivedTotal != 5 {
			t.Errorf("N's scope rolled up: %d received, want 5", rep.Total.ReceivedTotal)
		}
		year.View = report.ViewDeciding
		dr, err := db.II06aDossiers(t.Context(), o.counterN, year, "received_total", o.n.Code, 0)
		if err != nil || dr.Total != 4 {
			t.Errorf("behind N's rolled-up received total: %+v, %v; want 4 dossiers", dr, err)
		}
		for _, rolledUp := range []bool{false, true} {
			times, err := db.ProcedureTimes(t.Context(), report.Query{From: year.From, To: year.To, UnitID: o.n.ID, Successors: rolledUp}, 15)
			if want := map[bool]int{false: 0, true: 1}[rolledUp]; err != nil || len(times) != want || want == 1 && times[0].Resolved != 1 {
				t.Errorf("N's procedure times, roll-up %v: %+v (%v), want %d procedure with the old commune's result", rolledUp, times, err, want)
			}
			facts, err := db.CCHCFacts(t.Context(), report.Query{UnitID: o.n.ID, From: year.From, To: year.To, Successors: rolledUp})
			if want := map[bool]int{false: 2, true: 5}[rolledUp]; err != nil || facts.Dossiers.ReceivedTotal != want {
				t.Errorf("N's reform report, roll-up %v: %d dossiers (%v), want %d", rolledUp, facts.Dossiers.ReceivedTotal, err, want)
			}
		}
	})
}

// sameBut reports whether two totals differ only in the receiving view's
// count of dossiers received for other units.
func sameBut(a, b report.Row) bool {
	a.ReceivedForOther, b.ReceivedForOther = 0, 0
	return a == b
}
