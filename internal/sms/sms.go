// Package sms sends text messages through an HTTP gateway (a telecom's or
// an aggregator's): each provider's API differs, so motcua speaks one
// small documented shape and a thin proxy adapts it where needed.
//
// The request: POST to the gateway URL, Content-Type application/json,
// body {"to": "0912345678", "text": "…"} (Vietnamese text in UTF-8),
// with "Authorization: Bearer TOKEN" when a token is configured. Any 2xx
// answer means accepted; anything else is an error, retried later by the
// notifier.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Gateway sends messages to one gateway.
type Gateway struct {
	URL    string
	Token  string // never logged
	Client *http.Client
}

// New checks the gateway's address.
func New(rawURL, token string) (*Gateway, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("sms.New: the gateway URL must be http(s)://host/path, got %q", redact(rawURL))
	}
	return &Gateway{URL: rawURL, Token: token, Client: &http.Client{Timeout: 20 * time.Second}}, nil
}

// Message is the body the gateway receives.
type Message struct {
	To   string `json:"to"`
	Text string `json:"text"`
}

// Send delivers one message.
func (g *Gateway) Send(ctx context.Context, to, text string) error {
	body, _ := json.Marshal(Message{To: to, Text: text})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("sms.Send: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if g.Token != "" {
		req.Header.Set("Authorization", "Bearer "+g.Token)
	}
	resp, err := g.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sms.Send to %s: %w", redact(g.URL), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		detail, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return fmt.Errorf("sms.Send: the gateway answered %s: %s", resp.Status, bytes.TrimSpace(detail))
	}
	return nil
}

// redact drops credentials from a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}
