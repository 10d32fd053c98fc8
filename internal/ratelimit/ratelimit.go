// Package ratelimit bounds how often a key (a client address, a dossier
// code) may do something: a token bucket per key, in memory. Each
// instance counts its own requests; behind several instances the bound
// multiplies by their number.
package ratelimit

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// Limiter allows each key n events per period, refilled continuously.
type Limiter struct {
	n      float64
	period time.Duration
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	calls   int
	refused int64 // events refused since the start, for the metrics
}

type bucket struct {
	tokens float64
	at     time.Time
}

// New returns a Limiter of n events per period for each key; n ≤ 0 allows
// everything.
func New(n int, period time.Duration) *Limiter {
	return &Limiter{n: float64(n), period: period, now: time.Now, buckets: map[string]*bucket{}}
}

// SetClock replaces the clock, for tests.
func (l *Limiter) SetClock(now func() time.Time) { l.now = now }

// Allow takes one event of key's allowance, reporting false when none is left.
func (l *Limiter) Allow(key string) bool {
	if l == nil || l.n <= 0 {
		return true
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.calls++; l.calls%4096 == 0 {
		l.sweep(now)
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.n, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.n, b.tokens+l.n*float64(now.Sub(b.at))/float64(l.period))
	b.at = now
	if b.tokens < 1 {
		l.refused++
		return false
	}
	b.tokens--
	return true
}

// Refused is the number of events refused since the start.
func (l *Limiter) Refused() int64 {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.refused
}

// Refund gives back one event of key's allowance (a lookup that succeeded
// after its token was taken).
func (l *Limiter) Refund(key string) {
	if l == nil || l.n <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.buckets[key]; b != nil {
		b.tokens = min(l.n, b.tokens+1)
	}
}

// Spent reports whether key has no allowance left, without taking any.
func (l *Limiter) Spent(key string) bool {
	if l == nil || l.n <= 0 {
		return false
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	return b != nil && b.tokens+l.n*float64(now.Sub(b.at))/float64(l.period) < 1
}

// sweep forgets keys whose buckets have refilled: memory stays bounded by
// the keys active within one period.
func (l *Limiter) sweep(now time.Time) {
	for k, b := range l.buckets {
		if now.Sub(b.at) >= l.period {
			delete(l.buckets, k)
		}
	}
}

// Portal holds the citizen portal's bounds, shared by its pages and its
// JSON: tracking guesses and one-time code requests. Every per-address
// bound is keyed by AddressKey. A nil limiter allows everything (the
// benchmark measures the lookup itself).
type Portal struct {
	TrackPerAddress   *Limiter // lookups per client address
	FailuresPerCode   *Limiter // failed lookups with a weak factor (four phone digits) per dossier code
	CodesPerAddress   *Limiter // one-time codes asked for per client address
	GuessesPerAddress *Limiter // one-time codes typed in per client address
	// CodesSent bounds the one-time codes sent by all clients together
	// (one key): whoever holds many addresses still cannot turn the
	// portal into a sender of texts and mails paid by the province.
	CodesSent *Limiter
}

// DefaultCodesPerHour is the ceiling on one-time codes sent per hour,
// for every citizen together (serve's --codes-per-hour).
const DefaultCodesPerHour = 1000

// DefaultPortal: a person refreshing a page is never stopped; a script
// guessing the four phone digits that go with a code is, after ten misses
// an hour.
func DefaultPortal() *Portal {
	return &Portal{
		TrackPerAddress:   New(60, time.Minute),
		FailuresPerCode:   New(10, time.Hour),
		CodesPerAddress:   New(10, time.Hour),
		GuessesPerAddress: New(30, time.Hour),
		CodesSent:         New(DefaultCodesPerHour, time.Hour),
	}
}

// ErrOverloaded is the answer past the ceiling on one-time codes.
var ErrOverloaded = motcua.Errorf(motcua.ETOOMANY, "Hệ thống đang quá tải, vui lòng thử lại sau ít phút.")

// AllowCode takes one one-time code of the client's allowance and of the
// ceiling for everyone: ErrTooMany past the first, ErrOverloaded past the
// second (the caller logs it: an operator should hear of it).
func (p *Portal) AllowCode(r *http.Request) error {
	if p == nil {
		return nil
	}
	if !p.CodesPerAddress.Allow(ClientKey(r)) {
		return ErrTooMany
	}
	if !p.CodesSent.Allow("") {
		return ErrOverloaded
	}
	return nil
}

// AllowGuess takes one typed one-time code of the client's allowance.
func (p *Portal) AllowGuess(r *http.Request) error {
	if p != nil && !p.GuessesPerAddress.Allow(ClientKey(r)) {
		return ErrTooMany
	}
	return nil
}

// AddressKey is the key a client address is bounded and locked out
// under: an IPv4 address is itself; an IPv6 client holds a whole /64
// (a home or phone gets one), so the prefix stands for it — one key per
// address would give whoever rotates addresses 2^64 allowances.
func AddressKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	if a = a.Unmap(); !a.Is6() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}

// ClientKey is the key of the request's client for per-address bounds.
func ClientKey(r *http.Request) string { return AddressKey(ClientAddress(r)) }

// ClientAddress is the address a request came from, without the port: the
// origin's (web.Origins reads it once, through trusted proxies), else the
// connection's peer.
func ClientAddress(r *http.Request) string {
	if o := motcua.OriginOf(r.Context()); o != nil && o.Source != "" {
		return o.Source
	}
	return PeerAddress(r)
}

// PeerAddress is the connection's peer, without the port.
func PeerAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Proxies are the reverse proxies whose X-Forwarded-For is believed.
type Proxies []netip.Prefix

// ParseProxies reads "10.0.0.0/8,192.0.2.7" (a bare address is itself).
func ParseProxies(list string) (Proxies, error) {
	var out Proxies
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			a, err := netip.ParseAddr(item)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", item, err)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", item, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func (ps Proxies) trusts(host string) bool {
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client is the address of the client behind any trusted proxies: walking
// X-Forwarded-For from the right (the entry the nearest proxy added), the
// first address that is not a trusted proxy. Entries further left were
// written by the client itself and prove nothing.
func (ps Proxies) Client(r *http.Request) string {
	peer := PeerAddress(r)
	if len(ps) == 0 || !ps.trusts(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if hop == "" {
			continue
		}
		if _, err := netip.ParseAddr(hop); err != nil {
			return peer // a malformed chain: trust nothing in it
		}
		if !ps.trusts(hop) {
			return hop
		}
	}
	return peer
}

// ErrTooMany is the answer past a bound.
var ErrTooMany = motcua.Errorf(motcua.ETOOMANY, "Bạn đã thử quá nhiều lần. Vui lòng đợi ít phút rồi thử lại.")

// Lookup runs a tracking lookup of code within the bounds: lookups per
// client address; and, for a weak factor (the four last digits of a phone,
// ten thousand possibilities), attempts per code — each one takes a token
// before the lookup, given back when it succeeds, so guesses sent in
// parallel are bounded too. The bound engages alike for codes that exist
// and codes that do not. A receipt's secret is not bounded per code: it
// cannot be guessed, and its holder is never locked out by someone else's
// guesses.
func (p *Portal) Lookup(r *http.Request, code string, weak bool, lookup func() error) error {
	if p == nil {
		return lookup()
	}
	if !p.TrackPerAddress.Allow(ClientKey(r)) || (weak && !p.FailuresPerCode.Allow(code)) {
		return ErrTooMany
	}
	err := lookup()
	if weak && err == nil {
		p.FailuresPerCode.Refund(code)
	}
	return err
}
