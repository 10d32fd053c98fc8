package payment

import (
	"errors"

	"github.com/motcua/motcua"
)

// Reasons refine motcua's error codes for payment input: stable, so that
// callers, logs and tests can tell a forged notification from a malformed
// one without reading messages.
const (
	ReasonBadSignature    = "payment_bad_signature"    // the signature is missing, malformed or from another key
	ReasonMalformedAmount = "payment_malformed_amount" // not a plain non-negative integer of đồng
	ReasonBadOrderID      = "payment_bad_order_id"     // the order reference is not in our format
	ReasonMalformed       = "payment_malformed"        // a field is missing, repeated or out of format
	ReasonUnknownOrder    = "payment_unknown_order"    // the gateway knows no such order
	ReasonGateway         = "payment_gateway"          // the gateway refused the request or answered out of protocol
)

// Error is a payment error: a stable Reason and the application error it
// refines (its Code maps to the HTTP status as usual).
type Error struct {
	Reason string
	Err    *motcua.Error
}

func (e *Error) Error() string { return e.Reason + ": " + e.Err.Error() }

// Unwrap lets motcua.ErrorCode and friends see the application error.
func (e *Error) Unwrap() error { return e.Err }

// Reason returns the payment reason inside err, "" for nil and for errors
// that are not payment errors.
func Reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	return ""
}

func newError(reason, code, field, msg string) error {
	return &Error{Reason: reason, Err: &motcua.Error{Code: code, Field: field, Message: msg}}
}

// ErrBadSignature is a signature that does not verify. The message says
// nothing of the key or of the expected value.
func ErrBadSignature() error {
	return newError(ReasonBadSignature, motcua.EFORBIDDEN, "", "Chữ ký của cổng thanh toán không hợp lệ.")
}

// ErrMalformedAmount is an amount that is not a plain integer of đồng.
func ErrMalformedAmount(field string) error {
	return newError(ReasonMalformedAmount, motcua.EINVALID, field,
		"Số tiền không hợp lệ: chỉ gồm chữ số, không dấu phân cách, không số âm, không phần thập phân.")
}

// ErrBadOrderID is an order reference outside our format.
func ErrBadOrderID(field string) error {
	return newError(ReasonBadOrderID, motcua.EINVALID, field, "Mã đơn thanh toán không đúng định dạng.")
}

// ErrMalformed is a missing, repeated or ill-formed field.
func ErrMalformed(field string) error {
	return newError(ReasonMalformed, motcua.EINVALID, field, "Dữ liệu thanh toán thiếu hoặc sai định dạng ("+field+").")
}

// ErrUnknownOrder is an order the gateway does not know.
func ErrUnknownOrder() error {
	return newError(ReasonUnknownOrder, motcua.ENOTFOUND, "", "Cổng thanh toán không có giao dịch này.")
}

// ErrGateway is a refusal or an out-of-protocol answer from the gateway;
// code is the gateway's own code, kept for the log (never a secret).
func ErrGateway(code string) error {
	return newError(ReasonGateway, motcua.EINTERNAL, "", "Cổng thanh toán từ chối yêu cầu (mã "+code+").")
}
