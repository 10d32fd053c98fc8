package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// TestOverdueReformTasksOnTheDashboard: a plan task of commune A past its
// due date shows on A's officers' dashboard until it is done.
func TestOverdueReformTasksOnTheDashboard(t *testing.T) {
	e := newEnv(t)
	leader, err := e.db.Actor(t.Context(), fx.leaderA.ID)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN) // before the fixture's clock, 05/03/2024
	plan := &motcua.ReformPlan{Year: 2024, Title: "Kế hoạch CCHC năm 2024", UnitID: fx.unitA.ID, Contents: []motcua.PlanContent{
		{Title: "Cải cách TTHC", Tasks: []motcua.PlanTask{{Title: "Rà soát quy trình nội bộ", OwnerUnitID: fx.unitA.ID, DueOn: due}}}}}
	if err := e.db.CreatePlan(t.Context(), leader, plan); err != nil {
		t.Fatal(err)
	}
	b := e.login(t, fx.leaderA)
	p := b.get(t, "/alerts")
	if p.status != http.StatusOK || !strings.Contains(p.body, `id="reform-tasks"`) || !strings.Contains(p.body, "Rà soát quy trình nội bộ") {
		t.Fatalf("the dashboard lacks the overdue task (%d)", p.status)
	}
	if err := e.db.ReportTask(t.Context(), leader, plan.Contents[0].Tasks[0].ID, motcua.TaskDone, "Xong", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.get(t, "/alerts").body, `id="reform-tasks"`) {
		t.Fatal("a done task is still on the dashboard")
	}
}
