// Package totp implements time-based one-time passwords (RFC 6238: HMAC-SHA1,
// 30-second steps, 6 digits), the second factor authenticator apps show.
package totp

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"strings"
	"time"
)

const (
	step   = 30 * time.Second
	digits = 6
	// skew is how many steps either side of now a code is taken from: a
	// phone's clock a little off, or a code typed as it changes.
	skew = 1
)

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a fresh 160-bit secret, base32 as apps expect.
func NewSecret() string {
	b := make([]byte, 20)
	rand.Read(b)
	return encoding.EncodeToString(b)
}

// URI is the otpauth:// address an app reads from a QR code.
func URI(secret, issuer, account string) string {
	q := url.Values{"secret": {secret}, "issuer": {issuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	return "otpauth://totp/" + url.PathEscape(issuer+":"+account) + "?" + q.Encode()
}

// Code is the code for the step holding t.
func Code(secret string, t time.Time) (string, error) {
	key, err := encoding.DecodeString(strings.ToUpper(strings.TrimSpace(secret)))
	if err != nil {
		return "", fmt.Errorf("totp: bad secret: %w", err)
	}
	return code(key, stepOf(t)), nil
}

// Verify checks code against the steps around t and returns the step it
// matched. A step at or before last (the one last accepted) is refused: a
// code seen over a shoulder cannot be used again.
func Verify(secret, input string, t time.Time, last int64) (matched int64, ok bool) {
	key, err := encoding.DecodeString(strings.ToUpper(strings.TrimSpace(secret)))
	input = strings.ReplaceAll(strings.TrimSpace(input), " ", "")
	if err != nil || len(key) == 0 || len(input) != digits {
		return 0, false // an empty key's codes anyone can compute
	}
	now := stepOf(t)
	for s := now - skew; s <= now+skew; s++ {
		if s > last && subtle.ConstantTimeCompare([]byte(code(key, s)), []byte(input)) == 1 {
			return s, true
		}
	}
	return 0, false
}

func stepOf(t time.Time) int64 { return t.Unix() / int64(step/time.Second) }

// code is RFC 4226's HOTP of the counter, truncated to six digits.
func code(key []byte, counter int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(counter))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	n := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", n%1_000_000)
}
