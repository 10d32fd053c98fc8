package store_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestFeedMissesNothingUnderConcurrentWriters: while writers accept and
// act on dossiers concurrently, a reader following the cursors sees every
// committed event exactly once, in an order that never goes back.
func TestFeedMissesNothingUnderConcurrentWriters(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		db.Now = func() time.Time { return monday.Add(time.Hour) }
		const writers, each = 4, 15
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				counter, unit := f.counterA, f.a.ID
				if w%2 == 1 {
					counter, unit = f.counterB, f.b.ID
				}
				for range each {
					d, err := db.Accept(t.Context(), counter, f.intake(unit))
					if err == nil {
						_, err = db.Act(t.Context(), counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver})
					}
					if err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		done := make(chan struct{})
		go func() { wg.Wait(); close(done) }()
		u := &motcua.User{Username: "doc.feed", FullName: "Hệ thống đọc", Grants: []motcua.Grant{
			{Role: motcua.RoleLeader, UnitID: f.a.ID}, {Role: motcua.RoleLeader, UnitID: f.b.ID}}}
		if err := db.CreateUser(t.Context(), u, testPassword); err != nil {
			t.Fatal(err)
		}
		reader, err := db.Actor(t.Context(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		var cur store.Cursor
		read := func() {
			events, next, err := db.Feed(t.Context(), reader, cur, 7)
			if err != nil {
				t.Fatal(err)
			}
			if next.Tx < cur.Tx || (next.Tx == cur.Tx && next.ID < cur.ID) {
				t.Fatalf("the cursor went back from %s to %s", cur, next)
			}
			for _, e := range events {
				seen[e.ID]++
			}
			cur = next
		}
		for running := true; running; {
			select {
			case <-done:
				running = false
			default:
				read()
			}
		}
		// Drain what committed last: on PostgreSQL the feed holds back while
		// any older transaction runs, other packages' tests' too.
		for deadline := time.Now().Add(30 * time.Second); len(seen) < writers*each*2 && time.Now().Before(deadline); {
			read()
			time.Sleep(10 * time.Millisecond)
		}
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		if want := writers * each * 2; len(seen) != want {
			t.Fatalf("the reader saw %d events, want %d", len(seen), want)
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("event %s seen %d times", id, n)
			}
		}
	})
}

// TestFeedWaitsForALateCommit: on PostgreSQL, a message written by a
// transaction that commits after a later one is not skipped: the feed
// holds back until the older transaction ends, then returns both in order.
func TestFeedWaitsForALateCommit(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		if db.Dialect() != store.Postgres {
			t.Skip("SQLite has one writer at a time: commits come in id order")
		}
		f := newFixture(t, db)
		d := f.accept(t, f.counterA, f.a.ID)
		var start store.Cursor
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			got, next, err := db.Feed(t.Context(), f.leaderA, store.Cursor{}, 100)
			if err != nil {
				t.Fatal(err)
			}
			if start = next; len(got) == 1 { // the acceptance, once other transactions let it through
				break
			}
		}
		insert := db.Rebind(`INSERT INTO outbox (event_id, dossier_id, receiving_unit_id, deciding_unit_id, procedure_id, type, at, body)
			VALUES (?, ?, ?, ?, ?, 'handed_over', 0, ?)`)
		body := func(id string) string { return `{"specversion":"1.0","id":"` + id + `"}` }
		slow, err := db.SQL().BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer slow.Rollback()
		if _, err := slow.Exec(insert, 9001, d.ID, f.a.ID, f.a.ID, f.proc.ID, body("slow")); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SQL().Exec(insert, 9002, d.ID, f.a.ID, f.a.ID, f.proc.ID, body("fast")); err != nil {
			t.Fatal(err)
		}
		got, cur, err := db.Feed(t.Context(), f.leaderA, start, 100)
		if err != nil || len(got) != 0 {
			t.Fatalf("while an older transaction runs the feed returned %d messages (%v)", len(got), err)
		}
		if err := slow.Commit(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if got, _, err = db.Feed(t.Context(), f.leaderA, cur, 100); err != nil || len(got) == 2 {
				break
			}
		}
		if err != nil || len(got) != 2 || got[0].ID != "slow" || got[1].ID != "fast" {
			t.Fatalf("after the late commit: %+v, %v", got, err)
		}
	})
}

// TestFeedCarriesNoPersonalData: what leaves for other systems (the feed,
// webhooks, the national portal read the same outbox) names the dossier,
// never the applicant: no name, identity number, phone or address.
func TestFeedCarriesNoPersonalData(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := f.intake(f.a.ID)
		d, err := db.Accept(t.Context(), f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		rows, err := db.SQL().Query(db.Rebind(`SELECT body FROM outbox WHERE dossier_id = ?`), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var b string
			rows.Scan(&b)
			bodies = append(bodies, b)
		}
		rows.Close()
		if len(bodies) == 0 {
			t.Fatal("the acceptance published nothing")
		}
		for _, b := range bodies {
			for _, secret := range []string{in.Applicant.Name, in.Applicant.IDNumber, in.Applicant.Phone, in.Applicant.Address} {
				if secret != "" && strings.Contains(b, secret) {
					t.Fatalf("an outgoing event carries %q: %s", secret, b)
				}
			}
		}
	})
}
