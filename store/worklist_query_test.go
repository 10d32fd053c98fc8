package store_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// worklistWalk pages through a worklist with small pages and returns every
// row and the total each page reported; it fails the test when pages
// disagree on the total, repeat a dossier or leave the order (due soonest
// first, then by id).
func worklistWalk(t *testing.T, db *store.DB, a *motcua.Actor, f motcua.DossierFilter) ([]*motcua.Dossier, int) {
	t.Helper()
	f.Limit = 7
	var all []*motcua.Dossier
	total := -1
	for f.Offset = 0; ; f.Offset += f.Limit {
		page, n, err := db.Worklist(t.Context(), a, f)
		if err != nil {
			t.Fatal(err)
		}
		if total >= 0 && n != total {
			t.Fatalf("%+v: total %d on this page, %d on the first", f, n, total)
		}
		total = n
		all = append(all, page...)
		if len(page) < f.Limit {
			break
		}
	}
	seen := map[int64]bool{}
	for i, d := range all {
		if seen[d.ID] {
			t.Fatalf("%+v: dossier %d twice", f, d.ID)
		}
		seen[d.ID] = true
		if i > 0 {
			prev := all[i-1]
			if d.DueAt.Before(prev.DueAt) || d.DueAt.Equal(prev.DueAt) && d.ID < prev.ID {
				t.Fatalf("%+v: %d (due %s) after %d (due %s)", f, d.ID, show(d.DueAt), prev.ID, show(prev.DueAt))
			}
		}
	}
	return all, total
}

func dossierIDs(list []*motcua.Dossier) []int64 {
	out := make([]int64, len(list))
	for i, d := range list {
		out[i] = d.ID
	}
	return out
}

// TestWorklistPageAndCountAgree: for each filter, the pages hold exactly
// as many dossiers as the count says, once each, in order, and only ones
// the filter keeps — whether the query reads the indexes' union (no text)
// or scans (a text search): a text every applicant's name contains gives
// the same rows as none. The open list is its states together; a client
// held to a procedure sees that procedure's list. A commune that holds a
// linked part of another's dossier pages through it with its own.
func TestWorklistPageAndCountAgree(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		entries := registerRows(f, 150) // withdrawn, processing, result_ready and returned, due one after another
		if _, err := db.ImportRegister(ctx, entries, store.RegisterOptions{}); err != nil {
			t.Fatal(err)
		}
		other := tenDays(t, db)
		for range 9 { // all due at the same instant: the id orders them
			in := f.intake(f.a.ID)
			in.ProcedureID = other.ID
			if _, err := db.Accept(ctx, f.counterA, in); err != nil {
				t.Fatal(err)
			}
		}
		for range 11 {
			f.accept(t, f.counterB, f.b.ID)
		}
		linked := f.accept(t, f.counterA, f.a.ID)
		s := &scenario{t: t, db: db, d: linked}
		s.act(f.counterA, vn(3, 4, 10, 0), motcua.EventHandedOver, func(a *motcua.Action) { a.ToUserID = f.specialistA.User.ID })
		s.act(f.specialistA, vn(3, 4, 11, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = f.b.ID, "Xác minh nơi cư trú", 900
		})
		setNow(db, monday)

		type walk struct {
			rows  []int64
			total int
		}
		lists := map[string]walk{}
		for _, c := range []struct {
			name string
			who  *motcua.Actor
			f    motcua.DossierFilter
			want int // the total
		}{
			{"open", f.counterA, motcua.DossierFilter{}, 22 + 22 + 9 + 1},
			{"open, text in every name", f.counterA, motcua.DossierFilter{Query: "ngu"}, 22 + 22 + 9 + 1},
			{"processing", f.counterA, motcua.DossierFilter{State: motcua.StateProcessing}, 22 + 9 + 1},
			{"supplement", f.counterA, motcua.DossierFilter{State: motcua.StateSupplement}, 0},
			{"result ready", f.counterA, motcua.DossierFilter{State: motcua.StateResultReady}, 22},
			{"returned", f.counterA, motcua.DossierFilter{State: motcua.StateReturned}, 84},
			{"returned, text in every name", f.counterA, motcua.DossierFilter{State: motcua.StateReturned, Query: "NGƯ"}, 84},
			{"withdrawn, one name", f.counterA, motcua.DossierFilter{State: motcua.StateWithdrawn, Query: "Người nộp 14"}, 3}, // 14, 140, 147
			{"procedure", f.counterA, motcua.DossierFilter{ProcedureID: other.ID}, 9},
			{"procedure, client", clientOf(f.counterA, other.ID), motcua.DossierFilter{}, 9},
			{"client with no procedure", clientOf(f.counterA), motcua.DossierFilter{}, 0},
			{"code", f.counterA, motcua.DossierFilter{Query: entries[8].Code}, 1},
			{"linked part", f.counterB, motcua.DossierFilter{}, 11 + 1},
			{"linked part, text in every name", f.counterB, motcua.DossierFilter{Query: "ngu"}, 11 + 1},
			{"linked part, processing", f.counterB, motcua.DossierFilter{State: motcua.StateProcessing}, 11 + 1},
		} {
			t.Run(c.name, func(t *testing.T) {
				rows, total := worklistWalk(t, db, c.who, c.f)
				if total != c.want || len(rows) != total {
					t.Fatalf("%d rows, total %d; want %d", len(rows), total, c.want)
				}
				for _, d := range rows {
					kept := c.f.State == d.State || c.f.State == "" && slices.Contains(openStates, d.State)
					if !kept || c.f.ProcedureID != 0 && d.ProcedureID != c.f.ProcedureID {
						t.Errorf("%s: %s, procedure %d", d.Code, d.State, d.ProcedureID)
					}
				}
				lists[c.name] = walk{dossierIDs(rows), total}
			})
		}
		for _, same := range [][2]string{
			{"open", "open, text in every name"},
			{"returned", "returned, text in every name"},
			{"procedure", "procedure, client"},
			{"linked part", "linked part, text in every name"},
			{"linked part", "linked part, processing"},
		} {
			if x, y := lists[same[0]], lists[same[1]]; !slices.Equal(x.rows, y.rows) || x.total != y.total {
				t.Errorf("%s: %v (%d); %s: %v (%d)", same[0], x.rows, x.total, same[1], y.rows, y.total)
			}
		}
		var states []int64
		for _, s := range []string{"processing", "supplement", "result ready"} {
			states = append(states, lists[s].rows...)
		}
		if open := lists["open"].rows; !sameSet(open, states) {
			t.Errorf("open %v, its states %v", open, states)
		}
		if rows := lists["linked part"].rows; !slices.Contains(rows, linked.ID) {
			t.Errorf("commune B's list %v lacks A's dossier %d whose part it holds", rows, linked.ID)
		}
	})
}

// openStates are the states the worklist shows when none is chosen.
var openStates = []motcua.State{motcua.StateProcessing, motcua.StateSupplement, motcua.StateResultReady}

// clientOf is a as an API client held to the given procedures.
func clientOf(a *motcua.Actor, procedures ...int64) *motcua.Actor {
	c := *a
	c.Client = &motcua.Client{Name: fmt.Sprint("client of ", a.User.Username), ProcedureIDs: append([]int64{}, procedures...)}
	return &c
}

func sameSet(x, y []int64) bool {
	return slices.Equal(slices.Sorted(slices.Values(x)), slices.Sorted(slices.Values(y)))
}
