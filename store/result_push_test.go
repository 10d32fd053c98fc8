package store_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// issuedFor accepts a dossier at commune A for an applicant with idNumber
// at base, takes it through the workflow and issues its result with file
// b; it returns the dossier's scenario and the result's code.
func issuedFor(t *testing.T, f *fixture, idNumber string, base time.Time, b byte) (*scenario, string) {
	t.Helper()
	ctx := t.Context()
	setNow(f.db, base)
	in := f.intake(f.a.ID)
	in.Applicant.IDNumber = idNumber
	d, err := f.db.Accept(ctx, f.counterA, in)
	if err != nil {
		t.Fatal(err)
	}
	s := &scenario{t: t, db: f.db, d: d}
	s.act(f.counterA, base.Add(30*time.Minute), motcua.EventHandedOver)
	s.act(f.specialistA, base.Add(time.Hour), motcua.EventHandedOver)
	s.act(f.leaderA, base.Add(90*time.Minute), motcua.EventHandedOver)
	setNow(f.db, base.Add(2*time.Hour))
	if s.d, err = f.db.ActIssuing(ctx, f.counterA, motcua.Action{DossierID: d.ID, Version: s.d.Version, Type: motcua.EventResultReady},
		store.ResultIssue{File: resultFile(b)}); err != nil {
		t.Fatal(err)
	}
	list, err := f.db.DossierResults(ctx, f.counterA, d.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("issued: %+v, %v", list, err)
	}
	return s, list[0].Code
}

func codesOf(list []store.UnpushedResult) []string {
	var codes []string
	for _, r := range list {
		codes = append(codes, r.Code)
	}
	return codes
}

// TestUnpushedResultsCountOnlyWhatStillCounts (indicator 4.4): the results
// to push to the citizen's national data store are the issued ones still
// counting, oldest first — not a revoked one, not a superseded one (its
// correction is), not one whose applicant gave no identity number, not
// one whose applicant's data the retention erased; with what the store
// needs. Once pushed, a result is not offered again; a failed push waits
// longer each time; both are audited with the identity number masked.
func TestUnpushedResultsCountOnlyWhatStillCounts(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		const id = "067012345678"
		plain, plainCode := issuedFor(t, f, id, vn(3, 4, 9, 0), 'a')
		_, revokedCode := issuedFor(t, f, id, vn(3, 5, 9, 0), 'b')
		corrected, oldCode := issuedFor(t, f, "001199000002", vn(3, 6, 9, 0), 'c')
		issuedFor(t, f, "", vn(3, 7, 9, 0), 'd')
		erased, _ := issuedFor(t, f, "001199000003", vn(3, 8, 9, 0), 'e')

		setNow(db, vn(3, 11, 9, 0))
		if err := db.RevokeResult(ctx, f.leaderA, revokedCode, "Cấp nhầm"); err != nil {
			t.Fatal(err)
		}
		correction, err := db.IssueResult(ctx, f.leaderA, corrected.d.ID, oldCode, "Sai tên", store.ResultIssue{File: resultFile('f')})
		if err != nil {
			t.Fatal(err)
		}
		erased.act(f.counterA, vn(3, 11, 10, 0), motcua.EventResultReturned)
		if err := db.SetRetention(ctx, f.proc.Code, 1); err != nil {
			t.Fatal(err)
		}
		setNow(db, vn(5, 13, 9, 0))
		if e, err := db.EraseExpired(ctx, db.Now()); err != nil || e.Dossiers != 1 {
			t.Fatalf("erased %+v, %v", e, err)
		}

		list, err := db.UnpushedResults(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(codesOf(list), " "); got != plainCode+" "+correction.Code {
			t.Fatalf("to push: %s, want %s %s", got, plainCode, correction.Code)
		}
		r := list[0]
		if r.IDNumber != id || r.DossierCode != plain.d.Code || r.Issuer != f.a.Code || r.SHA256 != resultFile('a').SHA256 ||
			!r.IssuedAt.Equal(vn(3, 4, 11, 0)) || r.Name == "" || !r.ValidUntil.IsZero() || r.Attempts != 0 || r.Link != "" {
			t.Fatalf("the result to push: %+v", r)
		}
		if list, _ := db.UnpushedResults(ctx, 1); len(list) != 1 || list[0].Code != plainCode {
			t.Fatalf("the oldest first, within the limit: %v", codesOf(list))
		}

		// Pushed: audited once, masked, never offered again.
		pushedAt := vn(5, 13, 9, 1)
		for range 2 {
			if err := db.MarkPushed(ctx, r.ID, pushedAt); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db, "issued_results WHERE pushed_at = "+strconv.FormatInt(pushedAt.UnixMilli(), 10)); n != 1 {
			t.Fatalf("%d results marked pushed", n)
		}
		if n := count(t, db, "audit_log WHERE action = 'result.pushed' AND object = '"+plain.d.Code+" "+plainCode+"' AND detail LIKE '%•••••••••678%'"); n != 1 {
			t.Fatalf("the push audited %d times", n)
		}

		// Failed: waits 1 minute, then 2; the store's echo of the number is masked.
		second := list[1]
		cause := errors.New("khodl POST /ket-qua: the store answered 422 so_dinh_danh 001199000002 unknown")
		if err := db.PushFailed(ctx, second.ID, db.Now(), cause); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.UnpushedResults(ctx, 10); len(list) != 0 {
			t.Fatalf("offered again at once: %v", codesOf(list))
		}
		setNow(db, vn(5, 13, 9, 1))
		list, _ = db.UnpushedResults(ctx, 10)
		if len(list) != 1 || list[0].Code != correction.Code || list[0].Attempts != 1 {
			t.Fatalf("after a minute: %+v", list)
		}
		if err := db.PushFailed(ctx, second.ID, db.Now(), cause); err != nil {
			t.Fatal(err)
		}
		setNow(db, vn(5, 13, 9, 2))
		if list, _ := db.UnpushedResults(ctx, 10); len(list) != 0 {
			t.Fatalf("the second failure waits 2 minutes, offered after 1: %v", codesOf(list))
		}
		setNow(db, vn(5, 13, 9, 3))
		if list, _ := db.UnpushedResults(ctx, 10); len(list) != 1 || list[0].Attempts != 2 {
			t.Fatalf("after 2 minutes: %+v", list)
		}
		if n := count(t, db, "audit_log WHERE action IN ('result.pushed', 'result.push_failed') AND (detail LIKE '%"+id+"%' OR detail LIKE '%001199000002%')"); n != 0 {
			t.Errorf("%d audit entries keep an identity number", n)
		}
		if n := count(t, db, "audit_log WHERE action = 'result.push_failed' AND detail LIKE '%attempt 2: khodl POST /ket-qua: the store answered 422%'"); n != 1 {
			t.Errorf("the second failure audited %d times", n)
		}
	})
}

// TestPushBackoffDoublesUpToADay: 1, 2, 4… minutes, never more than a day.
func TestPushBackoffDoublesUpToADay(t *testing.T) {
	for n, want := range map[int]time.Duration{0: 0, 1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 11: 1024 * time.Minute,
		12: 24 * time.Hour, 1000: 24 * time.Hour} {
		if got := store.PushBackoff(n); got != want {
			t.Errorf("after %d failures: %v, want %v", n, got, want)
		}
	}
}
