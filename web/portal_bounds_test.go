package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/web"
)

// behindProxy makes the test server believe X-Forwarded-For from
// loopback, as a deployment behind its reverse proxy does.
func behindProxy(t *testing.T, site *web.Server) {
	proxies, err := ratelimit.ParseProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	site.TrustedProxies = proxies
}

// TestPortalBoundsGroupAnIPv6SlashSixtyFour: a client rotating its IPv6
// address within its /64 gets the bounds of one client — 60 of 120
// tracking lookups, 10 of 15 one-time codes — and past the hourly
// ceiling on codes for everyone, any client is told the system is busy.
func TestPortalBoundsGroupAnIPv6SlashSixtyFour(t *testing.T) {
	e := newEnv(t)
	behindProxy(t, e.site)
	d := e.accepted(t)
	b := e.anonymous()
	answered := 0
	for i := range 120 {
		req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/track?"+url.Values{"code": {d.Code}, "secret": {d.TrackingSecret}}.Encode(), nil)
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("2001:db8:0:7::%x", i+1))
		if b.do(t, req).status == http.StatusOK {
			answered++
		}
	}
	if answered != 60 {
		t.Errorf("%d of 120 lookups from one /64 answered, want 60", answered)
	}

	e.site.Limits.CodesSent = ratelimit.New(12, time.Hour)
	ask := func(from string, i int) page {
		return b.post(t, "/xac-thuc/gui-ma", url.Values{"contact": {fmt.Sprintf("09123456%02d", i)}}, "X-Forwarded-For", from)
	}
	sent := 0
	for i := range 15 {
		if p := ask(fmt.Sprintf("2001:db8:0:7:%x::1", i+1), i); p.status == http.StatusOK {
			sent++
		} else if htmlcheck.Check(p.body, htmlcheck.In("#error", htmlcheck.HasText("quá nhiều lần"))) != nil {
			t.Fatalf("code %d refused with %d and not the bound's message", i+1, p.status)
		}
	}
	if sent != 10 {
		t.Errorf("%d of 15 codes sent from one /64, want 10", sent)
	}
	wantStatus(t, ask("2001:db8:0:8::1", 20), http.StatusOK)
	wantStatus(t, ask("198.51.100.7", 21), http.StatusOK)
	p := ask("198.51.100.8", 22)
	wantStatus(t, p, http.StatusTooManyRequests)
	check(t, p, errorSays("Hệ thống đang quá tải"))
}
