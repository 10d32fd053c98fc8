package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/store"
)

// Main is one server: Run starts it as Config says, Wait serves until the
// context ends, Close stops it. motcua serve and the end-to-end tests both
// start it this way.
type Main struct {
	Config Config
	// DB, when set, is served instead of opening Config.DB, and Close
	// leaves it open (a test's own database).
	DB *store.DB
	// Mailer, when set, sends the citizens' notices (a test's mail
	// server); Config.SMTP still sends the leaders' digest.
	Mailer notify.Mailer
	// Log receives the server's log lines; nil: Config.LogFormat on
	// standard error.
	Log *slog.Logger
	// Stdout is where the operator reads the demo's accounts, the listen
	// address and, in the demo, the notices; nil: standard output.
	Stdout io.Writer

	ln       net.Listener
	db       *store.DB
	ownDB    bool // opened by Run, closed by Close
	public   string
	files    *files.Store // the citizens' uploads, swept by the retention
	http     *http.Server
	served   chan struct{} // closed when serving ended
	serveErr error
	stop     context.CancelFunc // ends the background work
	workers  sync.WaitGroup
}

// Run checks the configuration, listens, opens (and with Config.Demo
// seeds) the database, assembles the routes and starts serving and the
// background work; it returns once requests are accepted. On an error
// what was started is stopped again.
func (m *Main) Run(ctx context.Context) (err error) {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	m.Log = cmp.Or(m.Log, NewLogger(m.Config.LogFormat, os.Stderr))
	m.Stdout = cmp.Or[io.Writer](m.Stdout, os.Stdout)
	defer func() {
		if err != nil {
			m.Close()
		}
	}()
	// Listen first: a busy port should fail in a second, not after the
	// demo was seeded.
	if m.ln, err = listen(m.Config.Addr); err != nil {
		return err
	}
	m.public = cmp.Or(strings.TrimSuffix(m.Config.BaseURL, "/"), "http://"+m.ln.Addr().String())
	if err := m.openDB(ctx); err != nil {
		return err
	}
	m.applySuccessions(ctx)
	ctx, m.stop = context.WithCancel(ctx)
	handler, err := m.routes(ctx)
	if err != nil {
		return err
	}
	notifier, err := m.notifier()
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "motcua đang chạy tại http://%s (cơ sở dữ liệu: %s)\n", m.ln.Addr(), store.RedactDSN(m.Config.DB))
	if err := m.startWork(ctx, notifier); err != nil {
		return err
	}
	m.http = &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	m.served = make(chan struct{})
	go func() {
		m.serveErr = m.http.Serve(m.ln)
		close(m.served)
	}()
	return nil
}

// URL is the server's public address: Config.BaseURL, or on loopback the
// listen address. Set by Run.
func (m *Main) URL() string { return m.public }

// Wait serves until ctx ends (nil) or serving fails (its error).
func (m *Main) Wait(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return nil
	case <-m.served:
		return m.serveErr
	}
}

// Close stops taking connections and lets requests in flight finish (up
// to 20 s), then stops the background work and closes the database Run
// opened.
func (m *Main) Close() error {
	if m.http != nil {
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := m.http.Shutdown(shutdown); err != nil {
			m.Log.Warn("shutdown", "err", err)
		}
		<-m.served
		if errors.Is(m.serveErr, http.ErrServerClosed) {
			m.Log.Info("stopped; requests in flight finished")
		}
		m.http = nil
	} else if m.ln != nil {
		m.ln.Close()
	}
	m.ln = nil
	if m.stop != nil {
		m.stop()
	}
	m.workers.Wait()
	if m.ownDB && m.db != nil {
		db := m.db
		m.db = nil
		return db.Close()
	}
	return nil
}

// openDB opens the configured database (or takes Main.DB), gives it the
// lifecycle rules and seeds the demo.
func (m *Main) openDB(ctx context.Context) error {
	m.db = m.DB
	if m.db == nil {
		db, err := store.Open(ctx, m.Config.DB)
		if err != nil {
			return err
		}
		m.db, m.ownDB = db, true
	}
	m.db.Rules = m.Config.Rules
	if m.Config.Demo.Seed {
		if err := seedDemo(ctx, m.Stdout, m.db, m.Config.Demo, &files.Store{Dir: m.Config.filesDir()}, m.public); err != nil {
			return err
		}
		if m.Config.SigningDir == "" { // the demo's own CA, not a real one given
			return demoSigningKeys(ctx, m.Stdout, m.db, m.Config.signingDir(), m.Config.Demo.Password)
		}
	}
	return nil
}

// listen opens the address, saying in Vietnamese when another program
// holds it.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("Cổng %s đang được dùng bởi chương trình khác; chọn cổng khác với --addr", addr)
	}
	return ln, err
}

// NewLogger writes text for people at a terminal, or JSON (format "json")
// for a log collector.
func NewLogger(format string, w io.Writer) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
