// Package oidc signs people in through an OpenID Connect provider (a
// province's identity service, or the national one where it offers OIDC):
// the authorization code flow with state and nonce, the ID token verified
// against the provider's published keys.
package oidc

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Config names the provider and this site's registration with it.
type Config struct {
	Issuer       string // e.g. https://id.example.gov.vn
	ClientID     string
	ClientSecret string // never logged
	RedirectURL  string // this site's callback
}

// Provider is a configured, discovered provider.
type Provider struct {
	oauth    oauth2.Config
	verifier *gooidc.IDTokenVerifier
}

// New discovers the provider (its endpoints and keys) at start.
func New(ctx context.Context, c Config) (*Provider, error) {
	if c.Issuer == "" || c.ClientID == "" || c.RedirectURL == "" {
		return nil, fmt.Errorf("oidc.New: issuer, client id and redirect URL are required")
	}
	p, err := gooidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc.New(%s): %w", c.Issuer, err)
	}
	return &Provider{
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{gooidc.ScopeOpenID, "email", "phone", "profile"}},
		verifier: p.Verifier(&gooidc.Config{ClientID: c.ClientID}),
	}, nil
}

// Start begins a sign-in: the provider's address to send the browser to,
// and the state and nonce to keep (in a short-lived cookie) until the
// callback.
func (p *Provider) Start() (url, state, nonce string) {
	state, nonce = random(), random()
	return p.oauth.AuthCodeURL(state, gooidc.Nonce(nonce)), state, nonce
}

// Claims are what motcua takes from the ID token.
type Claims struct {
	Subject       string `json:"sub"`
	Name          string `json:"name"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Phone         string `json:"phone_number"`
	PhoneVerified bool   `json:"phone_number_verified"`
	// AMR are the authentication methods the provider used (RFC 8176):
	// "mfa", "otp", "hwk" … say it checked a second factor itself.
	AMR []string `json:"amr"`

	all map[string]any // every claim, for Claim
}

// Claim is a string claim of the token by name ("" when absent or not a
// string): what a provider adds beyond the standard claims, such as the
// personal identification number VNeID verified.
func (c *Claims) Claim(name string) string {
	v, _ := c.all[name].(string)
	return v
}

// MultiFactor reports whether the provider says it checked more than a
// password.
func (c *Claims) MultiFactor() bool {
	for _, m := range c.AMR {
		switch m {
		case "mfa", "otp", "hwk", "swk", "sc", "fpt", "face":
			return true
		}
	}
	return false
}

// Finish exchanges the callback's code for the ID token, verifies its
// signature, audience, expiry and nonce, and returns its claims.
func (p *Provider) Finish(ctx context.Context, code, nonce string) (*Claims, error) {
	tok, err := p.oauth.Exchange(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("oidc.Finish: exchange: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, fmt.Errorf("oidc.Finish: no id_token in the provider's answer")
	}
	id, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("oidc.Finish: %w", err)
	}
	if id.Nonce != nonce {
		return nil, fmt.Errorf("oidc.Finish: the token's nonce does not match this sign-in")
	}
	var c Claims
	if err := id.Claims(&c); err != nil {
		return nil, fmt.Errorf("oidc.Finish: claims: %w", err)
	}
	if err := id.Claims(&c.all); err != nil {
		return nil, fmt.Errorf("oidc.Finish: claims: %w", err)
	}
	return &c, nil
}

func random() string {
	b := make([]byte, 18)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
