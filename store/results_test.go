package store_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// resultFile is a result file as the file store would have checked it.
func resultFile(b byte) *motcua.SubmittedFile {
	return &motcua.SubmittedFile{FileName: "quyet-dinh.pdf", ContentType: "application/pdf", Size: 2048, SHA256: strings.Repeat(string([]byte{b, b}), 32)}
}

// TestIssuedResultCodeHashSupersedeRevoke: a result recorded with its
// file is issued under a code, its code and SHA-256 in the ledger event;
// a second result without superseding, a result for a dossier not ready
// and a correction without a reason are refused and write nothing; a
// correction supersedes the valid result (both kept, the old marked with
// who, when and why); the leader revokes; verification shows the public
// facts to anyone with the code, the document only with the receipt's
// secret, and an unknown code and a wrong secret alike.
func TestIssuedResultCodeHashSupersedeRevoke(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		setNow(db, monday)
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		at := monday.Add(time.Hour)
		s.act(f.counterA, at, motcua.EventHandedOver)
		s.act(f.specialistA, at.Add(time.Hour), motcua.EventHandedOver)

		// Not ready: no result can be issued yet.
		if _, err := db.IssueResult(ctx, f.specialistA, s.d.ID, "", "", store.ResultIssue{File: resultFile('a')}); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("a result for a dossier not ready: %v", err)
		}
		if n := count(t, db, "issued_results") + count(t, db, "result_files"); n != 0 {
			t.Fatalf("the refused result wrote %d rows", n)
		}

		s.act(f.leaderA, at.Add(2*time.Hour), motcua.EventHandedOver)
		setNow(db, at.Add(3*time.Hour))
		d, err := db.ActIssuing(ctx, f.counterA, motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: motcua.EventResultReady}, store.ResultIssue{File: resultFile('a')})
		if err != nil {
			t.Fatal(err)
		}
		s.d = d
		list, err := db.DossierResults(ctx, f.counterA, d.ID)
		if err != nil || len(list) != 1 || list[0].Status != motcua.ResultValid || list[0].File.SHA256 != resultFile('a').SHA256 || list[0].UnitID != f.a.ID {
			t.Fatalf("the issued result: %+v, %v", list, err)
		}
		first := list[0].Code
		if motcua.NormalizeResultCode(strings.ToLower(strings.ReplaceAll(first, "-", " "))) != first || len(first) != len("KQ-XXXX-XXXX-XXXX") {
			t.Fatalf("the code %q does not read back as typed", first)
		}
		var data []byte
		if err := db.SQL().QueryRowContext(ctx, db.Rebind(`SELECT data FROM events WHERE dossier_id = ? AND type = 'result_ready'`), d.ID).Scan(&data); err != nil {
			t.Fatal(err)
		}
		var ed motcua.EventData
		if err := json.Unmarshal(data, &ed); err != nil || ed.ResultCode != first || ed.ResultSHA256 != resultFile('a').SHA256 {
			t.Fatalf("the ledger event holds %+v, %v", ed, err)
		}

		// A second result that supersedes nothing: refused, nothing written.
		if _, err := db.IssueResult(ctx, f.leaderA, d.ID, "", "", store.ResultIssue{File: resultFile('b')}); motcua.ErrorCode(err) != motcua.ENOTALLOWED || !strings.Contains(motcua.ErrorMessage(err), first) {
			t.Fatalf("a second result without superseding: %v", err)
		}
		if _, err := db.IssueResult(ctx, f.leaderA, d.ID, first, " ", store.ResultIssue{File: resultFile('b')}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a correction without a reason: %v", err)
		}
		if _, err := db.IssueResult(ctx, f.leaderB, d.ID, first, "Sai ngày sinh", store.ResultIssue{File: resultFile('b')}); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("another unit's leader corrects: %v", err)
		}
		if _, err := db.IssueResult(ctx, f.counterA, d.ID, first, "Sai ngày sinh", store.ResultIssue{File: resultFile('b')}); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a counter officer corrects: %v", err)
		}
		if n := count(t, db, "issued_results"); n != 1 || count(t, db, "result_files") != 1 {
			t.Fatalf("refused corrections wrote: %d issued results", n)
		}

		setNow(db, at.Add(4*time.Hour))
		second, err := db.IssueResult(ctx, f.leaderA, d.ID, strings.ToLower(first), "Sai ngày sinh", store.ResultIssue{File: resultFile('b')})
		if err != nil {
			t.Fatal(err)
		}
		list, _ = db.DossierResults(ctx, f.counterA, d.ID)
		if len(list) != 2 || list[0].Status != motcua.ResultSuperseded || list[0].SupersededBy != second.Code || !list[0].SupersededAt.Equal(at.Add(4*time.Hour)) ||
			list[1].Status != motcua.ResultValid || list[1].Supersedes != first || list[1].Reason != "Sai ngày sinh" || list[1].IssuedBy != "Lê Thị Ba" {
			t.Fatalf("after the correction: %+v", list)
		}
		if n := count(t, db, "audit_log WHERE action = 'result.issued' AND detail LIKE '%"+resultFile('b').SHA256+"%'"); n != 1 {
			t.Errorf("the correction's hash audited %d times", n)
		}
		if _, err := db.IssueResult(ctx, f.leaderA, d.ID, first, "Lần nữa", store.ResultIssue{File: resultFile('c')}); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("superseding a superseded result: %v", err)
		}

		// Verification: public facts only; the document with the secret.
		pub, opened, err := db.VerifyResult(ctx, first, "")
		if err != nil || opened || pub.Status != motcua.ResultSuperseded || pub.SupersededBy != second.Code || pub.UnitName != f.a.Name ||
			pub.DossierCode != "" || pub.IssuedBy != "" || pub.File.FileName != "" || pub.File.SHA256 != resultFile('a').SHA256 {
			t.Fatalf("the public answer: %+v, %v, %v", pub, opened, err)
		}
		_, _, errUnknown := db.VerifyResult(ctx, "KQ-0000-0000-0000", "")
		_, _, errWrong := db.VerifyResult(ctx, second.Code, "WRONG123")
		if motcua.ErrorCode(errUnknown) != motcua.ENOTFOUND || errUnknown.Error() != errWrong.Error() {
			t.Fatalf("unknown %v and wrong secret %v differ", errUnknown, errWrong)
		}
		doc, err := db.ResultDocument(ctx, second.Code, strings.ToLower(d.TrackingSecret))
		if err != nil || doc.SHA256 != resultFile('b').SHA256 {
			t.Fatalf("the document with the secret: %+v, %v", doc, err)
		}
		if _, err := db.ResultDocument(ctx, second.Code, ""); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("the document without the secret: %v", err)
		}
		tr, err := db.Track(ctx, d.Code, d.TrackingSecret)
		if err != nil || tr.ResultCode != second.Code {
			t.Fatalf("tracking names the valid result %q, %v", tr.ResultCode, err)
		}

		// Revocation: the leader only, with a reason.
		if err := db.RevokeResult(ctx, f.specialistA, second.Code, "Cấp sai đối tượng"); motcua.ErrorCode(err) != motcua.EFORBIDDEN {
			t.Fatalf("a specialist revokes: %v", err)
		}
		if err := db.RevokeResult(ctx, f.leaderA, second.Code, ""); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("a revocation without a reason: %v", err)
		}
		if err := db.RevokeResult(ctx, f.leaderA, second.Code, "Cấp sai đối tượng"); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeResult(ctx, f.leaderA, second.Code, "Lần nữa"); motcua.ErrorCode(err) != motcua.ENOTALLOWED {
			t.Fatalf("revoked twice: %v", err)
		}
		pub, _, err = db.VerifyResult(ctx, second.Code, "")
		if err != nil || pub.Status != motcua.ResultRevoked || pub.RevokeReason != "" || pub.RevokedBy != "" {
			t.Fatalf("the revoked result, publicly: %+v, %v", pub, err)
		}
		pub, _, err = db.VerifyResult(ctx, second.Code, d.TrackingSecret)
		if err != nil || pub.Status != motcua.ResultRevoked || pub.RevokeReason != "Cấp sai đối tượng" || pub.RevokedBy != "" {
			t.Fatalf("the revoked result: %+v, %v", pub, err)
		}
		if tr, _ := db.Track(ctx, d.Code, d.TrackingSecret); tr.ResultCode != "" {
			t.Fatalf("tracking still offers the revoked result %s", tr.ResultCode)
		}
		if dg, err := db.Digitisation(ctx, f.leaderA, d.ID); err != nil || !dg.ResultMissing {
			t.Fatalf("a revoked result still counts as the electronic result (%+v, %v)", dg, err)
		}
		// A revoked result leaves none valid: a new one is issued without superseding.
		if _, err := db.IssueResult(ctx, f.leaderA, d.ID, "", "", store.ResultIssue{File: resultFile('c')}); err != nil {
			t.Fatalf("a new result after the revocation: %v", err)
		}
		if n := count(t, db, "issued_results WHERE dossier_id = "+strconv.FormatInt(d.ID, 10)); n != 3 {
			t.Fatalf("%d issued results kept, want 3", n)
		}
	})
}

