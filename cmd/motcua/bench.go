package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua/internal/bench"
)

// benchCmd measures the performance budgets of design.md §6 (package
// bench; BENCHMARKS.md has the figures and how to read them).
func benchCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	dsn := fs.String("db", "", "SQLite file to use or create (default: a new file in a temporary directory, removed afterwards)")
	n := fs.Int("dossiers", 1_000_000, "dossiers to bulk-load when the database has none")
	dur := fs.Duration("duration", 5*time.Second, "length of each throughput run (hello, lookup, accept)")
	only := fs.String("only", "", "run only these measurements, comma-separated: "+strings.Join(bench.Names, ", "))
	clients := fs.Int("clients", 2*runtime.GOMAXPROCS(0), "concurrent keep-alive clients, and concurrent intake goroutines")
	calls := fs.Int("worklist-calls", 2000, "calls per worklist measurement")
	pw := fs.String("password", "demo-dak-mil", "password of the demo users (to log in the lookup officer)")
	importRows := fs.Int("import-rows", 200_000, "register rows to generate and import into a separate new database")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurements (not the load) to this file")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	names, err := benchNames(*only)
	if err != nil {
		return err
	}
	if *clients < 1 || *dur <= 0 || *calls < 1 {
		return fmt.Errorf("bench: --clients, --duration and --worklist-calls must be positive")
	}
	if strings.Contains(*dsn, "://") {
		return fmt.Errorf("bench: --db must be a SQLite file path; the budgets are for embedded SQLite")
	}
	return bench.Run(ctx, bench.Options{DB: *dsn, Dossiers: *n, Duration: *dur, Only: names, Clients: *clients,
		WorklistCalls: *calls, Password: *pw, ImportRows: *importRows, CPUProfile: *cpuProfile, Command: benchCommand(args)}, os.Stdout)
}

// benchNames reads --only: measurement names, comma-separated.
func benchNames(only string) ([]string, error) {
	var names []string
	for name := range strings.SplitSeq(only, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !slices.Contains(bench.Names, name) {
			return nil, fmt.Errorf("bench: --only %q: want one of %s", name, strings.Join(bench.Names, ", "))
		}
		names = append(names, name)
	}
	return names, nil
}

// benchCommand is the command line that reproduces the run.
func benchCommand(args []string) string {
	parts := []string{"motcua", "bench"}
	for _, a := range args {
		if strings.ContainsAny(a, " \t'\"$") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	return strings.Join(parts, " ")
}
