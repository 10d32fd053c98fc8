package vnpay

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// formEncode encodes s as the integration guide's PHP sample does with
// urlencode: ASCII letters, digits and "-_." stay, a space becomes '+',
// every other byte becomes %XX with upper-case hex. Go's url.QueryEscape
// differs on '~' (left as is): orders never carry one (payment.ValidInfo),
// but the return URL could, and the two sides must agree byte for byte.
func formEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// canonical is the string VNPAY signs for a redirect, a return or an IPN:
// the vnp_ parameters other than the hash itself, sorted by name, each name
// and value form-encoded, joined as name=value with '&'. Empty values are
// left out, as the samples do. It is also the query string of the
// payment URL, before vnp_SecureHash.
func canonical(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k, v := range params {
		if v != "" && k != fieldSecureHash && k != fieldSecureHashType {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = formEncode(k) + "=" + formEncode(params[k])
	}
	return strings.Join(parts, "&")
}

// sign is HMAC-SHA512 of data with the hash secret, in lower-case hex.
func sign(secret []byte, data string) string {
	m := hmac.New(sha512.New, secret)
	m.Write([]byte(data))
	return hex.EncodeToString(m.Sum(nil))
}

// validSignature compares a received hex signature with the expected one
// in constant time; hex case does not matter (the samples differ).
func validSignature(secret []byte, data, received string) bool {
	got, err := hex.DecodeString(received)
	if err != nil || len(got) != sha512.Size {
		return false
	}
	m := hmac.New(sha512.New, secret)
	m.Write([]byte(data))
	return hmac.Equal(got, m.Sum(nil))
}

// pipeJoin is the string querydr signs: the fields in the documented order,
// joined with '|'.
func pipeJoin(fields ...string) string { return strings.Join(fields, "|") }

// single flattens query parameters that must each appear once; a repeated
// vnp_ parameter is refused, since the two sides could read different ones.
func single(q url.Values) (map[string]string, bool) {
	out := make(map[string]string, len(q))
	for k, vs := range q {
		if !strings.HasPrefix(k, "vnp_") {
			continue
		}
		if len(vs) != 1 {
			return nil, false
		}
		out[k] = vs[0]
	}
	return out, true
}
