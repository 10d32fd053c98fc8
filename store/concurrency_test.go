package store_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func TestConcurrentAcceptNeverRepeatsCode(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		const workers, each = 8, 10
		var (
			mu    sync.Mutex
			codes []string
			errs  []error
			wg    sync.WaitGroup
		)
		start := make(chan struct{})
		for range workers {
			wg.Go(func() {
				<-start
				for range each {
					d, err := db.Accept(t.Context(), f.counterA, f.intake(f.a.ID))
					mu.Lock()
					if err != nil {
						errs = append(errs, err)
					} else {
						codes = append(codes, d.Code)
					}
					mu.Unlock()
				}
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			t.Errorf("concurrent Accept: %v", err)
		}
		slices.Sort(codes)
		var want []string
		for i := 1; i <= workers*each; i++ {
			want = append(want, fmt.Sprintf("%s-240304-%04d", f.a.Code, i))
		}
		if !slices.Equal(codes, want) {
			t.Errorf("codes issued:\n%s\nwant 0001..%04d each once", strings.Join(codes, "\n"), workers*each)
		}
		if n := count(t, db, "dossiers"); n != workers*each {
			t.Errorf("%d dossiers stored, want %d", n, workers*each)
		}
	})
}

func TestConflictingActionsExactlyOneWins(t *testing.T) {
	withdraw := func(d *motcua.Dossier) motcua.Action {
		return motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventWithdrawn, Reason: "Người nộp có đơn xin rút"}
	}
	handOver := func(d *motcua.Dossier) motcua.Action {
		return motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}
	}
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		// The leader holds every step of the commune, so the loser of the
		// first race still passes the policy and meets the version check.
		cases := []struct {
			name          string
			first, second func(*motcua.Dossier) motcua.Action
			by1, by2      *motcua.Actor
		}{
			{"same hand-over twice", handOver, handOver, f.leaderA, f.leaderA},
			{"hand-over against withdrawal", handOver, withdraw, f.counterA, f.counterA},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				// Several rounds, so that the two transactions really overlap
				// in some of them on either engine.
				for round := range 6 {
					d := f.accept(t, f.counterA, f.a.ID)
					before := count(t, db, "events")
					errs := make([]error, 2)
					var wg sync.WaitGroup
					start := make(chan struct{})
					for i, act := range []motcua.Action{c.first(d), c.second(d)} {
						by := []*motcua.Actor{c.by1, c.by2}[i]
						wg.Go(func() {
							<-start
							_, errs[i] = db.Act(t.Context(), by, act)
						})
					}
					close(start)
					wg.Wait()
					ok, conflicts := 0, 0
					for _, err := range errs {
						switch motcua.ErrorCode(err) {
						case "":
							ok++
						case motcua.ECONFLICT:
							conflicts++
						default:
							t.Errorf("round %d: unexpected error %v", round, err)
						}
					}
					if ok != 1 || conflicts != 1 {
						t.Errorf("round %d: %d succeeded, %d conflicts (%v); want exactly one of each", round, ok, conflicts, errs)
					}
					if n := count(t, db, "events"); n != before+1 {
						t.Errorf("round %d: %d new events, want 1", round, n-before)
					}
					got, err := db.Dossier(t.Context(), f.counterA, d.ID)
					if err != nil {
						t.Fatal(err)
					}
					if got.Version != 2 {
						t.Errorf("round %d: version after the race = %d, want 2", round, got.Version)
					}
				}
			})
		}
	})
}

// An officer acting on the version they saw, after someone else moved the
// dossier on, must hear "reload" (conflict), not "you may not" (forbidden).
func TestStaleActionIsConflictEvenIfStepMovedOn(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.accept(t, f.counterA, f.a.ID)
		hand := motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}
		if _, err := db.Act(t.Context(), f.counterA, hand); err != nil {
			t.Fatal(err)
		}
		_, err := db.Act(t.Context(), f.counterA, hand) // the same click, from a second tab
		wantCode(t, err, motcua.ECONFLICT)
	})
}
