package store_test

import (
	"fmt"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestIdempotencyKeysAreTheSenders: each sender's keys are its own. An
// officer of commune B who sends the key the system gives the acceptance
// of submission N does not block commune A's acceptance of it; a citizen
// who sends a partner's key does not swallow that partner's prefill; two
// citizens with one form key get two submissions; a key sent again with
// another request is a conflict, never the first answer.
func TestIdempotencyKeysAreTheSenders(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := t.Context()
		citizen := motcua.Contact{Email: "binh@example.vn"}
		sub := f.submission("form-1")
		if err := db.Submit(ctx, citizen, sub); err != nil {
			t.Fatal(err)
		}

		squat := f.intake(f.b.ID)
		squat.Key = fmt.Sprintf("submission:%d", sub.ID)
		if _, err := db.Accept(ctx, f.counterB, squat); err != nil {
			t.Fatal(err)
		}
		d, err := db.AcceptSubmission(ctx, f.counterA, sub.ID)
		if err != nil || d.ReceivingUnitID != f.a.ID || d.Channel != motcua.ChannelOnline {
			t.Fatalf("commune A's acceptance after commune B sent the key %q: %+v, %v", squat.Key, d, err)
		}

		_, client, err := db.CreateClient(ctx, store.ClientSpec{Name: "Bảo trợ xã hội", UnitCodes: []string{f.a.Code},
			Actions: []motcua.ClientAction{motcua.ClientRegister}})
		if err != nil {
			t.Fatal(err)
		}
		partner, err := db.ClientActorNamed(ctx, client.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Submit(ctx, citizen, f.submission(fmt.Sprintf("partner:%d:seq-100", client.ID))); err != nil {
			t.Fatal(err)
		}
		pre := &motcua.Submission{ProcedureID: f.proc.ID, UnitID: f.a.ID, Applicant: motcua.Applicant{Name: "Đinh Thị Lan", Email: citizen.Email}}
		if err := db.Prefill(ctx, partner, "seq-100", pre); err != nil || pre.ID == 0 || pre.Applicant.Name != "Đinh Thị Lan" {
			t.Fatalf("the partner's prefill after a citizen sent its key: %+v, %v", pre, err)
		}

		other := motcua.Contact{Phone: "0987654321"}
		theirs := f.submission("form-1")
		if err := db.Submit(ctx, other, theirs); err != nil || theirs.ID == 0 || theirs.ID == sub.ID {
			t.Fatalf("a second contact's form with the first's key: id %d (first %d), %v", theirs.ID, sub.ID, err)
		}
		if mine, err := db.MySubmissions(ctx, other); err != nil || len(mine) != 1 {
			t.Fatalf("the second contact holds %d submissions, %v", len(mine), err)
		}

		changed := f.submission("form-1")
		changed.Applicant.Name = "Người Khác"
		if err := db.Submit(ctx, citizen, changed); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("a form key sent again with other content: %v", err)
		}
		pre2 := &motcua.Submission{ProcedureID: f.proc.ID, UnitID: f.a.ID, Applicant: motcua.Applicant{Name: "Lê Văn Khác"}}
		if err := db.Prefill(ctx, partner, "seq-100", pre2); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("a prefill key sent again with another applicant: %v", err)
		}
		in := f.intake(f.a.ID)
		in.Key = "desk-1"
		first, err := db.Accept(ctx, f.counterA, in)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := db.Accept(ctx, f.counterA, in); err != nil || again.ID != first.ID {
			t.Fatalf("the same intake sent twice: %v then %v, %v", first.ID, again, err)
		}
		in.Applicant.Name = "Trần Thị Khác"
		if _, err := db.Accept(ctx, f.counterA, in); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("an intake key sent again with another applicant: %v", err)
		}
	})
}
