package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

func TestDemoSeedFillsEmptyDatabase(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		if done, err := demo.Seeded(ctx, db); err != nil || done {
			t.Fatalf("Seeded on an empty database = %v, %v", done, err)
		}
		now := vn(6, 14, 10, 0)
		accounts, err := demo.Seed(ctx, db, demo.Options{Password: testPassword, Dossiers: 60, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if len(accounts) == 0 {
			t.Error("no demo accounts")
		}
		if done, err := demo.Seeded(ctx, db); err != nil || !done {
			t.Errorf("Seeded after seeding = %v, %v", done, err)
		}
		if !db.Now().Equal(monday) {
			t.Errorf("Seed left db.Now at %s", show(db.Now()))
		}
		rows, err := db.SQL().QueryContext(ctx, "SELECT state, COUNT(*) FROM dossiers GROUP BY state")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		states := map[string]int{}
		total := 0
		for rows.Next() {
			var s string
			var n int
			if err := rows.Scan(&s, &n); err != nil {
				t.Fatal(err)
			}
			states[s], total = n, total+n
		}
		if total == 0 || total > 60 {
			t.Errorf("%d dossiers, want 1..60", total)
		}
		if len(states) < 3 {
			t.Errorf("dossiers by state %v: want at least three different states", states)
		}
		// A few hand-overs are keyed late on purpose (the approval flow has
		// something to show); every one carries a reason.
		var late, unexplained, events int
		if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN reason = '' THEN 1 ELSE 0 END), 0),
			(SELECT COUNT(*) FROM events) FROM events WHERE recorded_at - at > 900000`).Scan(&late, &unexplained, &events); err != nil {
			t.Fatal(err)
		}
		if unexplained != 0 || late*20 > events {
			t.Errorf("%d of %d demo events are late entries, %d without a reason", late, events, unexplained)
		}
		t.Logf("demo: %d dossiers by state %v", total, states)
		if _, err := demo.Seed(ctx, db, demo.Options{Password: testPassword, Dossiers: 1, Now: now}); err == nil {
			t.Error("a second Seed on a seeded database succeeded")
		}
	})
}

// TestDemoSeedOfTodayOnEachEngine: with the clock in 2026 the demo seeds
// today's province on both engines: dossiers received at the commune and
// provincial centres (none at a 2024 unit but the few of late June 2025),
// several received for another unit with their hand-overs, and the 2024
// units' successions recorded.
func TestDemoSeedOfTodayOnEachEngine(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		now := time.Date(2026, 3, 16, 10, 0, 0, 0, motcua.VN)
		if _, err := demo.Seed(ctx, db, demo.Options{Password: testPassword, Dossiers: 60, Now: now}); err != nil {
			t.Fatal(err)
		}
		var today, june, forOther, handOvers, successions int
		if err := db.SQL().QueryRowContext(ctx, `SELECT
			(SELECT COUNT(*) FROM dossiers d JOIN units u ON u.id = d.receiving_unit_id WHERE u.code LIKE '%.H36'),
			(SELECT COUNT(*) FROM dossiers d JOIN units u ON u.id = d.receiving_unit_id WHERE u.code LIKE '%.H17'),
			(SELECT COUNT(*) FROM dossiers WHERE for_other = 1),
			(SELECT COUNT(*) FROM dossier_parts WHERE kind IN ('forward', 'result')),
			(SELECT COUNT(*) FROM unit_successions)`).Scan(&today, &june, &forOther, &handOvers, &successions); err != nil {
			t.Fatal(err)
		}
		if today < 50 || june == 0 || june > 10 || forOther < 6 || handOvers < forOther || successions < 20 {
			t.Errorf("%d dossiers at today's units, %d at the 2024 ones, %d received for another unit with %d hand-overs, %d successions",
				today, june, forOther, handOvers, successions)
		}
	})
}
