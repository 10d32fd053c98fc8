package dvcqg_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

const token = "bi-mat-lien-thong"

// TestSyncDeliversEverythingThroughAnOutage: the demo's dossiers, with
// their files and results, are synchronised in batches although the
// national side refuses one batch; then, during an outage, new dossiers
// are accepted and decided and old ones change: nothing reaches the
// national side, nothing is lost (each waits with its reason); after the
// outage everything is delivered (a dossier waiting for payment among them,
// which reads as processing there), and every dossier's latest record at the
// national side equals the projection of its ledger, field by field; and
// the 766 scorecard computed from what the national side holds equals
// motcua's own, indicator by indicator (sameScoreFromWhatWasSent).
func TestSyncDeliversEverythingThroughAnOutage(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		now := time.Date(2026, 3, 16, 10, 0, 0, 0, motcua.VN)
		if _, err := demo.Seed(ctx, db, demo.Options{Password: "mat-khau-thu", Dossiers: 40, Now: now,
			Files: &files.Store{Dir: t.TempDir()}, PublicURL: "https://motcua.example.vn"}); err != nil {
			t.Fatal(err)
		}
		db.PublicURL = "https://motcua.example.vn"
		clock := now
		db.Now = func() time.Time { return clock }
		portal := dvcqgtest.Start(t, token)
		due, err := db.NationalSyncDue(ctx, 100000)
		if err != nil || len(due) < 40 {
			t.Fatalf("due after the demo: %d, %v", len(due), err)
		}
		ids := map[int64]bool{}
		for _, d := range due {
			ids[d.DossierID] = true
			know(t, db, portal, d.DossierID)
		}
		syncer := &dvcqg.Syncer{DB: db, URL: portal.URL, Token: token, Batch: 7}

		portal.FailNext(1)
		if _, err := syncer.Sync(ctx); err == nil || !strings.Contains(err.Error(), "503") {
			t.Fatalf("a refused batch: %v", err)
		}
		r, err := syncer.Sync(ctx)
		if err != nil || r.Sent != len(due)-7 || r.Refused != 0 {
			t.Fatalf("second round: %+v, %v (of %d)", r, err, len(due))
		}
		clock = clock.Add(time.Minute) // past the refused batch's wait
		if r, err = syncer.Sync(ctx); err != nil || r.Sent != 7 {
			t.Fatalf("the refused batch again: %+v, %v", r, err)
		}
		batches := portal.Batches()

		portal.Down(true)
		clock = clock.Add(time.Hour + 700*time.Millisecond) // instants finer than the national exchange carries
		counter := sample.CounterDesk(t, db, &motcua.Unit{Code: "000.21.99.H07", Name: "Xã Thử Đồng Bộ", Kind: motcua.UnitCommune}, "motcua.h7")
		p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
		for i := range 3 {
			d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: p.ID, UnitID: counter.User.Grants[0].UnitID,
				Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: "Nguyễn Văn An", IDNumber: "066090001234"}, Sets: 1})
			if err != nil {
				t.Fatal(err)
			}
			ids[d.ID] = true
			know(t, db, portal, d.ID)
			for _, typ := range []motcua.EventType{motcua.EventResultReady, motcua.EventResultReturned}[:i] {
				clock = clock.Add(10 * time.Minute)
				if d, err = db.Act(ctx, counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: typ}); err != nil {
					t.Fatal(err)
				}
			}
		}
		waitingToPay := acceptWaitingToPay(t, db, counter, p)
		ids[waitingToPay.ID] = true
		know(t, db, portal, waitingToPay.ID)
		if _, err := db.ResyncNational(ctx, now.AddDate(0, 0, -3), now); err != nil { // and the last days' dossiers, again
			t.Fatal(err)
		}
		if _, err := syncer.Sync(ctx); err == nil {
			t.Fatal("the outage went unnoticed")
		}
		waiting, err := db.NationalSyncFailures(ctx, 1000)
		if err != nil || len(waiting) == 0 || portal.Batches() != batches {
			t.Fatalf("during the outage: %d waiting, %d batches (was %d), %v", len(waiting), portal.Batches(), batches, err)
		}
		for _, w := range waiting {
			if !strings.Contains(w.LastError, "503") || w.Attempts != 1 {
				t.Fatalf("a dossier waits without its reason: %+v", w)
			}
		}

		portal.Down(false)
		clock = clock.Add(2 * time.Hour)
		if r, err = syncer.Sync(ctx); err != nil || r.Sent == 0 || r.Refused != 0 || r.Failed != 0 {
			t.Fatalf("after the outage: %+v, %v", r, err)
		}
		if left, err := db.NationalSyncDue(ctx, 10); err != nil || len(left) != 0 {
			t.Fatalf("still due: %+v, %v", left, err)
		}
		held, err := portal.Records()
		if err != nil {
			t.Fatal(err)
		}
		if len(held) != len(ids) {
			t.Fatalf("the national side holds %d records of %d dossiers", len(held), len(ids))
		}
		byCode := map[string]motcua.NationalRecord{}
		var files, results, fees, online, ended int
		for _, rec := range held {
			byCode[rec.Code] = rec
			for _, c := range rec.Components {
				files += min(len(c.FileURL), 1)
			}
			results += len(rec.Results)
			fees += len(rec.Fees)
			if rec.Channel == motcua.ChannelOnline {
				online++
			}
			if !rec.EndedAt.IsZero() {
				ended++
			}
		}
		if files == 0 || results == 0 || fees == 0 || online == 0 || ended == 0 {
			t.Fatalf("the activity synchronised lacks something to compare: %d file links, %d results, %d fee lines, %d online, %d ended",
				files, results, fees, online, ended)
		}
		if held := byCode[waitingToPay.Code]; held.State != motcua.StateProcessing {
			t.Fatalf("a dossier waiting for payment reads as %q at the national side, want processing (the national list has no code for it)", held.State)
		}
		for id := range ids {
			want, err := db.NationalRecord(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got := byCode[want.Code]; !reflect.DeepEqual(national(got), national(want)) {
				t.Errorf("%s at the national side:\n got %+v\nwant %+v", want.Code, national(got), national(want))
			}
		}
		rate, err := db.NationalSyncRate(ctx, report.Query{From: now.AddDate(-5, 0, 0), To: clock})
		if err != nil || rate.Synced != rate.Received || rate.Received != len(ids) {
			t.Fatalf("indicator 1.4: %+v, %v; want %d of %d", rate, err, len(ids), len(ids))
		}
		sameScoreFromWhatWasSent(t, db, portal, now.AddDate(0, -1, 0), clock.Add(time.Hour), waitingToPay.Code)
	})
}

