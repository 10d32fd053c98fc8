package registerio

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// FuzzParseDateAgreesWithTime: the digit-by-digit reader accepts exactly
// what time.ParseInLocation accepts, as the same instant.
func FuzzParseDateAgreesWithTime(f *testing.F) {
	for _, s := range []string{"15/01/2024 08:30", "29/02/2024 23:59", "29/02/2023 10:00", "31/04/2024 10:00", "00/01/2024 10:00",
		"01/13/2024 10:00", "01/01/2024 24:00", "01/01/2024 10:60", "1/1/2024 8:30", "15-01-2024 08:30", "01/01/0000 00:00", "aa/01/2024 10:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseDate(s)
		want, werr := time.ParseInLocation(dateLayout, s, motcua.VN)
		if (err == nil) != (werr == nil) || !got.Equal(want) {
			t.Fatalf("%q: parseDate %v, %v; time %v, %v", s, got, err, want, werr)
		}
	})
}
