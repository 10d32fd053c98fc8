package store_test

import (
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func TestSearchProceduresFoldsDiacritics(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		other := &motcua.Procedure{Code: "2.000815", Name: "Chứng thực bản sao từ bản chính", Field: "Chứng thực", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.SameDay}, OnlineLevel: motcua.OnlineNone,
			Steps: []motcua.WorkflowStep{{Name: "Chứng thực", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 360},
				{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 90}}}
		if err := db.CreateProcedure(ctx, other); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			query string
			level motcua.Level
			want  []string
		}{
			{"dang ky khai sinh", "", []string{f.proc.Code}},
			{"Đăng ký khai sinh", "", []string{f.proc.Code}},
			{"DANG   KY", "", []string{f.proc.Code}},
			{"ho tich", "", []string{f.proc.Code}}, // by field
			{"chung thuc", "", []string{other.Code}},
			{"1.001193", "", []string{f.proc.Code}}, // by code
			{"", motcua.LevelCommune, []string{other.Code, f.proc.Code}},
			{"khai sinh", motcua.LevelDistrict, nil},
			{"khai tu", "", nil},
			{"%", "", nil}, // LIKE wildcards are literal
			{"_", "", nil},
		}
		for _, c := range cases {
			got, err := db.SearchProcedures(ctx, c.query, c.level, 0)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, p := range got {
				codes = append(codes, p.Code)
			}
			if !slices.Equal(codes, c.want) {
				t.Errorf("SearchProcedures(%q, %q) = %v, want %v", c.query, c.level, codes, c.want)
			}
		}
	})
}
