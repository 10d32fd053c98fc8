package vnpaytest

import (
	"crypto/hmac"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Tamper changes a notification the way an attacker or a faulty gateway
// would: Secret signs it with another key, AmountDelta changes the amount
// (still correctly signed, to test the caller's amount check).
type Tamper struct {
	Secret      string
	AmountDelta int64
}

// Notify calls the merchant's IPN URL for the transaction ref, as after a
// payment; calling it again is a duplicate, calling it after Hold a late
// notification. It returns the merchant's answer.
func (s *Server) Notify(ref string, tamper Tamper) (Delivery, error) {
	s.mu.Lock()
	t, ok := s.txns[ref]
	if !ok || t.ResponseCode == "" {
		s.mu.Unlock()
		return Delivery{}, fmt.Errorf("vnpaytest: no completed transaction %q", ref)
	}
	params := s.resultParams(t, t.Amount+tamper.AmountDelta)
	s.mu.Unlock()
	secret := s.Secret
	if tamper.Secret != "" {
		secret = tamper.Secret
	}
	d, err := s.deliver(ref, signed(secret, params))
	s.mu.Lock()
	s.deliveries = append(s.deliveries, d)
	s.mu.Unlock()
	return d, err
}

// deliver makes one IPN call: a GET with the signed parameters.
func (s *Server) deliver(ref string, params url.Values) (Delivery, error) {
	d := Delivery{Ref: ref}
	if s.IPNURL == "" {
		return d, fmt.Errorf("vnpaytest: no IPN URL registered")
	}
	res, err := s.client.Get(s.IPNURL + "?" + params.Encode())
	if err != nil {
		return d, err
	}
	defer res.Body.Close()
	d.Status = res.StatusCode
	var ans struct{ RspCode, Message string }
	if err := json.NewDecoder(io.LimitReader(res.Body, 4096)).Decode(&ans); err != nil {
		return d, fmt.Errorf("vnpaytest: IPN answer is not {RspCode, Message}: %w", err)
	}
	d.RspCode, d.Message = ans.RspCode, ans.Message
	return d, nil
}

// Pay plays the customer's browser: it opens payURL on the gateway (which
// checks it), chooses outcome on the payment page and returns the URL the
// gateway redirects to (the merchant's return URL with signed parameters).
// A refused payment URL is an error carrying the gateway's code.
func (s *Server) Pay(payURL string, outcome Outcome) (string, error) {
	res, err := s.client.Get(payURL)
	if err != nil {
		return "", err
	}
	page, _ := io.ReadAll(io.LimitReader(res.Body, 16<<10))
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("vnpaytest: the gateway refused the payment URL: %s", codeOf(string(page)))
	}
	u, _ := url.Parse(payURL)
	noFollow := *s.client
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err = noFollow.PostForm(s.URL+pagePath, url.Values{"ref": {u.Query().Get("vnp_TxnRef")}, "outcome": {string(outcome)}})
	if err != nil {
		return "", err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		return "", fmt.Errorf("vnpaytest: paying answered %s", res.Status)
	}
	return res.Header.Get("Location"), nil
}

// codeOf extracts the code from the error page.
func codeOf(page string) string {
	_, rest, ok := strings.Cut(page, `<p id="code">`)
	if !ok {
		return "?"
	}
	code, _, _ := strings.Cut(rest, "<")
	return code
}

func hexParam(s string) ([]byte, error) { return hex.DecodeString(s) }

func hmacEqual(got []byte, wantHex string) bool {
	want, _ := hex.DecodeString(wantHex)
	return hmac.Equal(got, want)
}
