package motcua

import "time"

// CloudEvent is one outgoing message about a dossier, in CloudEvents 1.0
// JSON: what the event feed returns and webhooks receive. It names the
// dossier and the units by their codes and carries no personal data.
type CloudEvent struct {
	SpecVersion     string       `json:"specversion"` // "1.0"
	ID              string       `json:"id"`          // the ledger event's id: unique, stable across retries
	Source          string       `json:"source"`      // "/motcua/units/<receiving unit code>"
	Type            string       `json:"type"`        // "vn.motcua.dossier.<event type>"
	Subject         string       `json:"subject"`     // the dossier code
	Time            time.Time    `json:"time"`        // when it happened
	DataContentType string       `json:"datacontenttype"`
	Data            EventMessage `json:"data"`
}

// EventMessage is a CloudEvent's data: the event and the dossier after it.
type EventMessage struct {
	Dossier       string    `json:"dossier"`
	Procedure     string    `json:"procedure"`
	Seq           int       `json:"seq"`
	Event         EventType `json:"event"`
	At            time.Time `json:"at"`
	RecordedAt    time.Time `json:"recorded_at"`
	State         State     `json:"state"`
	DueAt         time.Time `json:"due_at"`
	ResultAt      time.Time `json:"result_at,omitzero"`
	Channel       Channel   `json:"channel"`
	ReceivingUnit string    `json:"receiving_unit"`
	DecidingUnit  string    `json:"deciding_unit"`
	Pending       bool      `json:"pending,omitempty"` // a late entry awaiting approval: nothing changed yet
	// Payment is set on the vn.motcua.payment.* events only.
	Payment *PaymentFact `json:"payment,omitempty"`
}

// PaymentFact is what a vn.motcua.payment.* event says of the payment
// (docs/payments.md): the stage, the amount, how it was paid, where it
// stands and the receipt it issued. Never card data, the payer's identity,
// the gateway's transaction details or anything of its keys.
type PaymentFact struct {
	Stage  FeePayAt      `json:"stage"`            // intake or result
	Amount int64         `json:"amount"`           // đồng
	Method PaymentMethod `json:"method,omitempty"` // cash, vnpay, paygov; empty while only requested
	State  PaymentState  `json:"state"`
	// The receipt this fact issued (for a cancellation or a refund, the
	// document that voids or repays the first); none for a request.
	ReceiptKind   ReceiptKind `json:"receipt_kind,omitempty"`
	ReceiptSeries string      `json:"receipt_series,omitempty"`
	ReceiptNumber int64       `json:"receipt_number,omitempty"`
}

// CloudEventType is the CloudEvents type of a ledger event type.
func CloudEventType(t EventType) string { return "vn.motcua.dossier." + string(t) }
