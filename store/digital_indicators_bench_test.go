package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// BenchmarkDigitalIndicators: indicators 4.1–4.4 over 90,000 dossiers
// imported from a register (SQLite), three components each, every
// component of two dossiers in three with a scan, each dossier with a
// result its result file and issued result, one in three pushed; the
// files are written in bulk, then RecountReports builds the counters as
// for any database loaded in bulk. "counted" reads the counters (what the
// report page does for whole days), "judged" judges every dossier (the
// drill-down's work, and the counters' oracle). The metric dossiers/s
// says how long a province's period takes.
func BenchmarkDigitalIndicators(b *testing.B) {
	ctx := context.Background()
	const n = 90_000
	db, _ := benchImported(ctx, b, n)
	for _, q := range []string{
		`UPDATE dossiers SET documents = '[{"name":"Tờ khai","kind":"original","count":1},{"name":"Căn cước","kind":"copy","count":1},{"name":"Giấy tờ khác","kind":"copy","count":1}]'`,
		`INSERT INTO component_files (dossier_id, component, document, file_name, content_type, size, sha256, by_id, by_name, at)
			SELECT d.id, j.key, json_extract(j.value, '$.name'), 'scan.pdf', 'application/pdf', 1000, '` + strings.Repeat("ab", 32) + `', 1, 'Bench', d.accepted_at
			FROM dossiers d, json_each(d.documents) j WHERE d.id % 3 <> 0`,
		`INSERT INTO result_files (dossier_id, seq, file_name, content_type, size, sha256, at)
			SELECT dossier_id, seq, 'ket-qua.pdf', 'application/pdf', 2000, '` + strings.Repeat("cd", 32) + `', at FROM events WHERE type = 'result_ready'`,
		`INSERT INTO issued_results (code, dossier_id, result_file_id, unit_id, issued_at, pushed_at)
			SELECT 'KQ-' || r.id, r.dossier_id, r.id, d.deciding_unit_id, r.at, CASE WHEN r.id % 3 = 0 THEN r.at ELSE 0 END
			FROM result_files r JOIN dossiers d ON d.id = r.dossier_id`,
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.RecountReports(ctx); err != nil {
		b.Fatal(err)
	}
	q := report.Query{From: time.Date(2023, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2027, 1, 1, 0, 0, 0, 0, motcua.VN)}
	judged, err := db.JudgedIndicators(ctx, q)
	if err != nil {
		b.Fatal(err)
	}
	for name, compute := range map[string]func(context.Context, report.Query) ([]report.DigitalIndicator, error){
		"counted": db.DigitalIndicators, "judged": db.JudgedIndicators} {
		b.Run(name, func(b *testing.B) {
			var counted int
			for b.Loop() {
				list, err := compute(ctx, q)
				if err != nil || list[1].Denominator != n || list[1].Numerator == 0 || list[3].Numerator == 0 || !slices.Equal(list, judged) {
					b.Fatal(list, err)
				}
				counted = list[1].Denominator
			}
			b.ReportMetric(float64(counted*b.N)/b.Elapsed().Seconds(), "dossiers/s")
		})
	}
}

// BenchmarkDigitalIndicatorsYear: the four indicators of the last 365
// days (to the last acceptance loaded) read from the counters on the loaded database of bench_test.go (the
// demo organisation and catalogue), for all units and for one commune:
// what the II.06a report page adds to its own figures.
func BenchmarkDigitalIndicatorsYear(b *testing.B) {
	db, w := benchOpen(b)
	ctx := context.Background()
	end := report.DayOf(w.last) + 1
	for _, c := range []struct {
		name string
		unit int64
	}{{"all-units", 0}, {"commune", w.units[0]}} {
		q := report.Query{From: (end - 365).Start(), To: end.Start(), UnitID: c.unit}
		judged, err := db.JudgedIndicators(ctx, q)
		if err != nil || judged[1].Denominator == 0 {
			b.Fatal(judged, err)
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				list, err := db.DigitalIndicators(ctx, q)
				if err != nil || !slices.Equal(list, judged) {
					b.Fatal(list, judged, err)
				}
			}
			b.ReportMetric(float64(judged[1].Denominator), "dossiers")
		})
	}
}

// benchImported opens a SQLite database with one commune and n dossiers
// imported from a register at it: the loaded world of the indicators'
// benchmarks, which then write what each measures in bulk.
func benchImported(ctx context.Context, b *testing.B, n int) (*store.DB, *motcua.Unit) {
	b.Helper()
	db, err := store.Open(ctx, b.TempDir()+"/motcua.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	unit := &motcua.Unit{Code: "000.22.33.H17", Name: "Ủy ban nhân dân xã Đắk Lao", Kind: motcua.UnitCommune}
	if err := db.CreateUnit(ctx, unit); err != nil {
		b.Fatal(err)
	}
	if rep, err := db.ImportRegister(ctx, registerRows(&fixture{a: unit, proc: &motcua.Procedure{Code: "9.000001"}}, n), store.RegisterOptions{}); err != nil || rep.Imported != n {
		b.Fatal(rep, err)
	}
	return db, unit
}
