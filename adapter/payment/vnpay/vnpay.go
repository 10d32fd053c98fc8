// Package vnpay speaks VNPAY's payment gateway (Cổng thanh toán VNPAY),
// API version 2.1.0, as its public integration specification describes it.
//
// Sources (read 2026-12; facts, not code, are taken from them):
//   - PAY integration guide, sandbox.vnpayment.vn/apis/docs/thanh-toan-pay/pay.html
//     and …/apis/docs/huong-dan-tich-hop/: payment URL parameters, return URL,
//     IPN URL, the example URL with its vnp_SecureHash.
//   - Version and hash change notice, …/apis/docs/chuyen-doi-thuat-toan/changeTypeHash.html:
//     2.1.0 signs with HMAC-SHA512 and no longer sends vnp_SecureHashType.
//   - querydr/refund API, …/apis/docs/truy-van-hoan-tien/querydr&refund.html:
//     POST JSON to /merchant_webapi/api/transaction, the field list.
//   - VNPAY's PHP sample code as republished in many public repositories
//     (vnpay_create_payment.php, vnpay_ipn.php): parameters sorted by name,
//     name and value passed through PHP urlencode (space as '+'), joined
//     with '&', HMAC-SHA512 in hex; the IPN answers {"RspCode","Message"}.
//   - The MIT-licensed Node library lehuygiang28/vnpay (src/services/query.service.ts,
//     src/constants/response-map.constant.ts): the '|'-joined field order that
//     querydr signs in the request and in the response, and the code tables.
//
// The protocol as this adapter speaks it:
//
//	browser → GET {PayURL}?vnp_Amount=…&vnp_Command=pay&…&vnp_SecureHash=…
//	   vnp_Amount is đồng × 100; dates yyyyMMddHHmmss in GMT+7;
//	   vnp_SecureHash = hex(HMAC-SHA512(secret, canonical)) where canonical is
//	   the query itself before the hash (sorted, urlencoded, '&'-joined).
//	VNPAY → GET {IPN URL registered with VNPAY}?vnp_…&vnp_SecureHash=…   (server to server)
//	   merchant answers 200 {"RspCode":"00"|"01"|"02"|"04"|"97"|"99","Message":…}
//	browser ← 302 {vnp_ReturnUrl}?vnp_…&vnp_SecureHash=…   (same fields, same signature rule)
//	merchant → POST {APIURL} JSON querydr, vnp_SecureHash = HMAC-SHA512 of
//	   RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo;
//	   the answer is signed over ResponseId|Command|ResponseCode|Message|TmnCode|
//	   TxnRef|Amount|BankCode|PayDate|TransactionNo|TransactionType|
//	   TransactionStatus|OrderInfo|PromotionCode|PromotionAmount.
//
// A payment counts (Result.Paid) only when vnp_ResponseCode and
// vnp_TransactionStatus are both "00", as the IPN sample checks.
//
// VNPAY offers no per-day transaction list in its public merchant API:
// reconciliation queries each order (payment.QueryEach).
//
// To confirm with VNPAY before going live: that vnp_TxnRef accepts '-'
// (the guide says alphanumeric; payment.ValidOrderID allows '-'); whether
// querydr error answers (91, 97, …) are always signed (this adapter
// verifies a signature whenever one is present and requires one on "00");
// the IPN retry schedule; and the production URLs.
package vnpay

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// Sandbox endpoints, as the integration guide gives them.
const (
	SandboxPayURL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
	SandboxAPIURL = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
)

// Version is the API version this adapter speaks.
const Version = "2.1.0"

// Parameter names.
const (
	fieldVersion           = "vnp_Version"
	fieldCommand           = "vnp_Command"
	fieldTmnCode           = "vnp_TmnCode"
	fieldAmount            = "vnp_Amount"
	fieldCurrCode          = "vnp_CurrCode"
	fieldTxnRef            = "vnp_TxnRef"
	fieldOrderInfo         = "vnp_OrderInfo"
	fieldOrderType         = "vnp_OrderType"
	fieldLocale            = "vnp_Locale"
	fieldReturnURL         = "vnp_ReturnUrl"
	fieldIPAddr            = "vnp_IpAddr"
	fieldCreateDate        = "vnp_CreateDate"
	fieldExpireDate        = "vnp_ExpireDate"
	fieldSecureHash        = "vnp_SecureHash"
	fieldSecureHashType    = "vnp_SecureHashType"
	fieldResponseCode      = "vnp_ResponseCode"
	fieldTransactionStatus = "vnp_TransactionStatus"
	fieldTransactionNo     = "vnp_TransactionNo"
	fieldBankCode          = "vnp_BankCode"
	fieldPayDate           = "vnp_PayDate"
)

// DateLayout is VNPAY's yyyyMMddHHmmss, always read and written in GMT+7.
const DateLayout = "20060102150405"

// DefaultExpiry is how long a payment URL stays payable when the order
// sets no expiry.
const DefaultExpiry = 15 * time.Minute

// Adapter talks to VNPAY for one merchant terminal. Its secret never
// appears in logs or errors (payment.Secret).
type Adapter struct {
	PayURLBase string         // SandboxPayURL or the production payment URL
	APIURL     string         // SandboxAPIURL or the production merchant API
	TmnCode    string         // vnp_TmnCode, the terminal code VNPAY assigns
	HashSecret payment.Secret // vnp_HashSecret
	OrderType  string         // vnp_OrderType; "other" when empty
	ServerIP   string         // vnp_IpAddr of querydr: the IP this server calls from
	Client     *http.Client
	Now        func() time.Time
}

var _ payment.Gateway = (*Adapter)(nil)

// Name implements payment.Gateway.
func (a *Adapter) Name() string { return "vnpay" }

// PayURL returns the signed payment URL for o; no call to VNPAY is needed.
func (a *Adapter) PayURL(_ context.Context, o payment.Order) (_ string, err error) {
	defer motcua.Wrap(&err, "vnpay.PayURL(%s)", o.ID)
	if a.TmnCode == "" || a.HashSecret == "" || a.PayURLBase == "" {
		return "", errors.New("vnpay: TmnCode, HashSecret and PayURLBase must be configured")
	}
	if err := o.Validate(); err != nil {
		return "", err
	}
	orderType := a.OrderType
	if orderType == "" {
		orderType = "other"
	}
	params := map[string]string{
		fieldVersion:    Version,
		fieldCommand:    "pay",
		fieldTmnCode:    a.TmnCode,
		fieldAmount:     formatAmount(o.Amount),
		fieldCurrCode:   "VND",
		fieldTxnRef:     o.ID,
		fieldOrderInfo:  o.Info,
		fieldOrderType:  orderType,
		fieldLocale:     "vn",
		fieldReturnURL:  o.ReturnURL,
		fieldIPAddr:     o.ClientIP,
		fieldCreateDate: formatDate(o.CreatedAt),
		fieldExpireDate: formatDate(o.ExpiryOr(DefaultExpiry)),
	}
	query := canonical(params)
	return a.PayURLBase + "?" + query + "&" + fieldSecureHash + "=" + sign(a.HashSecret.Reveal(), query), nil
}

func (a *Adapter) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

func (a *Adapter) client() *http.Client {
	if a.Client != nil {
		return a.Client
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// formatAmount is đồng × 100, as vnp_Amount carries it.
func formatAmount(dong int64) string { return strconv.FormatInt(dong*100, 10) }

func formatDate(t time.Time) string { return t.In(motcua.VN).Format(DateLayout) }
