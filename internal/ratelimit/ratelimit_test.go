package ratelimit

import (
	"testing"
	"time"
)

func TestBucketEmptiesAndRefills(t *testing.T) {
	now := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	l := New(3, time.Minute)
	l.SetClock(func() time.Time { return now })
	for i := range 3 {
		if !l.Allow("a") {
			t.Fatalf("event %d refused within the allowance", i+1)
		}
	}
	if l.Allow("a") || !l.Spent("a") {
		t.Fatal("a fourth event within a minute was allowed")
	}
	if !l.Allow("b") {
		t.Fatal("another key was refused")
	}
	now = now.Add(20 * time.Second) // one event's worth
	if !l.Allow("a") || l.Allow("a") {
		t.Fatal("after a third of the period exactly one more event is due")
	}
}

func TestZeroAllowsEverything(t *testing.T) {
	l := New(0, time.Minute)
	for range 1000 {
		if !l.Allow("x") {
			t.Fatal("an unlimited limiter refused")
		}
	}
	var none *Limiter
	if !none.Allow("x") {
		t.Fatal("a nil limiter refused")
	}
}
