package payment

import "strconv"

// MaxAmount bounds an amount in đồng: ten thousand billion, above any fee
// and far below what overflows when a gateway multiplies it by 100.
const MaxAmount = 10_000_000_000_000

// ParseAmount reads an amount the strict way: ASCII digits only, no sign,
// no thousands separator, no decimal part, no leading zero, at most
// MaxAmount. Gateways send canonical integers; anything else is refused
// rather than guessed at ("10.000" is ten thousand in Vietnam and ten in
// English: an amount must never depend on who reads it).
func ParseAmount(s, field string) (int64, error) {
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return 0, ErrMalformedAmount(field)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, ErrMalformedAmount(field)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > MaxAmount {
		return 0, ErrMalformedAmount(field)
	}
	return n, nil
}
