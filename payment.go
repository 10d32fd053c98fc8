package motcua

import (
	"fmt"
	"time"
)

// Payments and electronic receipts (issue 19; docs/payments.md). A payment
// is one request for what a dossier owes at one stage (FeePayAt): the
// amount always comes from the dossier's bill, never from a form or a
// gateway. Payments live beside the dossier's ledger, not in it: paying
// changes neither the dossier's state nor its due dates, so the event log
// and the identities of II.06a stay as they are.

// PaymentState is where a payment stands.
type PaymentState string

const (
	PaymentRequested PaymentState = "requested" // asked for, not yet paid
	PaymentPaid      PaymentState = "paid"      // the money was received; a receipt was issued
	PaymentCancelled PaymentState = "cancelled" // the request was withdrawn (or a cash receipt cancelled)
	// PaymentRefundDue is money that arrived when nothing was owed any
	// more: after its request was cancelled, or for a stage already paid.
	// It is flagged for the accountant, never lost.
	PaymentRefundDue PaymentState = "refund_due"
	PaymentRefunded  PaymentState = "refunded" // the money was given back; a refund receipt says so
)

// Label is the state in Vietnamese.
func (s PaymentState) Label() string {
	switch s {
	case PaymentRequested:
		return "Chờ thanh toán"
	case PaymentPaid:
		return "Đã thanh toán"
	case PaymentCancelled:
		return "Đã hủy"
	case PaymentRefundDue:
		return "Cần hoàn trả"
	case PaymentRefunded:
		return "Đã hoàn trả"
	}
	return string(s)
}

// Received reports whether the money of a payment in this state was
// received (and so carries a receipt).
func (s PaymentState) Received() bool {
	return s == PaymentPaid || s == PaymentRefundDue || s == PaymentRefunded
}

// PaymentMethod is how a payment was made.
type PaymentMethod string

const (
	PayCash   PaymentMethod = "cash"   // at the counter
	PayVNPAY  PaymentMethod = "vnpay"  // through VNPAY
	PayPayGov PaymentMethod = "paygov" // through the national payment platform
)

// Label is the method in Vietnamese.
func (m PaymentMethod) Label() string {
	switch m {
	case PayCash:
		return "Tiền mặt tại bộ phận một cửa"
	case PayVNPAY:
		return "Trực tuyến qua VNPAY"
	case PayPayGov:
		return "Trực tuyến qua Nền tảng thanh toán quốc gia"
	case "":
		return "Chưa chọn"
	}
	return string(m)
}

// ValidGateway reports whether name is an online payment method.
func ValidGateway(name string) bool {
	return name == string(PayVNPAY) || name == string(PayPayGov)
}

// Payment is one request to pay a dossier's dues at one stage.
type Payment struct {
	ID          int64
	DossierID   int64
	DossierCode string
	UnitID      int64 // the unit that collects: the dossier's receiving unit
	Stage       FeePayAt
	Amount      int64  // đồng: the stage's due minus what was already paid, when requested
	OrderID     string // the gateway-safe reference (payment.ValidOrderID), unique
	State       PaymentState
	Method      PaymentMethod // "" until paid online or in cash
	RequestedBy string
	RequestedAt time.Time
	ExpiresAt   time.Time // after it the gateways refuse the order; a new request replaces it
	// Set once paid: the gateway's transaction and bank, or the officer
	// who took the cash.
	TransactionNo string
	BankCode      string
	PaidAt        time.Time
	ReceivedBy    string
	// Set when cancelled or refunded: by whom, when and why.
	ClosedBy string
	ClosedAt time.Time
	Note     string
}

// ReceiptKind is what a receipt records.
type ReceiptKind string

const (
	ReceiptPayment      ReceiptKind = "receipt"      // money received
	ReceiptCancellation ReceiptKind = "cancellation" // an earlier receipt is void
	ReceiptRefund       ReceiptKind = "refund"       // the money of an earlier receipt was given back
)

// Label is the kind as the receipt's title says it.
func (k ReceiptKind) Label() string {
	switch k {
	case ReceiptPayment:
		return "Biên lai thu phí, lệ phí"
	case ReceiptCancellation:
		return "Biên lai hủy"
	case ReceiptRefund:
		return "Biên lai hoàn trả"
	}
	return string(k)
}

// Receipt is an electronic receipt (biên lai điện tử). It is never
// edited: a cancellation or a refund is a new receipt that names the
// earlier one (RefersTo).
type Receipt struct {
	ID          int64
	UnitID      int64
	UnitName    string
	Year        int    // the series' year, in Vietnam's calendar
	Series      string // ký hiệu: ReceiptSeries(Year)
	Number      int64  // số: 1, 2, … per unit and year, without gaps
	Kind        ReceiptKind
	PaymentID   int64
	RefersTo    int64  // the receipt a cancellation or refund concerns; 0 for a receipt
	RefersToNo  string // that receipt's series and number, for printing
	Amount      int64  // đồng
	PayerName   string
	DossierCode string
	Stage       FeePayAt
	Method      PaymentMethod
	IssuedBy    string
	IssuedAt    time.Time
	Reason      string // why a receipt was cancelled or its money refunded
	SHA256      string // of the PDF as first rendered; "" until then
}

// ReceiptSeries is the series (ký hiệu) of a year's receipts: "BL-2026".
// The series is per unit and year; the unit's code tells units apart.
func ReceiptSeries(year int) string { return fmt.Sprintf("BL-%d", year) }

// NumberText is the receipt's number as printed: "0000012".
func (r *Receipt) NumberText() string { return fmt.Sprintf("%07d", r.Number) }

// Reference is the series and number together: "BL-2026 số 0000012".
func (r *Receipt) Reference() string { return r.Series + " số " + r.NumberText() }
