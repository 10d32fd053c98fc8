package mail_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/mail"
)

const (
	secret    = "Bí-mật-S3cr3t"
	urlSecret = "S3cr3t-Pw_42" // what a URL may hold without percent-encoding
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want mail.Config
	}{
		{"smtp://canbo:" + urlSecret + "@mail.ubnd.test:587?tls=starttls&from=noreply@ubnd.test",
			mail.Config{Host: "mail.ubnd.test", Port: 587, Username: "canbo", Password: urlSecret, From: "noreply@ubnd.test", TLS: "starttls"}},
		{"smtps://canbo:p%40ss%2F1@mail.ubnd.test?from=M%E1%BB%99t%20c%E1%BB%ADa%20%3Cnoreply%40ubnd.test%3E",
			mail.Config{Host: "mail.ubnd.test", Port: 465, Username: "canbo", Password: "p@ss/1", From: "Một cửa <noreply@ubnd.test>", TLS: "tls"}},
		{"smtp://canbo:B%C3%AD-m%E1%BA%ADt-S3cr3t@mail.ubnd.test?from=noreply@ubnd.test",
			mail.Config{Host: "mail.ubnd.test", Port: 587, Username: "canbo", Password: secret, From: "noreply@ubnd.test", TLS: "starttls"}},
		{"smtp://mail.ubnd.test:465?from=noreply@ubnd.test",
			mail.Config{Host: "mail.ubnd.test", Port: 465, From: "noreply@ubnd.test", TLS: "tls"}},
		{"smtp://localhost?tls=none&from=noreply@ubnd.test",
			mail.Config{Host: "localhost", Port: 25, From: "noreply@ubnd.test", TLS: "none"}},
		{"smtp://canbo:pw@[::1]:2525?tls=none&from=noreply@ubnd.test",
			mail.Config{Host: "::1", Port: 2525, Username: "canbo", Password: "pw", From: "noreply@ubnd.test", TLS: "none"}},
	} {
		got, err := mail.ParseURL(tc.raw)
		if err != nil || got != tc.want {
			t.Errorf("ParseURL(%q)\n = %#v, %v\nwant %#v", tc.raw, got, err, tc.want)
			continue
		}
		back, err := mail.ParseURL(got.String())
		if tc.want.Password != "" {
			back.Password = tc.want.Password // String hides it
		}
		if err != nil || back != tc.want {
			t.Errorf("ParseURL(%q.String()) = %#v, %v", tc.raw, back, err)
		}
	}
}

func TestParseURLRejectsBadInput(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"", `scheme "": want smtp://`},
		{"mail.ubnd.test:587", `scheme "mail.ubnd.test": want smtp://`},
		{"https://mail.ubnd.test", `scheme "https"`},
		{"smtp://canbo:" + urlSecret + "@mail.ubnd.test:abc?from=a@ubnd.test", "malformed URL: check the port"},
		{"smtp://canbo:" + urlSecret + "@mail.ubnd.test:99999?from=a@ubnd.test", `port "99999": want a number from 1 to 65535`},
		{"smtp://canbo:" + urlSecret + "@mail.ubnd.test:0?from=a@ubnd.test", `port "0"`},
		{"smtp://canbo:" + urlSecret + "/x@mail.ubnd.test?from=a@ubnd.test", "percent-encode special characters"},
		{"smtp://canbo:Bí-mật-S3cr3t@mail.ubnd.test?from=a@ubnd.test", "percent-encode special characters"},
		{"smtp://canbo:" + urlSecret + "#x@mail.ubnd.test?from=a@ubnd.test", "percent-encode special characters"},
		{"smtp://canbo:" + urlSecret + "%zz@mail.ubnd.test?from=a@ubnd.test", "percent-encode special characters"},
		{"smtp://canbo:12?tls=" + urlSecret + "@mail.ubnd.test", "percent-encode special characters"},
		{"smtp://canbo:" + urlSecret + "@?from=a@ubnd.test", "no host"},
		{"smtp://mail.ubnd.test?tls=startls&from=a@ubnd.test", `tls="startls": want none, starttls or tls`},
		{"smtps://mail.ubnd.test?tls=none&from=a@ubnd.test", "scheme smtps contradicts tls=none"},
		{"smtp://mail.ubnd.test?from=a@ubnd.test&tsl=none", `unknown parameter "tsl"`},
		{"smtp://mail.ubnd.test?tls=none&tls=tls&from=a@ubnd.test", `parameter "tls" given 2 times`},
		{"smtp://mail.ubnd.test", "from: sender address is required"},
		{"smtp://mail.ubnd.test?from=Một cửa", `from: "Một cửa"`},
		{"smtp://mail.ubnd.test?from=nguyễn@ubnd.test", "must be ASCII"},
		{"smtp://canbo:" + urlSecret + "@mail.ubnd.test?tls=none&from=a@ubnd.test", "would send the password in clear text to mail.ubnd.test"},
	} {
		_, err := mail.ParseURL(tc.raw)
		if err == nil || !strings.HasPrefix(err.Error(), "mail.ParseURL: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseURL(%q): err = %v, want %q", tc.raw, err, tc.want)
			continue
		}
		if strings.Contains(err.Error(), "S3cr3t") {
			t.Errorf("ParseURL(%q): error shows the password: %v", tc.raw, err)
		}
	}
}

