package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestCitizenSendsASupplementDuringProcessing: the citizen's page follows
// the dossier's state; files sent for a supplement asked during
// processing are taken only while it waits, once each, where the unit's
// officers see them, and the clock stays paused until an officer records
// their receipt.
func TestCitizenSendsASupplementDuringProcessing(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		c := motcua.Contact{Email: "binh@example.vn"}
		sub := f.submission("follow")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		scan := []motcua.SubmittedFile{{FileName: "chung-sinh.pdf", ContentType: "application/pdf", Size: 99, SHA256: strings.Repeat("ef", 32)}}
		if err := db.AddSupplement(ctx, c, sub.ID, scan); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("a supplement nobody asked for: %v", err)
		}
		s := &scenario{t: t, db: db, d: d}
		s.act(f.counterA, monday.Add(time.Hour), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Giấy chứng sinh"} })
		follow := func() *store.FollowUp {
			t.Helper()
			mine, err := db.MySubmission(ctx, c, sub.ID)
			if err != nil {
				t.Fatal(err)
			}
			fu, err := db.FollowSubmission(ctx, c, mine)
			if err != nil {
				t.Fatal(err)
			}
			return fu
		}
		if fu := follow(); fu.Dossier.State != motcua.StateSupplement || len(fu.Missing) != 1 || len(fu.Sent) != 0 {
			t.Fatalf("asked: state %s, missing %v, sent %v", fu.Dossier.State, fu.Missing, fu.Sent)
		}
		setNow(db, monday.Add(2*time.Hour))
		for range 2 { // a retried post adds nothing
			if err := db.AddSupplement(ctx, c, sub.ID, scan); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.AddSupplement(ctx, motcua.Contact{Email: "other@example.vn"}, sub.ID, scan); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another contact's supplement: %v", err)
		}
		fu := follow()
		if fu.Dossier.State != motcua.StateSupplement || len(fu.Sent) != 1 {
			t.Fatalf("sent: state %s, sent %v", fu.Dossier.State, fu.Sent)
		}
		seen, err := db.Submission(ctx, f.counterA, sub.ID)
		if err != nil || seen.Files[len(seen.Files)-1].Document != store.SupplementDocument {
			t.Fatalf("the officer's view of the files: %v, %v", seen, err)
		}
		s.act(f.counterA, monday.Add(3*time.Hour), motcua.EventSupplementReceived)
		if fu := follow(); fu.Dossier.State != motcua.StateProcessing || fu.Missing != nil || fu.Sent != nil {
			t.Fatalf("received: state %s, missing %v, sent %v", fu.Dossier.State, fu.Missing, fu.Sent)
		}
	})
}
