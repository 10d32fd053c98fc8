package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// BenchmarkScorecard766: the whole scorecard of a period of imported
// dossiers (SQLite), every record projected from its event log and
// judged: the metric records/s says how long a province's month takes.
// The scorecard holds the period's records in memory (docs/scorecard-766.md).
func BenchmarkScorecard766(b *testing.B) {
	ctx := context.Background()
	const n = 20_000
	db, _ := benchImported(ctx, b, n)
	q := report.Query{From: time.Date(2023, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2027, 1, 1, 0, 0, 0, 0, motcua.VN)}
	var records int
	for b.Loop() {
		sc, err := db.Scorecard766(ctx, q, nil)
		if err != nil {
			b.Fatal(err)
		}
		i, _ := sc.Indicator("4.2")
		if i.Denominator != n {
			b.Fatalf("4.2 counts %d dossiers, want %d", i.Denominator, n)
		}
		records = i.Denominator
	}
	b.ReportMetric(float64(records*b.N)/b.Elapsed().Seconds(), "records/s")
}
