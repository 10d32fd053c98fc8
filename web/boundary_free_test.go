package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
)

// boundaryEnv is the world's server with the two-level province added.
// The world's clock is 2024, so the sample listing is made in force from
// 01/01/2024 here: the rule reads the listing's dates, not the decree's.
func boundaryEnv(t *testing.T) (*env, sample.Boundary) {
	t.Helper()
	e := newEnv(t)
	b, err := sample.BuildBoundary(t.Context(), e.db, time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), sample.Password)
	if err != nil {
		t.Fatal(err)
	}
	return e, b
}

// residentForm is the intake form of procedure p at A's centre for a
// resident of the commune.
func residentForm(b sample.Boundary, p motcua.Procedure, commune int64) url.Values {
	return url.Values{"procedure": {strconv.FormatInt(p.ID, 10)}, "unit": {strconv.FormatInt(b.CentreA.ID, 10)},
		"name": {"Y Bhin Niê"}, "id_number": {"068190001234"}, "address": {"Thôn 5, xã Đức Lập"}, "phone": {"0905123456"},
		"channel": {"counter"}, "doc": {"0"}, "count_0": {"1"}, "sets": {"1"}, "residence": {strconv.FormatInt(commune, 10)},
		"return_unit": {"0"}}
}

// TestCounterReceivesForAnotherCommune: the intake form of a procedure
// whose competent unit is the applicant's commune of residence offers the
// province's communes and the places of return; received at A's centre
// for a resident of B, the dossier is decided by B and returned at A, and
// the receipt names all three and the listing it was received under.
func TestCounterReceivesForAnotherCommune(t *testing.T) {
	e, b := boundaryEnv(t)
	c := e.login(t, b.CounterA)
	p := c.get(t, fmt.Sprintf("/intake?procedure=%d", b.Listed.ID))
	wantStatus(t, p, http.StatusOK)
	htmlcheck.Run(t, p.body,
		htmlcheck.In(`#competence select[name=residence]`, htmlcheck.HasText(b.CommuneB.Name), htmlcheck.HasText(b.CommuneA.Name)),
		htmlcheck.In(`#competence select[name=return_unit]`, htmlcheck.HasText(b.CentreB.Name)),
		htmlcheck.NotIn(`#competence select[name=residence]`, htmlcheck.HasText(fx.UnitA.Name))) // another province's commune

	p = c.post(t, "/intake", residentForm(b, b.Listed, b.CommuneB.ID))
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if m == nil {
		t.Fatalf("intake: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	r := e.stored(t, id)
	if r.ReceivingUnitID != b.CentreA.ID || r.DecidingUnitID != b.CommuneB.ID {
		t.Errorf("receiving/deciding %d/%d, want centre A %d / commune B %d", r.ReceivingUnitID, r.DecidingUnitID, b.CentreA.ID, b.CommuneB.ID)
	}
	page := c.get(t, fmt.Sprintf("/dossiers/%d", id))
	htmlcheck.Run(t, page.body, htmlcheck.In("#dossier-deciding", htmlcheck.HasExactText(b.CommuneB.Name)),
		htmlcheck.In("#dossier-return", htmlcheck.HasExactText(b.CentreA.Name)),
		htmlcheck.In("#dossier-receiving", htmlcheck.HasExactText(b.CentreA.Name)))

	text := pdftest.Text(t, c.pdf(t, formPath(id, "01")))
	pdftest.InOrder(t, text, "Nơi tiếp nhận:", b.CentreA.Name, "Cơ quan giải quyết:", b.CommuneB.Name,
		"Tiếp nhận không phụ thuộc địa giới hành chính theo:", "Quyết định 2463/QĐ-UBND", "Đăng ký nhận kết quả tại:", b.CentreA.Name)
}

// TestIntakeCompetenceErrorsStandByTheirField: the rule's refusals come
// back in Vietnamese next to the field they are about, nothing written.
func TestIntakeCompetenceErrorsStandByTheirField(t *testing.T) {
	e, b := boundaryEnv(t)
	c := e.login(t, b.CounterA)
	before := e.counts(t)

	p := c.post(t, "/intake", residentForm(b, b.Unlisted, b.CommuneB.ID))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	htmlcheck.Run(t, p.body, htmlcheck.In("#procedure-error",
		htmlcheck.HasText("không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính"), htmlcheck.HasText(b.CommuneB.Name)),
		htmlcheck.In(`select[name=residence] option[selected]`, htmlcheck.HasExactText(b.CommuneB.Name)))

	form := residentForm(b, b.Listed, fx.UnitA.ID) // a commune of another province
	p = c.post(t, "/intake", form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	htmlcheck.Run(t, p.body, htmlcheck.In("#locality-error", htmlcheck.HasText("không thuộc tỉnh của nơi tiếp nhận")),
		htmlcheck.In(`select#residence`, htmlcheck.HasAttr("aria-invalid", "true")))

	form = residentForm(b, b.Listed, b.CommuneB.ID)
	form.Set("return_unit", strconv.FormatInt(b.Province.ID, 10)) // the province's People's Committee: no counter
	p = c.post(t, "/intake", form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	htmlcheck.Run(t, p.body, htmlcheck.In("#return_unit-error", htmlcheck.HasText("Nơi trả kết quả phải là")))
	e.wantCounts(t, before)
}

// TestHandOversFromTheDossierPage: A's counter forwards the dossier by
// courier; B's specialist confirms it arrived, records the result and
// sends it back; A's counter confirms it and returns it. Each form shows
// only to whom it belongs, and the page lists each hand-over graded.
func TestHandOversFromTheDossierPage(t *testing.T) {
	e, b := boundaryEnv(t)
	d, err := e.db.Accept(t.Context(), mustActor(t, e, b.CounterA), b.Resident("Y Bhin Niê"))
	if err != nil {
		t.Fatal(err)
	}
	counter, specialist := e.login(t, b.CounterA), e.login(t, b.SpecialistB)
	path := fmt.Sprintf("/dossiers/%d", d.ID)
	forward := `form[data-action=part_sent][data-kind=forward]`
	htmlcheck.Run(t, counter.get(t, path).body, htmlcheck.In(forward, htmlcheck.HasText("Cán bộ Trung tâm chuyển trực tiếp")))
	htmlcheck.Run(t, specialist.get(t, path).body, htmlcheck.NotIn(forward))

	p := counter.post(t, path+"/actions", actionForm(t, e, d.ID, "part_sent", "part_kind", "forward", "form", "part_sent:forward"))
	wantStatus(t, p, http.StatusUnprocessableEntity) // no means chosen
	htmlcheck.Run(t, p.body, htmlcheck.In(forward+" fieldset", htmlcheck.HasAttr("aria-invalid", "true")))
	p = counter.post(t, path+"/actions", actionForm(t, e, d.ID, "part_sent", "part_kind", "forward", "part_means", "courier",
		"part_days", "hai", "form", "part_sent:forward"))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	htmlcheck.Run(t, p.body, htmlcheck.In(forward+` input[name=part_days]`, htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("value", "hai")))
	wantContains(t, p, "Thời hạn chuyển phải là số ngày làm việc")
	counter.perform(t, d.ID, "part_sent", "part_kind", "forward", "part_means", "courier", "part_days", "0,5")
	counter.perform(t, d.ID, "handed_over")

	page := specialist.get(t, path)
	seq := regexp.MustCompile(`data-kind="forward">[\s\S]*?name="part_seq" value="(\d+)"`).FindStringSubmatch(page.body)
	if seq == nil {
		t.Fatalf("B's specialist is not offered to confirm the dossier's arrival:\n%s", excerpt(page.body))
	}
	htmlcheck.Run(t, page.body, htmlcheck.In(`form[data-action=part_returned][data-kind=forward] button`, htmlcheck.HasExactText("Đã nhận hồ sơ chuyển đến")),
		htmlcheck.In(`#hand-overs tr[data-kind=forward]`, htmlcheck.HasText("Cán bộ Trung tâm chuyển trực tiếp"), htmlcheck.HasText("Đang chuyển")))
	specialist.perform(t, d.ID, "part_returned", "part_seq", seq[1])
	specialist.perform(t, d.ID, "result_ready")
	htmlcheck.Run(t, counter.get(t, path).body, htmlcheck.NotIn(`form[data-action=part_sent][data-kind=result]`))
	specialist.perform(t, d.ID, "part_sent", "part_kind", "result", "part_means", "electronic")

	page = counter.get(t, path)
	seq = regexp.MustCompile(`data-kind="result">[\s\S]*?name="part_seq" value="(\d+)"`).FindStringSubmatch(page.body)
	if seq == nil {
		t.Fatalf("A's counter is not offered to confirm the result's arrival:\n%s", excerpt(page.body))
	}
	counter.perform(t, d.ID, "part_returned", "part_seq", seq[1])
	htmlcheck.Run(t, specialist.get(t, path).body, htmlcheck.NotIn(`form[data-action=part_sent]`)) // the result went once
	counter.perform(t, d.ID, "result_returned")
	page = counter.get(t, path)
	htmlcheck.Run(t, page.body, htmlcheck.Count(`#hand-overs tbody tr`, 2), htmlcheck.NotIn(`#hand-overs`, htmlcheck.HasText("Đang chuyển")),
		htmlcheck.In("#dossier-state", htmlcheck.HasExactText(motcua.StateReturned.Label())))
	slip := pdftest.Text(t, counter.pdf(t, formPath(d.ID, "06")))
	for _, want := range []string{"Chuyển hồ sơ đến", "Chuyển kết quả về", b.SpecialistB.FullName, b.CounterA.FullName} {
		if !strings.Contains(slip, want) {
			t.Errorf("the control slip lacks %q:\n%s", want, slip)
		}
	}
}

// TestTransferOfCompetenceForm: B's leader may hand the dossier to another
// competent unit; without a legal basis it is refused in Vietnamese, with
// one the deciding unit changes. B's specialist is not offered the form.
func TestTransferOfCompetenceForm(t *testing.T) {
	e, b := boundaryEnv(t)
	d, err := e.db.Accept(t.Context(), mustActor(t, e, b.CounterA), b.Resident("Y Bhin Niê"))
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/dossiers/%d", d.ID)
	htmlcheck.Run(t, e.login(t, b.SpecialistB).get(t, path).body, htmlcheck.NotIn(`form[data-action=transferred]`))
	leader := e.login(t, b.LeaderB)
	htmlcheck.Run(t, leader.get(t, path).body, htmlcheck.In(`form[data-action=transferred] select[name=to_unit]`, htmlcheck.HasText(b.CommuneA.Name)))

	to := strconv.FormatInt(b.CommuneA.ID, 10)
	p := leader.post(t, path+"/actions", actionForm(t, e, d.ID, "transferred", "to_unit", to))
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "Phải ghi căn cứ pháp lý của việc chuyển thẩm quyền.")
	leader.perform(t, d.ID, "transferred", "to_unit", to, "reason", "Điều 9 Nghị định 118/2025/NĐ-CP: người nộp cư trú tại xã Thuận An")
	if r := e.stored(t, d.ID); r.DecidingUnitID != b.CommuneA.ID {
		t.Errorf("deciding unit %d after the transfer, want commune A %d", r.DecidingUnitID, b.CommuneA.ID)
	}
}

// TestReceivedForOthersPageAndMenu: A's counter finds the dossiers it
// received for others in its own view, fifty a page, the next page by
// its link; the menu links the view for a centre's counter only.
func TestReceivedForOthersPageAndMenu(t *testing.T) {
	e, b := boundaryEnv(t)
	counterA := mustActor(t, e, b.CounterA)
	for i := range 51 {
		if _, err := e.db.Accept(t.Context(), counterA, b.Resident(fmt.Sprintf("Nguyễn Văn %d", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	c := e.login(t, b.CounterA)
	p := c.get(t, "/worklist/for-others")
	wantStatus(t, p, http.StatusOK)
	htmlcheck.Run(t, p.body, htmlcheck.Count(`#for-others tbody tr`, 50), htmlcheck.In(`header nav a[href="/worklist/for-others"]`),
		htmlcheck.In(`#for-others tbody tr`, htmlcheck.HasText(b.CommuneB.Name), htmlcheck.HasText("Chưa chuyển đến cơ quan giải quyết")))
	next := regexp.MustCompile(`href="([^"]+)" rel="next"`).FindStringSubmatch(p.body)
	if next == nil {
		t.Fatal("no next-page link on the first page of 51")
	}
	p = c.get(t, strings.ReplaceAll(next[1], "&amp;", "&"))
	wantStatus(t, p, http.StatusOK)
	htmlcheck.Run(t, p.body, htmlcheck.Count(`#for-others tbody tr`, 1), htmlcheck.NotIn(`a[rel=next]`), htmlcheck.In(`a[rel=prev]`))

	htmlcheck.Run(t, e.login(t, b.CounterB).get(t, "/worklist/for-others").body, htmlcheck.In(`#for-others tbody tr td.muted`))
	htmlcheck.Run(t, e.login(t, fx.CounterA).get(t, "/intake").body, htmlcheck.NotIn(`header nav a[href="/worklist/for-others"]`))
}

// TestTrackingNamesWhereTheResultIsReturned: the public page says where
// the result is returned and, for a dossier received for another unit,
// which unit decides it and that it was sent there.
func TestTrackingNamesWhereTheResultIsReturned(t *testing.T) {
	e, b := boundaryEnv(t)
	a := mustActor(t, e, b.CounterA)
	d, err := e.db.Accept(t.Context(), a, b.Resident("Y Bhin Niê"))
	if err != nil {
		t.Fatal(err)
	}
	p := e.anonymous().track(t, d.Code, d.TrackingSecret)
	wantStatus(t, p, http.StatusOK)
	htmlcheck.Run(t, p.body, htmlcheck.In("#track-return", htmlcheck.HasExactText(b.CentreA.Name)),
		htmlcheck.In("#track-deciding", htmlcheck.HasExactText(b.CommuneB.Name)))
	wantContains(t, p, "Chưa chuyển")
	if _, err := e.db.Act(t.Context(), a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventPartSent,
		PartKind: motcua.PartForward, PartMeans: motcua.MeansPost}); err != nil {
		t.Fatal(err)
	}
	p = e.anonymous().track(t, d.Code, d.TrackingSecret)
	wantContains(t, p, "Đã chuyển lúc", "Chuyển hồ sơ đến cơ quan giải quyết")
	wantLacks(t, p, "Y Bhin Niê", "068190001234", "0905123456")
}

func mustActor(t *testing.T, e *env, u motcua.User) *motcua.Actor {
	t.Helper()
	a, err := e.db.Actor(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestIntakeAsksWhatTheRuleReads: the land's commune for a procedure
// decided where the land lies, the unit chosen (and the residence it falls
// back on) for one the applicant chooses, nothing of the kind for one
// decided where it is received.
func TestIntakeAsksWhatTheRuleReads(t *testing.T) {
	e, b := boundaryEnv(t)
	c := e.login(t, b.CounterA)
	for _, x := range []struct {
		code, name string
		rule       motcua.Competence
		has, lacks []string
	}{
		{"2.000001", "location", motcua.CompetenceLocation, []string{"select#location"}, []string{"select#residence", "select#chosen"}},
		{"2.000002", "choice", motcua.CompetenceChoice, []string{"select#chosen", "select#residence"}, []string{"select#location"}},
		{"2.000003", "here", motcua.CompetenceHere, []string{"select#return_unit"}, []string{"select#residence", "select#location", "select#chosen"}},
	} {
		p := b.Listed
		p.ID, p.Code, p.Competence = 0, x.code, x.rule
		if err := e.db.CreateProcedure(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
		page := c.get(t, fmt.Sprintf("/intake?procedure=%d", p.ID))
		var checks []htmlcheck.Checker
		for _, sel := range x.has {
			checks = append(checks, htmlcheck.In("#competence "+sel))
		}
		for _, sel := range x.lacks {
			checks = append(checks, htmlcheck.NotIn(sel))
		}
		if x.rule == motcua.CompetenceChoice {
			checks = append(checks, htmlcheck.In("select#chosen", htmlcheck.HasText(b.CommuneB.Name)))
		}
		t.Run(x.name, func(t *testing.T) { htmlcheck.Run(t, page.body, checks...) })
	}
}
