package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// digitalQueries are the periods and scopes the counters are checked on:
// each commune, the district, every unit, a year, a single day, a month
// before the dossiers.
func digitalQueries(f *fixture) map[string]report.Query {
	year := report.Query{From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN)}
	day := report.Query{From: vn(3, 4, 0, 0), To: vn(3, 5, 0, 0), UnitID: f.a.ID}
	feb := march(f.a.ID)
	feb.From, feb.To = vn(2, 1, 0, 0), vn(3, 1, 0, 0)
	return map[string]report.Query{"commune A": march(f.a.ID), "commune B": march(f.b.ID), "district": march(f.district.ID),
		"every unit": march(0), "2024": year, "04/03": day, "February": feb}
}

// sameAsJudged fails the test where the counters' figures differ from
// the dossier-by-dossier judgement.
func sameAsJudged(t *testing.T, db *store.DB, qs map[string]report.Query, after string) {
	t.Helper()
	for name, q := range qs {
		counted, err := db.DigitalIndicators(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		judged, err := db.JudgedIndicators(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if c, j := showIndicators(counted), showIndicators(judged); !slices.Equal(c, j) {
			t.Errorf("after %s, %s: counted %q, judged %q", after, name, c, j)
		}
	}
}

// TestDigitalCountersFollowEveryWrite: after every write of the hand-made
// fixture (intake at the counter with scans, online submission and
// acceptance, results issued, revoked, corrected, pushed, keyed late and
// approved) and of the writes added here (scans attached after intake, a
// held file reused at the counter, a late result refused, an online
// dossier digitised at acceptance), the counters give the figures the
// judgement of every dossier gives, for every scope and period of
// digitalQueries.
func TestDigitalCountersFollowEveryWrite(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		var qs map[string]report.Query
		f := buildDigitalFixture(t, db, func(what string) {
			if qs != nil {
				sameAsJudged(t, db, qs, what)
			}
		})
		qs = digitalQueries(f.fixture)
		sameAsJudged(t, db, qs, "the fixture")
		ctx := t.Context()
		before, _ := db.DigitalIndicators(ctx, march(f.a.ID))

		setNow(db, monday.Add(30*time.Minute))
		e1 := f.accept(t, f.counterA, f.a.ID)
		sameAsJudged(t, db, qs, "E1 accepted without scans")
		if err := db.AttachScans(ctx, f.counterA, e1.ID, []motcua.ComponentFile{scan(0, "e1.pdf", 10, 0x21)}); err != nil {
			t.Fatal(err)
		}
		sameAsJudged(t, db, qs, "E1 scans attached")
		f.issue(t, e1, 'i')
		sameAsJudged(t, db, qs, "E1 issued")

		held, err := db.HeldDocuments(ctx, f.counterA, "067012345678")
		if err != nil || len(held) == 0 {
			t.Fatalf("held: %v, %v", held, err)
		}
		setNow(db, monday.Add(40*time.Minute))
		e2, err := db.AcceptDigitised(ctx, f.counterA, f.intake(f.a.ID), []motcua.ComponentFile{{Component: 0, Reuse: held[0].Ref}})
		if err != nil {
			t.Fatal(err)
		}
		sameAsJudged(t, db, qs, "E2 reusing "+held[0].Ref)

		e3 := f.accept(t, f.counterA, f.a.ID)
		s3 := f.issueLate(t, e3, 'j')
		sameAsJudged(t, db, qs, "E3 issued late")
		s3.act(f.leaderA, monday.AddDate(0, 0, 1).Add(8*time.Hour), motcua.EventLateRejected, func(a *motcua.Action) { a.Reason = "Không có căn cứ" })
		sameAsJudged(t, db, qs, "E3 late result refused")

		// Online, a procedure whose result is no document: its upload
		// makes it digitised as soon as it is accepted.
		sub := f.submission("e4")
		sub.ProcedureID = f.proc2.ID
		if err := db.Submit(ctx, motcua.Contact{Email: "e4@example.vn"}, sub); err != nil {
			t.Fatal(err)
		}
		e4, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameAsJudged(t, db, qs, "E4 accepted online")
		if dg, err := db.Digitisation(ctx, f.counterA, e4.ID); err != nil || !dg.Complete {
			t.Fatalf("E4 is not digitised: %+v, %v", dg, err)
		}

		after, _ := db.DigitalIndicators(ctx, march(f.a.ID))
		// E1 digitised with its result, E2 reused, E4 digitised online.
		if after[1].Numerator != before[1].Numerator+2 || after[2].Numerator != before[2].Numerator+1 || after[1].Denominator != before[1].Denominator+4 {
			t.Errorf("before %q, after %q: want 4.2 two more digitised of four more, 4.3 one more reused (%s)", showIndicators(before), showIndicators(after), e2.Code)
		}
	})
}

