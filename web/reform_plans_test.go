package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/reform"
)

// TestOverdueReformTasksOnTheDashboard: a plan task of commune A past its
// due date shows on A's officers' dashboard until it is done.
func TestOverdueReformTasksOnTheDashboard(t *testing.T) {
	e := newEnv(t)
	leader, err := e.db.Actor(t.Context(), fx.LeaderA.ID)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN) // before the fixture's clock, 05/03/2024
	plan := &reform.Plan{Year: 2024, Title: "Kế hoạch CCHC năm 2024", UnitID: fx.UnitA.ID, Contents: []reform.PlanContent{
		{Title: "Cải cách TTHC", Tasks: []reform.PlanTask{{Title: "Rà soát quy trình nội bộ", OwnerUnitID: fx.UnitA.ID, DueOn: due}}}}}
	if err := e.db.CreatePlan(t.Context(), leader, plan); err != nil {
		t.Fatal(err)
	}
	b := e.login(t, fx.LeaderA)
	p := b.get(t, "/alerts")
	if p.status != http.StatusOK || htmlcheck.Check(p.body, htmlcheck.In("#reform-tasks li", htmlcheck.HasText("Rà soát quy trình nội bộ"))) != nil {
		t.Fatalf("the dashboard lacks the overdue task (%d)", p.status)
	}
	if err := e.db.ReportTask(t.Context(), leader, plan.Contents[0].Tasks[0].ID, reform.TaskDone, "Xong", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if htmlcheck.Check(b.get(t, "/alerts").body, htmlcheck.NotIn("#reform-tasks")) != nil {
		t.Fatal("a done task is still on the dashboard")
	}
}

// TestPlanEnteredAsTextAndReported: a leader enters the plan as text; the
// unit's specialist reports a task done; the page shows the progress; a
// malformed line is refused with its number.
func TestPlanEnteredAsTextAndReported(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.LeaderA)
	unit := fmt.Sprint(fx.UnitA.ID)
	bad := leader.post(t, "/reform", url.Values{"don_vi": {unit}, "nam": {"2024"}, "ten": {"Kế hoạch"}, "noi_dung": {"# Nội dung\nkhông đúng"}})
	if bad.status != http.StatusUnprocessableEntity || htmlcheck.Check(bad.body, htmlcheck.In("#error", htmlcheck.HasText("Dòng 2"))) != nil {
		t.Fatalf("a malformed line: %d", bad.status)
	}
	text := "# Cải cách thủ tục hành chính\n- Rà soát quy trình | " + fx.UnitA.Code + " | 31/12/2024\n- Niêm yết công khai\n# Chính quyền số\n- Tăng hồ sơ trực tuyến"
	p := leader.post(t, "/reform", url.Values{"don_vi": {unit}, "nam": {"2024"}, "so": {"12/QĐ-UBND"}, "ngay": {"02/01/2024"},
		"ten": {"Kế hoạch CCHC năm 2024"}, "noi_dung": {text}})
	wantStatus(t, p, http.StatusSeeOther)
	page := leader.get(t, "/reform?don_vi="+unit+"&nam=2024")
	if err := htmlcheck.Check(page.body, htmlcheck.In("#plan-progress strong", htmlcheck.HasText("0/3 (0 %)")),
		htmlcheck.In("table.list td", htmlcheck.HasText("Rà soát quy trình"))); err != nil {
		t.Fatalf("the plan page: %v\n%s", err, page.body)
	}
	plan, err := e.db.Plan(t.Context(), fx.UnitA.ID, 2024)
	if err != nil {
		t.Fatal(err)
	}
	spec := e.login(t, fx.SpecialistA)
	p = spec.post(t, fmt.Sprintf("/reform/tasks/%d?don_vi=%s&nam=2024", plan.Contents[0].Tasks[0].ID, unit),
		url.Values{"trang_thai": {"done"}, "ghi_chu": {"Đã rà soát 12 quy trình"}, "ngay": {"04/03/2024"}})
	wantStatus(t, p, http.StatusSeeOther)
	if page := spec.get(t, "/reform?don_vi="+unit+"&nam=2024"); htmlcheck.Check(page.body, htmlcheck.In("#plan-progress strong", htmlcheck.HasText("1/3 (33 %)")),
		htmlcheck.In("table.list td span.muted", htmlcheck.HasText("Đã rà soát 12 quy trình"))) != nil {
		t.Fatalf("after the report:\n%s", page.body)
	}
}

