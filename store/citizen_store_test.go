package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// otherPerson is an applicant who is not the fixture's.
const otherPerson = "067099999999"

// heldRefs are the refs and hashes listed, newest first.
func heldShas(list []motcua.HeldDocument) []string {
	var out []string
	for _, h := range list {
		out = append(out, h.SHA256[:2])
	}
	return out
}

// sha is the hash scan(…, b) carries.
func sha(b byte) string { return scan(0, "", 0, b).SHA256 }

// resultDossier takes a dossier of the fixture's applicant to its result
// and issues it with file b.
func resultDossier(t *testing.T, f *fixture, at time.Time, b byte) (*motcua.Dossier, string) {
	t.Helper()
	setNow(f.db, at)
	s := &scenario{t: t, db: f.db, d: f.accept(t, f.counterA, f.a.ID)}
	s.act(f.counterA, at.Add(time.Minute), motcua.EventHandedOver)
	s.act(f.specialistA, at.Add(2*time.Minute), motcua.EventHandedOver)
	s.act(f.leaderA, at.Add(3*time.Minute), motcua.EventHandedOver)
	setNow(f.db, at.Add(4*time.Minute))
	d, err := f.db.ActIssuing(t.Context(), f.counterA, motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: motcua.EventResultReady},
		store.ResultIssue{File: resultFile(b)})
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.db.DossierResults(t.Context(), f.counterA, d.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("results %+v, %v", list, err)
	}
	return d, list[0].Code
}

