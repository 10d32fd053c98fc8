// Package mail sends e-mail through an SMTP server: one connection per
// message, UTF-8 MIME built here with the standard library, and Vietnamese
// text normalised to NFC so that every mail client shows it alike.
package mail

import (
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
)

// TLS modes. There is deliberately no "use STARTTLS if offered": a man in the
// middle can strip the offer, so the mode is always the operator's decision.
const (
	TLSNone     = "none"     // clear text; for a relay on localhost or a trusted network
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which the server must offer
	TLSImplicit = "tls"      // TLS from the first byte, usually port 465
)

// Config says how to reach the SMTP server. TLS "" means "tls" on port 465
// and "starttls" elsewhere; Port 0 means 465, 587 or 25 for "tls",
// "starttls" and "none". The password never appears in String, %v, %#v or
// slog output, nor in JSON.
type Config struct {
	Host     string
	Port     int
	Username string
	Password string `json:"-"`
	From     string // "noreply@motcua.gov.vn" or "Một cửa <noreply@motcua.gov.vn>"
	TLS      string

	// rootCAs replaces the system roots; tests set it to trust their own server.
	rootCAs *x509.CertPool
}

// withDefaults fills in TLS and Port as documented on Config.
func (c Config) withDefaults() Config {
	if c.TLS == "" {
		c.TLS = TLSStartTLS
		if c.Port == 465 {
			c.TLS = TLSImplicit
		}
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSImplicit: 465, TLSStartTLS: 587, TLSNone: 25}[c.TLS]
	}
	return c
}

// validate checks a defaulted Config. Its messages name the setting at fault
// for the operator who wrote it; they never contain the password.
func (c Config) validate() error {
	switch {
	case c.Host == "":
		return errors.New("host is required")
	case strings.ContainsAny(c.Host, " /@?#\r\n"):
		return fmt.Errorf("host %q is not a host name or IP address", c.Host)
	case c.TLS != TLSNone && c.TLS != TLSStartTLS && c.TLS != TLSImplicit:
		return fmt.Errorf("tls=%q: want none, starttls or tls", c.TLS)
	case c.Port < 1 || c.Port > 65535:
		return fmt.Errorf("port %d is out of range 1-65535", c.Port)
	case c.Username != "" && c.TLS == TLSNone && !isLocalhost(c.Host):
		return fmt.Errorf("tls=none would send the password in clear text to %s; use starttls or tls", c.Host)
	}
	if _, err := parseFrom(c.From); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	return nil
}

// isLocalhost is net/smtp's rule for where PLAIN auth may go without TLS;
// validate repeats it so that a bad setting fails at start-up, not at the first mail.
func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// parseFrom reads the sender address; it goes into headers, so CR and LF
// are refused before anything else.
func parseFrom(from string) (*mail.Address, error) {
	if from == "" {
		return nil, errors.New("sender address is required")
	}
	if strings.ContainsAny(from, "\r\n") {
		return nil, fmt.Errorf("%q contains a line break", from)
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", from, err)
	}
	if !isASCII(a.Address) {
		return nil, fmt.Errorf("%q: the address must be ASCII (SMTPUTF8 is not supported)", a.Address)
	}
	return a, nil
}

// String writes the Config as a URL that ParseURL reads back, with the
// password replaced by "xxxxx", so that it can be logged.
func (c Config) String() string {
	c = c.withDefaults()
	u := url.URL{Scheme: "smtp", Host: hostPort(c.Host, c.Port)}
	switch {
	case c.Password != "":
		u.User = url.UserPassword(c.Username, "xxxxx")
	case c.Username != "":
		u.User = url.User(c.Username)
	}
	q := url.Values{"tls": {c.TLS}}
	if c.From != "" {
		q.Set("from", c.From)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// GoString keeps the password out of %#v, which would otherwise print every field.
func (c Config) GoString() string { return "mail.Config(" + c.String() + ")" }

// LogValue keeps the password out of slog's JSON handler, which does not call String.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// hostPort is net.JoinHostPort that leaves out an unknown port.
func hostPort(host string, port int) string {
	if port == 0 {
		return strings.TrimSuffix(net.JoinHostPort(host, ""), ":")
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
