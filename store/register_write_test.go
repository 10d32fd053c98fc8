package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// registerRows makes n rows at unit a: most returned, some withdrawn, some
// still open, so that batches of dossiers and chunks of events end at
// different rows.
func registerRows(f *fixture, n int) []motcua.RegisterEntry {
	start := time.Date(2023, 3, 6, 8, 0, 0, 0, motcua.VN)
	entries := make([]motcua.RegisterEntry, n)
	for i := range entries {
		at := start.Add(time.Duration(i) * 17 * time.Minute)
		e := motcua.RegisterEntry{Row: i + 2, Code: fmt.Sprintf("%s-230306-%05d", f.a.Code, i+1), ProcedureCode: f.proc.Code,
			UnitCode: f.a.Code, Channel: motcua.ChannelCounter, Applicant: fmt.Sprintf("Người nộp %d", i), AcceptedAt: at, DueAt: at.AddDate(0, 0, 3)}
		switch i % 7 {
		case 0:
			e.WithdrawnAt = at.Add(time.Hour)
		case 1: // still open
		case 2:
			e.ResultAt = at.AddDate(0, 0, 5) // late, not yet returned
		default:
			e.ResultAt, e.ReturnedAt = at.AddDate(0, 0, 1), at.AddDate(0, 0, 2)
		}
		entries[i] = e
	}
	return entries
}

// TestImportWritesWhatReplayGives: a register larger than a statement,
// imported after the ledger already holds dossiers, gives projections that
// replaying their events gives again, report counters equal to a rebuild,
// every event numbered, and the same file again adds nothing.
func TestImportWritesWhatReplayGives(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.accept(t, f.counterA, f.a.ID) // ids do not start at 1
		entries := registerRows(f, 733)
		var progress []int
		rep, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{Progress: func(done, total int) {
			progress = append(progress, done)
		}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Imported != len(entries) || progress[len(progress)-1] != len(entries) || len(progress) < 4 {
			t.Fatalf("imported %d, progress %v", rep.Imported, progress)
		}
		check, err := db.CheckLedger(t.Context())
		if err != nil || len(check.Problems) > 0 || check.Dossiers != len(entries)+1 {
			t.Fatalf("check: %+v %v", check, err)
		}
		wantEvents := 0
		for _, e := range entries {
			wantEvents += 1 + btoi(!e.WithdrawnAt.IsZero()) + btoi(!e.ResultAt.IsZero()) + btoi(!e.ReturnedAt.IsZero())
		}
		var events int
		if err := db.SQL().QueryRowContext(t.Context(), db.Rebind(`SELECT COUNT(*) FROM events e JOIN dossiers d ON d.id = e.dossier_id WHERE d.code LIKE ?`),
			f.a.Code+"-230306-%").Scan(&events); err != nil || events != wantEvents {
			t.Fatalf("%d events of imported dossiers, want %d (%v)", events, wantEvents, err)
		}
		before := counters(t, db)
		if err := db.RecountReports(t.Context()); err != nil {
			t.Fatal(err)
		}
		if after := counters(t, db); after != before {
			t.Fatalf("counters written by the import:\n%s\nrebuilt:\n%s", before, after)
		}
		trail := auditCount(t, db)
		again, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{})
		if err != nil || again.Imported != 0 || again.Present != len(entries) {
			t.Fatalf("second import: %+v %v", again, err)
		}
		if n := auditCount(t, db); n != trail {
			t.Fatalf("an import that added nothing wrote %d audit entries", n-trail)
		}
	})
}

