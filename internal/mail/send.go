package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// defaultTimeout bounds a Send whose ctx has no deadline: a server that
// accepts the connection and then stalls must not hold a worker forever.
const defaultTimeout = time.Minute

// Sender sends messages through one SMTP server. It holds no connection, so
// it is safe for concurrent use; each Send dials afresh.
type Sender struct {
	cfg  Config
	from *mail.Address
}

// NewSender checks cfg (see Config for defaults) and returns a Sender.
func NewSender(cfg Config) (*Sender, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("mail.NewSender(%s): %w", cfg, err)
	}
	from, _ := parseFrom(cfg.From) // validate parsed it already
	return &Sender{cfg: cfg, from: from}, nil
}

// Send delivers m to the server, which accepts it for all recipients or
// fails. ctx bounds the dial and the whole exchange; without a deadline, one
// minute. Invalid messages fail before dialling with a *motcua.Error
// (EINVALID); refusals by the server wrap a *textproto.Error whose Code
// tells temporary (4xx) from permanent (5xx) failures.
func (s *Sender) Send(ctx context.Context, m Message) (err error) {
	defer motcua.Wrap(&err, "mail.Send(to %s)", describeRecipients(m.To))
	raw, rcpt, err := compose(s.from, m, time.Now())
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, defaultTimeout)
		defer cancel()
	}
	conn, err := s.dial(ctx)
	if err != nil {
		return err
	}
	// The deadline covers slow servers; AfterFunc covers cancellation,
	// which a deadline alone would not notice.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if err := s.exchange(ctx, conn, rcpt, raw); err != nil {
		return fmt.Errorf("smtp %s: %w", s.addr(), err)
	}
	return nil
}

// String and GoString keep the password out of fmt, which would otherwise
// print the unexported Config field by field.
func (s *Sender) String() string   { return "mail.Sender(" + s.cfg.String() + ")" }
func (s *Sender) GoString() string { return s.String() }

func (s *Sender) addr() string { return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)) }

func (s *Sender) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12, RootCAs: s.cfg.rootCAs}
}

func (s *Sender) dial(ctx context.Context) (net.Conn, error) {
	var conn net.Conn
	var err error
	if s.cfg.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{Config: s.tlsConfig()}).DialContext(ctx, "tcp", s.addr())
	} else {
		conn, err = new(net.Dialer).DialContext(ctx, "tcp", s.addr())
	}
	if err != nil {
		return nil, stepError(ctx, "dial smtp "+s.addr(), err)
	}
	return conn, nil
}

// exchange runs the SMTP dialogue on conn and closes it.
func (s *Sender) exchange(ctx context.Context, conn net.Conn, rcpt []string, raw []byte) error {
	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		conn.Close()
		return stepError(ctx, "greeting", err)
	}
	defer c.Close()
	if err := s.startTLS(ctx, c); err != nil {
		return err
	}
	if err := s.auth(ctx, c); err != nil {
		return err
	}
	if err := c.Mail(s.from.Address); err != nil {
		return stepError(ctx, "MAIL FROM:<"+s.from.Address+">", err)
	}
	for _, r := range rcpt {
		if err := c.Rcpt(r); err != nil {
			return stepError(ctx, "RCPT TO:<"+r+">", err)
		}
	}
	if err := writeData(c, raw); err != nil {
		return stepError(ctx, "DATA", err)
	}
	// The server has taken the message; an error on QUIT must not make
	// the caller send it twice.
	c.Quit()
	return nil
}

func (s *Sender) startTLS(ctx context.Context, c *smtp.Client) error {
	if s.cfg.TLS != TLSStartTLS {
		return nil
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		return errors.New("server does not offer STARTTLS; set tls=tls for port 465, or tls=none for a relay on a trusted network")
	}
	if err := c.StartTLS(s.tlsConfig()); err != nil {
		return stepError(ctx, "STARTTLS", err)
	}
	return nil
}

// auth uses PLAIN, which net/smtp sends only over TLS or to localhost.
func (s *Sender) auth(ctx context.Context, c *smtp.Client) error {
	if s.cfg.Username == "" {
		return nil
	}
	if ok, _ := c.Extension("AUTH"); !ok {
		return fmt.Errorf("server offers no AUTH; remove the user name %q or check the TLS setting", s.cfg.Username)
	}
	if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
		return stepError(ctx, fmt.Sprintf("AUTH PLAIN as %q", s.cfg.Username), err)
	}
	return nil
}

func writeData(c *smtp.Client, raw []byte) error {
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// stepError names the step that failed. A network error caused by ctx
// becomes ctx's own error, so that errors.Is(err, context.DeadlineExceeded)
// holds; the connection's deadline equals ctx's and may fire a moment before
// ctx records it.
func stepError(ctx context.Context, step string, err error) error {
	var op *net.OpError
	switch {
	case ctx.Err() != nil:
		err = ctx.Err()
	case errors.Is(err, os.ErrDeadlineExceeded):
		err = context.DeadlineExceeded
	case errors.As(err, &op):
		err = op.Err // its text repeats the address the caller already names
	}
	return fmt.Errorf("%s: %w", step, err)
}

// describeRecipients names the recipients in error texts, quoting any with
// control characters so that a log line stays one line.
func describeRecipients(to []string) string {
	parts := make([]string, len(to))
	for i, a := range to {
		parts[i] = a
		if strings.ContainsFunc(a, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			parts[i] = strconv.Quote(a)
		}
	}
	return strings.Join(parts, ", ")
}
