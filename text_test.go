package motcua

import (
	"math"
	"testing"
	"time"
)

func TestFoldRemovesDiacriticsAndMapsDToD(t *testing.T) {
	for in, want := range map[string]string{
		"Đăng ký khai sinh":               "dang ky khai sinh",
		"  dang   KY khai\tsinh ":         "dang ky khai sinh",
		"Hộ tịch":                         "ho tich",
		"Chứng thực bản sao từ bản chính": "chung thuc ban sao tu ban chinh",
		"Ho\u0323 ti\u0323ch":             "ho tich", // decomposed input
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestVietnameseNumberFormatting(t *testing.T) {
	cases := []struct{ got, want string }{
		{FormatInt(19667), "19.667"},
		{FormatInt(1234567), "1.234.567"},
		{FormatInt(-1000), "-1.000"},
		{FormatInt(999), "999"},
		{FormatDecimal(0.5), "0,5"},
		{FormatDecimal(1500.25), "1.500,25"},
		{FormatPercent(3369, 40405), "8,34 %"},
		{FormatPercent(17974, 18696), "96,14 %"},
		{FormatPercent(1, 0), "—"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestParseDateTimeAcceptsVietnameseAndISOForms(t *testing.T) {
	want := time.Date(2024, 2, 7, 15, 0, 0, 0, VN)
	for _, in := range []string{"2024-02-07 15:00", "07/02/2024 15:00", "15:00 07/02/2024", "2024-02-07T15:00:00+07:00", "2024-02-07T08:00:00Z"} {
		got, err := ParseDateTime(in)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseDateTime(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "2024-13-01 10:00", "31/02/2024", "hôm qua"} {
		if _, err := ParseDateTime(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseDateTime(%q) error = %v, want EINVALID", bad, err)
		}
	}
}

func TestNFCDropsInvalidUTF8AndControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"Nguye\u0302\u0303n\x00 Văn A": "Nguyễn Văn A",
		"bad \xff\xfe bytes":           "bad  bytes",
		"line\nbreak\tkept\x07":        "line\nbreak\tkept",
	} {
		if got := NFC(in); got != want {
			t.Errorf("NFC(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWorkingTimeRejectsWhatWouldOverflow(t *testing.T) {
	day := 450 * time.Minute
	if got, err := WorkingTime(3, 0, day); err != nil || got != 3*day {
		t.Errorf("3 days = %v, %v", got, err)
	}
	if got, err := WorkingTime(0, 4, day); err != nil || got != 4*time.Hour {
		t.Errorf("4 hours = %v, %v", got, err)
	}
	for _, c := range [][2]float64{{0, 0}, {1, 1}, {-1, 0}, {1e300, 0}, {0, 1e9}, {math.NaN(), 0}, {MaxWorkingDays + 1, 0}} {
		if _, err := WorkingTime(c[0], c[1], day); ErrorCode(err) != EINVALID {
			t.Errorf("WorkingTime(%v, %v) error = %v, want EINVALID", c[0], c[1], err)
		}
	}
}

// FuzzNFCShortcutChangesNothing: text the shortcut returns untouched is
// text the full normalisation would have returned unchanged.
func FuzzNFCShortcutChangesNothing(f *testing.F) {
	for _, s := range []string{"000.21.33.H17-240115-0001", " a", "a ", "a\tb", "Nguyễn", "", "~", "\x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainASCII(s) && normalize(s) != s {
			t.Fatalf("%q is changed by normalisation to %q", s, normalize(s))
		}
	})
}