// TestHeldDocumentsOnlyTheApplicantsStillValid: what is held for an
// identity number is the newest scan of each component of their dossiers,
// the uploads of their online filings and their results that still count;
// not another person's, not a scan replaced by a newer one, not a
// superseded or revoked result, not a document whose validity ran out.
// A file held twice is listed once. Only counter officers may ask; each
// ask is audited under the masked number.
func TestHeldDocumentsOnlyTheApplicantsStillValid(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		setNow(db, monday)
		card := scan(0, "cccd.pdf", 100, 0xa)
		card.ValidUntil = monday.AddDate(0, 1, 0)
		d1, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{card, scan(1, "chung-sinh.pdf", 100, 0xb)})
		if err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.Add(time.Hour))
		if err := db.AttachScans(ctx, f.counterA, d1.ID, []motcua.ComponentFile{scan(1, "chung-sinh-ro.pdf", 100, 0xc)}); err != nil {
			t.Fatal(err)
		}
		stranger := f.twoComponents()
		stranger.Applicant.IDNumber = otherPerson
		if _, err := db.AcceptDigitised(ctx, f.counterA, stranger, []motcua.ComponentFile{scan(0, "x.pdf", 100, 0xd)}); err != nil {
			t.Fatal(err)
		}
		// The same file given again in another dossier: held once, newest.
		setNow(db, monday.Add(2*time.Hour))
		again, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{scan(1, "chung-sinh-ro.pdf", 100, 0xc)})
		if err != nil {
			t.Fatal(err)
		}
		// An online filing of the applicant, accepted: its upload.
		setNow(db, monday.Add(150*time.Minute))
		sub := f.submission("held-online")
		sub.Applicant.IDNumber = "067012345678"
		if err := db.Submit(ctx, motcua.Contact{Phone: "0987654321"}, sub); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.Add(3*time.Hour))
		if _, err := db.AcceptSubmission(ctx, f.counterA, sub.ID); err != nil {
			t.Fatal(err)
		}
		// Results: one superseded by a correction, one revoked.
		rd, first := resultDossier(t, f, monday.Add(4*time.Hour), 'e')
		setNow(db, monday.Add(5*time.Hour))
		if _, err := db.IssueResult(ctx, f.leaderA, rd.ID, first, "Sai ngày sinh", store.ResultIssue{File: resultFile('f')}); err != nil {
			t.Fatal(err)
		}
		_, revoked := resultDossier(t, f, monday.Add(6*time.Hour), '1')
		setNow(db, monday.Add(7*time.Hour))
		if err := db.RevokeResult(ctx, f.leaderA, revoked, "Cấp sai đối tượng"); err != nil {
			t.Fatal(err)
		}

		list, err := db.HeldDocuments(ctx, f.counterB, " 0670 1234 5678 ") // any counter of the province; the number as typed
		if err != nil {
			t.Fatal(err)
		}
		// Newest first: the correction (5h), the upload (accepted 3h, kept
		// at its upload), the scan given again (2h), the identity card (0h).
		want := []string{"ff", "ab", "cc", "aa"}
		if got := heldShas(list); !slices.Equal(got, want) {
			t.Fatalf("held %v, want %v: %+v", got, want, list)
		}
		if list[0].Origin != motcua.OriginResult || list[0].ResultCode == "" || list[0].ResultCode == first ||
			list[2].DossierCode != again.Code || !strings.HasPrefix(list[2].Ref, "c:") || list[2].Origin != motcua.OriginScan || list[1].Origin != motcua.OriginUpload ||
			!strings.HasPrefix(list[1].Ref, "u:") || !list[3].ValidUntil.Equal(card.ValidUntil) || list[3].Name != "Tờ khai đăng ký khai sinh" {
			t.Fatalf("held documents: %+v", list)
		}
		if n := count(t, db, "audit_log WHERE action = 'citizen_store.read' AND object = 'id:•••••••••678'"); n != 1 {
			t.Errorf("%d masked reads audited, want 1", n)
		}
		if n := count(t, db, "audit_log WHERE object LIKE '%067012345678%' OR detail LIKE '%067012345678%'"); n != 0 {
			t.Errorf("the identity number is in the audit trail %d times", n)
		}

		// A month later the identity card is no longer valid.
		setNow(db, monday.AddDate(0, 1, 1))
		list, _ = db.HeldDocuments(ctx, f.counterA, "067012345678")
		if got := heldShas(list); !slices.Equal(got, []string{"ff", "ab", "cc"}) {
			t.Fatalf("held after the card expired: %v", got)
		}

		if _, err := db.HeldDocuments(ctx, f.specialistA, "067012345678"); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a specialist asks: %v", err)
		}
		if _, err := db.HeldDocuments(ctx, f.counterA, "12ab"); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a malformed number: %v", err)
		}
		if _, err := db.HeldDocuments(ctx, f.counterA, ""); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("no number: %v", err)
		}
		if list, _ := db.HeldDocuments(ctx, f.counterA, otherPerson); !slices.Equal(heldShas(list), []string{"dd"}) {
			t.Fatalf("the other person's: %v", heldShas(list))
		}
	})
}

