package motcua

import (
	"reflect"
	"testing"
)

// TestDiffVersionsNamesTheCompetenceRule: an amendment that changes how
// the deciding unit is found shows the old and new criterion in words.
func TestDiffVersionsNamesTheCompetenceRule(t *testing.T) {
	for _, tc := range []struct {
		from, to Competence
		want     []FieldChange
	}{
		{CompetenceHere, CompetenceResidence, []FieldChange{{"Cơ quan giải quyết xác định theo", "nơi tiếp nhận hồ sơ", "nơi cư trú của người nộp"}}},
		{CompetenceResidence, CompetenceLocation, []FieldChange{{"Cơ quan giải quyết xác định theo", "nơi cư trú của người nộp", "nơi có đất, cơ sở kinh doanh"}}},
		{CompetenceLocation, CompetenceChoice, []FieldChange{{"Cơ quan giải quyết xác định theo", "nơi có đất, cơ sở kinh doanh", "lựa chọn của người nộp"}}},
		{CompetenceChoice, CompetenceChoice, nil},
	} {
		a := &Procedure{Name: "Thủ tục đăng ký khai sinh", Competence: tc.from}
		b := *a
		b.Competence = tc.to
		if got := DiffVersions(a, &b); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q → %q: %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
