package reform

import "testing"

// FuzzTypeOfNumber: document numbers from outside never panic and never
// give a kind without a label.
func FuzzTypeOfNumber(f *testing.F) {
	for _, s := range []string{"3677/QĐ-UBND", "01/2024/QĐ-UBND", "/", "//-", "629/UBND-NV"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := TypeOfNumber(s); got != "" && got.Label() == string(got) {
			t.Fatalf("%q → unknown kind %q", s, got)
		}
	})
}
