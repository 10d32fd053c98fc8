// Package vnpaytest runs a simulated VNPAY gateway on loopback for tests,
// speaking the protocol documented in package vnpay: it checks the
// merchant's signed payment URL, shows a tiny payment page (a browser test
// can click "Thanh toán"), redirects the browser to the return URL with
// signed parameters, calls the merchant's IPN URL server to server, and
// answers querydr. Its signing code is written apart from the adapter's
// (url.QueryEscape with '~' re-escaped, as PHP's urlencode does), so that
// the two implementations check each other.
package vnpaytest

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Paths of the simulated endpoints, as on the sandbox.
const (
	PayPath   = "/paymentv2/vpcpay.html"
	APIPath   = "/merchant_webapi/api/transaction"
	pagePath  = "/paymentv2/pay"
	dateShape = "20060102150405"
)

var gmt7 = time.FixedZone("GMT+7", 7*3600)

// Outcome is what the simulated customer does on the payment page.
type Outcome string

const (
	Paid      Outcome = "paid"   // pays: ResponseCode 00, TransactionStatus 00
	Cancelled Outcome = "cancel" // cancels: ResponseCode 24, TransactionStatus 02
)

// Txn is a transaction as the simulator holds it.
type Txn struct {
	Ref, Info, ReturnURL string
	Amount               int64 // đồng
	Created              string
	TransactionNo        string
	ResponseCode, Status string // "" and "01" until the customer acts
	PayDate              string
}

// Delivery is one IPN call and the merchant's answer.
type Delivery struct {
	Ref     string
	Status  int
	RspCode string
	Message string
}

// Server is the simulated gateway.
type Server struct {
	URL     string // base URL: the payment URL is URL+PayPath, the API URL+APIPath
	TmnCode string
	Secret  string
	// IPNURL is the merchant's IPN endpoint, registered with the gateway
	// (set it once the merchant's handler runs).
	IPNURL string
	// Hold keeps paying from calling the IPN: the test sends the late
	// notification itself with Notify.
	Hold bool
	Now  func() time.Time

	mu         sync.Mutex
	txns       map[string]*Txn
	deliveries []Delivery
	seq        int
	client     *http.Client
}

// Start runs a gateway for terminal tmnCode with secret until the test ends.
func Start(t testing.TB, tmnCode, secret string) *Server {
	s := &Server{TmnCode: tmnCode, Secret: secret, txns: map[string]*Txn{}, client: &http.Client{Timeout: 10 * time.Second}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+PayPath, s.payPage)
	mux.HandleFunc("POST "+pagePath, s.pay)
	mux.HandleFunc("POST "+APIPath, s.queryDR)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Txn returns a copy of the transaction with reference ref.
func (s *Server) Txn(ref string) (Txn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if !ok {
		return Txn{}, false
	}
	return *t, true
}

// Deliveries lists the IPN calls made so far, oldest first.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}

// hashOf signs params the gateway's way, independently of package vnpay.
func hashOf(secret string, params url.Values) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if strings.HasPrefix(k, "vnp_") && k != "vnp_SecureHash" && k != "vnp_SecureHashType" && params.Get(k) != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(phpURLEncode(k) + "=" + phpURLEncode(params.Get(k)))
	}
	return hmacHex(secret, b.String())
}

func phpURLEncode(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E") }

func hmacHex(secret, data string) string {
	m := hmac.New(sha512.New, []byte(secret))
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

// signed returns params with vnp_SecureHash computed with secret.
func signed(secret string, params url.Values) url.Values {
	params.Set("vnp_SecureHash", hashOf(secret, params))
	return params
}

// resultParams are the fields of a return and an IPN for t.
func (s *Server) resultParams(t *Txn, amount int64) url.Values {
	return url.Values{
		"vnp_TmnCode": {s.TmnCode}, "vnp_Amount": {strconv.FormatInt(amount*100, 10)}, "vnp_BankCode": {"NCB"},
		"vnp_BankTranNo": {"VNP" + t.TransactionNo}, "vnp_CardType": {"ATM"}, "vnp_OrderInfo": {t.Info},
		"vnp_PayDate": {t.PayDate}, "vnp_ResponseCode": {t.ResponseCode}, "vnp_TransactionNo": {t.TransactionNo},
		"vnp_TransactionStatus": {t.Status}, "vnp_TxnRef": {t.Ref},
	}
}

// Sign returns params signed with secret the gateway's way: for tests that
// craft a return or a notification the simulator would not send.
func Sign(secret string, params url.Values) url.Values { return signed(secret, params) }

// SetStatus changes a transaction's codes as the gateway's back office
// would (e.g. "05": a refund in progress), for querydr tests.
func (s *Server) SetStatus(ref, responseCode, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if ok {
		t.ResponseCode, t.Status = responseCode, status
	}
	return ok
}
