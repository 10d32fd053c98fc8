package registerio

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadCSV reads a register of 20,000 rows like the bench's
// (motcua bench --only import measures the whole import).
func BenchmarkReadCSV(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(header)
	for i := range 20000 {
		day := 1 + i%28
		fmt.Fprintf(&sb, "000.22.33.H17-2301%02d-%05d,1.001193,Đăng ký khai sinh,Hộ tịch,000.22.33.H17,truc_tiep,Nguyễn Văn An %d,\"Thôn %d, xã Đắk Lao\",%02d/01/2023 08:30,%02d/02/2023 08:30,%02d/02/2023 08:00,%02d/02/2023 14:00,\n",
			day, i, i, i%9, day, day, day, day)
	}
	data := sb.String()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		entries, bad, err := ReadCSV(strings.NewReader(data))
		if err != nil || len(bad) > 0 || len(entries) != 20000 {
			b.Fatal(err, bad)
		}
	}
}
