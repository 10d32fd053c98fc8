package ledger_test

import (
	"testing"

	"github.com/motcua/motcua/ledger"
)

// TestTrialRunFollowsTheClock: the four-step commune workflow (90 + 900 +
// 270 + 90 minutes) of a 3-day procedure accepted Fri 24/01/2025 16:00 —
// the last working day before Tết (27–31/01 off): the clock starts at 16:00,
// runs an hour, and resumes Mon 03/02; 22 h 30 of working time end Wed
// 05/02 16:00.
func TestTrialRunFollowsTheClock(t *testing.T) {
	run := ledger.TrialRun(threeDays, receiving, deciding, at(t, "2025-01-24 16:00"), seedCal)
	want := []struct{ start, due string }{
		{"2025-01-24 16:00", "2025-02-03 08:00"},
		{"2025-02-03 08:00", "2025-02-05 08:00"},
		{"2025-02-05 08:00", "2025-02-05 14:30"},
		{"2025-02-05 14:30", "2025-02-05 16:00"},
	}
	if len(run.Steps) != len(want) {
		t.Fatalf("%d steps", len(run.Steps))
	}
	for i, w := range want {
		s := run.Steps[i]
		if !s.StartAt.Equal(at(t, w.start)) || !s.DueAt.Equal(at(t, w.due)) {
			t.Errorf("step %d %s: %s → %s, want %s → %s", i+1, s.Name, show(s.StartAt), show(s.DueAt), w.start, w.due)
		}
	}
	if !run.DueAt.Equal(run.Steps[3].DueAt) || !run.Fits() {
		t.Errorf("promised %s, last step due %s, fits %v", show(run.DueAt), show(run.Steps[3].DueAt), run.Fits())
	}
	if run.Steps[0].UnitID != receiving || run.Steps[1].UnitID != deciding || run.Steps[3].UnitID != receiving {
		t.Errorf("units %d %d %d %d", run.Steps[0].UnitID, run.Steps[1].UnitID, run.Steps[2].UnitID, run.Steps[3].UnitID)
	}
}

// TestTrialRunShowsBudgetsThatDoNotSum: a workflow 30 minutes short ends
// before the promised date, and says so.
func TestTrialRunShowsBudgetsThatDoNotSum(t *testing.T) {
	short := *procedure(3, "day")
	short.Steps = append(short.Steps[:0:0], short.Steps...)
	short.Steps[1].Minutes -= 30
	run := ledger.TrialRun(&short, receiving, deciding, at(t, "2024-03-04 09:00"), seedCal)
	if run.Fits() || run.Budget >= run.Legal || !run.Steps[3].DueAt.Before(run.DueAt) {
		t.Errorf("short workflow: budget %v legal %v, last step %s, promised %s", run.Budget, run.Legal, show(run.Steps[3].DueAt), show(run.DueAt))
	}
}
