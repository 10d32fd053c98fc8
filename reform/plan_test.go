package reform

import (
	"github.com/motcua/motcua"
	"testing"
	"time"
)

// TestPlanProgressCountsTasksDoneByTheDate: the seed's plan reports 36 of
// 51 tasks done, 71 %; tasks done after the date do not count, nor do
// tasks marked done without being done by then.
func TestPlanProgressCountsTasksDoneByTheDate(t *testing.T) {
	day := func(m, d int) time.Time { return time.Date(2024, time.Month(m), d, 0, 0, 0, 0, motcua.VN) }
	p := &Plan{}
	n := 0
	for c := range 7 {
		var content PlanContent
		for range []int{8, 7, 8, 7, 7, 7, 7}[c] {
			task := PlanTask{Status: TaskNotStarted, DueOn: day(12, 31)}
			switch {
			case n < 36:
				task.Status, task.DoneOn = TaskDone, day(5, 1+n%28)
			case n < 40:
				task.Status, task.DoneOn = TaskDone, day(6, 15) // done after the report's date
			case n < 45:
				task.Status = TaskInProgress
			}
			content.Tasks = append(content.Tasks, task)
			n++
		}
		p.Contents = append(p.Contents, content)
	}
	per, all := p.ProgressAt(day(6, 1))
	if all.Done != 36 || all.Total != 51 || all.Percent() != 71 || all.String() != "36/51 (71 %)" {
		t.Fatalf("overall %+v %s", all, all)
	}
	sum := Progress{}
	for _, c := range per {
		sum.Done += c.Done
		sum.Total += c.Total
	}
	if sum != all || len(per) != 7 {
		t.Fatalf("contents %+v do not add up to %+v", per, all)
	}
	if _, later := p.ProgressAt(day(7, 1)); later.Done != 40 {
		t.Fatalf("by 01/07: %d done", later.Done)
	}
	overdue := PlanTask{Status: TaskInProgress, DueOn: day(3, 31)}
	if !overdue.Overdue(day(4, 1)) || overdue.Overdue(day(3, 30)) {
		t.Fatal("overdue is wrong")
	}
	if (Progress{}).Percent() != 0 || (Progress{Done: 2, Total: 3}).Percent() != 67 {
		t.Fatal("percent rounding")
	}
}

func TestTypeOfNumber(t *testing.T) {
	for number, want := range map[string]DocumentType{"3677/QĐ-UBND": DocDecision, "64/KH-UBND": DocPlan, "629/UBND-NV": DocLetter,
		"489/TB-VPCP": DocNotice, "162/TTr-NV": DocProposal, "3243/BCĐCCHC": DocLetter, "01/2024/QĐ-UBND": DocDecision, "không số": ""} {
		if got := TypeOfNumber(number); got != want {
			t.Errorf("%s: %q, want %q", number, got, want)
		}
	}
}