// TestRejectedLateResultIsRevoked: a result recorded late with its file
// waits for the leader; refused, its issued result is revoked (it never
// counted), and the result recorded again issues a new one.
func TestRejectedLateResultIsRevoked(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		s := &scenario{t: t, db: db, d: f.accept(t, f.counterA, f.a.ID)}
		s.act(f.counterA, vn(3, 4, 9, 30), motcua.EventHandedOver)
		s.act(f.specialistA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		s.act(f.leaderA, vn(3, 4, 10, 30), motcua.EventHandedOver)
		setNow(db, vn(3, 5, 16, 0))
		late := motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: motcua.EventResultReady, At: vn(3, 4, 10, 45), Reason: "Mất điện"}
		d, err := db.ActIssuing(ctx, f.counterA, late, store.ResultIssue{File: resultFile('a')})
		if err != nil || d.Pending == nil {
			t.Fatalf("the late result is not pending: %v", err)
		}
		s.d = d
		s.act(f.leaderA, vn(3, 5, 16, 30), motcua.EventLateRejected, reason("Không có căn cứ"))
		list, err := db.DossierResults(ctx, f.counterA, d.ID)
		if err != nil || len(list) != 1 || list[0].Status != motcua.ResultRevoked || !strings.Contains(list[0].RevokeReason, "Không có căn cứ") {
			t.Fatalf("after the rejection: %+v, %v", list, err)
		}
		setNow(db, vn(3, 5, 16, 40))
		if s.d, err = db.ActIssuing(ctx, f.counterA, motcua.Action{DossierID: s.d.ID, Version: s.d.Version, Type: motcua.EventResultReady},
			store.ResultIssue{File: resultFile('b')}); err != nil {
			t.Fatal(err)
		}
		if list, _ = db.DossierResults(ctx, f.counterA, d.ID); len(list) != 2 || list[1].Status != motcua.ResultValid {
			t.Fatalf("the result recorded again: %+v", list)
		}
	})
}
