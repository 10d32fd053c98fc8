package khodl

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// TestBoundedBodyFailsPastItsBound: a file sent without its length is cut
// off with an error past the bound, never silently truncated.
func TestBoundedBodyFailsPastItsBound(t *testing.T) {
	for _, c := range []struct {
		size int
		ok   bool
	}{{0, true}, {99, true}, {100, true}, {101, false}, {5000, false}} {
		b := &boundedBody{body: io.NopCloser(bytes.NewReader(make([]byte, c.size))), left: 100, what: "test"}
		n, err := io.Copy(io.Discard, b)
		if c.ok != (err == nil) || (c.ok && n != int64(c.size)) || (!c.ok && (!errors.Is(err, ErrTooLarge) || n > 100)) {
			t.Errorf("%d bytes: read %d, %v", c.size, n, err)
		}
	}
}
