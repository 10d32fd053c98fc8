package ledger_test

import (
	"testing"

	"github.com/motcua/motcua/ledger"
)

// TestIdentityNumberMatchesAPaper: the counter's "số định danh / mã số
// thuế" field takes the numbers of real papers only.
func TestIdentityNumberMatchesAPaper(t *testing.T) {
	cases := []struct {
		in, clean string
		ok        bool
	}{
		{"", "", true},
		{"066190001234", "066190001234", true},      // CCCD
		{"066 190 001 234", "066190001234", true},   // typed in groups
		{"241234567", "241234567", true},            // CMND
		{"0101234567", "0101234567", true},          // tax number
		{"0101234567-001", "0101234567-001", true},  // branch tax number
		{"0101234567001", "0101234567001", true},    // the same without the dash
		{"C1234567", "C1234567", true},              // Vietnamese passport
		{"c1234567", "C1234567", true},              // typed in lower case
		{"AB1234567", "AB1234567", true},            // foreign passport
		{"12345", "12345", false},                   // issue 15
		{"1234567", "1234567", false},               // no paper has 7 digits
		{"12345678901", "12345678901", false},       // 11 digits
		{"0670123456789", "0670123456789", true},    // 13 digits: a branch tax number
		{"06701234567890", "06701234567890", false}, // 14 digits
		{"0101234567-01", "0101234567-01", false},
		{"C12345", "C12345", true}, // short foreign passports exist (6 characters)
		{"C123", "C123", false},
		{"0670A2345678", "0670A2345678", false},
		{"C1234567!", "C1234567!", false},
	}
	for _, c := range cases {
		clean, problem := ledger.CleanIdentityNumber(c.in)
		if clean != c.clean || (problem == "") != c.ok {
			t.Errorf("CleanIdentityNumber(%q) = %q, %q; want %q, accepted %v", c.in, clean, problem, c.clean, c.ok)
		}
	}
}

// TestEmailIsADeliverableAddress: one plain address at a domain with a dot.
func TestEmailIsADeliverableAddress(t *testing.T) {
	for s, ok := range map[string]bool{
		"":                                 true,
		"binh@example.vn":                  true,
		"nguyen.van.a+hs@so.tuphap.gov.vn": true,
		"x@y":                              false, // issue 15
		"x@localhost":                      false,
		"x@y.":                             false,
		"x@.vn":                            false,
		"x@y..vn":                          false,
		"x@-y.vn":                          false,
		"a b@example.vn":                   false,
		"Bình <binh@example.vn>":           false,
		"binh@example.vn, lan@example.vn":  false,
		"binh.example.vn":                  false,
		"@example.vn":                      false,
		"binh@exa mple.vn":                 false,
		"binh@example.vn ":                 false,
	} {
		if got := ledger.EmailProblem(s) == ""; got != ok {
			t.Errorf("EmailProblem(%q) accepts = %v, want %v", s, got, ok)
		}
	}
}
