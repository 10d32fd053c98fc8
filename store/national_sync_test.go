package store_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestNationalSyncFollowsTheLedger: a dossier is due from its acceptance;
// taken at the version listed, it is not; its next event makes it due
// again at a newer version;
// a failure keeps it due but out of the list until its retry instant, with
// the reason kept; taking an older version never undoes a newer one.
func TestNationalSyncFollowsTheLedger(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newFixture(t, db)
		now := monday
		db.Now = func() time.Time { return now }
		d, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID))
		if err != nil {
			t.Fatal(err)
		}
		due := func() []store.NationalSync {
			t.Helper()
			list, err := db.NationalSyncDue(ctx, 10)
			if err != nil {
				t.Fatal(err)
			}
			return list
		}
		first := due()
		if len(first) != 1 || first[0].DossierID != d.ID || first[0].Version < 1 || first[0].SentVersion != 0 {
			t.Fatalf("after acceptance: %+v", first)
		}
		if err := db.NationalSynced(ctx, store.SyncKey{DossierID: d.ID}, first[0].Version); err != nil {
			t.Fatal(err)
		}
		if list := due(); len(list) != 0 {
			t.Fatalf("taken, still due: %+v", list)
		}
		if d, err = db.Act(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventHandedOver}); err != nil {
			t.Fatal(err)
		}
		again := due()
		if len(again) != 1 || again[0].Version <= first[0].Version || again[0].SentVersion != first[0].Version {
			t.Fatalf("after an event: %+v", again)
		}
		if err := db.NationalSyncFailed(ctx, store.SyncKey{DossierID: d.ID}, "dvcqg: the national side answered 503", now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if list := due(); len(list) != 0 {
			t.Fatalf("due before its retry: %+v", list)
		}
		s, err := db.NationalSyncOf(ctx, store.SyncKey{DossierID: d.ID})
		if err != nil || s.Attempts != 1 || s.LastError != "dvcqg: the national side answered 503" || !s.NextAttempt.Equal(now.Add(time.Minute)) {
			t.Fatalf("after a failure: %+v, %v", s, err)
		}
		failing, err := db.NationalSyncFailures(ctx, 10)
		if err != nil || len(failing) != 1 || failing[0].DossierID != d.ID {
			t.Fatalf("failures: %+v, %v", failing, err)
		}
		now = now.Add(time.Minute)
		if list := due(); len(list) != 1 {
			t.Fatalf("due at its retry: %+v", list)
		}
		if err := db.NationalSynced(ctx, store.SyncKey{DossierID: d.ID}, again[0].Version); err != nil {
			t.Fatal(err)
		}
		if err := db.NationalSynced(ctx, store.SyncKey{DossierID: d.ID}, first[0].Version); err != nil { // a late answer about an older send
			t.Fatal(err)
		}
		s, err = db.NationalSyncOf(ctx, store.SyncKey{DossierID: d.ID})
		if err != nil || s.SentVersion != again[0].Version || s.Attempts != 0 || s.LastError != "" || !s.SyncedAt.Equal(now) {
			t.Fatalf("after success: %+v, %v", s, err)
		}
	})
}

