package store_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestCitizenPaysTheirOwnDossier: the citizen who filed online requests
// the payment with their contact, sees it in their payments and reads its
// receipt; another contact finds nothing; the return page's lookup by
// order names nobody.
func TestCitizenPaysTheirOwnDossier(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		c := motcua.Contact{Email: "binh@example.vn"}
		other := motcua.Contact{Email: "la@example.vn"}
		sub := r.submission("pay-1")
		if err := db.Submit(ctx, c, sub); err != nil {
			t.Fatal(err)
		}
		d, err := db.AcceptSubmission(ctx, r.counterA, sub.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := storetest.SetFeeDuesForTest(ctx, db, d.ID, 25_000, 0); err != nil {
			t.Fatal(err)
		}
		_, err = db.RequestPayment(ctx, store.Requester{Contact: &other}, d.ID, motcua.FeePayAtIntake)
		wantCode(t, err, motcua.ENOTFOUND)
		p, err := db.RequestPayment(ctx, store.Requester{Contact: &c}, d.ID, motcua.FeePayAtIntake)
		if err != nil || p.Amount != 25_000 || p.RequestedBy != "citizen:binh@example.vn" {
			t.Fatalf("request %+v, %v", p, err)
		}
		mine, err := db.MyPayments(ctx, c)
		if err != nil || len(mine) != 1 || mine[0].ID != p.ID {
			t.Fatalf("MyPayments %+v, %v", mine, err)
		}
		if theirs, err := db.MyPayments(ctx, other); err != nil || len(theirs) != 0 {
			t.Fatalf("another contact's payments %+v, %v", theirs, err)
		}
		_, rc, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := db.Receipt(ctx, store.Requester{Contact: &c}, rc.ID); err != nil || got.Amount != 25_000 {
			t.Fatalf("the citizen's receipt %+v, %v", got, err)
		}
		_, err = db.Receipt(ctx, store.Requester{Contact: &other}, rc.ID)
		wantCode(t, err, motcua.ENOTFOUND)
		_, err = db.DossierPayments(ctx, store.Requester{Contact: &other}, d.ID)
		wantCode(t, err, motcua.ENOTFOUND)
		byOrder, err := db.PaymentByOrder(ctx, p.OrderID)
		if err != nil || byOrder.RequestedBy != "" || byOrder.ClosedBy != "" || byOrder.State != motcua.PaymentCancelled {
			t.Fatalf("PaymentByOrder %+v, %v", byOrder, err)
		}
	})
}

// TestPaymentFactsReachTheFeed: a request and a cash payment appear in the
// event feed as payment messages about the dossier, after its ledger
// events, without amounts of cards or anything of a gateway; the dossier's
// own events and state are unchanged by them.
func TestPaymentFactsReachTheFeed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.owing(t, 15_000, 0)
		before := feedOf(t, db, r.counterA, 1) // the acceptance
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		after := feedOf(t, db, r.counterA, len(before)+2)
		got := after[len(before):]
		if len(got) != 2 || got[0].Type != "vn.motcua.payment.requested" || got[1].Type != "vn.motcua.payment.paid" ||
			got[1].Subject != d.Code || got[1].Data.State != d.State || got[1].Data.Event != "payment_paid" || got[0].ID == got[1].ID {
			t.Fatalf("feed after the payment: %+v", got)
		}
		if theirs, _, err := db.Feed(ctx, r.counterB, store.Cursor{}, 100); err != nil || len(theirs) != 0 {
			t.Fatalf("commune B's feed: %+v, %v", theirs, err)
		}
	})
}

// TestReplacedRequestIsClosedInTheFeed: an online request the counter's
// cash replaces is told closed (payment.cancelled), so that a reader who
// saw it requested does not wait for it forever.
func TestReplacedRequestIsClosedInTheFeed(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.owing(t, 15_000, 0)
		before := feedOf(t, db, r.counterA, 1)
		online, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		got := feedOf(t, db, r.counterA, len(before)+4)[len(before):]
		var types []string
		for _, e := range got {
			types = append(types, e.Type[len("vn.motcua."):])
		}
		want := []string{"payment.requested", "payment.cancelled", "payment.requested", "payment.paid"}
		if !slices.Equal(types, want) || got[1].ID != "payment-"+strconv.FormatInt(online.ID, 10)+"-payment_cancelled" ||
			got[1].Data.Payment == nil || got[1].Data.Payment.State != motcua.PaymentCancelled {
			t.Fatalf("feed: %v (want %v); cancelled: %+v", types, want, got[1])
		}
	})
}

// feedOf reads the actor's feed until it holds at least n events (or 20
// seconds passed). On PostgreSQL the feed holds back events behind the
// oldest transaction still running in the cluster, which other test
// packages share: an event shows once theirs end.
func feedOf(t *testing.T, db *store.DB, a *motcua.Actor, n int) []motcua.CloudEvent {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		events, _, err := db.Feed(t.Context(), a, store.Cursor{}, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) >= n || time.Now().After(deadline) {
			return events
		}
	}
}
