package store_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua/motcua"

	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestII06aCountersMatchTheScan: over random ledgers (pauses, withdrawals,
// stops, late results), Biểu II.06a read from the counters equals the one
// read from every dossier, for random periods of whole days, every grouping,
// both views, with and without roll-up and a unit's scope; and counters kept up transaction by
// transaction equal counters rebuilt from the dossiers.
func TestII06aCountersMatchTheScan(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rng := rand.New(rand.NewPCG(11, 2024))
		for range 60 {
			randomDossier(t, db, f, rng)
		}
		for range 16 { // left waiting for supplements, paused before or after their due date, all year
			at := vn(3, 4, 8, 0).Add(time.Duration(rng.IntN(280*24)) * time.Hour)
			setNow(db, at)
			s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
			s.act(f.counterA, at.Add(time.Duration(1+rng.IntN(8*24))*time.Hour), motcua.EventSupplementRequested,
				func(a *motcua.Action) { a.Missing = []string{"Tờ khai"} })
		}
		check := func(label string) {
			for range 30 {
				from := vn(2, 15, 0, 0).AddDate(0, 0, rng.IntN(330))
				q := report.Query{From: from, To: from.AddDate(0, 0, 1+rng.IntN(400)),
					By: []report.By{report.ByNone, report.ByUnit, report.ByField, report.ByProcedure, report.ByChannel, report.ByLevel}[rng.IntN(6)]}
				if rng.IntN(2) == 0 {
					q.UnitID = f.a.ID
				}
				if rng.IntN(2) == 0 {
					q.View = report.ViewReceiving
				}
				q.Successors = rng.IntN(2) == 0
				counted, err := db.II06aCounted(t.Context(), q)
				if err != nil {
					t.Fatal(err)
				}
				scanned, err := db.II06aScan(t.Context(), q)
				if err != nil {
					t.Fatal(err)
				}
				a, _ := json.Marshal(counted)
				b, _ := json.Marshal(scanned)
				if string(a) != string(b) {
					t.Fatalf("%s: %s–%s by %q view %q roll-up %v unit %d:\ncounted %s\nscanned %s", label, show(q.From), show(q.To), q.By, q.View, q.Successors, q.UnitID, a, b)
				}
			}
		}
		check("kept up")
		before := counters(t, db)
		if err := db.RecountReports(t.Context()); err != nil {
			t.Fatal(err)
		}
		if after := counters(t, db); after != before {
			t.Fatalf("counters kept up:\n%s\nrebuilt:\n%s", before, after)
		}
		check("rebuilt")
	})
}

// TestII06aCountedRefusesLooseDays: a period that does not start at midnight
// cannot be read from day counters; II06a then scans.
func TestII06aCountedRefusesLooseDays(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		q := report.Query{From: vn(3, 1, 12, 0), To: vn(4, 1, 0, 0)}
		if _, err := db.II06aCounted(t.Context(), q); err == nil {
			t.Fatal("a period from noon was read from day counters")
		}
		if _, err := db.II06a(t.Context(), q); err != nil {
			t.Fatal(err)
		}
	})
}

// counters lists the non-zero counter rows, in order.
func counters(t *testing.T, db *store.DB) string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel, accepted, finished, early, on_time, late, withdrawn, overdue, for_other FROM report_counts`,
	} {
		rows, err := db.SQL().QueryContext(t.Context(), q+` WHERE accepted <> 0 OR finished <> 0 OR early <> 0 OR on_time <> 0 OR late <> 0 OR withdrawn <> 0 OR overdue <> 0 OR for_other <> 0
			ORDER BY 1, 2, 3, 4, 5, 6`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v [14]any
			p := make([]any, len(v))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(v)
			out = append(out, string(b))
		}
		rows.Close()
	}
	if len(out) == 0 {
		t.Fatal("no counters at all")
	}
	b, _ := json.Marshal(out)
	return string(b)
}
