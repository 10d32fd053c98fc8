package bench

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// worklistResult is one worklist measurement.
type worklistResult struct {
	name   string
	short  string // for the budget table
	calls  int
	total  int             // matching dossiers, averaged over the officers
	lat    []time.Duration // sorted
	budget bool            // compared with the < 10 ms p50 budget
}

// measureWorklists times db.Worklist one call at a time (an officer opening
// the page), rotating over the communes' counter officers.
func measureWorklists(ctx context.Context, db *store.DB, o *org, calls int) ([]worklistResult, error) {
	var communeActors []*motcua.Actor
	for _, u := range o.communes {
		a, err := db.Actor(ctx, o.counter[u.ID].ID)
		if err != nil {
			return nil, err
		}
		communeActors = append(communeActors, a)
	}
	desk, err := db.Actor(ctx, o.counter[o.desk.ID].ID)
	if err != nil {
		return nil, err
	}
	leader, err := db.Actor(ctx, o.leader)
	if err != nil {
		return nil, err
	}
	cases := []struct {
		name   string
		short  string
		actors []*motcua.Actor
		f      motcua.DossierFilter
		calls  int
		budget bool
	}{
		{"commune counter, open dossiers (default), 50 rows", "commune, default filter", communeActors, motcua.DossierFilter{}, calls, true},
		{"commune counter, state=supplement, 50 rows", "commune, state filter", communeActors, motcua.DossierFilter{State: motcua.StateSupplement}, calls, true},
		{"commune counter, open, page 3 (offset 100)", "", communeActors, motcua.DossierFilter{Offset: 100}, calls / 4, false},
		{"commune counter, open, q=applicant name", "", communeActors, motcua.DossierFilter{Query: "nguyen van anh"}, calls / 10, false},
		{"provincial branch counter, open, 50 rows", "", []*motcua.Actor{desk}, motcua.DossierFilter{}, calls / 4, false},
		{fmt.Sprintf("province leader (%d units in scope), open, 50 rows", len(leader.Units)), "", []*motcua.Actor{leader}, motcua.DossierFilter{}, calls / 10, false},
	}
	var out []worklistResult
	for _, c := range cases {
		res := worklistResult{name: c.name, short: c.short, budget: c.budget}
		lat := make([]time.Duration, 0, c.calls)
		deadline := time.Now().Add(30 * time.Second) // a slow case stops early
		totals := 0
		for i := 0; i < max(c.calls, 1) && (i < len(c.actors) || time.Now().Before(deadline)); i++ {
			a := c.actors[i%len(c.actors)]
			t0 := time.Now()
			rows, total, err := db.Worklist(ctx, a, c.f)
			lat = append(lat, time.Since(t0))
			if err != nil {
				return nil, err
			}
			if len(rows) == 0 && total > c.f.Offset {
				return nil, fmt.Errorf("%s: no rows but total %d", c.name, total)
			}
			totals += total
		}
		slices.Sort(lat)
		res.calls, res.total, res.lat = len(lat), totals/len(lat), lat
		out = append(out, res)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
