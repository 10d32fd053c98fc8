package reform

import "testing"

// TestParTreeAddsUp: leaves scored, areas and the total added up; a score
// above its maximum, on a parent, or a code without its parent refused.
func TestParTreeAddsUp(t *testing.T) {
	criteria := []ParCriterion{
		{Code: "2", Title: "Cải cách thủ tục hành chính"},
		{Code: "1", Title: "Công tác chỉ đạo, điều hành"},
		{Code: "1.1", Title: "Kế hoạch CCHC", MaxPoints: 2},
		{Code: "1.10", Title: "Sáng kiến", MaxPoints: 1.5},
		{Code: "1.2", Title: "Báo cáo CCHC", MaxPoints: 1},
		{Code: "2.1", Title: "Giải quyết TTHC đúng hạn", MaxPoints: 6},
	}
	areas, total, err := BuildParTree(criteria, []ParScore{{Code: "1.1", Points: 2}, {Code: "1.2", Points: 0.5}, {Code: "2.1", Points: 5.25}})
	if err != nil {
		t.Fatal(err)
	}
	if len(areas) != 2 || areas[0].Code != "1" || areas[0].Children[1].Code != "1.2" || areas[0].Children[2].Code != "1.10" {
		t.Fatalf("order: %+v", areas)
	}
	if areas[0].Max != 4.5 || areas[0].Score != 2.5 || total.Max != 10.5 || total.Score != 7.75 {
		t.Fatalf("area 1 %v/%v, total %v/%v", areas[0].Score, areas[0].Max, total.Score, total.Max)
	}
	for _, bad := range [][]ParScore{{{Code: "1.1", Points: 2.5}}, {{Code: "1", Points: 1}}, {{Code: "9.9", Points: 1}}} {
		if _, _, err := BuildParTree(criteria, bad); err == nil {
			t.Errorf("%+v was taken", bad)
		}
	}
	if _, _, err := BuildParTree(append(criteria, ParCriterion{Code: "3.1", MaxPoints: 1}), nil); err == nil {
		t.Error("a criterion without its parent was taken")
	}
}
