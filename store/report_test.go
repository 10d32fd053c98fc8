package store_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestII06aHandComputed: a 3-working-day procedure at communes A and B.
//
//	d1 A counter  Wed 28/02 09:00, due Mon 04/03 09:00, result Mon 04/03 08:00: carried over, on time
//	d2 A counter  Mon 04/03 09:00, due Thu 07/03 09:00, result Wed 06/03: early
//	d3 A post     Mon 04/03 09:00, result Fri 08/03 10:00: late
//	d4 A online   Tue 05/03 09:00, withdrawn Wed 06/03: withdrawn
//	d5 A counter  Thu 28/03 09:00, due Tue 02/04 09:00, paused Fri 29/03: in progress, on time, over the period end
//	d6 A counter  Mon 04/03 09:00, linked part sent to B: in progress, overdue; counted once, for A
//	d7 B counter  Tue 05/03 09:00, due Fri 08/03 09:00: in progress, overdue
func TestII06aHandComputed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		accept := func(who *motcua.Actor, unit int64, at time.Time, ch motcua.Channel) *scenario {
			setNow(db, at)
			in := f.intake(unit)
			in.Channel = ch
			d, err := db.Accept(ctx, who, in)
			if err != nil {
				t.Fatal(err)
			}
			return &scenario{t: t, db: db, d: d}
		}
		finish := func(s *scenario, at time.Time) { // through the workflow to the result
			for s.d.Step < len(f.proc.Steps)-1 {
				who := map[int]*motcua.Actor{0: f.counterA, 1: f.specialistA, 2: f.leaderA}[s.d.Step]
				s.act(who, at, motcua.EventHandedOver)
			}
			s.act(f.counterA, at, motcua.EventResultReady)
		}
		d1 := accept(f.counterA, f.a.ID, vn(2, 28, 9, 0), motcua.ChannelCounter)
		finish(d1, vn(3, 4, 8, 0))
		d2 := accept(f.counterA, f.a.ID, vn(3, 4, 9, 0), motcua.ChannelCounter)
		d3 := accept(f.counterA, f.a.ID, vn(3, 4, 9, 0), motcua.ChannelPost)
		d6 := accept(f.counterA, f.a.ID, vn(3, 4, 9, 0), motcua.ChannelCounter)
		d4 := accept(f.counterA, f.a.ID, vn(3, 5, 9, 0), motcua.ChannelOnline)
		accept(f.counterB, f.b.ID, vn(3, 5, 9, 0), motcua.ChannelCounter)
		d6.act(f.counterA, vn(3, 5, 9, 30), motcua.EventHandedOver)
		d6.act(f.specialistA, vn(3, 5, 10, 0), motcua.EventPartSent, func(a *motcua.Action) {
			a.PartUnitID, a.PartTitle, a.PartMinutes = f.b.ID, "Xác minh", 900
		})
		finish(d2, vn(3, 6, 10, 0))
		d4.act(f.counterA, vn(3, 6, 10, 0), motcua.EventWithdrawn, reason("Theo đơn của người nộp"))
		finish(d3, vn(3, 8, 10, 0))
		d5 := accept(f.counterA, f.a.ID, vn(3, 28, 9, 0), motcua.ChannelCounter)
		d5.act(f.counterA, vn(3, 28, 10, 0), motcua.EventHandedOver)
		d5.act(f.specialistA, vn(3, 29, 9, 0), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Tờ khai"} })

		march := report.Query{From: vn(3, 1, 0, 0), To: vn(4, 1, 0, 0)}
		want := report.Row{Key: "all", Name: "Toàn bộ phạm vi", CarriedOver: 1, ReceivedOnline: 1, ReceivedCounter: 4, ReceivedPostal: 1,
			ReceivedTotal: 7, ResolvedEarly: 1, ResolvedOnTime: 1, ResolvedLate: 1, ResolvedTotal: 3,
			InProgressOnTime: 1, InProgressOverdue: 2, InProgressTotal: 3, Withdrawn: 1}
		checkReport(t, db, march, []report.Row{want})

		byUnit := march
		byUnit.By = report.ByUnit
		a := want
		a.Key, a.Name, a.ReceivedCounter, a.ReceivedTotal, a.InProgressOverdue, a.InProgressTotal = f.a.Code, f.a.Name, 3, 6, 1, 2
		b := report.Row{Key: f.b.Code, Name: f.b.Name, ReceivedCounter: 1, ReceivedTotal: 1, InProgressOverdue: 1, InProgressTotal: 1}
		checkReport(t, db, byUnit, []report.Row{a, b})

		behind, err := db.II06aDossiers(ctx, f.leaderB, byUnit, "in_progress_overdue", f.b.Code, 0)
		if err != nil || behind.Total != 1 || len(behind.Rows) != 1 || behind.Rows[0].ReceivingUnitID != f.b.ID {
			t.Errorf("dossiers behind B's overdue count: %+v, %v", behind, err)
		}
		if _, err := db.II06aDossiers(ctx, f.leaderB, byUnit, "tong", "", 0); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("unknown column: %v", err)
		}

		april := report.Query{From: vn(4, 1, 0, 0), To: vn(5, 1, 0, 0)}
		checkReport(t, db, april, []report.Row{{Key: "all", Name: "Toàn bộ phạm vi", CarriedOver: 3, ReceivedTotal: 3,
			InProgressOnTime: 1, InProgressOverdue: 2, InProgressTotal: 3}})

		times, err := db.ProcedureTimes(ctx, march, 10)
		// d1 4,96 days, d2 2,04, d3 4,04: 3,68 on average, against 3 working days.
		if err != nil || len(times) != 1 || times[0].Resolved != 3 || times[0].AverageDays < 3.68 || times[0].AverageDays > 3.69 || times[0].AverageLimit != 3 {
			t.Errorf("procedure times %+v, %v", times, err)
		}

		onlyB := march
		onlyB.UnitID = f.b.ID
		b.Key, b.Name = "all", "Toàn bộ phạm vi"
		checkReport(t, db, onlyB, []report.Row{b})
	})
}

