package store_test

import (
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
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
		got := store.RedactDSN(dsn)
		if strings.Contains(got, "s3cret") {
			t.Errorf("store.RedactDSN(%q) = %q: the password shows", dsn, got)
		}
	}
	if got := store.RedactDSN("postgres://motcua@db:5432/motcua?password=s3cret&sslmode=disable"); !strings.Contains(got, "sslmode=disable") || !strings.Contains(got, "motcua@db:5432/motcua") {
		t.Errorf("redactDSN hides more than the password: %q", got)
	}
	if got := store.RedactDSN("/var/lib/motcua/motcua.db"); got != "/var/lib/motcua/motcua.db" {
		t.Errorf("store.RedactDSN(file) = %q", got)
	}
}

func TestRedactDSNHidesPasswords(t *testing.T) {
	got := store.RedactDSN("postgres://motcua:s3cret@db:5432/motcua?sslmode=disable")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "motcua:xxxxx@db") {
		t.Errorf("redactDSN = %q", got)
	}
	if got := store.RedactDSN("motcua.db"); got != "motcua.db" {
		t.Errorf("store.RedactDSN(file) = %q", got)
	}
}