// know teaches the national catalogue the procedure of a dossier, with the
// facts motcua's catalogue has (the national database's, in real life).
func know(t *testing.T, db *store.DB, portal *dvcqgtest.Portal, id int64) {
	t.Helper()
	rec, err := db.NationalRecord(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	portal.Know(rec.ProcedureCode, dvcqg.Procedure{ResultIsDocument: rec.ResultIsDocument, MaxWorkingDays: rec.MaxWorkingDays})
}

// national is a record as the national exchange carries it: instants to
// the second, no ledger version, no empty lists, waiting for payment as
// processing.
func national(r motcua.NationalRecord) motcua.NationalRecord {
	sec := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.In(motcua.VN).Truncate(time.Second)
		}
	}
	for _, t := range []*time.Time{&r.SubmittedAt, &r.AcceptedAt, &r.DueAt, &r.EndedAt, &r.ReturnedAt, &r.RefusedAt} {
		sec(t)
	}
	r.Steps = append([]motcua.NationalStep(nil), r.Steps...)
	for i := range r.Steps {
		sec(&r.Steps[i].StartedAt)
		sec(&r.Steps[i].EndedAt)
	}
	r.Supplements = append([]motcua.SupplementSpan(nil), r.Supplements...)
	for i := range r.Supplements {
		sec(&r.Supplements[i].RequestedAt)
		sec(&r.Supplements[i].ReceivedAt)
	}
	if r.State == motcua.StatePayment { // no national code: it travels as processing (dvcqg.Status)
		r.State = motcua.StateProcessing
	}
	if len(r.Steps) == 0 {
		r.Steps = nil
	}
	if len(r.Supplements) == 0 {
		r.Supplements = nil
	}
	if len(r.Components) == 0 {
		r.Components = nil
	}
	if len(r.Results) == 0 {
		r.Results = nil
	}
	if len(r.Fees) == 0 {
		r.Fees = nil
	}
	r.Version = 0
	return r
}

