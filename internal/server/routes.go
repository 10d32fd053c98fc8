package server

import (
	"context"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"net/http"
	"time"

	"github.com/motcua/motcua/adapter/oidc"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/metrics"
	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/web"
)

// routes mounts the officers' pages, the portal, the API and /metrics on
// one mux and wraps it as it is served.
func (m *Main) routes(ctx context.Context) (http.Handler, error) {
	c, db, log := m.Config, m.db, m.Log
	mux := http.NewServeMux()
	site := web.Mount(mux, db, log)
	api.Mount(mux, db, log).Limits = site.Limits // one bound for the portal's pages and its JSON
	site.BaseURL = m.public                      // links and QR codes: never from a request's Host
	site.Limits.CodesSent = ratelimit.New(c.CodesPerHour, time.Hour)
	site.Files = &files.Store{Dir: c.filesDir()}
	if secret := c.DVCQGInboundSecret; secret != "" { // dossiers filed on the national portal, pushed signed
		mux.Handle("POST "+dvcqg.InboundPath, &dvcqg.Inbound{DB: db, Secret: []byte(secret), Files: site.Files, Log: log})
	}
	site.UploadQuota = c.UploadQuotaMB << 20
	site.TrustedProxies, _ = ratelimit.ParseProxies(c.TrustedProxies) // Validate refused what does not parse
	site.Agency = c.agency()                                          // the pages' footer
	if dir := c.signingDir(); dir != "" {
		site.Signer = pdfsign.UnitSigner{Dir: dir, Password: c.signingPassword()}
	}
	site.NationalStore = c.nationalStore() // documents the citizens' national data store holds, offered at intake
	site.Population = c.population()       // the applicant's data from the population database, at intake
	if site.Population == nil && c.Demo.Seed {
		// The demo's residents (its applicants' numbers), labelled
		// as sample data, so a walker can try the lookup; never with --dan-cu.
		site.Population, site.PopulationSample = demo.NewRegistry(db), true
	}
	site.VNeIDClaim = c.OIDC.vneidClaim() // the citizens' provider is VNeID: sessions keep the verified number
	if c.NationalCatalog != "" {          // procedures fetched by code on the catalogue page
		site.NationalCatalog = &csdltthc.Client{Base: c.NationalCatalog}
	}
	db.PublicURL = m.public
	var err error
	if site.Gateways, err = c.gateways(); err != nil { // online payment (payments.go); nil: none
		return nil, err
	}
	site.PaymentOrigins = c.paymentOrigins()
	if site.OIDC, err = provider(ctx, c.OIDC, m.public+"/xac-thuc/oidc/callback"); err != nil {
		return nil, err
	}
	if site.StaffOIDC, err = provider(ctx, c.StaffOIDC, m.public+"/login/oidc/callback"); err != nil {
		return nil, err
	}
	meter := metrics.New(db, 30*time.Second, log)
	meter.Register(mux, c.MetricsToken)
	meter.Counter("motcua_codes_refused_total", "One-time codes refused because the hourly ceiling (--codes-per-hour) was reached.",
		site.Limits.CodesSent.Refused)
	m.files = site.Files
	return site.Handler(mux, meter.Middleware, web.AccessLog(log)), nil
}

// provider discovers a sign-in provider; none without an issuer.
func provider(ctx context.Context, c OIDC, redirect string) (*oidc.Provider, error) {
	if c.Issuer == "" {
		return nil, nil
	}
	return oidc.New(ctx, oidc.Config{Issuer: c.Issuer, ClientID: c.ClientID, ClientSecret: c.Secret, RedirectURL: redirect})
}
