package totp

import (
	"encoding/base32"
	"testing"
	"time"
)

// RFC 6238 appendix B, SHA-1 rows, truncated to six digits (the last six
// of the eight-digit values given there).
func TestRFC6238Vectors(t *testing.T) {
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte("12345678901234567890"))
	for _, v := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"}} {
		got, err := Code(secret, time.Unix(v.unix, 0))
		if err != nil || got != v.want {
			t.Errorf("T=%d: %s, %v; want %s", v.unix, got, err, v.want)
		}
	}
}

func TestVerifyTakesNeighboursOnceAndRefusesOthers(t *testing.T) {
	secret := NewSecret()
	now := time.Date(2026, 11, 27, 9, 0, 10, 0, time.UTC)
	prev, _ := Code(secret, now.Add(-30*time.Second))
	step, ok := Verify(secret, prev, now, 0)
	if !ok {
		t.Fatal("the previous step's code was refused")
	}
	if _, ok := Verify(secret, prev, now, step); ok {
		t.Fatal("a code was taken twice")
	}
	old, _ := Code(secret, now.Add(-90*time.Second))
	if _, ok := Verify(secret, old, now, 0); ok {
		t.Fatal("a code three steps old was taken")
	}
	if _, ok := Verify(secret, "12345", now, 0); ok {
		t.Fatal("five digits taken")
	}
}
