package ratelimit

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestAddressKeyGroupsAnIPv6SlashSixtyFour(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"203.0.113.5", "203.0.113.5"},
		{"::ffff:203.0.113.5", "203.0.113.5"},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"not an address", "not an address"},
	} {
		if got := AddressKey(c.addr); got != c.want {
			t.Errorf("AddressKey(%q) = %q, want %q", c.addr, got, c.want)
		}
	}
}

// TestRotatingIPv6AddressesShareOneBound: 120 lookups and 15 code
// requests, each from another address of one /64, get the bound of one
// client; a client of another /64 is not stopped by them; past the
// ceiling on codes for everyone, every client is told the system is busy.
func TestRotatingIPv6AddressesShareOneBound(t *testing.T) {
	p := DefaultPortal()
	p.CodesSent = New(12, time.Hour)
	request := func(addr string) *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = addr
		return r
	}
	looked := 0
	for i := range 120 {
		r := request(fmt.Sprintf("[2001:db8:0:1::%x]:4000", i+1))
		if p.Lookup(r, "X-1", false, func() error { return nil }) == nil {
			looked++
		}
	}
	if looked != 60 {
		t.Errorf("%d of 120 lookups from one /64 passed, want 60", looked)
	}
	codes := 0
	for i := range 15 {
		if p.AllowCode(request(fmt.Sprintf("[2001:db8:0:1:%x::9]:4000", i+1))) == nil {
			codes++
		}
	}
	if codes != 10 {
		t.Errorf("%d of 15 codes from one /64 were sent, want 10", codes)
	}
	if err := p.AllowCode(request("[2001:db8:0:2::1]:4000")); err != nil {
		t.Errorf("another /64 was stopped: %v", err)
	}
	if err := p.AllowCode(request("198.51.100.7:4000")); err != nil {
		t.Errorf("an IPv4 client was stopped: %v", err)
	}
	if err := p.AllowCode(request("198.51.100.8:4000")); err != ErrOverloaded {
		t.Errorf("the thirteenth code of the hour for everyone: %v, want ErrOverloaded", err)
	}
	if p.CodesSent.Refused() != 1 {
		t.Errorf("refusals counted: %d", p.CodesSent.Refused())
	}
}
