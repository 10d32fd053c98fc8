package main

import (
	"context"
	"fmt"
)

// bench is written in cmd/motcua/bench*.go; see BENCHMARKS.md.
func bench(ctx context.Context, args []string) error {
	return fmt.Errorf("bench: not built yet")
}
