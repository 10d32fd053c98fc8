package server

import (
	"strings"
	"testing"
)

// TestServeNeedsABaseURLBeyondLoopback: listening on every interface (or
// a public address) without --base-url is refused, in Vietnamese and
// English; loopback may do without; a base URL must be an http(s) address.
func TestServeNeedsABaseURLBeyondLoopback(t *testing.T) {
	for _, c := range []struct {
		base, addr string
		ok         bool
	}{
		{"", "127.0.0.1:8080", true},
		{"", "localhost:8080", true},
		{"", "[::1]:8080", true},
		{"", ":8080", false},
		{"", "0.0.0.0:8080", false},
		{"", "203.0.113.7:80", false},
		{"https://motcua.example.gov.vn", ":8080", true},
		{"motcua.example.gov.vn", ":8080", false},
		{"javascript:alert(1)", "127.0.0.1:8080", false},
	} {
		err := needBaseURL(c.base, c.addr)
		if (err == nil) != c.ok {
			t.Errorf("base %q addr %q: %v", c.base, c.addr, err)
		}
		if err != nil && c.base == "" && !(strings.Contains(err.Error(), "bắt buộc") && strings.Contains(err.Error(), "required")) {
			t.Errorf("the refusal does not say so in both languages: %v", err)
		}
	}
}

// TestSigningKeysWhereConfigured: results are signed with the keys given,
// under the password given; with the demo and none given, with the demo
// CA beside the database under the demo users' password; otherwise not.
func TestSigningKeysWhereConfigured(t *testing.T) {
	for _, c := range []struct {
		cfg           Config
		dir, password string
	}{
		{Config{DB: "/srv/motcua/m.db"}, "", ""},
		{Config{DB: "/srv/motcua/m.db", SigningDir: "/etc/motcua/keys", SigningPassword: "p"}, "/etc/motcua/keys", "p"},
		{Config{DB: "/tmp/x/m.db", Demo: Demo{Seed: true, Password: "demo-dak-mil"}}, "/tmp/x/motcua-demo-ca", "demo-dak-mil"},
		{Config{DB: "postgres://h/db", Demo: Demo{Seed: true, Password: "d"}}, "motcua-demo-ca", "d"},
		{Config{DB: "/tmp/x/m.db", Demo: Demo{Seed: true, Password: "d"}, SigningDir: "/k", SigningPassword: "p"}, "/k", "p"},
	} {
		if dir, pw := c.cfg.signingDir(), c.cfg.signingPassword(); dir != c.dir || pw != c.password {
			t.Errorf("%+v: signing dir %q password %q, want %q %q", c.cfg, dir, pw, c.dir, c.password)
		}
	}
}