func TestPasswordNeverShown(t *testing.T) {
	cfg := mail.Config{Host: "mail.ubnd.test", Username: "canbo", Password: secret, From: "noreply@ubnd.test"}
	sender, err := mail.NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var text, js bytes.Buffer
	slog.New(slog.NewTextHandler(&text, nil)).Info("smtp", "config", cfg, "sender", sender)
	slog.New(slog.NewJSONHandler(&js, nil)).Info("smtp", "config", cfg, "sender", sender)
	marshalled, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	bad := cfg
	bad.Port = -1
	_, badErr := mail.NewSender(bad)
	for name, out := range map[string]string{
		"String": cfg.String(),
		"%v":     fmt.Sprintf("%v", cfg), "%+v": fmt.Sprintf("%+v", cfg), "%#v": fmt.Sprintf("%#v", cfg),
		"sender %v": fmt.Sprintf("%v", sender), "sender %+v": fmt.Sprintf("%+v", sender), "sender %#v": fmt.Sprintf("%#v", sender),
		"slog text": text.String(), "slog JSON": js.String(), "json.Marshal": string(marshalled),
		"NewSender error": fmt.Sprint(badErr),
	} {
		if strings.Contains(out, secret) {
			t.Errorf("%s shows the password: %s", name, out)
		}
	}
	if want := "smtp://canbo:xxxxx@mail.ubnd.test:587?from=noreply%40ubnd.test&tls=starttls"; cfg.String() != want {
		t.Errorf("String() = %s, want %s", cfg.String(), want)
	}
	if badErr == nil || !strings.Contains(badErr.Error(), "port -1 is out of range") {
		t.Errorf("NewSender(port -1): err = %v", badErr)
	}
}

// FuzzParseURLHidesPassword puts a password between markers into a URL and
// checks that no error and no String output shows either marker, however
// the rest of the URL is mangled. A "/", "?" or "#" in the user name or
// password is left out: it makes the URL mean something else
// ("smtp://mail:25?from=a@b.vn"), which ParseURL catches only at times.
func FuzzParseURLHidesPassword(f *testing.F) {
	f.Add("canbo", "secret", "mail.ubnd.test:587?from=a@ubnd.test")
	f.Add("canbo", "p@ss", "mail.ubnd.test?from=a@ubnd.test")
	f.Add("canbo", "p%zz", "mail.ubnd.test")
	f.Add("can:bo", "p:ss", "mail.ubnd.test:x?tls=bad&from=a@ubnd.test")
	f.Add("", "", "")
	f.Fuzz(func(t *testing.T, user, password, rest string) {
		const head, tail = "Qz9", "Wk4"
		if strings.Contains(user+rest, head) || strings.Contains(user+rest, tail) || strings.ContainsAny(user+password, "/?#") {
			return
		}
		cfg, err := mail.ParseURL("smtp://" + user + ":" + head + password + tail + "@" + rest)
		out := cfg.String()
		if err != nil {
			out = err.Error()
		}
		if strings.Contains(out, head) || strings.Contains(out, tail) {
			t.Errorf("password shown: %s", out)
		}
	})
}
