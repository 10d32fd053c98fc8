package store

import (
	"context"
	"slices"
)

// rollup maps each unit whose work passed to another to the unit that
// carries it today, for reports that roll dissolved units up into their
// successors (report.Query.Successors). Units absent from it stay apart.
//
// The rule, one step at a time until a unit with no successor:
//   - a unit's own successor (units.successor_id, set when it was
//     dissolved or merged: an old commune into the new one) comes first;
//   - else the successor of its general succession row (unit_successions
//     with field "": a district office whose competence was split by
//     field goes where its "every other field" went);
//   - else the unit stays apart: its competence went to several units by
//     field with no general successor, or to each dossier's locality
//     commune (successor 0), and no one unit can take its figures.
//
// Rolling up only moves rows: every dossier is still counted once, so a
// total over the whole organisation is the same either way.
type rollup map[int64]int64

// rollup builds the map from the organisation and the successions.
func (db *DB) rollup(ctx context.Context) (rollup, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	successions, err := db.Successions(ctx)
	if err != nil {
		return nil, err
	}
	general := map[int64]int64{} // unit → successor of its "" row (0: the locality's commune)
	for _, s := range successions {
		if s.Field == "" {
			general[s.UnitID] = s.SuccessorID
		}
	}
	next := func(id int64) int64 {
		if u := t.byID[id]; u != nil && u.SuccessorID != 0 {
			return u.SuccessorID
		}
		return general[id]
	}
	r := rollup{}
	for _, u := range t.all {
		to := u.ID
		for steps := 0; steps < len(t.all); steps++ { // bounded: successions could name a circle
			n := next(to)
			if n == 0 || t.byID[n] == nil || n == u.ID {
				break
			}
			to = n
		}
		if to != u.ID {
			r[u.ID] = to
		}
	}
	return r, nil
}

// of is the unit that carries id's work: its last successor, or id itself.
func (r rollup) of(id int64) int64 {
	if to, ok := r[id]; ok {
		return to
	}
	return id
}

// predecessors lists the units rolled up into id.
func (r rollup) predecessors(id int64) []int64 {
	var out []int64
	for from, to := range r {
		if to == id {
			out = append(out, from)
		}
	}
	slices.Sort(out)
	return out
}