// fileServer serves the national record's file links from a set the test
// fills: a link to a file not (yet) there answers 404.
type fileServer struct {
	mu    sync.Mutex
	shas  map[string]bool
	fetch int
}

func (f *fileServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fetch++
	sha, ok := strings.CutPrefix(r.URL.Path, motcua.NationalFilePath+"/")
	if !ok || !f.shas[sha] {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write([]byte("%PDF-1.4"))
}

// TestSyncRefusalsAreKeptAndRetried: a record of a procedure the national
// catalogue does not know, and one whose file link does not resolve, are
// refused with the reason; the reason is kept on the dossier, which is
// tried again after its wait (refused again while nothing changed, with a
// longer wait) and taken once the cause is gone; the other dossiers of the
// batch are taken meanwhile, and the national side keeps nothing of a
// refused record.
func TestSyncRefusalsAreKeptAndRetried(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		clock := time.Date(2026, 3, 16, 9, 0, 0, 0, motcua.VN)
		db.Now = func() time.Time { return clock }
		files := &fileServer{shas: map[string]bool{}}
		srv := httptest.NewServer(files)
		t.Cleanup(srv.Close)
		db.PublicURL = srv.URL
		counter := sample.CounterDesk(t, db, &motcua.Unit{Code: "000.21.99.D01", Name: "Xã A", Kind: motcua.UnitCommune}, "motcua.a")
		known := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
		unknown := sample.CounterProcedure(t, db, "9.999999", "Thủ tục chưa có trên CSDL quốc gia", "Thử")
		portal := dvcqgtest.Start(t, token)
		portal.Links = srv.Client()
		portal.Know(known.Code, dvcqg.Procedure{MaxWorkingDays: 1})
		intake := func(p *motcua.Procedure) motcua.Intake {
			return motcua.Intake{ProcedureID: p.ID, UnitID: counter.User.Grants[0].UnitID, Channel: motcua.ChannelCounter, Sets: 1,
				Applicant: motcua.Applicant{Name: "Trần Thị Bình"}, Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}}
		}
		plain, err := db.Accept(ctx, counter, intake(known))
		if err != nil {
			t.Fatal(err)
		}
		orphan, err := db.Accept(ctx, counter, intake(unknown))
		if err != nil {
			t.Fatal(err)
		}
		sha := strings.Repeat("ab", 32)
		scanned, err := db.AcceptDigitised(ctx, counter, intake(known), []motcua.ComponentFile{{Component: 0,
			SubmittedFile: motcua.SubmittedFile{FileName: "to-khai.pdf", ContentType: "application/pdf", Size: 8, SHA256: sha}}})
		if err != nil {
			t.Fatal(err)
		}
		syncer := &dvcqg.Syncer{DB: db, URL: portal.URL, Token: token, Backoff: time.Minute}
		r, err := syncer.Sync(ctx)
		if err != nil || r.Sent != 1 || r.Refused != 2 {
			t.Fatalf("first round: %+v, %v", r, err)
		}
		if _, ok := portal.Held(plain.Code); !ok {
			t.Fatal("the good record was held back by the bad ones")
		}
		for code, want := range map[string]string{orphan.Code: `MaTTHC "9.999999"`, scanned.Code: "Không tải được tệp"} {
			if _, ok := portal.Held(code); ok {
				t.Fatalf("%s refused, yet kept", code)
			}
			if !strings.Contains(portal.Refusal(code), want) {
				t.Fatalf("%s refused for %q, want %q", code, portal.Refusal(code), want)
			}
		}
		for id, want := range map[int64]string{orphan.ID: "không có trong Cơ sở dữ liệu quốc gia", scanned.ID: "404"} {
			s, err := db.NationalSyncOf(ctx, store.SyncKey{DossierID: id})
			if err != nil || s.Attempts != 1 || !strings.Contains(s.LastError, want) || !s.NextAttempt.Equal(clock.Add(time.Minute)) {
				t.Fatalf("dossier %d after its refusal: %+v, %v; want %q", id, s, err, want)
			}
		}
		if r, err := syncer.Sync(ctx); err != nil || r != (dvcqg.Round{}) {
			t.Fatalf("tried again before its wait: %+v, %v", r, err)
		}
		clock = clock.Add(time.Minute)
		if r, err := syncer.Sync(ctx); err != nil || r.Refused != 2 {
			t.Fatalf("second try: %+v, %v", r, err)
		}
		if s, _ := db.NationalSyncOf(ctx, store.SyncKey{DossierID: orphan.ID}); s.Attempts != 2 || !s.NextAttempt.Equal(clock.Add(2*time.Minute)) {
			t.Fatalf("the wait did not grow: %+v", s)
		}
		portal.Know(unknown.Code, dvcqg.Procedure{MaxWorkingDays: 1}) // the national database caught up
		files.mu.Lock()
		files.shas[sha] = true // the file came back
		files.mu.Unlock()
		clock = clock.Add(2 * time.Minute)
		if r, err := syncer.Sync(ctx); err != nil || r.Sent != 2 || r.Refused != 0 {
			t.Fatalf("after the causes went: %+v, %v", r, err)
		}
		for _, d := range []*motcua.Dossier{orphan, scanned} {
			s, err := db.NationalSyncOf(ctx, store.SyncKey{DossierID: d.ID})
			if _, held := portal.Held(d.Code); err != nil || !held || s.LastError != "" || s.Attempts != 0 || s.SyncedAt.IsZero() {
				t.Fatalf("%s: %+v, held %v, %v", d.Code, s, held, err)
			}
		}
	})
}

