package motcua

import "testing"

func TestFormatSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 byte", 512: "512 byte", 1023: "1.023 byte", 1024: "1 KB", 59590: "58,2 KB",
		1023 * 1024: "1.023 KB", 1468006: "1,4 MB", 10 << 20: "10 MB", 3 << 30: "3 GB",
	} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}
