package payment_test

import (
	"strconv"
	"testing"

	"github.com/motcua/motcua/adapter/payment"
)

// FuzzParseAmount: whatever is accepted is canonical (it prints back the
// same) and within bounds.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "50000", "10.000", "-1", "1e5", "０", "007", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := payment.ParseAmount(s, "amount")
		if err != nil {
			return
		}
		if strconv.FormatInt(n, 10) != s || n < 0 || n > payment.MaxAmount {
			t.Fatalf("accepted %q as %d", s, n)
		}
	})
}
