package mail

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// ParseURL reads a Config from one string, handy for a flag or an
// environment variable:
//
//	smtp://user:password@host:587?tls=starttls&from=noreply@example.vn
//	smtps://user:password@host?from=M%E1%BB%99t%20c%E1%BB%ADa%20%3Cnoreply@example.vn%3E
//	smtp://localhost:25?tls=none&from=noreply@example.vn
//
// "smtps" means tls=tls. Special characters in the user name and password
// are percent-encoded: "p@ss/1" is written "p%40ss%2F1". Errors never quote
// a password so written; an unencoded "/", "?" or "#" in it can make the URL
// read as another host (see misparsed).
func ParseURL(raw string) (Config, error) {
	cfg, err := parseURL(raw)
	if err != nil {
		return Config{}, fmt.Errorf("mail.ParseURL: %w", err)
	}
	return cfg, nil
}

const urlForm = "want smtp://user:password@host:port?tls=starttls&from=address"

// errMalformed stands for url.Parse's errors, which quote the URL and with
// it the password.
var errMalformed = errors.New("malformed URL: check the port, and percent-encode special characters (@ : / ? # %) in the user name and password; " + urlForm)

func parseURL(raw string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, errMalformed
	}
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return Config{}, fmt.Errorf("scheme %q: %s", u.Scheme, urlForm)
	}
	// u.Query would drop malformed pairs silently; they are errors here.
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil || misparsed(u, query) {
		return Config{}, errMalformed
	}
	cfg, err := fromURL(u, query)
	if err != nil {
		return Config{}, err
	}
	cfg = cfg.withDefaults()
	return cfg, cfg.validate()
}

// misparsed reports a URL that parsed only because a "/", "?" or "#" in the
// user name or password cut the authority short: the rest of the password
// then shows as a path, a fragment or an "@" in the query. It cannot catch
// every case: "smtp://mail:25?from=a@b.vn" is also user "mail" with the
// unencoded password "25?from=a".
func misparsed(u *url.URL, query url.Values) bool {
	if u.Opaque != "" || u.Path != "" || u.Fragment != "" || u.RawFragment != "" {
		return true
	}
	for key, values := range query {
		if strings.Contains(key, "@") {
			return true
		}
		for _, v := range values {
			if key != "from" && strings.Contains(v, "@") {
				return true
			}
		}
	}
	return false
}

func fromURL(u *url.URL, query url.Values) (Config, error) {
	var cfg Config
	if u.Scheme == "smtps" {
		cfg.TLS = TLSImplicit
	}
	cfg.Host = u.Hostname()
	if cfg.Host == "" {
		return Config{}, fmt.Errorf("no host; %s", urlForm)
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil || port < 1 || port > 65535 {
			return Config{}, fmt.Errorf("port %q: want a number from 1 to 65535", p)
		}
		cfg.Port = port
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	return cfg, readQuery(&cfg, query)
}

// readQuery takes tls and from; any other parameter is a typo to report,
// not to ignore.
func readQuery(cfg *Config, q url.Values) error {
	for key, values := range q {
		if len(values) != 1 {
			return fmt.Errorf("parameter %q given %d times", key, len(values))
		}
		switch v := values[0]; key {
		case "tls":
			if cfg.TLS == TLSImplicit && v != TLSImplicit {
				return fmt.Errorf("scheme smtps contradicts tls=%s", v)
			}
			cfg.TLS = v
		case "from":
			cfg.From = v
		default:
			return fmt.Errorf("unknown parameter %q: want tls or from", key)
		}
	}
	return nil
}

// SenderFromURL is NewSender of the configuration ParseURL reads from raw
// (the --smtp flag of serve and of alerts).
func SenderFromURL(raw string) (*Sender, error) {
	cfg, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	return NewSender(cfg)
}