// TestDigitalCountersFollowATransfer: a dossier transferred to another
// deciding unit counts with its new unit's scope from then on.
func TestDigitalCountersFollowATransfer(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		c := newAcrossChange(t, db)
		d := c.accept(t, db, c.counterD, c.cultural, c.oneStop.ID, 0)
		setNow(db, time.Date(2025, 7, 3, 9, 0, 0, 0, motcua.VN))
		period := func(unit int64) report.Query {
			return report.Query{From: time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2026, 1, 1, 0, 0, 0, 0, motcua.VN), UnitID: unit}
		}
		qs := map[string]report.Query{"N": period(c.n.ID), "one-stop": period(c.oneStop.ID), "deciding before": period(d.DecidingUnitID), "all": period(0)}
		sameAsJudged(t, db, qs, "intake")
		if n, _ := db.DigitalIndicators(ctx, period(c.n.ID)); n[1].Denominator != 0 {
			t.Fatalf("N counts %q before the transfer", showIndicators(n))
		}
		if _, err := db.Act(ctx, c.leaderK, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventTransferred,
			ToUnitID: c.n.ID, ReturnUnitID: c.nCentre.ID, Reason: "Quyết định giao thẩm quyền (mẫu)"}); err != nil {
			t.Fatal(err)
		}
		sameAsJudged(t, db, qs, "the transfer")
		if n, _ := db.DigitalIndicators(ctx, period(c.n.ID)); n[1].Denominator != 1 {
			t.Fatalf("N counts %q after the transfer, want its dossier", showIndicators(n))
		}
	})
}

// digitalTables is what the counters and records hold, one line a row.
func digitalTables(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		`SELECT grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel, in_41, met_41, in_42, met_42, in_43, met_43, in_44, met_44
			FROM digital_counts WHERE in_41 <> 0 OR met_41 <> 0 OR in_42 <> 0 OR met_42 <> 0 OR in_43 <> 0 OR met_43 <> 0 OR in_44 <> 0 OR met_44 <> 0
			ORDER BY grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel`,
		`SELECT dossier_id, day, deciding_unit_id, receiving_unit_id, procedure_id, channel, facts FROM dossier_digital ORDER BY dossier_id`,
	} {
		rows, err := db.SQL().QueryContext(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					vals[i] = string(b)
				}
			}
			out = append(out, fmt.Sprint(vals...))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestDigitalFillEqualsTheCountersKept: the fill of the first start after
// the migration, on the fixture's database emptied of its counters and
// records, writes the rows the writes kept; so does RecountReports.
func TestDigitalFillEqualsTheCountersKept(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		newDigitalFixture(t, db)
		kept := digitalTables(t, db)
		if len(kept) < 12 {
			t.Fatalf("the fixture kept %d rows: %q", len(kept), kept)
		}
		for _, q := range []string{`DELETE FROM digital_counts`, `DELETE FROM dossier_digital`} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.FillDigitalCounts(ctx); err != nil {
			t.Fatal(err)
		}
		if filled := digitalTables(t, db); !slices.Equal(filled, kept) {
			t.Fatalf("filled:\n%s\nkept:\n%s", strings.Join(filled, "\n"), strings.Join(kept, "\n"))
		}
		if _, err := db.SQL().ExecContext(ctx, `UPDATE digital_counts SET met_42 = met_42 + 5`); err != nil {
			t.Fatal(err)
		}
		if err := db.FillDigitalCounts(ctx); err != nil { // filled already: leaves them
			t.Fatal(err)
		}
		if digitalTables(t, db)[0] == kept[0] {
			t.Fatal("the fill ran again over counters already there")
		}
		if err := db.RecountReports(ctx); err != nil {
			t.Fatal(err)
		}
		if recounted := digitalTables(t, db); !slices.Equal(recounted, kept) {
			t.Fatalf("recounted:\n%s\nkept:\n%s", strings.Join(recounted, "\n"), strings.Join(kept, "\n"))
		}
	})
}

