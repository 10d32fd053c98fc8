package motcua_test

import (
	"reflect"
	"testing"

	"github.com/motcua/motcua"
)

// TestMergeNationalKeepsTheProvincesParts: the national parts replace the
// province's; the workflow, office, competence and online level stay; a
// time or fee text that stayed text leaves the province's time and lines.
func TestMergeNationalKeepsTheProvincesParts(t *testing.T) {
	lines := []motcua.FeeLine{{Kind: motcua.FeeLevy, Name: "Lệ phí", Amount: 8000, Basis: motcua.FeePerCopy, PayAt: motcua.FeePayAtResult}}
	current := &motcua.Procedure{ID: 7, VersionID: 9, Code: "2.000908", Name: "Cấp bản sao trích lục", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineFull, Office: "tu-phap",
		Competence: motcua.CompetenceResidence, FeesStated: true, FeeLines: lines,
		Steps: []motcua.WorkflowStep{{Name: "Cấp", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 450}}}
	n := &motcua.NationalProcedure{Procedure: motcua.Procedure{Code: "2.000908", Name: "Cấp bản sao trích lục hộ tịch", Field: "Hộ tịch",
		Level: motcua.LevelCommune, Fees: "Theo biểu phí", Sequence: "Bước 1", Documents: []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}}}

	got := motcua.MergeNational(current, n)
	if got.Name != n.Name || got.Sequence != "Bước 1" || !reflect.DeepEqual(got.Documents, n.Documents) {
		t.Errorf("national parts not taken: %+v", got)
	}
	if got.ID != 7 || got.VersionID != 9 || got.Office != "tu-phap" || got.Competence != motcua.CompetenceResidence || got.OnlineLevel != motcua.OnlineFull ||
		!reflect.DeepEqual(got.Steps, current.Steps) || got.Time != current.Time {
		t.Errorf("the province's parts changed: %+v", got)
	}
	if !got.FeesStated || !reflect.DeepEqual(got.FeeLines, lines) || got.Fees != "" {
		t.Errorf("lines replaced by an unread text: %v %v %q", got.FeesStated, got.FeeLines, got.Fees)
	}
	got.Steps[0].Name = "đổi"
	if current.Steps[0].Name != "Cấp" {
		t.Error("the merge shares the workflow with the version in force")
	}

	n.TimeRead, n.Time = true, motcua.TimeLimit{Amount: 2, Unit: motcua.WorkingDays}
	n.FeesRead, n.FeesStated, n.FeeLines = true, true, nil
	got = motcua.MergeNational(current, n)
	if got.Time != n.Time || !got.FeesStated || len(got.FeeLines) != 0 {
		t.Errorf("read time and fees not taken: %v, %v %v", got.Time, got.FeesStated, got.FeeLines)
	}

	added := motcua.MergeNational(nil, n)
	if added.OnlineLevel != motcua.OnlineNone || len(added.Steps) != 1 || added.Steps[0].Name != motcua.PlaceholderStepName || added.Steps[0].Minutes != 0 {
		t.Errorf("a new procedure: %+v", added)
	}
}