// TestDocumentRegisterPage: a leader registers a document with its PDF;
// a search without diacritics finds it.
func TestDocumentRegisterPage(t *testing.T) {
	e := newEnv(t)
	leader := e.login(t, fx.LeaderA)
	unit := fmt.Sprint(fx.UnitA.ID)
	actor, _ := e.db.Actor(t.Context(), fx.LeaderA.ID)
	plan := &reform.Plan{Year: 2024, Title: "Kế hoạch CCHC năm 2024", UnitID: fx.UnitA.ID, Contents: []reform.PlanContent{
		{Title: "Chỉ đạo, điều hành", Tasks: []reform.PlanTask{{Title: "Tổ chức hội nghị tổng kết", OwnerUnitID: fx.UnitA.ID}}}}}
	if err := e.db.CreatePlan(t.Context(), actor, plan); err != nil {
		t.Fatal(err)
	}
	p := leader.postMultipart(t, "/documents", url.Values{"don_vi": {unit}, "so": {"64/KH-UBND"}, "ngay": {"29/02/2024"},
		"trich_yeu": {"Tổ chức Hội nghị đánh giá công tác CCHC"}, "nhiem_vu": {fmt.Sprint(plan.Contents[0].Tasks[0].ID)}},
		formFile{"tep", "64-KH.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	found := leader.get(t, "/documents?don_vi="+unit+"&q=hoi+nghi")
	// One row: the number, the type, the file, and the task it serves followed by a line break.
	if err := htmlcheck.Check(found.body, htmlcheck.In("#documents tbody tr", htmlcheck.HasCells("64/KH-UBND"), htmlcheck.HasCells("Kế hoạch"),
		htmlcheck.HasCells("64-KH.pdf"), htmlcheck.In("td", htmlcheck.HasExactText("Tổ chức hội nghị tổng kết"), htmlcheck.In("br")))); err != nil {
		t.Fatalf("search: %v\n%s", err, found.body)
	}
	if none := leader.get(t, "/documents?don_vi="+unit+"&q=ngan+sach"); strings.Contains(none.body, "64-KH.pdf") {
		t.Fatal("an unrelated search found the document")
	}
}

// TestSurveyPageKeysInPaperForms: an administrator opens a survey, keys in
// a paper form about commune A, and the index shows it with its sample.
func TestSurveyPageKeysInPaperForms(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	p := admin.post(t, "/surveys", url.Values{"ten": {"Khảo sát SIPAS quý I/2024"}, "don_vi": {fmt.Sprint(fx.District.ID)},
		"tu": {"01/01/2024"}, "den": {"31/03/2024"}, "so_phieu": {"50"}})
	wantStatus(t, p, http.StatusSeeOther)
	page := p.header.Get("Location")
	form := url.Values{"don_vi": {fmt.Sprint(fx.UnitA.ID)}}
	for i, score := range []string{"5", "4", "2", "4", "3"} {
		form.Set(fmt.Sprintf("score_%d", i), score)
	}
	form.Set("assess_0", "4")
	form.Add("expect", "2")
	done := admin.post(t, page+"/answers", form)
	wantRedirect(t, done, page)
	check(t, admin.follow(t, done), flashSays("Đã nhập phiếu"))
	if got := admin.get(t, page); htmlcheck.Check(got.body,
		htmlcheck.In("#survey-indices tr", htmlcheck.HasCells("Ủy ban nhân dân xã Đắk Lao"), htmlcheck.In("td.num", htmlcheck.HasExactText("100,00 %"))),
		htmlcheck.In("#survey-indices td.num", htmlcheck.HasExactText("0,00 %")),
		htmlcheck.In("#survey-dimensions tr", htmlcheck.HasCells("Tiếp cận dịch vụ", "4", "0"), htmlcheck.Count("td.num", 2)),
		htmlcheck.In("#survey-dimensions tr", htmlcheck.HasCells("Công chức trực tiếp giải quyết", "0", "1"), htmlcheck.Count("td.num", 2))) != nil {
		t.Fatalf("indices:\n%s", got.body)
	}
	if other := e.login(t, fx.CounterA).get(t, page); other.status != http.StatusNotFound {
		t.Fatalf("a counter officer opened the survey: %d", other.status)
	}
}

// TestParPage: an administrator sets the year's criteria; the commune's
// leader scores a leaf and sees the totals; a score above the maximum is
// refused.
func TestParPage(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	criteria := "1 | Chỉ đạo, điều hành\n1.1 | Kế hoạch CCHC | 2\n1.2 | Báo cáo CCHC | 1\n2 | Cải cách TTHC\n2.1 | Giải quyết đúng hạn | 6"
	wantStatus(t, admin.post(t, "/par/criteria", url.Values{"nam": {"2024"}, "tieu_chi": {criteria}}), http.StatusSeeOther)
	leader := e.login(t, fx.LeaderA)
	unit := fmt.Sprint(fx.UnitA.ID)
	wantStatus(t, leader.post(t, "/par/scores", url.Values{"don_vi": {unit}, "nam": {"2024"}, "ma": {"1.1"}, "diem": {"1,5"},
		"minh_chung": {"Quyết định 12/QĐ-UBND"}}), http.StatusSeeOther)
	page := leader.get(t, "/par?nam=2024&don_vi="+unit)
	if err := htmlcheck.Check(page.body, htmlcheck.In("#par-total strong", htmlcheck.HasText("Tổng điểm: 1,5/9")),
		htmlcheck.In("#par-tree td", htmlcheck.HasExactText("Quyết định 12/QĐ-UBND"))); err != nil {
		t.Fatalf("the assessment: %v\n%s", err, page.body)
	}
	over := leader.post(t, "/par/scores", url.Values{"don_vi": {unit}, "nam": {"2024"}, "ma": {"1.2"}, "diem": {"3"}})
	if over.status != http.StatusUnprocessableEntity || htmlcheck.Check(over.body, htmlcheck.In("#error", htmlcheck.HasText("vượt khung"))) != nil {
		t.Fatalf("a score above the maximum: %d", over.status)
	}
	if p := leader.post(t, "/par/criteria", url.Values{"nam": {"2024"}, "tieu_chi": {criteria}}); p.status != http.StatusForbidden {
		t.Fatalf("a commune leader set the criteria: %d", p.status)
	}
}
