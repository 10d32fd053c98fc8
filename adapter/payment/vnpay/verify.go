package vnpay

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// VerifyReturn checks the parameters VNPAY puts on the browser's way back.
func (a *Adapter) VerifyReturn(q url.Values) (_ payment.Result, err error) {
	defer motcua.Wrap(&err, "vnpay.VerifyReturn")
	return a.verifyParams(q)
}

// VerifyNotification checks an IPN call: a GET carrying the same signed
// parameters as the return.
func (a *Adapter) VerifyNotification(r *http.Request) (_ payment.Result, err error) {
	defer motcua.Wrap(&err, "vnpay.VerifyNotification")
	if r.Method != http.MethodGet {
		return payment.Result{}, payment.ErrMalformed("method")
	}
	return a.verifyParams(r.URL.Query())
}

// verifyParams checks the signature first (nothing of an unsigned message
// is read), then the terminal and each field's format.
func (a *Adapter) verifyParams(q url.Values) (payment.Result, error) {
	params, ok := single(q)
	if !ok {
		return payment.Result{}, payment.ErrMalformed("vnp_*")
	}
	if !validSignature(a.HashSecret.Reveal(), canonical(params), params[fieldSecureHash]) {
		return payment.Result{}, payment.ErrBadSignature()
	}
	if params[fieldTmnCode] != a.TmnCode {
		return payment.Result{}, payment.ErrMalformed(fieldTmnCode)
	}
	return resultOf(params)
}

func resultOf(p map[string]string) (payment.Result, error) {
	ref := p[fieldTxnRef]
	if !payment.ValidOrderID(ref) {
		return payment.Result{}, payment.ErrBadOrderID(fieldTxnRef)
	}
	amount, err := parseAmount(p[fieldAmount], fieldAmount)
	if err != nil {
		return payment.Result{}, err
	}
	paidAt, err := parseDate(p[fieldPayDate], fieldPayDate)
	if err != nil {
		return payment.Result{}, err
	}
	code := p[fieldResponseCode]
	return payment.Result{
		OrderID:       ref,
		Amount:        amount,
		TransactionNo: p[fieldTransactionNo],
		BankCode:      p[fieldBankCode],
		PaidAt:        paidAt,
		Paid:          code == "00" && p[fieldTransactionStatus] == "00",
		ResponseCode:  code,
	}, nil
}

// parseAmount reads vnp_Amount (đồng × 100) strictly: a plain integer
// that is a whole number of đồng.
func parseAmount(s, field string) (int64, error) {
	n, err := payment.ParseAmount(s, field)
	if err != nil {
		return 0, err
	}
	if n%100 != 0 {
		return 0, payment.ErrMalformedAmount(field)
	}
	return n / 100, nil
}

// parseDate reads yyyyMMddHHmmss in GMT+7; empty stays the zero time
// (VNPAY may leave vnp_PayDate out of a failed payment).
func parseDate(s, field string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(DateLayout, s, motcua.VN)
	if err != nil || len(s) != len(DateLayout) {
		return time.Time{}, payment.ErrMalformed(field)
	}
	return t, nil
}

// ipnAnswers are the IPN acknowledgements of the PHP sample.
var ipnAnswers = map[payment.Ack][2]string{
	payment.AckAccepted:       {"00", "Confirm Success"},
	payment.AckUnknownOrder:   {"01", "Order not found"},
	payment.AckDuplicate:      {"02", "Order already confirmed"},
	payment.AckAmountMismatch: {"04", "invalid amount"},
	payment.AckBadSignature:   {"97", "Invalid signature"},
	payment.AckError:          {"99", "Unknow error"},
}

// Acknowledge writes the IPN answer VNPAY expects: 200 with
// {"RspCode","Message"}. Which codes make VNPAY retry is to confirm.
func (a *Adapter) Acknowledge(w http.ResponseWriter, _ payment.Result, ack payment.Ack) {
	ans, ok := ipnAnswers[ack]
	if !ok {
		ans = ipnAnswers[payment.AckError]
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"RspCode": ans[0], "Message": ans[1]})
}
