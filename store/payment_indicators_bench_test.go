package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// BenchmarkPaymentIndicators: 3.5 and 3.6 over 200,000 dossiers imported
// from a register (SQLite), a province's year at a few communes' scale:
// the procedure charges a levy, two dossiers in three owe it, and of
// those one in two paid online, one in four in cash (the rest unpaid);
// "all" is the whole scope over every dossier, "commune" one unit (the
// same dossiers), "year-all-units" 2024 alone. Both are one set-based
// pass over the period's dossiers (accepted_at index), each joined to its
// payments (payments_dossier); the metric dossiers/s says how long a
// province's year takes.
func BenchmarkPaymentIndicators(b *testing.B) {
	ctx := context.Background()
	const n = 200_000
	db, unit := benchImported(ctx, b, n)
	for _, q := range []string{
		`UPDATE procedure_versions SET fee_lines = '[{"kind":"le_phi","name":"Lệ phí","amount":5000,"basis":"fixed","pay_at":"intake"}]'`,
		`UPDATE dossiers SET fee_total = 5000, fee_due_intake = 5000 WHERE id % 3 <> 0`,
		`INSERT INTO payments (dossier_id, unit_id, stage, amount, order_id, state, method, requested_by, requested_at, paid_at)
			SELECT id, receiving_unit_id, 'intake', 5000, 'B' || id, 'paid', CASE WHEN id % 4 IN (1, 2) THEN 'vnpay' ELSE 'cash' END, 'bench', accepted_at, accepted_at
			FROM dossiers WHERE id % 3 <> 0 AND id % 4 <> 3`,
	} {
		if _, err := db.SQL().ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	// The register's rows are 17 minutes apart from 06/03/2023: all of
	// them fall before 2030, about 31,000 in 2024.
	all := report.Query{From: time.Date(2023, 1, 1, 0, 0, 0, 0, motcua.VN), To: time.Date(2030, 1, 1, 0, 0, 0, 0, motcua.VN)}
	commune, year := all, all
	commune.UnitID = unit.ID
	year.From, year.To = time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN), time.Date(2025, 1, 1, 0, 0, 0, 0, motcua.VN)
	for name, q := range map[string]report.Query{"all": all, "commune": commune, "year-all-units": year} {
		b.Run(name, func(b *testing.B) {
			var owing, read int
			for b.Loop() {
				list, err := db.PaymentIndicators(ctx, q)
				if err != nil || list[0] != report.NewPaymentIndicator("3.5", 1, 1) || list[1].Numerator == 0 || list[1].Denominator <= list[1].Numerator {
					b.Fatal(list, err)
				}
				owing = list[1].Denominator
				read = owing * 3 / 2 // two dossiers in three owe
			}
			b.ReportMetric(float64(read*b.N)/b.Elapsed().Seconds(), "dossiers/s")
			b.ReportMetric(float64(owing), "owing")
		})
	}
}