// TestReuseAtALaterIntakeMarkedReused: a component given at an earlier
// intake is attached at a later one from what is held, without a new
// file: marked reused, naming where it came from, the file and its
// validity carried over; it counts against no size limit. Another
// person's document, one no longer valid, a ref that names nothing and a
// validity already past are refused and nothing is written.
func TestReuseAtALaterIntakeMarkedReused(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		setNow(db, monday)
		card := scan(0, "cccd.pdf", 9<<20, 0xa)
		card.ValidUntil = monday.AddDate(0, 0, 10)
		first, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{card})
		if err != nil {
			t.Fatal(err)
		}
		stranger := f.twoComponents()
		stranger.Applicant.IDNumber = otherPerson
		_, err = db.AcceptDigitised(ctx, f.counterA, stranger, []motcua.ComponentFile{scan(0, "x.pdf", 100, 0xd)})
		if err != nil {
			t.Fatal(err)
		}
		held, err := db.HeldDocuments(ctx, f.counterA, "067012345678")
		if err != nil || len(held) != 1 {
			t.Fatalf("held %+v, %v", held, err)
		}
		theirsHeld, _ := db.HeldDocuments(ctx, f.counterA, otherPerson)

		setNow(db, monday.AddDate(0, 0, 1))
		dossiers, files := count(t, db, "dossiers"), count(t, db, "component_files")
		refused := map[string]motcua.ComponentFile{
			"another person's document": {Component: 0, Reuse: theirsHeld[0].Ref},
			"a ref naming nothing":      {Component: 0, Reuse: "c:999999"},
			"a national ref":            {Component: 0, Reuse: "n:abc"},
			"a validity already past":   {Component: 1, SubmittedFile: scan(1, "b.pdf", 10, 0xb).SubmittedFile, ValidUntil: monday},
		}
		for name, sc := range refused {
			if _, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{sc}); motcua.ErrorCode(err) != motcua.EINVALID {
				t.Errorf("%s: %v", name, err)
			}
		}
		if n, m := count(t, db, "dossiers"), count(t, db, "component_files"); n != dossiers || m != files {
			t.Fatalf("refused reuses wrote %d dossiers, %d files", n-dossiers, m-files)
		}

		later, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{{Component: 0, Reuse: held[0].Ref},
			scan(1, "b.pdf", 100, 0xb)})
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.ComponentFiles(ctx, f.counterA, later.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("files of the later dossier: %+v, %v", list, err)
		}
		r := list[0]
		if r.Origin != motcua.OriginReused || !r.Origin.Reusing() || r.SHA256 != card.SHA256 || r.FileName != "cccd.pdf" || r.Size != card.Size ||
			r.Source != held[0].Ref+"@"+first.Code || !r.ValidUntil.Equal(card.ValidUntil) || r.ByID != f.counterA.User.ID || list[1].Origin != motcua.OriginScan {
			t.Fatalf("the reused component: %+v", r)
		}
		if got := store.ReuseSourceText(r.Origin, r.Source); got != "Tái sử dụng từ hồ sơ "+first.Code {
			t.Errorf("source shown as %q", got)
		}
		// Held now at its newest holding: the later dossier, as reused.
		if again, _ := db.HeldDocuments(ctx, f.counterA, "067012345678"); len(again) != 2 || again[1].SHA256 != card.SHA256 ||
			again[1].DossierCode != later.Code || again[1].Origin != motcua.OriginReused {
			t.Fatalf("held after the reuse: %+v", again)
		}
		if n := count(t, db, "audit_log WHERE action = 'dossier.scan.attached' AND detail = 'reused:1'"); n != 1 {
			t.Errorf("%d intakes with reuse audited, want 1", n)
		}

		// The same day, a component attached later from what is held.
		second, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{scan(1, "c.pdf", 10, 0xc)})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.AttachScans(ctx, f.counterA, second.ID, []motcua.ComponentFile{{Component: 0, Reuse: theirsHeld[0].Ref}}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("another person's document attached later: %v", err)
		}
		if err := db.AttachScans(ctx, f.counterA, second.ID, []motcua.ComponentFile{{Component: 0, Reuse: held[0].Ref}}); err != nil {
			t.Fatal(err)
		}

		// Expired: ten days on, the card is held no more.
		setNow(db, monday.AddDate(0, 0, 11))
		if _, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{{Component: 0, Reuse: held[0].Ref}}); motcua.ErrorCode(err) != motcua.EINVALID ||
			!strings.Contains(motcua.ErrorMessage(err), "hết hiệu lực") {
			t.Fatalf("an expired document reused: %v", err)
		}
	})
}

