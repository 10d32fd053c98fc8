package forms

import "strings"

// Reading an amount in Vietnamese words (đọc số thành chữ), as receipts
// and invoices print it under the figures: "Một trăm hai mươi lăm nghìn
// năm trăm đồng". The rules, as accountants write them:
//   - groups of three digits are read with their scale: nghìn, triệu, tỷ;
//     past a billion the scales repeat after "tỷ" (nghìn tỷ, triệu tỷ);
//   - a group after a higher one is read in full: "không trăm" for a zero
//     hundreds digit, "linh" for a zero tens digit before units
//     (1.005.000: một triệu không trăm linh năm nghìn);
//   - groups that are all zero are skipped;
//   - "mười" for ten, "mươi" for twenty and above; "mốt" for a final 1
//     after twenty and above, "lăm" for a final 5 after ten and above,
//     "tư" is not used (bốn), to stay with the most common usage.

var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// scales are the names of groups of three digits above the units, up to
// a billion; larger amounts repeat them after "tỷ".
var scales = [3]string{"", "nghìn", "triệu"}

// DongInWords writes an amount of đồng in words, capitalised, ending in
// "đồng": DongInWords(1000) = "Một nghìn đồng". Negative amounts read "Âm".
func DongInWords(n int64) string {
	words := []rune(NumberWords(n))
	return strings.ToUpper(string(words[:1])) + string(words[1:]) + " đồng"
}

// NumberWords writes n in Vietnamese words, lower case: 21 → "hai mươi mốt".
func NumberWords(n int64) string {
	if n == 0 {
		return "không"
	}
	if n < 0 {
		if n == -n { // the smallest int64 has no positive counterpart
			return "âm " + billions(uint64(1)<<63)
		}
		return "âm " + billions(uint64(-n))
	}
	return billions(uint64(n))
}

// billions reads n > 0: below a billion by groups, above it as the count
// of billions followed by "tỷ" and the rest.
func billions(n uint64) string {
	const billion = 1_000_000_000
	if n < billion {
		return belowBillion(n, false)
	}
	head := billions(n / billion)
	rest := n % billion
	if rest == 0 {
		return head + " tỷ"
	}
	return head + " tỷ " + belowBillion(rest, true)
}

// belowBillion reads 0 < n < 10^9; full: a higher group came before, so
// the first group is read in full too.
func belowBillion(n uint64, full bool) string {
	groups := [3]int{int(n % 1000), int(n / 1000 % 1000), int(n / 1_000_000)}
	var parts []string
	for i := 2; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			continue
		}
		s := group(g, full)
		if scales[i] != "" {
			s += " " + scales[i]
		}
		parts = append(parts, s)
		full = true
	}
	return strings.Join(parts, " ")
}

// group reads 0 < g < 1000; full reads a zero hundreds as "không trăm"
// and the "linh" before units.
func group(g int, full bool) string {
	h, t, u := g/100, g/10%10, g%10
	var parts []string
	if h > 0 || full {
		parts = append(parts, digitWords[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0:
		if len(parts) > 0 {
			parts = append(parts, "linh")
		}
		parts = append(parts, digitWords[u])
	case t == 1:
		parts = append(parts, "mười")
		parts = append(parts, unitAfterTen(u, false)...)
	default:
		parts = append(parts, digitWords[t], "mươi")
		parts = append(parts, unitAfterTen(u, true)...)
	}
	return strings.Join(parts, " ")
}

// unitAfterTen reads the units digit after "mười" or "mươi".
func unitAfterTen(u int, twentyUp bool) []string {
	switch {
	case u == 0:
		return nil
	case u == 1 && twentyUp:
		return []string{"mốt"}
	case u == 5:
		return []string{"lăm"}
	}
	return []string{digitWords[u]}
}
