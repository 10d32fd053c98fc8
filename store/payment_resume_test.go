package store_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// waiting accepts, at commune A now, a dossier of a version
// with a 5.000 đồng levy due at intake and a 20.000 đồng charge per set
// due at the result: it waits for payment.
func (r *payRig) waiting(t *testing.T) *motcua.Dossier {
	t.Helper()
	if r.feeProc == nil {
		r.feeProc = r.withFees(t, "2.000101", true, entryLevy, setFee)
	}
	in := r.intake(r.a.ID)
	in.ProcedureID = r.feeProc.ID
	in.Applicant.Email = "binh@example.vn"
	d, err := r.db.Accept(t.Context(), r.counterA, in)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != motcua.StatePayment || !d.PausedAt.Equal(r.db.Now()) || d.Fees.DueAtIntake != 5000 {
		t.Fatalf("accepted with intake fees: state %s paused %s fees %+v", d.State, show(d.PausedAt), d.Fees)
	}
	return d
}

// eventsOf counts the dossier's events of a type.
func eventsOf(t *testing.T, db *store.DB, d *motcua.Dossier, typ motcua.EventType) int {
	t.Helper()
	return count(t, db, "events WHERE dossier_id = "+itoa(int(d.ID))+" AND type = '"+string(typ)+"'")
}

// TestCashAtTheCounterResumesTheDossier: a dossier waiting for payment is
// not handed over; the applicant is told once what to pay and where; the
// cash the counter takes the next morning appends payment_received by the
// officer, and the due instants move by the working day it waited.
func TestCashAtTheCounterResumesTheDossier(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.waiting(t)
		if n := count(t, db, "notifications WHERE about = '"+d.Code+"' AND subject LIKE '%chờ nộp phí%' AND body LIKE '%5.000 đồng%'"); n != 1 {
			t.Errorf("%d waiting-for-payment notices, want 1 (e-mail; the phone's SMS aside)", n)
		}
		s := &scenario{t: t, db: db, d: d}
		wantCode(t, s.try(r.counterA, vn(3, 4, 9, 30), motcua.EventHandedOver), motcua.ENOTALLOWED)
		tuesday := vn(3, 5, 9, 0)
		setNow(db, tuesday)
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		got, events, _, err := db.History(ctx, r.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if got.State != motcua.StateProcessing || got.Version != 2 || last.Type != motcua.EventPaymentReceived ||
			last.ActorID != r.counterA.User.ID || !last.At.Equal(tuesday) || last.UnitID != r.a.ID {
			t.Fatalf("after cash: state %s version %d, last event %+v", got.State, got.Version, last)
		}
		if want := vn(3, 8, 9, 0); !got.DueAt.Equal(want) || !d.DueAt.Equal(vn(3, 7, 9, 0)) {
			t.Errorf("due %s before, %s after; want Thu 09:00 then Fri 09:00", show(d.DueAt), show(got.DueAt))
		}
		stored, err := db.Dossier(ctx, r.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		sameDossier(t, "the row after the resumption", stored, got)
		s.d = stored
		s.act(r.counterA, vn(3, 5, 9, 30), motcua.EventHandedOver)
		if c, err := db.CheckLedger(ctx); err != nil || len(c.Problems) != 0 {
			t.Fatalf("ledger check: %+v %v", c, err)
		}
	})
}

// TestVerifiedNotificationResumesOnce: the gateway's verified notification
// resumes the dossier as the system; the same notification again, and the
// browser's return, append nothing.
func TestVerifiedNotificationResumesOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.waiting(t)
		p, back := r.payOnline(t, d, vnpaytest.Paid)
		got, events, _, err := db.History(ctx, r.counterA, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if got.State != motcua.StateProcessing || last.Type != motcua.EventPaymentReceived || last.ActorID != 0 {
			t.Fatalf("after the notification: state %s, last event %+v", got.State, last)
		}
		if dup, _ := r.gw.Notify(p.OrderID, vnpaytest.Tamper{}); dup.RspCode != "02" {
			t.Fatalf("duplicate answered %+v", dup)
		}
		u, err := url.Parse(back)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.vn.VerifyReturn(u.Query())
		if err != nil {
			t.Fatal(err)
		}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckDuplicate {
			t.Fatalf("return: %v %v", ack, err)
		}
		if n := eventsOf(t, db, d, motcua.EventPaymentReceived); n != 1 {
			t.Errorf("%d payment_received events, want 1", n)
		}
		if again, err := db.Dossier(ctx, r.counterA, d.ID); err != nil || again.Version != got.Version {
			t.Errorf("version %d after duplicates, want %d (%v)", again.Version, got.Version, err)
		}
	})
}

