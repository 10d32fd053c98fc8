package vnpay

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// queryRequest is querydr's body; field order in the signature is fixed
// by the documentation, not by this struct.
type queryRequest struct {
	RequestID       string `json:"vnp_RequestId"`
	Version         string `json:"vnp_Version"`
	Command         string `json:"vnp_Command"`
	TmnCode         string `json:"vnp_TmnCode"`
	TxnRef          string `json:"vnp_TxnRef"`
	OrderInfo       string `json:"vnp_OrderInfo"`
	TransactionDate string `json:"vnp_TransactionDate"`
	CreateDate      string `json:"vnp_CreateDate"`
	IPAddr          string `json:"vnp_IpAddr"`
	SecureHash      string `json:"vnp_SecureHash"`
}

func (q *queryRequest) signed() string {
	return pipeJoin(q.RequestID, q.Version, q.Command, q.TmnCode, q.TxnRef, q.TransactionDate, q.CreateDate, q.IPAddr, q.OrderInfo)
}

// queryResponseFields is the order querydr's answer is signed in.
var queryResponseFields = []string{"vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
	"vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo", "vnp_TransactionType",
	"vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode", "vnp_PromotionAmount"}

// Query asks VNPAY (querydr) where the order created at created stands.
func (a *Adapter) Query(ctx context.Context, orderID string, created time.Time) (_ payment.Transaction, err error) {
	defer motcua.Wrap(&err, "vnpay.Query(%s)", orderID)
	if !payment.ValidOrderID(orderID) {
		return payment.Transaction{}, payment.ErrBadOrderID("order_id")
	}
	req := queryRequest{RequestID: requestID(), Version: Version, Command: "querydr", TmnCode: a.TmnCode, TxnRef: orderID,
		OrderInfo: "Truy van giao dich " + orderID, TransactionDate: formatDate(created), CreateDate: formatDate(a.now()), IPAddr: a.ServerIP}
	req.SecureHash = sign(a.HashSecret.Reveal(), req.signed())
	fields, err := a.post(ctx, req)
	if err != nil {
		return payment.Transaction{}, err
	}
	return a.transactionOf(orderID, fields)
}

// transactionOf checks the answer's signature and reads it. A "not found"
// answer is believed without a signature (it cannot make anything paid);
// a success must be signed.
func (a *Adapter) transactionOf(orderID string, f map[string]string) (payment.Transaction, error) {
	hash := f[fieldSecureHash]
	if hash != "" || f[fieldResponseCode] == "00" {
		vals := make([]string, len(queryResponseFields))
		for i, k := range queryResponseFields {
			vals[i] = f[k]
		}
		if !validSignature(a.HashSecret.Reveal(), pipeJoin(vals...), hash) {
			return payment.Transaction{}, payment.ErrBadSignature()
		}
	}
	switch f[fieldResponseCode] {
	case "00":
	case "91":
		return payment.Transaction{}, payment.ErrUnknownOrder()
	default:
		return payment.Transaction{}, payment.ErrGateway(f[fieldResponseCode])
	}
	if f[fieldTxnRef] != orderID || f[fieldTmnCode] != a.TmnCode {
		return payment.Transaction{}, payment.ErrMalformed(fieldTxnRef)
	}
	amount, err := parseAmount(f[fieldAmount], fieldAmount)
	if err != nil {
		return payment.Transaction{}, err
	}
	paidAt, err := parseDate(f[fieldPayDate], fieldPayDate)
	if err != nil {
		return payment.Transaction{}, err
	}
	status := f[fieldTransactionStatus]
	return payment.Transaction{OrderID: orderID, Amount: amount, TransactionNo: f[fieldTransactionNo], BankCode: f[fieldBankCode],
		PaidAt: paidAt, State: StateOf(f["vnp_TransactionType"], status), Code: status}, nil
}

// StateOf maps querydr's transaction type and status to the ledger's
// states. Types: 01 payment, 02 full refund, 03 partial refund. Statuses:
// 00 success, 01 not finished, 02 error, 04 reversed (the bank debited but
// VNPAY did not complete), 05 refund being processed, 06 refund sent to the
// bank, 07 suspected fraud (held until the merchant decides), 09 refund
// refused (the payment stands).
func StateOf(txnType, status string) payment.State {
	if txnType == "02" || txnType == "03" {
		return payment.StateRefunded
	}
	switch status {
	case "00", "09":
		return payment.StatePaid
	case "01", "07":
		return payment.StatePending
	case "05", "06":
		return payment.StateRefunded
	}
	return payment.StateFailed
}

func (a *Adapter) post(ctx context.Context, body queryRequest) (map[string]string, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.APIURL, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := a.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("querydr: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, payment.ErrGateway("HTTP " + strconv.Itoa(res.StatusCode))
	}
	return decodeFields(io.LimitReader(res.Body, 64<<10))
}

// decodeFields reads a flat JSON object whose values VNPAY sends as
// strings or, in some answers, as numbers; a number keeps its literal text,
// so an amount is never routed through a float.
func decodeFields(r io.Reader) (map[string]string, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(r)
	if err := dec.Decode(&raw); err != nil {
		return nil, payment.ErrMalformed("body")
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		var s string
		switch {
		case len(v) > 0 && v[0] == '"':
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, payment.ErrMalformed(k)
			}
		case string(v) == "null":
		default:
			s = string(v)
		}
		out[k] = s
	}
	return out, nil
}

// requestID is a fresh vnp_RequestId: unique per request, 32 characters.
func requestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