func checkReport(t *testing.T, db *store.DB, q report.Query, want []report.Row) {
	t.Helper()
	rep, err := db.II06a(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(rep.Rows)
	exp, _ := json.Marshal(want)
	if string(got) != string(exp) {
		t.Errorf("II.06a %s–%s by %q:\n got %s\nwant %s", show(q.From), show(q.To), q.By, got, exp)
	}
}

// TestII06aMatchesTheLedger: random dossiers through random actions; for
// random periods and groupings every row balances, the total is the sum of
// the rows, and the counts equal a classification of each dossier's full
// replay done here in Go.
func TestII06aMatchesTheLedger(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rng := rand.New(rand.NewPCG(6, 2024))
		var ids []int64
		for range 60 {
			ids = append(ids, randomDossier(t, db, f, rng))
		}
		for range 25 {
			from := vn(3, 1, 0, 0).Add(time.Duration(rng.IntN(40*24)) * time.Hour)
			q := report.Query{From: from, To: from.Add(time.Duration(1+rng.IntN(30*24)) * time.Hour),
				By: []report.By{report.ByNone, report.ByUnit, report.ByChannel}[rng.IntN(3)]}
			rep, err := db.II06a(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			want := reference(t, db, f, ids, q)
			got := report.Row{}
			for _, r := range rep.Rows {
				got.Add(r)
			}
			got.Key, got.Name = rep.Total.Key, rep.Total.Name
			if got != rep.Total || rep.Total.Balanced() != nil {
				t.Fatalf("total %+v is not the sum of the rows %+v", rep.Total, got)
			}
			want.Key, want.Name = rep.Total.Key, rep.Total.Name
			if want != rep.Total {
				t.Fatalf("II.06a %s–%s:\n got %+v\nwant %+v", show(q.From), show(q.To), rep.Total, want)
			}
			var cols map[string]any
			raw, _ := json.Marshal(rep.Total)
			json.Unmarshal(raw, &cols)
			for col, v := range cols {
				if col == "key" || col == "name" {
					continue
				}
				dr, err := db.II06aDossiers(t.Context(), f.leaderA, q, col, "", 0)
				if err != nil || float64(dr.Total) != v.(float64) {
					t.Fatalf("dossiers behind %s: %+v, %v; the report says %v", col, dr, err, v)
				}
			}
			asOf, err := db.II06aAsOf(t.Context(), q, vn(12, 31, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(asOf)
			b, _ := json.Marshal(rep)
			if string(a) != string(b) {
				t.Fatalf("as of today the report differs from the report:\n%s\n%s", a, b)
			}
		}
	})
}

// reference classifies each dossier's replayed projection for the period.
func reference(t *testing.T, db *store.DB, f *fixture, ids []int64, q report.Query) report.Row {
	t.Helper()
	var r report.Row
	for _, id := range ids {
		d, _, _, err := db.History(t.Context(), f.leaderA, id)
		if err != nil {
			d, _, _, err = db.History(t.Context(), f.leaderB, id)
		}
		if err != nil {
			t.Fatal(err)
		}
		if row, ok := report.Classify(d, q); ok {
			r.Add(row)
		}
	}
	r.Sum()
	return r
}

// randomDossier accepts a dossier at a random instant of March 2024 at A or
// B and plays a few random actions, each a random while after the last.
func randomDossier(t *testing.T, db *store.DB, f *fixture, rng *rand.Rand) int64 {
	t.Helper()
	at := vn(3, 1, 7, 0).Add(time.Duration(rng.IntN(31*24*60)) * time.Minute)
	counter, specialist, leader, unit := f.counterA, f.specialistA, f.leaderA, f.a.ID
	if rng.IntN(3) == 0 {
		counter, specialist, leader, unit = f.counterB, f.specialistB, f.leaderB, f.b.ID
	}
	setNow(db, at)
	in := f.intake(unit)
	in.Channel = []motcua.Channel{motcua.ChannelCounter, motcua.ChannelOnline, motcua.ChannelPost}[rng.IntN(3)]
	d, err := db.Accept(t.Context(), counter, in)
	if err != nil {
		t.Fatal(err)
	}
	s := &scenario{t: t, db: db, d: d}
	for range rng.IntN(7) {
		at = at.Add(time.Duration(1+rng.IntN(4*24*60)) * time.Minute)
		who := []*motcua.Actor{counter, specialist, leader, counter}[min(s.d.Step, 3)]
		var typ motcua.EventType
		var edit []func(*motcua.Action)
		switch s.d.State {
		case motcua.StateProcessing:
			typ = []motcua.EventType{motcua.EventHandedOver, motcua.EventHandedOver, motcua.EventSupplementRequested,
				motcua.EventWithdrawn, motcua.EventStopped}[rng.IntN(5)]
			if s.d.Step == len(f.proc.Steps)-1 {
				typ = motcua.EventResultReady
			}
		case motcua.StateSupplement:
			typ = motcua.EventSupplementReceived
		default:
			return d.ID
		}
		repeat := typ == motcua.EventSupplementRequested && s.d.Supplements > 0
		switch typ {
		case motcua.EventSupplementRequested:
			edit = append(edit, func(a *motcua.Action) { a.Missing = []string{"Tờ khai"} })
			if repeat { // a second request needs a reason and waits for the leader
				edit = append(edit, reason("Tờ khai bổ sung còn thiếu chữ ký"))
			}
		case motcua.EventWithdrawn:
			who, edit = counter, append(edit, reason("Theo đơn"))
		case motcua.EventStopped:
			who, edit = leader, append(edit, reason("Có tranh chấp"))
		case motcua.EventSupplementReceived:
			who = counter
		}
		s.act(who, at, typ, edit...)
		if repeat {
			at = at.Add(time.Minute)
			s.act(leader, at, motcua.EventLateApproved)
		}
	}
	return d.ID
}

// TestDemoHistoryReproducesTheSeed: the demo's 2024 history gives, for
// 01/01–01/06/2024, the figures of the seed report (domain.md §1) — and
// they add up.
func TestDemoHistoryReproducesTheSeed(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir()+"/demo.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	started := time.Now()
	if _, err := demo.Seed(t.Context(), db, demo.Options{Password: testPassword, Now: vn(6, 14, 10, 0), History: true}); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo with history seeded in %s", time.Since(started).Round(time.Millisecond))
	rep, err := db.II06a(t.Context(), report.Query{From: vn(1, 1, 0, 0), To: vn(6, 1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	tot := rep.Total
	got := [5]int{tot.ReceivedTotal, tot.ResolvedEarly + tot.ResolvedOnTime, tot.ResolvedLate, tot.InProgressTotal, tot.Withdrawn}
	if want := [5]int{19667, 17281, 693, 733, 960}; got != want {
		t.Errorf("received, early+on time, late, in progress, withdrawn = %v, want %v", got, want)
	}
	// The receiving view and the roll-up into successors move rows, never
	// the total.
	for _, view := range []report.View{report.ViewDeciding, report.ViewReceiving} {
		for _, rollup := range []bool{false, true} {
			other, err := db.II06a(t.Context(), report.Query{From: vn(1, 1, 0, 0), To: vn(6, 1, 0, 0), By: report.ByUnit, View: view, Successors: rollup})
			if err != nil {
				t.Fatal(err)
			}
			other.Total.ReceivedForOther = 0
			if other.Total != tot {
				t.Errorf("view %q, roll-up %v: total %+v, want %+v", view, rollup, other.Total, tot)
			}
		}
	}
	if share := tot.OnlineShare(); share != "8,34 %" {
		t.Errorf("online share %s, want 8,34 %%", share)
	}
	// The reform report of the district (the unit with the 2024 plan) tells
	// the same figures and the seed's 36 of 51 tasks.
	units, err := db.PlanUnits(t.Context(), 2024)
	if err != nil || len(units) != 1 {
		t.Fatalf("plan units %v, %v", units, err)
	}
	facts, err := db.CCHCFacts(t.Context(), report.Query{UnitID: units[0], From: vn(1, 1, 0, 0), To: vn(6, 1, 0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	_, progress := facts.Plan.ProgressAt(vn(6, 1, 0, 0).Add(-time.Nanosecond))
	if facts.Dossiers != tot || progress.Done != 36 || progress.Total != 51 || progress.Percent() != 71 || len(facts.Documents) != 29 ||
		facts.Satisfaction.N != 200 {
		t.Errorf("reform facts: dossiers %+v, plan %s, %d documents, %d survey answers", facts.Dossiers, progress, len(facts.Documents), facts.Satisfaction.N)
	}
}

// TestII06aAsOfIgnoresWhatWasKeyedLater: a result that happened on Wed
// 06/03 but was keyed (and approved) on Wed 20/03 was not in a report drawn
// up on 10/03; it is in one drawn up on 21/03, graded from its own at.
func TestII06aAsOfIgnoresWhatWasKeyedLater(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)} // Mon 04/03 09:00, due Thu 07/03 09:00
		for i, who := range []*motcua.Actor{f.counterA, f.specialistA, f.leaderA} {
			s.act(who, vn(3, 4, 10+i, 0), motcua.EventHandedOver)
		}
		s.act(f.counterA, vn(3, 20, 9, 0), motcua.EventResultReady, happenedAt(vn(3, 6, 9, 0)), reason("Quên cập nhật"))
		s.act(f.leaderA, vn(3, 20, 10, 0), motcua.EventLateApproved)
		q := report.Query{From: vn(3, 1, 0, 0), To: vn(3, 9, 0, 0)}
		before, err := db.II06aAsOf(t.Context(), q, vn(3, 10, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		after, err := db.II06aAsOf(t.Context(), q, vn(3, 21, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if b, a := before.Total, after.Total; b.InProgressOverdue != 1 || b.ResolvedTotal != 0 || a.ResolvedEarly != 1 || a.InProgressTotal != 0 {
			t.Errorf("as of 10/03 %+v; as of 21/03 %+v", b, a)
		}
		if none, _ := db.II06aAsOf(t.Context(), q, vn(3, 1, 0, 0)); none.Total.ReceivedTotal != 0 {
			t.Errorf("as of before its acceptance the dossier counted: %+v", none.Total)
		}
	})
}

// TestII06aRollsDissolvedUnitsUp: commune B merged into A from 01/07/2024;
// asked, March's report by unit shows one row for A with B's dossier, and
// A's scope takes B's history; not asked, B keeps its own row.
func TestII06aRollsDissolvedUnitsUp(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db).withAdmin(t)
		ctx := t.Context()
		f.accept(t, f.counterA, f.a.ID)
		f.accept(t, f.counterB, f.b.ID)
		wantCode(t, db.Dissolve(ctx, f.leaderA, f.b.ID, f.a.ID, vn(7, 1, 0, 0)), motcua.EFORBIDDEN)
		wantCode(t, db.Dissolve(ctx, f.admin, f.a.ID, f.a.ID, vn(7, 1, 0, 0)), motcua.EINVALID)
		if err := db.Dissolve(ctx, f.admin, f.b.ID, f.a.ID, vn(7, 1, 0, 0)); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.Dissolve(ctx, f.admin, f.a.ID, f.b.ID, vn(7, 1, 0, 0)), motcua.EINVALID) // a cycle
		q := report.Query{From: vn(3, 1, 0, 0), To: vn(4, 1, 0, 0), By: report.ByUnit}
		plain, _ := db.II06a(ctx, q)
		q.Successors = true
		rolled, err := db.II06a(ctx, q)
		if err != nil || len(plain.Rows) != 2 || len(rolled.Rows) != 1 || rolled.Rows[0].Key != f.a.Code || rolled.Rows[0].ReceivedTotal != 2 {
			t.Fatalf("plain %+v; rolled up %+v, %v", plain.Rows, rolled, err)
		}
		q.By, q.UnitID = report.ByNone, f.a.ID
		scoped, _ := db.II06a(ctx, q)
		q.Successors = false
		own, _ := db.II06a(ctx, q)
		if scoped.Total.ReceivedTotal != 2 || own.Total.ReceivedTotal != 1 {
			t.Errorf("A's scope with successors %d, without %d", scoped.Total.ReceivedTotal, own.Total.ReceivedTotal)
		}
		q.By, q.UnitID, q.Successors = report.ByUnit, 0, true
		if dr, err := db.II06aDossiers(ctx, f.leaderA, q, "received_total", f.a.Code, 0); err != nil || dr.Total != 2 {
			t.Errorf("dossiers behind A's rolled-up row: %+v, %v", dr, err)
		}
	})
}
