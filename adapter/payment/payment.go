// Package payment is the one interface the ledger speaks to an online
// payment gateway, whichever it is: a signed payment URL the citizen's
// browser goes to, the signed return the browser brings back, the
// gateway's signed server-to-server notification and its acknowledgement,
// and a status query per order for reconciliation and for orders whose
// notification never came. Adapters live in sub-packages (vnpay, paygov),
// each with a simulator that speaks its protocol over HTTP in tests.
//
// What an adapter guarantees: a Result or Transaction it returns carries a
// valid signature from the gateway's key, a well-formed order reference
// and an amount in whole đồng parsed strictly. What it leaves to the
// caller, on purpose: whether the order exists and what it owes (the
// amount comes from the dossier, never from the gateway or the browser),
// and idempotence — a duplicated or replayed notification verifies exactly
// like the first one, and it is the ledger that records a payment once,
// keyed by (gateway, order, gateway transaction number).
package payment

import (
	"context"
	"net/http"
	"net/url"
	"time"
)

// Order is a payment request as the ledger makes it.
type Order struct {
	ID        string    // our order reference, unique per payment attempt (ValidOrderID)
	Amount    int64     // in đồng, from what the dossier owes
	Info      string    // ASCII-safe description, typically the dossier code (ValidInfo)
	ReturnURL string    // where the gateway sends the browser back (absolute http/https)
	ClientIP  string    // the citizen's IP address, as the gateways require it
	CreatedAt time.Time // when the request was made
	ExpiresAt time.Time // after it the gateway refuses to take the payment (zero: adapter default)
}

// Result is what a verified return or notification says about an order.
type Result struct {
	OrderID       string
	Amount        int64 // in đồng, as the gateway signed it: compare with what the dossier owes
	TransactionNo string
	BankCode      string
	PaidAt        time.Time
	Paid          bool
	ResponseCode  string // the gateway's own code, kept for the record and the accountant
}

// State is where a transaction stands at the gateway.
type State string

const (
	StatePending  State = "pending"  // started, not finished (or held by the gateway)
	StatePaid     State = "paid"     // the money was taken
	StateFailed   State = "failed"   // refused, cancelled or expired: nothing was taken
	StateRefunded State = "refunded" // the money was (or is being) given back
)

// Label is the state in Vietnamese, as the accountant's report says it.
func (s State) Label() string {
	switch s {
	case StatePending:
		return "Đang xử lý tại cổng"
	case StatePaid:
		return "Đã thanh toán tại cổng"
	case StateFailed:
		return "Không thành công"
	case StateRefunded:
		return "Đã hoàn tiền"
	}
	return string(s)
}

// Transaction is a gateway's answer to a status query.
type Transaction struct {
	OrderID       string
	Amount        int64 // in đồng
	TransactionNo string
	BankCode      string
	PaidAt        time.Time
	State         State
	Code          string // the gateway's own status code
}

// Ack is the merchant's answer to a notification, in the ledger's terms;
// each adapter writes it in its gateway's words.
type Ack int

const (
	AckAccepted       Ack = iota // recorded now
	AckDuplicate                 // already recorded: nothing changed
	AckUnknownOrder              // no such order here
	AckAmountMismatch            // the amount differs from what the order owes
	AckBadSignature              // the notification did not verify
	AckError                     // anything else: the gateway may retry
)

// AckFor maps the error of VerifyNotification to the acknowledgement the
// gateway expects, so that a refused notification is answered in its terms.
func AckFor(err error) Ack {
	switch Reason(err) {
	case "":
		return AckAccepted
	case ReasonBadSignature:
		return AckBadSignature
	case ReasonUnknownOrder:
		return AckUnknownOrder
	}
	return AckError
}

// Gateway is one payment gateway, as the ledger uses it.
type Gateway interface {
	// Name is the gateway's short name, recorded with each payment ("vnpay", "paygov").
	Name() string
	// PayURL returns where the citizen's browser goes to pay o. Some
	// gateways register the order server to server first, hence ctx.
	PayURL(ctx context.Context, o Order) (string, error)
	// VerifyReturn checks the signed parameters the browser brings back.
	// The return is for the citizen's eyes: the ledger counts a payment from
	// the notification or a query, since a browser may never come back.
	VerifyReturn(q url.Values) (Result, error)
	// VerifyNotification checks the gateway's server-to-server notification.
	VerifyNotification(r *http.Request) (Result, error)
	// Acknowledge answers a notification in the gateway's terms; res is
	// what VerifyNotification returned (empty when it failed).
	Acknowledge(w http.ResponseWriter, res Result, a Ack)
	// Query asks the gateway where one order stands; created is the
	// order's CreatedAt, which some gateways need to find it.
	Query(ctx context.Context, orderID string, created time.Time) (Transaction, error)
}

// DayLister is implemented by gateways that list a day's transactions.
// Neither VNPAY's public merchant API nor the national platform's public
// shape offers one, so reconciliation works from per-order queries
// (QueryEach) over the orders the ledger knows for the day.
type DayLister interface {
	Transactions(ctx context.Context, day time.Time) ([]Transaction, error)
}