// TestDigitalFiguresSurviveErasure: retention erases the files of the
// dossiers returned a year ago, and the figures stay as they were — in
// the counters, and after RecountReports — while the judgement of the
// tables as they now are no longer finds the erased files.
func TestDigitalFiguresSurviveErasure(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newDigitalFixture(t, db)
		for _, name := range []string{"D1", "D7"} {
			d, err := db.DossierByCode(ctx, f.counterA, f.codes[name])
			if err != nil {
				t.Fatal(err)
			}
			s := &scenario{t: t, db: db, d: d}
			s.act(f.counterA, monday.AddDate(0, 0, 2), motcua.EventResultReturned)
		}
		q := march(f.a.ID)
		before, err := db.DigitalIndicators(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetRetention(ctx, f.proc.Code, 12); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(1, 0, 5))
		if e, err := db.EraseExpired(ctx, db.Now()); err != nil || e.Dossiers != 2 {
			t.Fatalf("erased %+v, %v", e, err)
		}
		judged, _ := db.JudgedIndicators(ctx, q)
		if slices.Equal(showIndicators(judged), showIndicators(before)) {
			t.Fatalf("judged after erasure %q: the erasure took nothing the figures count", showIndicators(judged))
		}
		for _, when := range []string{"erasure", "recount"} {
			if when == "recount" {
				if err := db.RecountReports(ctx); err != nil {
					t.Fatal(err)
				}
			}
			after, err := db.DigitalIndicators(ctx, q)
			if err != nil || !slices.Equal(showIndicators(after), showIndicators(before)) {
				t.Errorf("after %s: %q, %v; want %q as before", when, showIndicators(after), err, showIndicators(before))
			}
		}
	})
}

