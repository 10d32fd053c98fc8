package main

import (
	"flag"
	"strings"
	"testing"
)

// TestUsageHidesTheEnvironmentsPassword: -h prints the --db default, taken
// from $MOTCUA_DB: its password is hidden there too.
func TestUsageHidesTheEnvironmentsPassword(t *testing.T) {
	t.Setenv("MOTCUA_DB", "postgres://motcua@db/motcua?password=s3cret")
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var usage strings.Builder
	fs.SetOutput(&usage)
	dsn := dbFlag(fs)
	fs.PrintDefaults()
	if strings.Contains(usage.String(), "s3cret") || !strings.Contains(*dsn, "s3cret") {
		t.Errorf("usage %q, value %q: the password must be used, not shown", usage.String(), *dsn)
	}
}