// TestResyncAndSyncRate: indicator 1.4 counts, per unit and period of
// acceptance, the dossiers taken at least once over those received; a
// re-sync of the period makes exactly its dossiers due again, and a
// re-sent dossier still counts as synchronised.
func TestResyncAndSyncRate(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newFixture(t, db)
		now := monday
		db.Now = func() time.Time { return now }
		var inA, inB []*motcua.Dossier
		for i := range 3 {
			d, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID))
			if err != nil {
				t.Fatal(err)
			}
			inA = append(inA, d)
			if i < 2 {
				d, err := db.Accept(ctx, f.counterB, f.intake(f.b.ID))
				if err != nil {
					t.Fatal(err)
				}
				inB = append(inB, d)
			}
		}
		now = monday.AddDate(0, 0, 7) // next week: outside the period
		later, err := db.Accept(ctx, f.counterA, f.intake(f.a.ID))
		if err != nil {
			t.Fatal(err)
		}
		week := report.Query{From: monday.Truncate(24 * time.Hour).Add(-7 * time.Hour), To: monday.AddDate(0, 0, 1)}
		if c, err := db.ScorecardSync(ctx, week); err != nil || c != nil {
			t.Fatalf("the scorecard's 1.4 before any sync: %+v, %v; want none", c, err)
		}
		for _, d := range []*motcua.Dossier{inA[0], inA[1], inB[0], later} {
			if err := db.NationalSynced(ctx, store.SyncKey{DossierID: d.ID}, d.Version); err != nil {
				t.Fatal(err)
			}
		}
		if c, err := db.ScorecardSync(ctx, week); err != nil || c == nil || c.Synced != 3 || c.Received != 5 {
			t.Fatalf("the scorecard's 1.4: %+v, %v", c, err)
		}
		for _, c := range []struct {
			unit             int64
			synced, received int
		}{{0, 3, 5}, {f.a.ID, 2, 3}, {f.b.ID, 1, 2}, {f.district.ID, 3, 5}} {
			q := week
			q.UnitID = c.unit
			r, err := db.NationalSyncRate(ctx, q)
			if err != nil || r.Synced != c.synced || r.Received != c.received {
				t.Errorf("unit %d: %+v, %v; want %d/%d", c.unit, r, err, c.synced, c.received)
			}
		}
		n, err := db.ResyncNational(ctx, week.From, week.To)
		if err != nil || n != 5 {
			t.Fatalf("re-sync queued %d, %v", n, err)
		}
		due, err := db.NationalSyncDue(ctx, 100)
		if err != nil || len(due) != 5 {
			t.Fatalf("due after the re-sync: %+v, %v", due, err)
		}
		for _, s := range due {
			if s.DossierID == later.ID {
				t.Fatalf("a dossier of another period re-sent: %+v", s)
			}
		}
		if r, err := db.NationalSyncRate(ctx, week); err != nil || r.Synced != 3 {
			t.Fatalf("queued again, no longer counted: %+v, %v", r, err)
		}
	})
}

// TestRefusedSubmissionIsSynchronised: an online submission refused
// before acceptance is a national record of its own (NgayTuChoi): due from
// its refusal, built as the scorecard reads it, taken once; a re-sync of
// the period of its filing queues it again.
func TestRefusedSubmissionIsSynchronised(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		f := newFixture(t, db)
		db.Now = func() time.Time { return monday }
		sub := f.submission("k-h7")
		if err := db.Submit(ctx, motcua.Contact{Phone: "0912000111"}, sub); err != nil {
			t.Fatal(err)
		}
		if due, err := db.NationalSyncDue(ctx, 10); err != nil || len(due) != 0 {
			t.Fatalf("an open submission is due: %+v, %v", due, err)
		}
		if err := db.RefuseSubmission(ctx, f.counterA, sub.ID, "Không thuộc thẩm quyền của xã"); err != nil {
			t.Fatal(err)
		}
		due, err := db.NationalSyncDue(ctx, 10)
		if err != nil || len(due) != 1 || due[0].SubmissionID != sub.ID || due[0].DossierID != 0 {
			t.Fatalf("after the refusal: %+v, %v", due, err)
		}
		rec, err := db.NationalRecordOf(ctx, due[0].SyncKey)
		if err != nil || !rec.Refused || rec.ProcedureCode != f.proc.Code || rec.UnitCode != f.a.Code || rec.RefusedAt.IsZero() {
			t.Fatalf("the refusal's record: %+v, %v", rec, err)
		}
		if err := db.NationalSynced(ctx, due[0].SyncKey, due[0].Version); err != nil {
			t.Fatal(err)
		}
		if due, err := db.NationalSyncDue(ctx, 10); err != nil || len(due) != 0 {
			t.Fatalf("taken, still due: %+v, %v", due, err)
		}
		if n, err := db.ResyncNational(ctx, monday.Add(-time.Hour), monday.Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("re-sync queued %d, %v", n, err)
		}
		if s, err := db.NationalSyncOf(ctx, store.SyncKey{SubmissionID: sub.ID}); err != nil || s.SentVersion != 0 || s.SyncedAt.IsZero() {
			t.Fatalf("after the re-sync: %+v, %v", s, err)
		}
	})
}
