package payment

import (
	"context"
	"fmt"
	"time"
)

// Ref names an order to query: its reference and creation instant.
type Ref struct {
	OrderID   string
	CreatedAt time.Time
}

// QueryEach asks the gateway about each order, in order, and returns what
// it knows; orders it does not know are left out (for reconciliation they
// are "here but not there"). It is how a day is reconciled with a gateway
// that has no per-day list: the ledger passes the orders it created that
// day and those still open. Transactions the gateway holds for orders the
// ledger never made cannot be found this way; they surface as refused
// notifications (AckUnknownOrder) and in the gateway's merchant statement.
func QueryEach(ctx context.Context, g Gateway, refs []Ref) ([]Transaction, error) {
	var out []Transaction
	for _, r := range refs {
		t, err := g.Query(ctx, r.OrderID, r.CreatedAt)
		if Reason(err) == ReasonUnknownOrder {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("payment.QueryEach(%s, %s): %w", g.Name(), r.OrderID, err)
		}
		out = append(out, t)
	}
	return out, nil
}
