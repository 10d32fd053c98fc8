package server

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/store"
)

// ExpiredOrders settles the online payment requests whose order expired
// at the gateways without a notification (docs/payments.md, "Orders never
// notified"): a citizen who paid and closed the browser while the
// gateway's notification was lost. Each run asks every gateway about a
// bounded batch of such orders; a payment is applied as a verified result
// (store.DB.ApplyGatewayResult: paid, receipted, or refund_due), and an
// order no gateway took money for is cancelled (store.DB.ExpireRequest)
// so the citizen can start again. The log names the gateway, the order
// and the verdict, never a key.
type ExpiredOrders struct {
	DB *store.DB
	// Gateways are every gateway citizens may pay at, each able to query:
	// a request's gateway is unknown until paid, so an order is cancelled
	// only when all of them said nothing was paid.
	Gateways []payment.Gateway
	Log      *slog.Logger
	Batch    int           // orders asked about per run; 0: 50
	Grace    time.Duration // after the expiry, for a late notification to arrive first; 0: one minute
	// Now is the clock (tests); nil: time.Now.
	Now func() time.Time

	notBefore map[string]time.Time // gateway or order → not asked again before
	failures  map[string]int       // gateway → consecutive errors
}

// ExpirySummary counts what a run did.
type ExpirySummary struct {
	Asked, Paid, Cancelled, Held int // Held: pending or refunded at a gateway, or a gateway unreachable
}

// Run settles expired orders every interval until ctx ends.
func (j *ExpiredOrders) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		j.RunOnce(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (j *ExpiredOrders) now() time.Time {
	if j.Now != nil {
		return j.Now()
	}
	return time.Now()
}

// RunOnce asks about one batch of expired orders.
func (j *ExpiredOrders) RunOnce(ctx context.Context) (s ExpirySummary) {
	if j.notBefore == nil {
		j.notBefore, j.failures = map[string]time.Time{}, map[string]int{}
	}
	now, batch := j.now(), cmp.Or(j.Batch, 50)
	// Read more than a batch: orders held back (pending at a gateway) must
	// not starve the others.
	refs, err := j.DB.ExpiredRequests(ctx, now.Add(-cmp.Or(j.Grace, time.Minute)), 4*batch)
	if err != nil {
		j.Log.Warn("expired payment orders", "err", err)
		return s
	}
	for _, r := range refs {
		if s.Asked == batch || ctx.Err() != nil {
			break
		}
		if now.Before(j.notBefore[r.OrderID]) {
			continue
		}
		s.Asked++
		switch j.settle(ctx, r, now) {
		case "paid":
			s.Paid++
		case "cancelled":
			s.Cancelled++
		default:
			s.Held++
		}
	}
	if s.Asked > 0 {
		j.Log.Info("expired payment orders", "asked", s.Asked, "paid", s.Paid, "cancelled", s.Cancelled, "held", s.Held)
	}
	return s
}

// settle asks each gateway about one order and applies the answer; it
// returns the verdict: paid, cancelled or held.
func (j *ExpiredOrders) settle(ctx context.Context, r payment.Ref, now time.Time) string {
	var answers []string
	complete := true
	for _, g := range j.Gateways {
		if now.Before(j.notBefore[g.Name()]) {
			complete = false
			continue
		}
		t, err := g.Query(ctx, r.OrderID, r.CreatedAt)
		switch {
		case payment.Reason(err) == payment.ReasonUnknownOrder:
			j.failures[g.Name()] = 0
			answers = append(answers, g.Name()+": không có giao dịch")
			continue
		case err != nil:
			j.backOff(g.Name(), now, r.OrderID, err)
			complete = false
			continue
		}
		j.failures[g.Name()] = 0
		switch t.State {
		case payment.StatePaid:
			return j.applyPaid(ctx, g.Name(), t)
		case payment.StateFailed:
			answers = append(answers, g.Name()+": không thành công (mã "+t.Code+")")
		default: // pending, or refunded at the gateway: the reconciliation shows it
			complete = false
			j.Log.Info("expired payment order", "gateway", g.Name(), "order", r.OrderID, "verdict", string(t.State))
		}
	}
	if !complete {
		j.notBefore[r.OrderID] = now.Add(time.Hour)
		return "held"
	}
	note := "Hết hạn thanh toán; cổng thanh toán không ghi nhận khoản tiền nào (" + strings.Join(answers, "; ") + ")."
	closed, err := j.DB.ExpireRequest(ctx, r.OrderID, note)
	if err != nil || !closed {
		j.Log.Warn("expired payment order", "order", r.OrderID, "verdict", "not cancelled", "err", err)
		return "held"
	}
	j.Log.Info("expired payment order", "order", r.OrderID, "verdict", "cancelled")
	return "cancelled"
}

// applyPaid records a payment a gateway's query shows, as a verified
// notification would.
func (j *ExpiredOrders) applyPaid(ctx context.Context, gateway string, t payment.Transaction) string {
	res := payment.Result{OrderID: t.OrderID, Amount: t.Amount, TransactionNo: t.TransactionNo, BankCode: t.BankCode,
		PaidAt: t.PaidAt, Paid: true, ResponseCode: t.Code}
	ack, err := j.DB.ApplyGatewayResult(ctx, gateway, res)
	j.Log.Info("expired payment order", "gateway", gateway, "order", t.OrderID, "verdict", ackName(ack), "err", err)
	if err != nil || (ack != payment.AckAccepted && ack != payment.AckDuplicate) {
		j.notBefore[t.OrderID] = j.now().Add(time.Hour)
		return "held"
	}
	return "paid"
}

// backOff stops asking a gateway that fails for a while, doubling from
// one minute up to an hour.
func (j *ExpiredOrders) backOff(gateway string, now time.Time, order string, err error) {
	j.failures[gateway]++
	wait := min(time.Minute<<min(j.failures[gateway]-1, 6), time.Hour)
	j.notBefore[gateway] = now.Add(wait)
	j.Log.Warn("expired payment order", "gateway", gateway, "order", order, "verdict", "gateway error", "retry_in", wait.String(),
		"reason", payment.Reason(err), "err", err)
}

// ackName is an acknowledgement as the log says it.
func ackName(a payment.Ack) string {
	return [...]string{"accepted", "duplicate", "unknown_order", "amount_mismatch", "bad_signature", "error"}[a]
}
