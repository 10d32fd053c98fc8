package main

import (
	"flag"
	"strings"
	"testing"
)

// TestRedactDSNHidesQueryPasswords: a password in the query string, or in
// both places, never reaches the printed DSN; the rest stays readable.
func TestRedactDSNHidesQueryPasswords(t *testing.T) {
	for _, dsn := range []string{
		"postgres://motcua@db:5432/motcua?password=s3cret&sslmode=disable",
		"postgres://motcua:s3cret@db:5432/motcua?sslmode=require&sslpassword=s3cret",
		"postgresql://db/motcua?PASSWORD=s3cret",
		"postgres://motcua@db/motcua?password=s3cret&bad=%zz",
		"postgres://motcua:s3cret@db:5432/%zz",
	} {
		got := redactDSN(dsn)
		if strings.Contains(got, "s3cret") {
			t.Errorf("redactDSN(%q) = %q: the password shows", dsn, got)
		}
	}
	if got := redactDSN("postgres://motcua@db:5432/motcua?password=s3cret&sslmode=disable"); !strings.Contains(got, "sslmode=disable") || !strings.Contains(got, "motcua@db:5432/motcua") {
		t.Errorf("redactDSN hides more than the password: %q", got)
	}
	if got := redactDSN("/var/lib/motcua/motcua.db"); got != "/var/lib/motcua/motcua.db" {
		t.Errorf("redactDSN(file) = %q", got)
	}
}

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
