package store_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/sms"
	"github.com/motcua/motcua/store"
)

// TestElectronicResultReachesOnlyItsCitizenAndGoesWithTheirData: the
// electronic result attached when the result is recorded is kept with the
// event (refused with any other action, and then nothing is written), the
// unit's officers list it and each open is audited, the submission's own
// contact gets it on their page once the result is ready and another gets
// "not found", the result-ready SMS says where to download it within one
// part, the subject's export and backups count it, and retention erases
// it with the applicant.
func TestElectronicResultReachesOnlyItsCitizenAndGoesWithTheirData(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		db.PublicURL = "https://dichvucong.lamdong.gov.vn"
		c := motcua.Contact{Phone: "0987654321"}
		sub := f.submission("result-file")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.Add(time.Hour))
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		s := &scenario{t: t, db: db, d: d}
		at := monday.Add(2 * time.Hour)
		result := func() *motcua.SubmittedFile {
			return &motcua.SubmittedFile{FileName: "giay-khai-sinh.pdf", ContentType: "application/pdf", Size: 4321, SHA256: strings.Repeat("cd", 32)}
		}
		act := func(typ motcua.EventType) motcua.Action {
			return motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: typ}
		}
		if _, err := db.ActWithResult(ctx, f.counterA, act(motcua.EventHandedOver), result()); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a result file with a hand-over: %v", err)
		}
		if n := count(t, db, "result_files"); n != 0 || count(t, db, "events WHERE dossier_id = "+strconv.FormatInt(d.ID, 10)) != 1 {
			t.Fatalf("the refused hand-over wrote %d result files", n)
		}
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		mine := func(who motcua.Contact) (*motcua.SubmittedFile, error) {
			return db.MyResult(ctx, who, sub.ID)
		}
		if _, err := mine(c); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("a result before it is recorded: %v", err)
		}
		notices(t, db) // those sent so far
		setNow(db, at.Add(3*time.Hour))
		if s.d, err = db.ActWithResult(ctx, f.counterA, act(motcua.EventResultReady), result()); err != nil {
			t.Fatal(err)
		}
		got, err := mine(c)
		if err != nil || got.SHA256 != strings.Repeat("cd", 32) || got.FileName != "giay-khai-sinh.pdf" || got.ContentType != "application/pdf" || got.Size != 4321 {
			t.Fatalf("the citizen's result: %+v, %v", got, err)
		}
		if _, err := mine(motcua.Contact{Phone: "0912345678"}); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another contact's view of the result: %v", err)
		}
		sent := notices(t, db)
		if len(sent) != 1 || !strings.Contains(sent[0].Body, "Ho so cua toi") || !strings.Contains(sent[0].Body, db.PublicURL+"/ho-so-cua-toi/"+strconv.FormatInt(sub.ID, 10)) ||
			!sms.IsGSM7(sent[0].Body) || utf8.RuneCountInString(sent[0].Body) > sms.MaxLen {
			t.Fatalf("the result-ready notice: %+v", sent)
		}

		list, err := db.ResultFiles(ctx, f.counterA, d.ID)
		if err != nil || len(list) != 1 || list[0].Document != store.ResultDocument {
			t.Fatalf("the officer's list: %+v, %v", list, err)
		}
		if _, err := db.ResultFiles(ctx, f.counterB, d.ID); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another unit's officer lists the result: %v", err)
		}
		if _, err := db.ResultFile(ctx, f.counterA, d.ID, list[0].ID); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "audit_log WHERE action = 'dossier.result.read'"); n != 1 {
			t.Errorf("%d reads of the result audited, want 1", n)
		}
		if refs, err := db.FileRefs(ctx); err != nil || !slices.Contains(refs, strings.Repeat("cd", 32)) {
			t.Fatalf("the backup's files %v lack the result, %v", refs, err)
		}

		subject, err := db.Subject(ctx, store.SubjectQuery{Phone: "0987654321"})
		if err != nil || len(subject.Dossiers) != 1 || len(subject.Dossiers[0].Results) != 1 {
			t.Fatalf("the subject's export lacks the result: %+v, %v", subject, err)
		}

		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)
		if got, err := mine(c); err != nil || got.ID != list[0].ID {
			t.Fatalf("the result once returned: %+v, %v", got, err)
		}
		if err := db.SetRetention(ctx, f.proc.Code, 12); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(1, 0, 2))
		e, err := db.EraseExpired(ctx, db.Now())
		if err != nil || e.Dossiers != 1 || !slices.Contains(e.Files, strings.Repeat("cd", 32)) {
			t.Fatalf("erased %+v, %v", e, err)
		}
		if n := count(t, db, "result_files"); n != 0 {
			t.Errorf("%d result files kept after the retention ran out", n)
		}
	})
}
