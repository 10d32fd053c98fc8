package store_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// TestRetentionErasesPersonalDataNotFigures: past the procedure's period,
// a returned and a withdrawn dossier lose their applicant everywhere (the
// row, the acceptance event, the online submission and its uploads) while
// an open one keeps it; Biểu II.06a is the same before and after, the
// ledger still replays, the receipt's secret still tracks, and each
// erasure is audited.
func TestRetentionErasesPersonalDataNotFigures(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		c := motcua.Contact{Email: "binh@example.vn"}
		sub := f.submission("retention")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.Add(time.Hour))
		returned, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		s := &scenario{t: t, db: db, d: returned}
		at := monday.Add(2 * time.Hour)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)
		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		s.act(f.counterA, at.Add(3*time.Hour), motcua.EventResultReady)
		s.act(f.counterA, at.Add(4*time.Hour), motcua.EventResultReturned)
		withdrawn := f.accept(t, f.counterA, f.a.ID)
		w := &scenario{t: t, db: db, d: withdrawn}
		w.act(f.counterA, at.Add(5*time.Hour), motcua.EventWithdrawn, func(a *motcua.Action) { a.Reason = "Người nộp xin rút" })
		open := f.accept(t, f.counterA, f.a.ID)
		o := &scenario{t: t, db: db, d: open}
		o.act(f.counterA, at.Add(6*time.Hour), motcua.EventSupplementRequested, func(a *motcua.Action) { a.Missing = []string{"Giấy chứng sinh"} })
		openNotices := count(t, db, "notifications WHERE about = '"+open.Code+"'")

		q := report.Query{From: monday.AddDate(0, 0, -7), To: monday.AddDate(0, 1, 0)}
		before, err := db.II06aScan(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetRetention(ctx, f.proc.Code, 12); err != nil {
			t.Fatal(err)
		}
		setNow(db, monday.AddDate(0, 11, 0))
		if e, err := db.EraseExpired(ctx, db.Now()); err != nil || e.Dossiers != 0 {
			t.Fatalf("erased %d before the period ran out, %v", e.Dossiers, err)
		}
		setNow(db, monday.AddDate(1, 0, 2))
		e, err := db.EraseExpired(ctx, db.Now())
		if err != nil || e.Dossiers != 2 || len(e.Files) != 1 {
			t.Fatalf("erased %+v, %v", e, err)
		}

		for _, d := range []*motcua.Dossier{s.d, w.d} {
			got, events, _, err := db.History(ctx, f.counterA, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Applicant != (motcua.Applicant{Name: store.ErasedName}) {
				t.Errorf("%s keeps %+v", d.Code, got.Applicant)
			}
			raw, _ := json.Marshal(events)
			for _, kept := range []string{"0912345678", "067012345678", "0987654321", "Nguyễn Văn Bình"} {
				if strings.Contains(string(raw), kept) {
					t.Errorf("%s's events keep %q", d.Code, kept)
				}
			}
		}
		if got, err := db.Dossier(ctx, f.counterA, open.ID); err != nil || got.Applicant.IDNumber == "" {
			t.Errorf("the open dossier lost its applicant: %+v %v", got, err)
		}
		if n := count(t, db, "submission_files"); n != 0 {
			t.Errorf("%d uploads kept", n)
		}
		if n := count(t, db, "notifications WHERE recipient = 'binh@example.vn'"); n != 0 {
			t.Errorf("%d notices to the applicant kept", n)
		}
		if n := count(t, db, "notifications WHERE about = '"+open.Code+"'"); openNotices == 0 || n != openNotices {
			t.Errorf("the open dossier's notices: %d before, %d after", openNotices, n)
		}
		after, err := db.II06aScan(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if before.Total != after.Total {
			t.Errorf("II.06a changed: %+v → %+v", before.Total, after.Total)
		}
		if c, err := db.CheckLedger(ctx); err != nil || len(c.Problems) != 0 {
			t.Errorf("ledger after erasure: %v %v", c.Problems, err)
		}
		if tr, err := db.Track(ctx, s.d.Code, s.d.TrackingSecret); err != nil || tr == nil {
			t.Errorf("tracking with the receipt's secret after erasure: %v", err)
		}
		if n := count(t, db, "audit_log WHERE action = 'retention.erased'"); n != 2 {
			t.Errorf("%d erasures audited, want 2", n)
		}
	})
}

// TestSubjectExportHoldsOneApplicant: the export names the applicant's
// dossiers with their events and who read them, their submissions and the
// notices sent to them — and nothing of another applicant.
func TestSubjectExportHoldsOneApplicant(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		mine := f.accept(t, f.counterA, f.a.ID)
		other := f.intake(f.a.ID)
		other.Applicant = motcua.Applicant{Name: "Trần Thị Khác", IDNumber: "001199000001", Phone: "0900000001"}
		theirs, err := db.Accept(ctx, f.counterA, other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Dossier(ctx, f.specialistA, mine.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.Submit(ctx, motcua.Contact{Phone: "0912345678"}, f.submission("subject")); err != nil {
			t.Fatal(err)
		}
		s, err := db.Subject(ctx, store.SubjectQuery{IDNumber: mine.Applicant.IDNumber, Phone: "0912345678"})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Dossiers) != 1 || s.Dossiers[0].Dossier.Code != mine.Code || len(s.Dossiers[0].Events) == 0 {
			t.Fatalf("dossiers: %+v", s.Dossiers)
		}
		var read bool
		for _, a := range s.Dossiers[0].Access {
			read = read || a.Action == "dossier.read" && strings.Contains(a.Actor, f.specialistA.User.Username)
		}
		if !read {
			t.Errorf("the specialist's read is not in the export: %+v", s.Dossiers[0].Access)
		}
		if len(s.Submissions) != 1 {
			t.Errorf("%d submissions", len(s.Submissions))
		}
		raw, _ := json.Marshal(s)
		if strings.Contains(string(raw), theirs.Code) || strings.Contains(string(raw), "Trần Thị Khác") {
			t.Fatal("the export holds another applicant's data")
		}
		if _, err := db.Subject(ctx, store.SubjectQuery{}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("an empty query: %v", err)
		}
	})
}
