package payment_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
)

// TestParseAmountIsStrict: only plain integers of đồng pass; separators,
// signs, decimals, spaces, leading zeros and overflow are refused with the
// malformed-amount reason.
func TestParseAmountIsStrict(t *testing.T) {
	ok := map[string]int64{"0": 0, "1": 1, "50000": 50000, "10000000000000": payment.MaxAmount}
	for s, want := range ok {
		if got, err := payment.ParseAmount(s, "amount"); err != nil || got != want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-1", "+1", "10.000", "10,000", "10 000", "1e5", "50000.00", "050000", "１２",
		"10000000000001", "99999999999999999999", " 1", "1\n", "0x10", "١"} {
		_, err := payment.ParseAmount(s, "amount")
		if payment.Reason(err) != payment.ReasonMalformedAmount || motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != "amount" {
			t.Errorf("ParseAmount(%q) = %v; want a malformed amount", s, err)
		}
	}
}

func validOrder() payment.Order {
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, motcua.VN)
	return payment.Order{ID: "HS-000123-1", Amount: 50000, Info: "000.21.99.P01-261207-0001", ReturnURL: "https://motcua.example/thanh-toan/ve",
		ClientIP: "203.0.113.7", CreatedAt: at, ExpiresAt: at.Add(15 * time.Minute)}
}

// TestOrderValidate: each field out of format is refused with its field
// named; the order reference and amount with their payment reasons.
func TestOrderValidate(t *testing.T) {
	if err := validOrder().Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, field, reason string
		change              func(*payment.Order)
	}{
		{"id with a slash", "id", payment.ReasonBadOrderID, func(o *payment.Order) { o.ID = "HS/1" }},
		{"id too long", "id", payment.ReasonBadOrderID, func(o *payment.Order) { o.ID = strings.Repeat("A", 33) }},
		{"empty id", "id", payment.ReasonBadOrderID, func(o *payment.Order) { o.ID = "" }},
		{"zero amount", "amount", payment.ReasonMalformedAmount, func(o *payment.Order) { o.Amount = 0 }},
		{"negative amount", "amount", payment.ReasonMalformedAmount, func(o *payment.Order) { o.Amount = -5 }},
		{"info with diacritics", "info", "", func(o *payment.Order) { o.Info = "Lệ phí" }},
		{"info with &", "info", "", func(o *payment.Order) { o.Info = "a&b" }},
		{"relative return", "return_url", "", func(o *payment.Order) { o.ReturnURL = "/ve" }},
		{"bad ip", "client_ip", "", func(o *payment.Order) { o.ClientIP = "localhost" }},
		{"no creation", "created_at", "", func(o *payment.Order) { o.CreatedAt = time.Time{} }},
		{"expiry before creation", "expires_at", "", func(o *payment.Order) { o.ExpiresAt = o.CreatedAt }},
	}
	for _, c := range cases {
		o := validOrder()
		c.change(&o)
		err := o.Validate()
		if motcua.ErrorCode(err) != motcua.EINVALID || motcua.ErrorField(err) != c.field || payment.Reason(err) != c.reason {
			t.Errorf("%s: %v (field %q, reason %q)", c.name, err, motcua.ErrorField(err), payment.Reason(err))
		}
	}
}

// TestSecretNeverPrints: formatting, logging and error wrapping show
// "[redacted]"; only Reveal gives the key.
func TestSecretNeverPrints(t *testing.T) {
	s := payment.Secret("S3CR3T-KEY")
	var logged bytes.Buffer
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "secret", s)
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "secret", s)
	out := fmt.Sprint(s) + fmt.Sprintf("%v %+v %#v %s %q", s, s, s, s, s) + logged.String() + fmt.Errorf("wrap %v", s).Error()
	if strings.Contains(out, "S3CR3T") {
		t.Fatalf("the secret leaked: %s", out)
	}
	if string(s.Reveal()) != "S3CR3T-KEY" {
		t.Fatal("Reveal lost the key")
	}
}

// TestSecretFromEnv reads the variable, or the file its _FILE names, and
// says which is missing without printing anything of a value.
func TestSecretFromEnv(t *testing.T) {
	t.Setenv("MOTCUA_TEST_GW_SECRET", "from-env")
	if s, err := payment.SecretFromEnv("MOTCUA_TEST_GW_SECRET"); err != nil || string(s.Reveal()) != "from-env" {
		t.Fatalf("%v", err)
	}
	path := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(path, []byte("from-file\n"), 0o600)
	t.Setenv("MOTCUA_TEST_GW_SECRET_FILE", path)
	if s, err := payment.SecretFromEnv("MOTCUA_TEST_GW_SECRET"); err != nil || string(s.Reveal()) != "from-file" {
		t.Fatalf("%v", err)
	}
	if _, err := payment.SecretFromEnv("MOTCUA_TEST_GW_UNSET"); err == nil || !strings.Contains(err.Error(), "MOTCUA_TEST_GW_UNSET") {
		t.Fatalf("unset: %v", err)
	}
}

// TestAckFor maps verification errors to the acknowledgement.
func TestAckFor(t *testing.T) {
	cases := map[payment.Ack]error{
		payment.AckAccepted:     nil,
		payment.AckBadSignature: payment.ErrBadSignature(),
		payment.AckUnknownOrder: payment.ErrUnknownOrder(),
		payment.AckError:        payment.ErrMalformedAmount("vnp_Amount"),
	}
	for want, err := range cases {
		if got := payment.AckFor(err); got != want {
			t.Errorf("AckFor(%v) = %d; want %d", err, got, want)
		}
	}
}
