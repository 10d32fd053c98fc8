package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/reform/cchc"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestReformPlanProgressAndOverdue: a plan's tasks reported done count
// from the day they were done; the owner's overdue list shows the late
// ones; only the owner's officers or the plan's leaders update a task.
func TestReformPlanProgressAndOverdue(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, motcua.VN) }
		plan := &reform.Plan{Year: 2024, Number: "3677/QĐ-UBND", Title: "Kế hoạch Cải cách hành chính năm 2024", IssuedOn: day(1, 2),
			UnitID: f.a.ID, Contents: []reform.PlanContent{
				{Title: "Cải cách thủ tục hành chính", Tasks: []reform.PlanTask{
					{Title: "Rà soát, đơn giản hóa TTHC", OwnerUnitID: f.a.ID, DueOn: day(3, 1)},
					{Title: "Niêm yết công khai TTHC", OwnerUnitID: f.b.ID, DueOn: day(12, 31)}}},
				{Title: "Xây dựng chính quyền số", Tasks: []reform.PlanTask{
					{Title: "Tăng tỷ lệ hồ sơ trực tuyến", OwnerUnitID: f.a.ID, DueOn: day(6, 30)}}},
			}}
		if err := db.CreatePlan(ctx, f.counterA, plan); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a counter officer made a plan: %v", err)
		}
		if err := db.CreatePlan(ctx, f.leaderA, plan); err != nil {
			t.Fatal(err)
		}
		setNow(db, day(3, 10))
		first := plan.Contents[0].Tasks[0].ID
		if err := db.ReportTask(ctx, f.specialistB, first, reform.TaskDone, "Xong", time.Time{}); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("another unit's officer updated the task: %v", err)
		}
		late, err := db.OverdueTasks(ctx, f.specialistA)
		if err != nil || len(late) != 1 || late[0].ID != first {
			t.Fatalf("overdue for A: %+v, %v", late, err)
		}
		if err := db.ReportTask(ctx, f.specialistA, first, reform.TaskDone, "Đã rà soát 12 thủ tục", day(3, 5)); err != nil {
			t.Fatal(err)
		}
		if err := db.ReportTask(ctx, f.specialistB, plan.Contents[0].Tasks[1].ID, reform.TaskInProgress, "Đang niêm yết", time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Plan(ctx, f.a.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		per, all := got.ProgressAt(day(3, 10))
		if all != (reform.Progress{Done: 1, Total: 3}) || per[0] != (reform.Progress{Done: 1, Total: 2}) || per[1].Done != 0 {
			t.Fatalf("progress %+v %+v", per, all)
		}
		if _, before := got.ProgressAt(day(3, 4)); before.Done != 0 {
			t.Fatal("a task done on 05/03 counted on 04/03")
		}
		if n := got.Contents[0].Tasks[0].Notes; len(n) != 1 || n[0].Text != "Đã rà soát 12 thủ tục" || n[0].Status != reform.TaskDone {
			t.Fatalf("notes %+v", n)
		}
		if late, _ := db.OverdueTasks(ctx, f.specialistA); len(late) != 0 {
			t.Fatalf("still overdue: %+v", late)
		}
		if err := db.CreatePlan(ctx, f.leaderA, &reform.Plan{Year: 2024, Title: "Lần hai", UnitID: f.a.ID}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a second plan for 2024: %v", err)
		}
	})
}