// TestDigitalCountersOnRandomWrites: a seeded random sequence of writes
// over a dozen dossiers (accept with or without scans, attach scans,
// issue, revoke, correct, push) keeps the counters equal to the
// judgement, checked every few writes.
func TestDigitalCountersOnRandomWrites(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := &digitalFixture{fixture: newFixture(t, db), codes: map[string]string{}}
		qs := digitalQueries(f.fixture)
		r := rand.New(rand.NewPCG(18, 7))
		type state struct {
			d      *motcua.Dossier
			issued []string // result codes, last the valid one
		}
		var ds []*state
		var sha byte = 0x40
		next := func() byte { sha++; return sha }
		for step := range 60 {
			setNow(db, monday.Add(time.Duration(step)*time.Minute))
			what := ""
			switch k := r.IntN(6); {
			case k == 0 || len(ds) == 0:
				var scans []motcua.ComponentFile
				if r.IntN(2) == 0 {
					scans = append(scans, scan(0, "s.pdf", 10, next()))
				}
				d, err := db.AcceptDigitised(ctx, f.counterA, f.intake(f.a.ID), scans)
				if err != nil {
					t.Fatal(err)
				}
				ds = append(ds, &state{d: d})
				what = fmt.Sprintf("accept with %d scans", len(scans))
			case k == 1:
				s := ds[r.IntN(len(ds))]
				if err := db.AttachScans(ctx, f.counterA, s.d.ID, []motcua.ComponentFile{scan(0, "t.pdf", 10, next())}); err != nil {
					t.Fatal(err)
				}
				what = "attach to " + s.d.Code
			case k == 2:
				s := ds[r.IntN(len(ds))]
				if len(s.issued) > 0 {
					continue
				}
				s.issued = append(s.issued, f.issue(t, s.d, next()))
				what = "issue " + s.d.Code
			case k == 3:
				s := ds[r.IntN(len(ds))]
				if len(s.issued) == 0 {
					continue
				}
				err := db.RevokeResult(ctx, f.leaderA, s.issued[len(s.issued)-1], "Cấp nhầm")
				if err != nil && motcua.ErrorCode(err) != motcua.ENOTALLOWED { // revoked already
					t.Fatal(err)
				}
				what = "revoke " + s.d.Code
			case k == 4:
				s := ds[r.IntN(len(ds))]
				if len(s.issued) == 0 {
					continue
				}
				res, err := db.IssueResult(ctx, f.leaderA, s.d.ID, s.issued[len(s.issued)-1], "Sai tên", store.ResultIssue{File: resultFile(next())})
				if motcua.ErrorCode(err) == motcua.ENOTALLOWED { // revoked: nothing to correct
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				s.issued = append(s.issued, res.Code)
				what = "correct " + s.d.Code
			default:
				s := ds[r.IntN(len(ds))]
				if len(s.issued) == 0 {
					continue
				}
				var id, pushed int64
				if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT id, pushed_at FROM issued_results WHERE code = ?`), s.issued[len(s.issued)-1]).Scan(&id, &pushed); err != nil {
					t.Fatal(err)
				}
				if err := db.MarkPushed(ctx, id, db.Now()); err != nil {
					t.Fatal(err)
				}
				what = "push " + s.d.Code
			}
			if step%5 == 0 {
				sameAsJudged(t, db, qs, fmt.Sprintf("step %d (%s)", step, what))
			}
		}
		sameAsJudged(t, db, qs, "the last step")
	})
}

// TestDigitalCountersCountImportedDossiers: dossiers imported from an old
// register are counted as they are written (no file, no result).
func TestDigitalCountersCountImportedDossiers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.accept(t, f.counterA, f.a.ID) // one before: the import numbers after it
		if rep, err := db.ImportRegister(t.Context(), registerRows(f, 250), store.RegisterOptions{}); err != nil || rep.Imported != 250 {
			t.Fatal(rep, err)
		}
		q := report.Query{From: time.Date(2023, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), UnitID: f.a.ID}
		sameAsJudged(t, db, map[string]report.Query{"2023": q}, "the import")
		if got, _ := db.DigitalIndicators(t.Context(), q); got[1].Denominator != 250 {
			t.Fatalf("2023 counts %q, want the 250 imported", showIndicators(got))
		}
	})
}

// TestDigitalCountersUnderConcurrentWrites: two writes to the same
// dossier at once (its result pushed, a held file reused for one of its
// components) each change a different fact; however they interleave, the
// counters end as the judgement — each change booked once.
func TestDigitalCountersUnderConcurrentWrites(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := &digitalFixture{fixture: newFixture(t, db), codes: map[string]string{}}
		setNow(db, monday)
		first, err := db.AcceptDigitised(ctx, f.counterA, f.intake(f.a.ID), []motcua.ComponentFile{scan(0, "a.pdf", 10, 0x61)})
		if err != nil {
			t.Fatal(err)
		}
		held, err := db.HeldDocuments(ctx, f.counterA, "067012345678")
		if err != nil || len(held) == 0 {
			t.Fatalf("held: %v, %v", held, err)
		}
		type pair struct {
			d      *motcua.Dossier
			result int64
		}
		var pairs []pair
		for i := range 8 {
			setNow(db, monday)
			d, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{scan(0, "a.pdf", 10, byte(0x70+i))})
			if err != nil {
				t.Fatal(err)
			}
			code := f.issue(t, d, byte('k'+i))
			var id int64
			if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT id FROM issued_results WHERE code = ?`), code).Scan(&id); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, pair{d, id})
		}
		_ = first
		errs := make(chan error, 2*len(pairs))
		for _, p := range pairs {
			go func() { errs <- db.MarkPushed(ctx, p.result, monday.Add(7*time.Hour)) }()
			go func() {
				errs <- db.AttachScans(ctx, f.counterA, p.d.ID, []motcua.ComponentFile{{Component: 1, Reuse: held[len(held)-1].Ref}})
			}()
		}
		for range 2 * len(pairs) {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		qs := digitalQueries(f.fixture)
		sameAsJudged(t, db, qs, "the concurrent writes")
		got, _ := db.DigitalIndicators(ctx, march(f.a.ID))
		if got[2].Numerator != len(pairs) || got[3].Numerator != len(pairs) {
			t.Fatalf("%q: want the %d dossiers reused (4.3) and pushed (4.4)", showIndicators(got), len(pairs))
		}
	})
}
