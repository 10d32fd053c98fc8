package forms

import (
	"strings"
	"testing"
)

// TestDongInWords: amounts read as receipts print them.
func TestDongInWords(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "Không đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{15, "Mười lăm đồng"},
		{21, "Hai mươi mốt đồng"},
		{25, "Hai mươi lăm đồng"},
		{11, "Mười một đồng"},
		{105, "Một trăm linh năm đồng"},
		{110, "Một trăm mười đồng"},
		{1_000, "Một nghìn đồng"},
		{2_000, "Hai nghìn đồng"},
		{8_000, "Tám nghìn đồng"},
		{12_000, "Mười hai nghìn đồng"},
		{50_000, "Năm mươi nghìn đồng"},
		{125_500, "Một trăm hai mươi lăm nghìn năm trăm đồng"},
		{200_000, "Hai trăm nghìn đồng"},
		{1_005_000, "Một triệu không trăm linh năm nghìn đồng"},
		{1_000_001, "Một triệu không trăm linh một đồng"},
		{1_050_000, "Một triệu không trăm năm mươi nghìn đồng"},
		{2_500_000, "Hai triệu năm trăm nghìn đồng"},
		{31_415_926, "Ba mươi mốt triệu bốn trăm mười lăm nghìn chín trăm hai mươi sáu đồng"},
		{1_000_000_000, "Một tỷ đồng"},
		{1_000_000_005, "Một tỷ không trăm linh năm đồng"},
		{2_300_000_000, "Hai tỷ ba trăm triệu đồng"},
		{1_000_000_000_000, "Một nghìn tỷ đồng"},
		{-1_000, "Âm một nghìn đồng"},
	} {
		if got := DongInWords(c.n); got != c.want {
			t.Errorf("DongInWords(%d) = %q, want %q", c.n, got, c.want)
		}
	}
}

// TestNumberWordsExtremes: the largest and smallest int64 read without a
// panic and end as expected.
func TestNumberWordsExtremes(t *testing.T) {
	const maxInt64 = 1<<63 - 1
	if got := NumberWords(maxInt64); got[len(got)-len("bảy"):] != "bảy" {
		t.Errorf("NumberWords(max) = %q", got)
	}
	if got := NumberWords(-maxInt64 - 1); got[:len("âm chín tỷ")] != "âm chín tỷ" || got[len(got)-len("tám"):] != "tám" {
		t.Errorf("NumberWords(min) = %q", got)
	}
}

// FuzzNumberWords: any amount reads without a panic, as single-spaced
// words, "mốt" only after "mươi", "lăm" only after a ten.
func FuzzNumberWords(f *testing.F) {
	for _, n := range []int64{0, 1, 21, 105, 1_005_000, 1_000_000_005, -7} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		s := NumberWords(n)
		words := strings.Split(s, " ")
		for i, w := range words {
			if w == "" {
				t.Fatalf("%d: %q has an empty word", n, s)
			}
			prev := ""
			if i > 0 {
				prev = words[i-1]
			}
			if w == "mốt" && prev != "mươi" || w == "lăm" && prev != "mươi" && prev != "mười" {
				t.Fatalf("%d: %q", n, s)
			}
		}
	})
}