// TestDocumentRegisterSearchFoldsDiacritics: the register finds documents
// by words typed without diacritics, by type and period; numbers are unique.
func TestDocumentRegisterSearchFoldsDiacritics(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, motcua.VN) }
		for _, d := range []reform.Document{
			{Number: "3677/QĐ-UBND", IssuedOn: day(1, 2).AddDate(0, 0, -4), Issuer: "UBND huyện Đắk Mil", Summary: "Kế hoạch Cải cách hành chính năm 2024"},
			{Number: "64/KH-UBND", IssuedOn: day(2, 29), Issuer: "UBND huyện Đắk Mil", Summary: "Tổ chức Hội nghị đánh giá công tác CCHC và Chỉ số SIPAS năm 2023"},
			{Number: "629/UBND-NV", IssuedOn: day(3, 19), Issuer: "UBND huyện Đắk Mil", Summary: "Triển khai các nội dung đề xuất, kiến nghị của Sở Nội vụ"},
		} {
			if err := db.CreateDocument(ctx, f.leaderA, f.a.ID, &d); err != nil {
				t.Fatal(err)
			}
		}
		dup := reform.Document{Number: "64/KH-UBND", IssuedOn: day(3, 1), Summary: "Trùng"}
		if err := db.CreateDocument(ctx, f.leaderA, f.a.ID, &dup); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a repeated number: %v", err)
		}
		find := func(q store.DocumentQuery) []string {
			q.UnitID = f.a.ID
			docs, err := db.Documents(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, d := range docs {
				out = append(out, d.Number)
			}
			return out
		}
		if got := find(store.DocumentQuery{Text: "chi so sipas"}); len(got) != 1 || got[0] != "64/KH-UBND" {
			t.Fatalf("search without diacritics: %v", got)
		}
		if got := find(store.DocumentQuery{From: day(1, 1), To: day(7, 1)}); len(got) != 2 {
			t.Fatalf("the half year: %v", got)
		}
		if got := find(store.DocumentQuery{Type: reform.DocLetter}); len(got) != 1 || got[0] != "629/UBND-NV" {
			t.Fatalf("letters: %v", got)
		}
		if err := db.CreateDocument(ctx, f.counterA, f.a.ID, &reform.Document{Number: "1/QĐ-UBND", IssuedOn: day(1, 1), Summary: "x"}); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a counter officer kept the register: %v", err)
		}
	})
}

// TestSurveyIndicesJoinPortalRatingsAndPaperForms: a district survey
// counts the portal's rating of commune A's dossier and the paper forms
// about commune B, per unit with the sample size, and overall.
func TestSurveyIndicesJoinPortalRatingsAndPaperForms(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		d := f.accept(t, f.counterA, f.a.ID)
		s := &scenario{t: t, db: db, d: d}
		at := monday.Add(time.Hour)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		s.act(f.counterA, at.Add(3*time.Hour), motcua.EventResultReady)
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)
		setNow(db, at.Add(5*time.Hour))
		if err := db.Rate(ctx, d.Code, d.TrackingSecret, motcua.Rating{Scores: [5]int{5, 4, 2, 4, 3}}); err != nil {
			t.Fatal(err)
		}
		survey := &reform.Survey{Title: "Khảo sát SIPAS 6 tháng đầu năm 2024", UnitID: f.district.ID,
			From: monday.AddDate(0, -2, 0), To: monday.AddDate(0, 4, 0), Planned: 200}
		if err := db.CreateSurvey(ctx, f.admin, survey); err != nil {
			t.Fatal(err)
		}
		for _, scores := range [][5]int{{4, 4, 4, 5, 2}, {3, 5, 5, 4, 2}, {4, 4, 1, 4, 4}} {
			ans := reform.SurveyAnswer{Rating: motcua.Rating{Scores: scores}, Assessment: [5]int{3, 0, 4, 4, 2}, Expectations: []int{4}}
			if err := db.AddPaperResponse(ctx, f.admin, survey.ID, f.b.ID, ans); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AddPaperResponse(ctx, f.leaderA, survey.ID, f.b.ID, reform.SurveyAnswer{Rating: motcua.Rating{Scores: [5]int{5, 5, 5, 5, 5}}}); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a commune leader keyed in the district's survey: %v", err)
		}
		units, all, err := db.SurveyIndices(ctx, survey.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 2 || units[0].UnitID != f.a.ID || units[0].Index.N != 1 || units[1].Index.N != 3 {
			t.Fatalf("per unit: %+v", units)
		}
		if all.Index.N != 4 || all.Index.Factors != [5]float64{0.75, 1, 0.5, 1, 0.25} {
			t.Fatalf("overall: %+v", all)
		}
		if all.Dims.Assessment != [5]float64{3, 0, 4, 4, 2} || all.Dims.Expectations != [5]int{0, 0, 0, 0, 3} {
			t.Fatalf("the other dimensions: %+v", all.Dims)
		}
	})
}

