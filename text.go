package motcua

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua/calendar"
)

// NFC normalises user input: Vietnamese arrives both precomposed and
// decomposed depending on keyboard and OS, and only NFC compares and prints
// right. Invalid UTF-8 and control characters other than tab and newline are
// dropped: PostgreSQL refuses NUL, and no form needs the others.
func NFC(s string) string {
	if plainASCII(s) {
		return s // codes, dates, numbers: most of an imported register
	}
	return normalize(s)
}

func normalize(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.TrimSpace(s))
}

// plainASCII reports whether s is printable ASCII that NFC leaves as it is:
// no control character, no space at either end.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return s == "" || (s[0] != ' ' && s[len(s)-1] != ' ')
}

// Fold maps text to its search key: lower case, no diacritics, đ as d, single
// spaces. "Đăng ký khai sinh" and "dang  ky KHAI sinh" fold alike.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(NFC(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// StripMarks drops the diacritics and writes đ as d, keeping case and
// everything else: "Mật khẩu Đắk" → "Mat khau Dak". SMS texts (GSM-7) and
// the password check's dictionary words start from it.
func StripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatInt writes an integer the Vietnamese way: 19.667.
func FormatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// FormatDecimal writes a number with a decimal comma and no trailing zeros: 0,5; 96,14.
func FormatDecimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	out := FormatInt(n)
	if frac != "" {
		out += "," + frac
	}
	return out
}

// FormatSize writes a file size as people read it: "512 byte", "58,2 KB",
// "1,4 MB" (binary units, one decimal, the decimal comma).
func FormatSize(n int64) string {
	const kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
	switch {
	case n < kb:
		return FormatInt(n) + " byte"
	case n < mb:
		return FormatDecimal(math.Round(float64(n)/kb*10)/10) + " KB"
	case n < gb:
		return FormatDecimal(math.Round(float64(n)/mb*10)/10) + " MB"
	}
	return FormatDecimal(math.Round(float64(n)/gb*10)/10) + " GB"
}

// FormatPercent writes a share as "96,14 %", two decimals.
func FormatPercent(num, den int64) string {
	if den == 0 {
		return "—"
	}
	s := strconv.FormatFloat(float64(num)*100/float64(den), 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(whole, 10, 64)
	return FormatInt(n) + "," + frac + " %"
}

// VN is the time zone of every date shown or parsed: Vietnam has no DST.
var VN = calendar.Loc

// FormatDate writes dd/mm/yyyy in Vietnam's time zone; "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(VN).Format("02/01/2006")
}

// FormatDateTime writes "HH:MM dd/mm/yyyy" in Vietnam's time zone.
func FormatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(VN).Format("15:04 02/01/2006")
}

// ParseDateTime reads an instant keyed by a person or a script, in Vietnam's
// time zone unless it carries an offset: "2024-02-07 15:00", "2024-02-07T15:00",
// "07/02/2024 15:00", "15:00 07/02/2024", RFC 3339, or a bare date (00:00).
func ParseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05",
		"2006-01-02T15:04:05", "02/01/2006 15:04", "15:04 02/01/2006", "2006-01-02", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, s, VN); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "Thời điểm %q không hợp lệ; nhập theo dạng dd/mm/yyyy HH:MM.", s)
}

// Mask hides all but the last three characters of an identity or phone
// number: lists show enough to tell applicants apart, not to reuse the number.
func Mask(s string) string {
	r := []rune(s)
	if len(r) <= 3 {
		return strings.Repeat("•", len(r))
	}
	return strings.Repeat("•", len(r)-3) + string(r[len(r)-3:])
}
