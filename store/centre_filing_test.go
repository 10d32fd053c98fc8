package store_test

import (
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestOnlineFilingAtTheServiceCentres: online, a commune procedure is
// offered at commune A's service centre, which receives for A (so not at A
// itself), and at commune B, which has no centre (not at the provincial
// centre or its branch), a province procedure at the
// provincial centre and its branch; a citizen files the commune procedure
// at commune A's centre, and a province procedure there is refused.
func TestOnlineFilingAtTheServiceCentres(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		c := newCentres(t, db)
		for _, w := range []struct {
			p    *motcua.Procedure
			want []*motcua.Unit
		}{
			{c.communeProc, []*motcua.Unit{c.centreA, c.communeB}},
			{c.provinceProc, []*motcua.Unit{c.centre, c.branch}},
		} {
			units, err := db.UnitsApplying(t.Context(), w.p)
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, u := range units {
				got = append(got, u.Code)
			}
			for _, u := range w.want {
				want = append(want, u.Code)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("units offered for %s: %v, want %v", w.p.Name, got, want)
			}
		}

		citizen := motcua.Contact{Email: "binh@example.vn"}
		filing := func(key string, p *motcua.Procedure) *motcua.Submission {
			return &motcua.Submission{Key: key, ProcedureID: p.ID, UnitID: c.centreA.ID, Delivery: motcua.DeliveryOnline,
				Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0987654321"}}
		}
		if err := db.Submit(t.Context(), citizen, filing("birth", c.communeProc)); err != nil {
			t.Errorf("commune procedure filed at the commune's centre: %v", err)
		}
		err := db.Submit(t.Context(), citizen, filing("record", c.provinceProc))
		wantCode(t, err, motcua.EINVALID)
	})
}
