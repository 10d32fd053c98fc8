package motcua

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParseContact: any input gives a contact that prints back to an
// address or a 10-digit phone, or an error; never a panic.
func FuzzParseContact(f *testing.F) {
	for _, s := range []string{"an@example.vn", "0912 345 678", "+84912345678", "", "@", "a@b", "Nguyễn <a@b.vn>", "0912-345-6789"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseContact(s)
		if err != nil {
			return
		}
		switch {
		case c.Email != "" && (!strings.Contains(c.Email, "@") || c.Phone != ""):
			t.Fatalf("%q → %+v", s, c)
		case c.Email == "" && (len(c.Phone) != 10 || c.Phone[0] != '0' || strings.Trim(c.Phone, "0123456789") != ""):
			t.Fatalf("%q → phone %q", s, c.Phone)
		}
	})
}

// FuzzInitials: names from outside keep valid UTF-8 initials.
func FuzzInitials(f *testing.F) {
	for _, s := range []string{"3677/QĐ-UBND", "01/2024/QĐ-UBND", "/", "//-", "629/UBND-NV", "Nguyễn Văn A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if in := Initials(s); !utf8.ValidString(in) {
			t.Fatalf("initials of %q: %q", s, in)
		}
	})
}

// FuzzParseDateTime: an instant keyed anywhere either parses or is refused
// with a Vietnamese message; one that parses prints and reads back to the
// same minute.
func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"07/02/2024 15:00", "15:00 07/02/2024", "2024-02-07T15:00", "2024-02-07T15:00:30+09:00", "31/02/2024", "", "99/99/9999 99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, err := ParseDateTime(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if y := at.In(VN).Year(); y < 1 || y > 9999 {
			return
		}
		again, err := ParseDateTime(FormatDateTime(at))
		if err != nil || !again.Equal(at.Truncate(time.Minute)) {
			t.Fatalf("%q → %v → %q → %v, %v", s, at, FormatDateTime(at), again, err)
		}
	})
}

// FuzzFold: search keys are stable (folding twice changes nothing), carry
// no diacritics or capitals, and never begin, end or double a space.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đăng ký khai sinh", "  dang  ky KHAI sinh ", "Ǆ", "İ", "\u0301a", "x\u00a0y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		k := Fold(s)
		if Fold(k) != k {
			t.Fatalf("Fold(%q) = %q, folded again %q", s, k, Fold(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") || strings.ContainsRune(k, 'đ') {
			t.Fatalf("Fold(%q) = %q", s, k)
		}
	})
}
