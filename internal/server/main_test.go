package server_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/motcua/motcua/internal/server"
)

// TestMainServesAsConfigured: a server started from a Config answers on
// its listen address, names the client behind a trusted proxy (and only
// behind one) in its access log, and Close closes the database it opened.
func TestMainServesAsConfigured(t *testing.T) {
	for _, c := range []struct {
		proxies, want string
	}{
		{"127.0.0.1", `"source":"198.51.100.7"`},
		{"", `"source":"127.0.0.1"`},
	} {
		var log lockedBuffer
		cfg := server.DefaultConfig()
		cfg.DB = filepath.Join(t.TempDir(), "m.db")
		cfg.Addr = "127.0.0.1:0"
		cfg.TrustedProxies = c.proxies
		m := &server.Main{Config: cfg, Log: slog.New(slog.NewJSONHandler(&log, nil)), Stdout: io.Discard}
		if err := m.Run(t.Context()); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(m.URL(), "http://127.0.0.1:") {
			t.Errorf("URL %q: want the listen address on loopback", m.URL())
		}
		req, _ := http.NewRequest("GET", m.URL()+"/readyz", nil)
		req.Header.Set("X-Forwarded-For", "198.51.100.7")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if err := m.Close(); err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != http.StatusOK || !strings.Contains(log.String(), c.want) {
			t.Errorf("--trusted-proxies %q: /readyz %d, want 200 and %s in the access log:\n%s", c.proxies, res.StatusCode, c.want, log.String())
		}
	}
}

// TestMainRefusesABadConfigBeforeListening: Run validates first, so a bad
// setting leaves no database behind.
func TestMainRefusesABadConfigBeforeListening(t *testing.T) {
	for _, c := range []struct {
		want   string // in the error
		change func(*server.Config)
	}{
		{"trusted proxy", func(c *server.Config) { c.TrustedProxies = "not-an-address" }},
		{"--max-extensions", func(c *server.Config) { c.Rules.MaxExtensions = 11 }},
		{"--extension-lead-days", func(c *server.Config) { c.Rules.ExtensionLeadDays = -1 }},
		{"--digest-at", func(c *server.Config) { c.SMTP, c.DigestAt = "smtp://localhost:25?from=a@example.vn", "7 giờ" }},
		{"--base-url", func(c *server.Config) { c.Addr = "0.0.0.0:0" }},
		{"--base-url", func(c *server.Config) { c.BaseURL = "motcua.example.gov.vn" }},
	} {
		cfg := server.DefaultConfig()
		cfg.DB = filepath.Join(t.TempDir(), "m.db")
		cfg.Addr = "127.0.0.1:0"
		c.change(&cfg)
		m := &server.Main{Config: cfg, Stdout: io.Discard}
		err := m.Run(t.Context())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v, want an error naming %s", err, c.want)
		}
		if err == nil {
			m.Close()
		}
		if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.DB), "*")); len(matches) > 0 {
			t.Errorf("%s: the database was created before the configuration was checked: %v", c.want, matches)
		}
	}
}

// lockedBuffer is a log the server writes from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
