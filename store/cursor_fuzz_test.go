package store

import "testing"

// FuzzParseCursor: a cursor from a client parses or is refused; what
// parses prints back the same.
func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{"", "0-0", "123-456", "-", "1-", "-1-2", "99999999999999999999-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCursor(s)
		if err != nil || s == "" {
			return
		}
		if again, err := ParseCursor(c.String()); err != nil || again != c {
			t.Fatalf("%q → %v → %v, %v", s, c, again, err)
		}
	})
}
