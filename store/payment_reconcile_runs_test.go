package store_test

import (
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/store"
)

// TestReconciliationRunsStoredAndScoped: a run of the prepared day is
// stored with its differences; each commune's leader reads the lines of
// the payments the commune collected, an administrator every line,
// including the gateway's transaction no unit made; a re-run replaces the
// day's run; a counter officer reads none.
func TestReconciliationRunsStoredAndScoped(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		r.withAdmin(t)
		ctx := t.Context()
		orders := r.reconDay(t)
		rec, err := db.RunReconciliation(ctx, r.vn, monday, r.leaderA.AuditName())
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.Rows) != 4 || rec.Checked != 6 {
			t.Fatalf("the run: checked %d, rows %+v", rec.Checked, rec.Rows)
		}
		visible := func(a *motcua.Actor) (*store.ReconRun, int) {
			t.Helper()
			run, err := db.ReconciliationOf(ctx, a, monday, "vnpay")
			if err != nil {
				t.Fatal(err)
			}
			return run, len(run.Rows)
		}
		run, n := visible(r.leaderA)
		if n != 4 || run.Differences != 4 || run.Checked != 6 || run.Matched != 2 || run.RunBy != r.leaderA.AuditName() ||
			store.DayKey(run.Day) != "2024-03-04" || run.RunAt.IsZero() {
			t.Fatalf("leader A reads %+v", run)
		}
		for _, row := range run.Rows {
			if row.OrderID == orders["amount"] && (row.Kind != store.MismatchAmount || row.LedgerAmount != 40_000 || row.GatewayAmount != 41_000) {
				t.Errorf("the amount line read back as %+v", row)
			}
		}
		if _, n := visible(r.leaderB); n != 0 {
			t.Errorf("commune B's leader reads %d lines of commune A", n)
		}

		refs, _ := db.ReconcileRefs(ctx, monday, "vnpay")
		txns, err := payment.QueryEach(ctx, r.vn, append(refs, payment.Ref{OrderID: orders["foreign"], CreatedAt: monday}))
		if err != nil {
			t.Fatal(err)
		}
		full, err := db.Reconcile(ctx, monday, "vnpay", txns)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SaveReconciliation(ctx, full, r.admin.AuditName()); err != nil {
			t.Fatal(err)
		}
		if _, n := visible(r.admin); n != 5 {
			t.Errorf("the administrator reads %d lines, want 5 with the foreign order", n)
		}
		if run, n := visible(r.leaderA); n != 4 || run.Differences != 5 {
			t.Errorf("after the re-run leader A reads %d of %d lines, want 4 of 5", n, run.Differences)
		}
		if c := count(t, db, "payment_reconciliations"); c != 1 {
			t.Errorf("%d runs stored, want one per day and gateway", c)
		}
		if c := count(t, db, "payment_reconciliation_rows"); c != 5 {
			t.Errorf("%d lines stored, want the re-run's 5", c)
		}
		runs, err := db.ReconciliationRuns(ctx, r.leaderA, 30)
		if err != nil || len(runs) != 1 || len(runs[0].Rows) != 4 {
			t.Fatalf("the list for leader A: %+v, %v", runs, err)
		}
		_, err = db.ReconciliationRuns(ctx, r.counterA, 30)
		wantCode(t, err, motcua.EFORBIDDEN)
		_, err = db.ReconciliationOf(ctx, r.leaderA, monday.AddDate(0, 0, 1), "vnpay")
		wantCode(t, err, motcua.ENOTFOUND)
	})
}