// TestSyncAsksWithTheToken: the national side refuses a sender without
// its token, and the refusal is kept on every dossier of the batch.
func TestSyncAsksWithTheToken(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db.Now = func() time.Time { return time.Date(2026, 3, 16, 9, 0, 0, 0, motcua.VN) }
		counter := sample.CounterDesk(t, db, &motcua.Unit{Code: "000.21.99.D01", Name: "Xã A", Kind: motcua.UnitCommune}, "motcua.a")
		p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
		d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: p.ID, UnitID: counter.User.Grants[0].UnitID,
			Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: "An"}, Sets: 1})
		if err != nil {
			t.Fatal(err)
		}
		portal := dvcqgtest.Start(t, token)
		portal.Know(p.Code, dvcqg.Procedure{MaxWorkingDays: 1})
		syncer := &dvcqg.Syncer{DB: db, URL: portal.URL, Token: "sai"}
		if _, err := syncer.Sync(ctx); err == nil || !strings.Contains(err.Error(), "401") {
			t.Fatalf("a wrong token: %v", err)
		}
		if s, err := db.NationalSyncOf(ctx, store.SyncKey{DossierID: d.ID}); err != nil || !strings.Contains(s.LastError, "401") || !s.SyncedAt.IsZero() {
			t.Fatalf("after a wrong token: %+v, %v", s, err)
		}
		if strings.Contains(mustFailures(t, db), "sai") {
			t.Fatal("the token was stored with the reason")
		}
	})
}

func mustFailures(t *testing.T, db *store.DB) string {
	t.Helper()
	list, err := db.NationalSyncFailures(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range list {
		b.WriteString(s.LastError)
	}
	return b.String()
}
