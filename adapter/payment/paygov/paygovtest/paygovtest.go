// Package paygovtest runs a simulated national payment platform (PayGov)
// on loopback for tests, speaking the shape documented in package paygov
// (public evidence plus the assumptions listed there): it checks the
// partner's init message, gives a payment page (with a "Thanh toán"
// button a browser test can click), posts the signed confirm message to
// the partner's callback, sends the browser back with the same signed
// fields, and answers get-bill queries. Its checksum code is written apart
// from the adapter's, so that each checks the other.
package paygovtest

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Paths of the simulated endpoints.
const (
	InitPath  = "/api/thanh-toan/khoi-tao"
	QueryPath = "/api/thanh-toan/tra-cuu"
	pagePath  = "/thanh-toan/"
	dateShape = "20060102150405"
)

var gmt7 = time.FixedZone("GMT+7", 7*3600)

// Outcome is what the simulated citizen does on the payment page.
type Outcome string

const (
	Paid      Outcome = "paid"
	Cancelled Outcome = "cancel"
)

// Txn is a registered payment as the platform holds it.
type Txn struct {
	Ref, Info, ReturnURL, Created string
	Amount                        int64
	Token                         string
	Code                          string // MaLoi: "02" until the citizen acts, then "00" or "24"
	TransactionNo, Bank, PaidAt   string
}

// Delivery is one confirm message sent and the partner's answer.
type Delivery struct {
	Ref    string
	Status int
	Answer map[string]string
}

// Server is the simulated platform, for one partner.
type Server struct {
	URL         string
	PartnerCode string
	HashKey     string
	// Protocol values the partner was enrolled with.
	Version, MessageInit, MessageConfirm, MessageQuery string
	CallbackURL                                        string // the partner's confirm endpoint, registered at enrolment
	Hold                                               bool   // paying does not post the confirm message (send it late with Notify)
	Now                                                func() time.Time

	mu         sync.Mutex
	txns       map[string]*Txn // by reference
	tokens     map[string]string
	deliveries []Delivery
	seq        int
	client     *http.Client
}

// Start runs a platform for partner with hash key until the test ends;
// the protocol values are the paygov package's defaults.
func Start(t testing.TB, partner, key string) *Server {
	s := &Server{PartnerCode: partner, HashKey: key, Version: "1.0.0", MessageInit: "INIT", MessageConfirm: "CONFIRM",
		MessageQuery: "GETBILL", txns: map[string]*Txn{}, tokens: map[string]string{}, client: &http.Client{Timeout: 10 * time.Second}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+InitPath, s.init)
	mux.HandleFunc("GET "+pagePath+"{token}", s.page)
	mux.HandleFunc("POST "+pagePath+"{token}", s.pay)
	mux.HandleFunc("POST "+QueryPath, s.query)
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

// Checksum is MaXacThuc computed the platform's way: SHA-256 of the parts
// and the key, each followed by '|' but the key. Exported for tests that
// craft messages the simulator would not send.
func Checksum(key string, parts ...string) string {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
		b = append(b, '|')
	}
	sum := sha256.Sum256(append(b, key...))
	return hex.EncodeToString(sum[:])
}

// Txn returns a copy of the payment registered as ref.
func (s *Server) Txn(ref string) (Txn, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[ref]
	if !ok {
		return Txn{}, false
	}
	return *t, true
}

// Deliveries lists the confirm messages sent so far.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.deliveries...)
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func token() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func readJSON(r *http.Request) (map[string]any, error) {
	var m map[string]any
	dec := json.NewDecoder(r.Body)
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// str reads a field as text, whether sent as a string or a number.
func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case nil:
		return ""
	}
	return fmt.Sprint(m[k])
}
