package main

import (
	"strings"
	"testing"
)

// TestServeNeedsABaseURLBeyondLoopback: serve on every interface without
// --base-url stops before listening (the rules themselves:
// internal/server's test of the same name).
func TestServeNeedsABaseURLBeyondLoopback(t *testing.T) {
	err := serve(t.Context(), []string{"--db", t.TempDir() + "/m.db", "--addr", "0.0.0.0:0"})
	if err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Fatalf("serve on every interface without --base-url: %v", err)
	}
}