// TestOnlineReuseBoundToTheProvenContact: online, a signed-in citizen
// sees and reuses only documents of dossiers whose applicant gave the
// contact their session proved; a stranger who knows the identity number
// sees nothing and cannot file with them. A reused document is a
// submission file marked reused.
func TestOnlineReuseBoundToTheProvenContact(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		setNow(db, monday)
		in := f.twoComponents()
		in.Applicant.Phone = "0912 345 678" // as typed at the counter
		if _, err := db.AcceptDigitised(ctx, f.counterA, in, []motcua.ComponentFile{scan(0, "to-khai.pdf", 100, 0xa)}); err != nil {
			t.Fatal(err)
		}
		owner, stranger := motcua.Contact{Phone: "0912345678"}, motcua.Contact{Phone: "0987654321"}
		mine, err := db.HeldOnline(ctx, owner, "067012345678")
		if err != nil || len(mine) != 1 || mine[0].SHA256 != sha(0xa) {
			t.Fatalf("the owner's held documents: %+v, %v", mine, err)
		}
		if list, err := db.HeldOnline(ctx, stranger, "067012345678"); err != nil || len(list) != 0 {
			t.Fatalf("a stranger sees %+v, %v", list, err)
		}
		if list, _ := db.HeldOnline(ctx, motcua.Contact{Email: "binh@example.vn"}, "067012345678"); len(list) != 0 {
			t.Fatalf("an e-mail the applicant never gave sees %+v", list)
		}
		if n := count(t, db, "audit_log WHERE action = 'citizen_store.read' AND actor LIKE 'citizen:%' AND object = 'id:•••••••••678'"); n != 3 {
			t.Errorf("%d online reads audited, want 3", n)
		}

		filing := func(key string) *motcua.Submission {
			s := f.submission(key)
			s.Applicant.IDNumber, s.Files = "067012345678", nil
			return s
		}
		reuse := []store.ReusedUpload{{Document: "Tờ khai đăng ký khai sinh", Ref: mine[0].Ref}}
		if err := db.SubmitReusing(ctx, stranger, filing("stranger"), reuse); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a stranger files with the owner's document: %v", err)
		}
		if n := count(t, db, "submissions"); n != 0 {
			t.Fatalf("the refused filing wrote %d submissions", n)
		}
		s := filing("owner")
		if err := db.SubmitReusing(ctx, owner, s, reuse); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "submission_files WHERE origin = 'reused' AND sha256 = '"+sha(0xa)+"' AND source LIKE '"+mine[0].Ref+"@%'"); n != 1 {
			t.Fatalf("%d reused submission files, want 1", n)
		}
	})
}

// TestRetentionErasesHeldDocuments: once retention erases an applicant's
// dossiers, nothing is held for their identity number and the files are
// reported for removal.
func TestRetentionErasesHeldDocuments(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		setNow(db, monday)
		d, err := db.AcceptDigitised(ctx, f.counterA, f.twoComponents(), []motcua.ComponentFile{scan(0, "to-khai.pdf", 100, 0xa)})
		if err != nil {
			t.Fatal(err)
		}
		s := &scenario{t: t, db: db, d: d}
		at := monday.Add(time.Hour)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		setNow(db, at.Add(3*time.Hour))
		if s.d, err = db.ActIssuing(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: s.d.Version, Type: motcua.EventResultReady},
			store.ResultIssue{File: resultFile('e')}); err != nil {
			t.Fatal(err)
		}
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)
		if list, err := db.HeldDocuments(ctx, f.counterA, "067012345678"); err != nil || len(list) != 2 {
			t.Fatalf("held before erasure: %+v, %v", list, err)
		}
		if err := db.SetRetention(ctx, f.proc.Code, 12); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(1, 0, 2))
		e, err := db.EraseExpired(ctx, db.Now())
		if err != nil || e.Dossiers != 1 || !slices.Contains(e.Files, sha(0xa)) || !slices.Contains(e.Files, resultFile('e').SHA256) {
			t.Fatalf("erased %+v, %v", e, err)
		}
		if list, err := db.HeldDocuments(ctx, f.counterA, "067012345678"); err != nil || len(list) != 0 {
			t.Fatalf("held after erasure: %+v, %v", list, err)
		}
	})
}
