package ledger_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

// A second commune of the two-level province, with its centre, and a
// commune of another province: the competence rule's localities.
var (
	communeB25  = &motcua.Unit{ID: 17, Name: "Ủy ban nhân dân xã Đắk B", Kind: motcua.UnitCommune, ParentID: 11}
	centreB25   = &motcua.Unit{ID: 18, Name: "Trung tâm Phục vụ hành chính công xã Đắk B", Kind: motcua.UnitCentre, ParentID: 17}
	province2   = &motcua.Unit{ID: 21, Name: "Ủy ban nhân dân tỉnh Khác", Kind: motcua.UnitProvince}
	communeX    = &motcua.Unit{ID: 22, Name: "Ủy ban nhân dân xã Ngoài Tỉnh", Kind: motcua.UnitCommune, ParentID: 21}
	communeGone = &motcua.Unit{ID: 23, Name: "Ủy ban nhân dân xã Cũ", Kind: motcua.UnitCommune, ParentID: 11,
		ValidTo: time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN)}
)

// lineage is u with the units above it, in the two-level province or the
// other one, with the province's justice department.
func lineage(u *motcua.Unit) ledger.Ancestry {
	byID := map[int64]*motcua.Unit{}
	for _, x := range []*motcua.Unit{province25, centre25, commune25, communeB25, province2} {
		byID[x.ID] = x
	}
	a := ledger.Ancestry{Offices: map[int64][]*motcua.Unit{province25.ID: {justice25}}}
	for ; u != nil; u = byID[u.ParentID] {
		a.Units = append(a.Units, u)
	}
	return a
}

