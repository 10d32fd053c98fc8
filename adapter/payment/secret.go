package payment

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Secret is a gateway key. It prints, formats and logs as "[redacted]" so
// that a configuration dump or an error never carries it; Reveal is the one
// way to the bytes, for signing.
type Secret string

const redacted = "[redacted]"

func (Secret) String() string               { return redacted }
func (Secret) GoString() string             { return redacted }
func (Secret) LogValue() slog.Value         { return slog.StringValue(redacted) }
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// Reveal returns the key's bytes, for the signing functions only.
func (s Secret) Reveal() []byte { return []byte(s) }

// SecretFromEnv reads a key from the environment variable name or, when
// name+"_FILE" is set instead, from that file (trailing newlines trimmed),
// the way container secrets are mounted. Errors name the variable, never
// the value.
func SecretFromEnv(name string) (Secret, error) {
	if path := os.Getenv(name + "_FILE"); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("payment: reading %s_FILE: %w", name, err)
		}
		return nonEmpty(name, strings.TrimRight(string(b), "\r\n"))
	}
	return nonEmpty(name, os.Getenv(name))
}

func nonEmpty(name, v string) (Secret, error) {
	if v == "" {
		return "", fmt.Errorf("payment: %s is not set", name)
	}
	return Secret(v), nil
}