// TestCashAndNotificationRaceResumeOnce: the counter takes cash while the
// gateway's notification for the same stage arrives: one of them pays,
// the dossier resumes once; money that arrives second is flagged for
// refund or refused, never counted twice.
func TestCashAndNotificationRaceResumeOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		for range 3 {
			d := r.waiting(t)
			p, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
			if err != nil {
				t.Fatal(err)
			}
			res := payment.Result{OrderID: p.OrderID, Amount: p.Amount, TransactionNo: "1400" + p.OrderID[9:], Paid: true,
				ResponseCode: "00", PaidAt: monday}
			start, cashErr, notified := make(chan struct{}), make(chan error, 1), make(chan error, 1)
			go func() {
				<-start
				_, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake)
				cashErr <- err
			}()
			go func() {
				<-start
				_, err := db.ApplyGatewayResult(ctx, "vnpay", res)
				notified <- err
			}()
			close(start)
			if err := <-notified; err != nil {
				t.Fatal(err)
			}
			if err := <-cashErr; err != nil && motcua.ErrorCode(err) != motcua.ENOTALLOWED {
				t.Fatal(err)
			}
			b := r.book(t, d)
			paid := 0
			for _, p := range b.Payments {
				if p.State == motcua.PaymentPaid {
					paid++
				}
			}
			got, err := db.Dossier(ctx, r.counterA, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if paid != 1 || b.PaidIntake != 5000 || got.State != motcua.StateProcessing || eventsOf(t, db, d, motcua.EventPaymentReceived) != 1 {
				t.Fatalf("%d paid, %d paid at intake, state %s, %d resumptions", paid, b.PaidIntake, got.State,
					eventsOf(t, db, d, motcua.EventPaymentReceived))
			}
		}
	})
}

// TestPartPaymentDoesNotResume: the resumption asks that the intake stage
// owe nothing. Dues do not change after acceptance, so a part payment only
// happens if they did: the row's dues are raised here to show the guard.
func TestPartPaymentDoesNotResume(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		d := r.waiting(t)
		p, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		if err := storetest.SetFeeDuesForTest(ctx, db, d.ID, 8000, 40000); err != nil {
			t.Fatal(err)
		}
		res := payment.Result{OrderID: p.OrderID, Amount: 5000, TransactionNo: "14000001", Paid: true, ResponseCode: "00", PaidAt: monday}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
			t.Fatalf("%v %v", ack, err)
		}
		got, err := db.Dossier(ctx, r.counterA, d.ID)
		if err != nil || got.State != motcua.StatePayment || eventsOf(t, db, d, motcua.EventPaymentReceived) != 0 {
			t.Fatalf("3.000 đồng still owed: state %s (%v)", got.State, err)
		}
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Dossier(ctx, r.counterA, d.ID); err != nil || got.State != motcua.StateProcessing {
			t.Fatalf("paid in full: state %s (%v)", got.State, err)
		}
	})
}

// TestWaitingDossierMayBeStoppedOrWithdrawn: an applicant who never pays is
// stopped with notice (form 05); one who changes their mind withdraws.
// Money arriving afterwards is received but resumes nothing.
func TestWaitingDossierMayBeStoppedOrWithdrawn(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		stopped := &scenario{t: t, db: db, d: r.waiting(t)}
		stopped.act(r.leaderA, vn(3, 11, 9, 0), motcua.EventStopped, reason("Người nộp không nộp phí, lệ phí theo quy định"))
		withdrawn := &scenario{t: t, db: db, d: r.waiting(t)}
		withdrawn.act(r.counterA, vn(3, 11, 9, 5), motcua.EventWithdrawn, reason("Người nộp đề nghị rút hồ sơ"))
		if _, _, err := db.RecordCash(ctx, r.counterA, withdrawn.d.ID, motcua.FeePayAtIntake); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Dossier(ctx, r.counterA, withdrawn.d.ID); err != nil || got.State != motcua.StateWithdrawn {
			t.Fatalf("cash after withdrawal: state %s (%v)", got.State, err)
		}
		if stopped.d.State != motcua.StateStopped {
			t.Fatalf("stopped: %s", stopped.d.State)
		}
	})
}

// TestResultNotReturnedWhileTheResultStageOwes: the counter records the
// cash of the result stage before returning the result; then it may.
func TestResultNotReturnedWhileTheResultStageOwes(t *testing.T) {
	eachEngine(t, func(t *testing.T, db *store.DB) {
		r := newPayRig(t, db)
		ctx := t.Context()
		p := r.withFees(t, "2.000102", true, setFee)
		in := r.intake(r.a.ID)
		in.ProcedureID = p.ID
		d, err := db.Accept(ctx, r.counterA, in)
		if err != nil || d.State != motcua.StateProcessing {
			t.Fatalf("accepted owing only at the result: %+v %v", d, err)
		}
		s := &scenario{t: t, db: db, d: d}
		s.act(r.counterA, vn(3, 4, 9, 30), motcua.EventHandedOver)
		s.act(r.specialistA, vn(3, 4, 10, 0), motcua.EventHandedOver)
		s.act(r.leaderA, vn(3, 4, 10, 30), motcua.EventResultReady)
		err = s.try(r.counterA, vn(3, 4, 11, 0), motcua.EventResultReturned)
		wantCode(t, err, motcua.ENOTALLOWED)
		if msg := motcua.ErrorMessage(err); !strings.Contains(msg, "20.000 đồng") || !strings.Contains(msg, "trước khi trả kết quả") {
			t.Errorf("message %q", msg)
		}
		if _, _, err := db.RecordCash(ctx, r.counterA, d.ID, motcua.FeePayAtResult); err != nil {
			t.Fatal(err)
		}
		s.act(r.counterA, vn(3, 4, 11, 5), motcua.EventResultReturned)
	})
}