// TestCompetentUnit: the procedure's rule picks the locality among what the
// applicant says (residence, land, choice); crossing a boundary needs the
// chairman's listing at the instant; the same province only; a locality or
// unit out of force is refused. Nothing given: the receiving authority.
func TestCompetentUnit(t *testing.T) {
	at := time.Date(2025, 9, 15, 9, 0, 0, 0, motcua.VN)
	proc := func(level motcua.Level, office string, c motcua.Competence) *motcua.Procedure {
		p := version(1, day(1, 1, 0), 3)
		p.Code, p.Level, p.Office, p.Competence = "2.000001", level, office, c
		return p
	}
	listed := []motcua.BoundaryFreeListing{{ProcedureCode: "2.000001", Decision: "2463/QĐ-UBND",
		From: time.Date(2025, 7, 21, 0, 0, 0, 0, motcua.VN)}}
	expired := []motcua.BoundaryFreeListing{{ProcedureCode: "2.000001", Decision: "10/QĐ-UBND",
		From: time.Date(2025, 7, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2025, 8, 1, 0, 0, 0, 0, motcua.VN)}}
	residence := func(id int64) motcua.CompetenceFacts { return motcua.CompetenceFacts{ResidenceUnitID: id} }
	for _, c := range []struct {
		name      string
		receiving *motcua.Unit
		p         *motcua.Procedure
		facts     motcua.CompetenceFacts
		listings  []motcua.BoundaryFreeListing
		want      *motcua.Unit // nil: refused with wantErr
		forOther  bool
		wantErr   string
	}{
		{"residence in the receiving commune: its own, no listing needed", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(commune25.ID), nil, commune25, false, ""},
		{"residence in another commune, listed: that commune decides", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeB25.ID), listed, communeB25, true, ""},
		{"residence in another commune, not listed: refused, file there", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeB25.ID), nil, nil, false, "phải nộp tại Ủy ban nhân dân xã Đắk B"},
		{"a listing no longer in force does not count", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeB25.ID), expired, nil, false, "không thuộc danh mục"},
		{"land in B, applicant living in A: the land's commune decides", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceLocation),
			motcua.CompetenceFacts{ResidenceUnitID: commune25.ID, LocationUnitID: communeB25.ID}, listed, communeB25, true, ""},
		{"land in A, applicant living in B: A decides, nothing crossed", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceLocation),
			motcua.CompetenceFacts{ResidenceUnitID: communeB25.ID, LocationUnitID: commune25.ID}, nil, commune25, false, ""},
		{"the applicant's choice wins over residence", centreB25, proc(motcua.LevelCommune, "", motcua.CompetenceChoice),
			motcua.CompetenceFacts{ResidenceUnitID: communeB25.ID, ChosenUnitID: commune25.ID}, listed, commune25, true, ""},
		{"no choice made: residence", centreB25, proc(motcua.LevelCommune, "", motcua.CompetenceChoice),
			residence(communeB25.ID), nil, communeB25, false, ""},
		{"a province procedure at a commune centre, listed: the department", centreA25, proc(motcua.LevelProvince, "tu_phap", motcua.CompetenceResidence),
			residence(commune25.ID), listed, justice25, true, ""},
		{"and not listed: refused", centreA25, proc(motcua.LevelProvince, "tu_phap", motcua.CompetenceResidence),
			residence(commune25.ID), nil, nil, false, "không thuộc danh mục"},
		{"a commune procedure at the provincial centre, listed, by residence", centre25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeB25.ID), listed, communeB25, true, ""},
		{"at the provincial centre without the residence: asked for it", centre25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			motcua.CompetenceFacts{}, listed, nil, false, "cần xác định xã, phường nơi cư trú"},
		{"a rule-less procedure ignores the facts: the receiving commune", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceHere),
			residence(communeB25.ID), listed, commune25, false, ""},
		{"another province: refused even when listed", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeX.ID), listed, nil, false, "không thuộc tỉnh"},
		{"a dissolved commune: refused", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(communeGone.ID), listed, nil, false, "không còn (hoặc chưa) tồn tại"},
		{"an unknown unit: refused", centreA25, proc(motcua.LevelCommune, "", motcua.CompetenceResidence),
			residence(99), listed, nil, false, "Không tìm thấy"},
	} {
		t.Run(c.name, func(t *testing.T) {
			localities := map[int64]ledger.Ancestry{}
			for _, u := range []*motcua.Unit{commune25, communeB25, communeX, communeGone} {
				localities[u.ID] = lineage(u)
			}
			got, err := ledger.CompetentUnit(ledger.CompetenceCase{Procedure: c.p, At: at, Receiving: lineage(c.receiving),
				Facts: c.facts, Localities: localities, Listings: c.listings})
			switch {
			case c.want == nil && err == nil:
				t.Fatalf("deciding unit = %s, want a refusal", got.Deciding.Name)
			case c.want == nil:
				if !strings.Contains(motcua.ErrorMessage(err), c.wantErr) {
					t.Errorf("refusal = %q, want it to say %q", motcua.ErrorMessage(err), c.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case got.Deciding != c.want || got.ForOther != c.forOther:
				t.Errorf("deciding unit = %s (for other %v), want %s (for other %v)", got.Deciding.Name, got.ForOther, c.want.Name, c.forOther)
			case c.forOther && got.Listing == nil:
				t.Error("a boundary-free intake names no listing")
			}
		})
	}
}

// TestAcceptKeepsTheThreeUnitsApart: received at A's centre for a resident
// of B, returned at A — the event and the dossier keep all three.
func TestAcceptKeepsTheThreeUnitsApart(t *testing.T) {
	now := time.Date(2025, 9, 15, 9, 0, 0, 0, motcua.VN)
	p := version(1, day(1, 1, 0), 3)
	p.Code, p.Competence = "2.000001", motcua.CompetenceResidence
	s := ledger.AcceptSituation{ActorID: 7, MayReceive: true, Now: now, Versions: []*motcua.Procedure{p},
		Adoption: ledger.Adoption{Everywhere: true}, Units: lineage(centreA25), Calendar: seedCal,
		Localities: map[int64]ledger.Ancestry{communeB25.ID: lineage(communeB25)},
		Listings:   []motcua.BoundaryFreeListing{{ProcedureCode: "2.000001", Decision: "2463/QĐ-UBND", From: day(1, 1, 0)}}}
	in := motcua.Intake{ProcedureID: p.ID, UnitID: centreA25.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Lê Thị Hoa", IDNumber: "067012345678"}, Sets: 1,
		Documents:  []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}},
		Competence: motcua.CompetenceFacts{ResidenceUnitID: communeB25.ID}}
	d, e, err := ledger.Accept(s, in)
	if err != nil {
		t.Fatal(err)
	}
	if d.ReceivingUnitID != centreA25.ID || d.DecidingUnitID != communeB25.ID || d.ReturnUnit() != centreA25.ID ||
		d.LocalityUnitID != communeB25.ID || !d.ForOther {
		t.Errorf("units: received %d, decided %d, returned %d, locality %d, for other %v", d.ReceivingUnitID, d.DecidingUnitID,
			d.ReturnUnit(), d.LocalityUnitID, d.ForOther)
	}
	if !strings.Contains(e.Data.Listing, "2463/QĐ-UBND") || e.Data.Competence == nil {
		t.Errorf("event keeps listing %q, facts %v", e.Data.Listing, e.Data.Competence)
	}

	in.ReturnUnitID = centre25.ID // the provincial centre is not in this situation: refused
	if _, _, err := ledger.Accept(s, in); err == nil || !strings.Contains(motcua.ErrorMessage(err), "Nơi trả kết quả") {
		t.Errorf("unknown return unit: err = %v", err)
	}
	s.Return = lineage(centre25)
	d, _, err = ledger.Accept(s, in)
	if err != nil || d.ReturnUnit() != centre25.ID {
		t.Fatalf("return at the provincial centre: %v, %v", d, err)
	}
	s.Return, in.ReturnUnitID = ledger.Ancestry{Units: []*motcua.Unit{communeX, province2}}, communeX.ID
	if _, _, err := ledger.Accept(s, in); err == nil || !strings.Contains(motcua.ErrorMessage(err), "không thuộc tỉnh") {
		t.Errorf("return in another province: err = %v", err)
	}
}

// TestReceivingLevel: a partner's register names a unit and a national
// code; the unit says at which level the code is meant — a commune's
// centre the commune's, the provincial centre, its branch and the
// departments the province's, the 2024 district and its one-stop section
// the district's.
func TestReceivingLevel(t *testing.T) {
	oneStop := &motcua.Unit{ID: 9, Name: "Bộ phận Một cửa huyện Thử", Kind: motcua.UnitOneStop, ParentID: district.ID}
	for _, c := range []struct {
		a    ledger.Ancestry
		want motcua.Level
	}{
		{lineage(centreA25), motcua.LevelCommune},
		{lineage(commune25), motcua.LevelCommune},
		{lineage(centre25), motcua.LevelProvince},
		{lineage(branch25), motcua.LevelProvince},
		{lineage(justice25), motcua.LevelProvince},
		{ancestry(oneStop), motcua.LevelDistrict},
		{ancestry(commune), motcua.LevelCommune},
		{ledger.Ancestry{Units: []*motcua.Unit{{ID: 99, Kind: motcua.UnitOneStop}}}, motcua.LevelDistrict},
	} {
		if got := ledger.ReceivingLevel(c.a); got != c.want {
			t.Errorf("%s: level %s, want %s", c.a.Receiving().Name, got, c.want)
		}
	}
}
