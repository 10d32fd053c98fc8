// Package mailtest runs a real SMTP server (emersion/go-smtp) on loopback
// for tests of code that sends mail: messages travel the whole way through
// net/smtp and come back parsed, so a test can check what a person would read.
package mailtest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/motcua/motcua/internal/mail"
)

// Server is a running test SMTP server. It accepts mail for any recipient
// and keeps every message in memory.
type Server struct {
	t        testing.TB
	addr     *net.TCPAddr
	username string // required credentials, if any
	password string
	tlsMode  string // mail.TLSNone, TLSStartTLS or TLSImplicit
	certPool *x509.CertPool

	mu       sync.Mutex
	messages []Message
	arrived  chan struct{} // closed and replaced whenever a message arrives
	stopped  bool          // after Cleanup began, t must not be logged to
}

// Option changes how Start sets the server up.
type Option func(*Server)

// WithAuth makes the server require AUTH PLAIN with these credentials
// before it accepts mail. Without it, any credentials are accepted.
func WithAuth(username, password string) Option {
	return func(s *Server) { s.username, s.password = username, password }
}

// WithTLS makes the server speak TLS with a fresh self-signed certificate:
// mode mail.TLSStartTLS offers STARTTLS (and AUTH only after it), mode
// mail.TLSImplicit speaks TLS from the first byte. Clients must trust CertPool.
func WithTLS(mode string) Option {
	return func(s *Server) { s.tlsMode = mode }
}

// Start starts a server on 127.0.0.1 at a random port and stops it when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, tlsMode: mail.TLSNone, arrived: make(chan struct{})}
	for _, opt := range opts {
		opt(s)
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.ErrorLog = testLogger{s}
	l, err := s.listen(srv)
	if err != nil {
		t.Fatalf("mailtest.Start: %v", err)
	}
	s.addr = l.Addr().(*net.TCPAddr)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	t.Cleanup(func() {
		s.mu.Lock()
		s.stopped = true
		s.mu.Unlock()
		srv.Close()
		// Close knows only listeners that Serve has registered, and Serve
		// may not have started yet: close ours too, or Serve never returns.
		l.Close()
		if err := <-done; err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			t.Errorf("mailtest: serve: %v", err)
		}
	})
	return s
}

// listen opens the loopback listener and sets TLS up as the options ask.
func (s *Server) listen(srv *smtp.Server) (net.Listener, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil || s.tlsMode == mail.TLSNone {
		// Without TLS, AUTH must be allowed in clear text, as net/smtp allows it to loopback.
		srv.AllowInsecureAuth = true
		return l, err
	}
	if s.tlsMode != mail.TLSStartTLS && s.tlsMode != mail.TLSImplicit {
		l.Close()
		return nil, fmt.Errorf("WithTLS(%q): want %q or %q", s.tlsMode, mail.TLSStartTLS, mail.TLSImplicit)
	}
	tlsConfig, pool, err := selfSigned()
	if err != nil {
		l.Close()
		return nil, err
	}
	s.certPool = pool
	srv.TLSConfig = tlsConfig
	if s.tlsMode == mail.TLSImplicit {
		return tls.NewListener(l, tlsConfig), nil
	}
	return l, nil
}

// Config returns a mail.Config that sends to this server with its required
// credentials. With WithTLS, the client must also trust CertPool.
func (s *Server) Config() mail.Config {
	return mail.Config{
		Host:     s.addr.IP.String(),
		Port:     s.addr.Port,
		Username: s.username,
		Password: s.password,
		From:     "Một cửa <noreply@motcua.test>",
		TLS:      s.tlsMode,
	}
}

// CertPool holds the certificate of a server started WithTLS; nil otherwise.
func (s *Server) CertPool() *x509.CertPool { return s.certPool }

// Messages returns the messages received so far, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages)
}

// Wait returns the first n messages once they have arrived, and fails the
// test if they have not within timeout. It is for senders that work in the
// background; after a synchronous Send, Messages already holds the message.
func (s *Server) Wait(n int, timeout time.Duration) []Message {
	s.t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		got, arrived := len(s.messages), s.arrived
		if got >= n {
			defer s.mu.Unlock()
			return slices.Clone(s.messages[:n])
		}
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-timer.C:
			s.t.Fatalf("mailtest: %d message(s) arrived within %v, want %d", got, timeout, n)
			return nil
		}
	}
}

func (s *Server) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// testLogger sends the server's error log to the test log, until the test
// ends: logging to t after that panics.
type testLogger struct{ s *Server }

func (l testLogger) Printf(format string, v ...any) { l.log(fmt.Sprintf(format, v...)) }
func (l testLogger) Println(v ...any)               { l.log(fmt.Sprintln(v...)) }

func (l testLogger) log(msg string) {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if !l.s.stopped {
		l.s.t.Logf("mailtest: %s", msg)
	}
}