// TestImportStoppedHalfWayWritesNothing: an import whose caller goes away
// while rows are being written leaves the ledger as it was, and the
// database takes writes afterwards (its connection is given back whole).
func TestImportStoppedHalfWayWritesNothing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx, cancel := context.WithCancel(t.Context())
		_, err := db.ImportRegister(ctx, registerRows(f, 1500), store.RegisterOptions{Progress: func(done, total int) {
			if done >= 400 {
				cancel()
			}
		}})
		if err == nil {
			t.Fatal("an import cancelled half-way reported success")
		}
		var n int
		if err := db.SQL().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM dossiers`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d dossiers after a cancelled import (%v)", n, err)
		}
		d := f.accept(t, f.counterA, f.a.ID)
		if _, err := db.Dossier(t.Context(), f.counterA, d.ID); err != nil {
			t.Fatal(err)
		}
		if db.Dialect() == store.SQLite {
			foreignKeysEverywhere(t, db)
		}
	})
}

// foreignKeysEverywhere checks each connection the pool keeps (a few idle
// at most) enforces foreign keys: the import's own connection did not.
func foreignKeysEverywhere(t *testing.T, db *store.DB) {
	t.Helper()
	for range 4 {
		c, err := db.SQL().Conn(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var on int
		if err := c.QueryRowContext(t.Context(), `PRAGMA foreign_keys`).Scan(&on); err != nil || on != 1 {
			t.Fatalf("a pooled connection has foreign_keys = %d (%v)", on, err)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkImportRegister: 10,000 register rows per op imported into a
// SQLite ledger (one commune; the procedure code is unknown, so the first
// op creates its imported catalogue entry). motcua bench --only import
// measures the whole path from a CSV file.
func BenchmarkImportRegister(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, b.TempDir()+"/motcua.db")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	unit := &motcua.Unit{Code: "000.22.33.H17", Name: "Ủy ban nhân dân xã Đắk Lao", Kind: motcua.UnitCommune}
	if err := db.CreateUnit(ctx, unit); err != nil {
		b.Fatal(err)
	}
	f := &fixture{a: unit, proc: &motcua.Procedure{Code: "9.000001"}}
	op := 0
	for b.Loop() {
		op++
		entries := registerRows(f, 10000)
		for i := range entries {
			entries[i].Code = fmt.Sprintf("%s-%d", entries[i].Code, op)
		}
		if rep, err := db.ImportRegister(ctx, entries, store.RegisterOptions{}); err != nil || rep.Imported != len(entries) {
			b.Fatal(rep, err)
		}
	}
	b.ReportMetric(float64(op*10000)/b.Elapsed().Seconds(), "rows/s")
}

// TestImportRefusesAFileChangedBetweenReads: the import reads its file
// twice; rows that differ the second time stop it, and nothing is written.
func TestImportRefusesAFileChangedBetweenReads(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for name, change := range map[string]func([]motcua.RegisterEntry) []motcua.RegisterEntry{
			"a date edited": func(es []motcua.RegisterEntry) []motcua.RegisterEntry {
				es[300].DueAt = es[300].DueAt.Add(time.Hour)
				return es
			},
			"a row added": func(es []motcua.RegisterEntry) []motcua.RegisterEntry {
				extra := es[0]
				extra.Row, extra.Code = len(es)+2, f.a.Code+"-230306-99999"
				return append(es, extra)
			},
			"a row removed": func(es []motcua.RegisterEntry) []motcua.RegisterEntry { return es[:len(es)-1] },
		} {
			reads := 0
			src := func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
				reads++
				rows := registerRows(f, 450)
				if reads > 1 {
					rows = change(rows)
				}
				return store.Entries(rows)(yield)
			}
			_, err := db.ImportRegisterFrom(t.Context(), src, store.RegisterOptions{})
			if motcua.ErrorCode(err) != motcua.ECONFLICT {
				t.Fatalf("%s: %v, want a conflict", name, err)
			}
			var n int
			if err := db.SQL().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM dossiers`).Scan(&n); err != nil || n != 0 {
				t.Fatalf("%s: %d dossiers written (%v)", name, n, err)
			}
		}
	})
}

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestImportRowsWithoutNumbers: rows handed over without row numbers (all
// 0) still import once each, a repeated code with the same data counting
// as present — in the last batch and in the middle.
func TestImportRowsWithoutNumbers(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		entries := registerRows(f, 450)
		entries = append(entries[:250], append([]motcua.RegisterEntry{entries[10]}, entries[250:]...)...)
		entries = append(entries, entries[440])
		for i := range entries {
			entries[i].Row = 0
		}
		r, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{})
		if err != nil || r.Imported != 450 || r.Present != 2 {
			t.Fatalf("%+v %v", r, err)
		}
	})
}

// TestImportOfAnUnreadableFileStopsAtIt: a file that stops reading half-way
// fails the import with the reader's error, lists none of the rows before
// it and writes nothing.
func TestImportOfAnUnreadableFileStopsAtIt(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		entries := registerRows(f, 50)
		src := func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
			for i, e := range entries {
				var bad *motcua.RowError
				if i%10 == 0 {
					bad = &motcua.RowError{Row: e.Row, Reason: "thiếu ma_ho_so"}
				}
				if err := yield(e, bad); err != nil {
					return err
				}
			}
			return motcua.Errorf(motcua.EINVALID, "Tệp CSV không đọc được: dòng 53: bare \" in non-quoted field")
		}
		r, err := db.ImportRegisterFrom(t.Context(), src, store.RegisterOptions{SkipInvalid: true})
		if err == nil || !strings.Contains(motcua.ErrorMessage(err), "không đọc được") || len(r.Rejected) != 0 {
			t.Fatalf("%+v %v", r, err)
		}
		var n int
		if err := db.SQL().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM dossiers`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d dossiers written (%v)", n, err)
		}
	})
}

// TestWorklistCountStopsAtTheCap: the worklist counts exactly up to
// WorklistCountCap — once each dossier, though it matches the unit as
// receiving, current and deciding — says "more" past it, and pages past
// the count.
func TestWorklistCountStopsAtTheCap(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		open := func(from, n int) {
			entries := registerRows(f, from+n)[from:]
			for i := range entries {
				entries[i].ResultAt, entries[i].ReturnedAt, entries[i].WithdrawnAt = time.Time{}, time.Time{}, time.Time{}
			}
			if _, err := db.ImportRegister(t.Context(), entries, store.RegisterOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		count := func(filter motcua.DossierFilter) (int, int) {
			rows, total, err := db.Worklist(t.Context(), f.counterA, filter)
			if err != nil {
				t.Fatal(err)
			}
			return len(rows), total
		}
		open(0, store.WorklistCountCap-1)
		if _, total := count(motcua.DossierFilter{}); total != store.WorklistCountCap-1 {
			t.Fatalf("total %d, want %d", total, store.WorklistCountCap-1)
		}
		open(store.WorklistCountCap-1, 204)
		if _, total := count(motcua.DossierFilter{}); total != store.WorklistCountCap+1 {
			t.Fatalf("total %d past the cap, want %d", total, store.WorklistCountCap+1)
		}
		if rows, _ := count(motcua.DossierFilter{Offset: store.WorklistCountCap + 200, Limit: 50}); rows != 3 {
			t.Fatalf("%d rows on the last page, want 3", rows)
		}
		if rows, total := count(motcua.DossierFilter{State: motcua.StateSupplement}); rows != 0 || total != 0 {
			t.Fatalf("supplement: %d rows, total %d", rows, total)
		}
		if _, total := count(motcua.DossierFilter{Query: "Người nộp 1000"}); total != 1 {
			t.Fatalf("a name search counts %d", total)
		}
	})
}