// TestCCHCDraftComesFromTheData: the draft's dossier figures are Biểu
// II.06a's for the same period and scope; its documents and plan progress
// are the register's and the plan's, and follow their changes.
func TestCCHCDraftComesFromTheData(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		for range 3 {
			f.accept(t, f.counterA, f.a.ID)
		}
		from, to := time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), time.Date(2024, 7, 1, 0, 0, 0, 0, motcua.VN)
		plan := &reform.Plan{Year: 2024, Number: "12/QĐ-UBND", Title: "Kế hoạch CCHC năm 2024", IssuedOn: from, UnitID: f.a.ID,
			Contents: []reform.PlanContent{{Title: "Cải cách TTHC", Tasks: []reform.PlanTask{{Title: "Rà soát", OwnerUnitID: f.a.ID}, {Title: "Niêm yết", OwnerUnitID: f.a.ID}}}}}
		if err := db.CreatePlan(ctx, f.leaderA, plan); err != nil {
			t.Fatal(err)
		}
		doc := reform.Document{Number: "64/KH-UBND", IssuedOn: from.AddDate(0, 1, 28), Summary: "Hội nghị CCHC"}
		if err := db.CreateDocument(ctx, f.leaderA, f.a.ID, &doc); err != nil {
			t.Fatal(err)
		}
		facts, err := db.CCHCFacts(ctx, report.Query{UnitID: f.a.ID, From: from, To: to})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := db.II06a(ctx, report.Query{From: from, To: to, UnitID: f.a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if facts.Dossiers != rep.Total || facts.Dossiers.ReceivedTotal != 3 || len(facts.Documents) != 1 || facts.Place != "Đắk A" {
			t.Fatalf("facts %+v, II.06a %+v", facts.Dossiers, rep.Total)
		}
		before := cchc.New(facts).Markdown()
		if err := db.ReportTask(ctx, f.leaderA, plan.Contents[0].Tasks[0].ID, reform.TaskDone, "Xong", time.Time{}); err != nil {
			t.Fatal(err)
		}
		facts, _ = db.CCHCFacts(ctx, report.Query{UnitID: f.a.ID, From: from, To: to})
		after := cchc.New(facts).Markdown()
		if !strings.Contains(before, "0/2 nhiệm vụ") || !strings.Contains(after, "1/2 nhiệm vụ, đạt 50%") {
			t.Fatalf("the draft did not follow the plan:\n%s", after)
		}
	})
}

// TestParSelfAssessmentAndComparison: the year's criteria set by an
// administrator, scored by the unit's leader with evidence, added up per
// area, and compared with the previous year.
func TestParSelfAssessmentAndComparison(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		criteria := []reform.ParCriterion{{Code: "1", Title: "Chỉ đạo, điều hành"}, {Code: "1.1", Title: "Kế hoạch CCHC", MaxPoints: 2},
			{Code: "1.2", Title: "Báo cáo CCHC", MaxPoints: 1}, {Code: "2", Title: "Cải cách TTHC"}, {Code: "2.1", Title: "Giải quyết đúng hạn", MaxPoints: 6}}
		for _, year := range []int{2023, 2024} {
			if err := db.SetParCriteria(ctx, f.admin, year, criteria); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetParCriteria(ctx, f.leaderA, 2024, criteria); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a commune leader set the criteria: %v", err)
		}
		for _, s := range []struct {
			year   int
			code   string
			points float64
		}{{2023, "1.1", 1}, {2023, "2.1", 4}, {2024, "1.1", 2}, {2024, "1.2", 1}, {2024, "2.1", 5.5}} {
			if err := db.ScorePar(ctx, f.leaderA, f.a.ID, s.year, reform.ParScore{Code: s.code, Points: s.points, Evidence: "Quyết định số 3677/QĐ-UBND"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ScorePar(ctx, f.leaderA, f.a.ID, 2024, reform.ParScore{Code: "1.2", Points: 3}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a score above the maximum: %v", err)
		}
		pa, err := db.Par(ctx, f.a.ID, 2024)
		if err != nil {
			t.Fatal(err)
		}
		if pa.Total.Score != 8.5 || pa.Total.Max != 9 || pa.Areas[0].Score != 3 || pa.Previous == nil || pa.Previous.Score != 5 ||
			pa.PreviousArea["2"] != 4 || pa.Areas[0].Children[0].Evidence != "Quyết định số 3677/QĐ-UBND" {
			t.Fatalf("assessment: total %+v, previous %+v %v", pa.Total, pa.Previous, pa.PreviousArea)
		}
	})
}
