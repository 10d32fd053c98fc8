package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
)

// TestPortalFilingChoosesTheCompetentUnit: the filing form of a
// procedure decided by the commune of residence asks for it (and where to
// collect the result); without it, or for another commune while the
// procedure is not listed for intake regardless of boundary, the form
// comes back with the reason in Vietnamese and nothing is recorded; once
// listed, the filing at commune X's centre for a resident of commune Y
// reaches X's counter officer, who sees both facts and accepts a dossier
// decided by Y and returned where the citizen chose.
func TestPortalFilingChoosesTheCompetentUnit(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	province := &motcua.Unit{Code: "000.00.00.T09", Name: "Ủy ban nhân dân tỉnh Thử", Kind: motcua.UnitProvince}
	if err := e.db.CreateUnit(ctx, province); err != nil {
		t.Fatal(err)
	}
	communeX := &motcua.Unit{Code: "000.41.00.T09", Name: "Ủy ban nhân dân xã Đức Lập", Kind: motcua.UnitCommune, ParentID: province.ID}
	communeY := &motcua.Unit{Code: "000.42.00.T09", Name: "Ủy ban nhân dân xã Thuận An", Kind: motcua.UnitCommune, ParentID: province.ID}
	for _, u := range []*motcua.Unit{communeX, communeY} {
		if err := e.db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	centreX := &motcua.Unit{Code: "000.41.31.T09", Name: "Trung tâm Phục vụ hành chính công xã Đức Lập", Kind: motcua.UnitCentre, ParentID: communeX.ID}
	counterX := sample.CounterDesk(t, e.db, centreX, "motcua.duclap")
	p := &motcua.Procedure{Code: "1.004746", Name: "Đăng ký thường trú", Field: "Đăng ký, quản lý cư trú", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Competence: motcua.CompetenceResidence,
		Steps:         []motcua.WorkflowStep{{Name: "Tiếp nhận, giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := e.db.CreateProcedure(ctx, p); err != nil {
		t.Fatal(err)
	}

	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", p.ID)
	check(t, b.get(t, path),
		htmlcheck.In("#competence", htmlcheck.HasText("Cơ quan giải quyết xác định theo: nơi cư trú của người nộp.")),
		htmlcheck.In(fmt.Sprintf(`select#locality option[value="%d"]`, communeY.ID)),
		htmlcheck.In(fmt.Sprintf(`select#return_unit option[value="%d"]`, centreX.ID)),
		htmlcheck.NotIn("select#unit[required]"))
	form := func(locality, returnAt int64) url.Values {
		return url.Values{"key": {"k-" + strconv.FormatInt(locality, 10)}, "unit": {strconv.FormatInt(centreX.ID, 10)},
			"locality": {strconv.FormatInt(locality, 10)}, "return_unit": {strconv.FormatInt(returnAt, 10)},
			"name": {"Nguyễn Văn An"}, "phone": {"0912345678"}, "delivery": {"counter"}}
	}
	noResidence := b.postMultipart(t, path, form(0, 0))
	wantStatus(t, noResidence, http.StatusUnprocessableEntity)
	check(t, noResidence, htmlcheck.In("#locality-error", htmlcheck.HasText("Hãy chọn xã, phường nơi cư trú của người nộp")))
	unlisted := b.postMultipart(t, path, form(communeY.ID, communeY.ID))
	wantStatus(t, unlisted, http.StatusUnprocessableEntity)
	wantContains(t, unlisted, "Thủ tục 1.004746 không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính: hồ sơ phải nộp tại Ủy ban nhân dân xã Thuận An.")
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("%d submissions recorded after refusals", n)
	}

	if err := e.db.AddBoundaryFreeListing(ctx, &motcua.BoundaryFreeListing{ProcedureCode: p.Code, Decision: "2463/QĐ-UBND",
		DecidedOn: time.Date(2024, 2, 20, 0, 0, 0, 0, motcua.VN), From: time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)}); err != nil {
		t.Fatal(err)
	}
	check(t, b.get(t, path), htmlcheck.In("#competence", htmlcheck.HasText("Quyết định 2463/QĐ-UBND ngày 20/02/2024")))
	filed := b.postMultipart(t, path, form(communeY.ID, communeY.ID))
	wantStatus(t, filed, http.StatusSeeOther)
	id := strings.TrimSuffix(strings.TrimPrefix(filed.header.Get("Location"), "/ho-so-cua-toi/"), "?moi=1")
	check(t, b.get(t, "/ho-so-cua-toi/"+id), htmlcheck.In("#filed-at", htmlcheck.HasText(centreX.Name)),
		htmlcheck.In("#locality", htmlcheck.HasText(communeY.Name)), htmlcheck.In("#return-unit", htmlcheck.HasText(communeY.Name)))

	officer := e.login(t, counterX.User)
	check(t, officer.get(t, "/submissions/"+id), htmlcheck.In("#submission-locality", htmlcheck.HasText(communeY.Name)),
		htmlcheck.In("#submission-return", htmlcheck.HasText(communeY.Name)))
	accepted := officer.post(t, "/submissions/"+id+"/accept", nil)
	if accepted.status != http.StatusSeeOther || !strings.HasPrefix(accepted.header.Get("Location"), "/dossiers/") {
		t.Fatalf("accept: status %d, location %q", accepted.status, accepted.header.Get("Location"))
	}
	where, _, _ := strings.Cut(strings.TrimPrefix(accepted.header.Get("Location"), "/dossiers/"), "?")
	dossierID, _ := strconv.ParseInt(where, 10, 64)
	d, err := e.db.Dossier(ctx, counterX, dossierID)
	if err != nil {
		t.Fatal(err)
	}
	if d.ReceivingUnitID != centreX.ID || d.DecidingUnitID != communeY.ID || d.ReturnUnitID != communeY.ID || !d.ForOther {
		t.Errorf("dossier: receiving %d, deciding %d, return %d, for other %v; want %d, %d, %d, true",
			d.ReceivingUnitID, d.DecidingUnitID, d.ReturnUnitID, d.ForOther, centreX.ID, communeY.ID, communeY.ID)
	}
}
