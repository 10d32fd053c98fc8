package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestTrialWarnsOfYearsWithoutCalendar: a trial run over a year whose days
// off were never declared (2020: New Year's Day would count as working)
// says so; one inside the declared years does not.
func TestTrialWarnsOfYearsWithoutCalendar(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		old, err := db.TrialOf(ctx, f.proc.Code, motcua.LevelCommune, f.a.ID, false, time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(old.Warnings, "\n"), "chưa có ngày nghỉ lễ, Tết nào của năm 2020") {
			t.Errorf("no warning for 2020: %q", old.Warnings)
		}
		now, err := db.TrialOf(ctx, f.proc.Code, motcua.LevelCommune, f.a.ID, false, vn(3, 4, 9, 0))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range now.Warnings {
			if strings.Contains(w, "Lịch làm việc chưa có") {
				t.Errorf("a warning inside the declared years: %q", w)
			}
		}
	})
}
