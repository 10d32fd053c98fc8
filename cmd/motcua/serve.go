package main

import (
	"cmp"
	"context"
	"flag"
	"log/slog"
	"os"

	"github.com/motcua/motcua/internal/server"
)

// serve runs the server (package server) until SIGTERM or Ctrl-C, then
// lets the requests in flight finish.
func serve(ctx context.Context, args []string) error {
	cfg, err := serveConfig(args)
	if err != nil {
		return err
	}
	log := server.NewLogger(cfg.LogFormat, os.Stderr)
	slog.SetDefault(log)
	m := &server.Main{Config: cfg, Log: log}
	if err := m.Run(ctx); err != nil {
		return err
	}
	if err := m.Wait(ctx); err != nil {
		m.Close()
		return err
	}
	return m.Close()
}

// serveConfig reads serve's flags (and the settings file and environment,
// parseFlags) into a server.Config; the server validates it.
func serveConfig(args []string) (server.Config, error) {
	c := server.DefaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dsn := dbFlag(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on")
	demoFlags(fs, &c.Demo)
	smtpURL := smtpFlag(fs)
	fs.StringVar(&c.DigestAt, "digest-at", c.DigestAt, "when to e-mail leaders the deadline digest each working day (needs --smtp)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public address, for QR codes on receipts and links sent to citizens; required unless --addr is loopback (then the default is the listen address; never a request's Host header)")
	fs.IntVar(&c.CodesPerHour, "codes-per-hour", c.CodesPerHour, "one-time codes (SMS, e-mail) the portal sends per hour to everyone together; past it citizens are asked to retry later (0: no ceiling)")
	rulesFlags(fs, &c.Rules)
	fs.Int64Var(&c.UploadQuotaMB, "upload-quota-mb", c.UploadQuotaMB, "megabytes one citizen (e-mail or phone) may upload in 24 hours (0: no quota)")
	fs.StringVar(&c.FilesDir, "files", c.FilesDir, "directory of the documents citizens upload (default: motcua-files beside the SQLite file, or in the working directory)")
	fs.StringVar(&c.SigningDir, "signing-dir", c.SigningDir, "directory of the units' signing keys for issued results (CODE.p12, ca.crt, crl.pem; see docs/signatures.md); their password in $MOTCUA_SIGNING_PASSWORD; none: results are issued unsigned (with --demo: a demo CA beside the database)")
	signInFlags(fs, &c)
	partnerFlags(fs, &c)
	vnpayEnv, paygovEnv := gatewayFlags(fs, &c)
	fs.StringVar(&c.ReconcileAt, "reconcile-at", c.ReconcileAt, "when (HH:MM) the previous day's online payments are reconciled each night with each gateway that answers queries, for the page /payments/reconciliation; off: never")
	fs.IntVar(&c.WebhookAttempts, "webhook-attempts", c.WebhookAttempts, "failed deliveries after which a webhook delivery is dead until replayed (motcua webhooks replay)")
	fs.StringVar(&c.SMSGateway, "sms-gateway", os.Getenv("MOTCUA_SMS_GATEWAY"), "HTTP gateway for text messages to citizens (see package sms; or $MOTCUA_SMS_GATEWAY); its token in $MOTCUA_SMS_TOKEN")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", c.TrustedProxies, "reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.0/8,192.0.2.7 (per-address bounds, lockout, audit)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log lines as text or json (one object per line, with the request id)")
	agencyFlags(fs, &c.Agency)
	fs.StringVar(&c.MetricsToken, "metrics-token", c.MetricsToken, "bearer token that opens /metrics to other hosts (loopback may always read it); better in $MOTCUA_METRICS_TOKEN")
	if err := parseFlags(fs, args); err != nil {
		return c, err
	}
	c.DB, c.SMTP = *dsn, *smtpURL
	c.MetricsToken = cmp.Or(c.MetricsToken, os.Getenv("MOTCUA_METRICS_TOKEN"))
	c.SigningPassword = os.Getenv("MOTCUA_SIGNING_PASSWORD")
	c.SMSToken = os.Getenv("MOTCUA_SMS_TOKEN")
	c.OIDC.Secret = os.Getenv("MOTCUA_OIDC_SECRET")
	c.StaffOIDC.Secret = os.Getenv("MOTCUA_STAFF_OIDC_SECRET")
	c.Hotich.Token = os.Getenv("MOTCUA_HOTICH_TOKEN")
	c.DVCQG.Token = os.Getenv("MOTCUA_DVCQG_TOKEN")
	c.DVCQGInboundSecret = os.Getenv("MOTCUA_DVCQG_INBOUND_SECRET")
	c.NationalStore.Token = os.Getenv("MOTCUA_KHODL_TOKEN")
	c.Population.Token = os.Getenv("MOTCUA_DANCU_TOKEN")
	c.VNPAY.TmnCode, c.VNPAY.HashSecret, c.VNPAY.ServerIP = vnpayEnv.TmnCode, vnpayEnv.HashSecret, vnpayEnv.ServerIP
	c.PayGov.PartnerCode, c.PayGov.HashKey = paygovEnv.PartnerCode, paygovEnv.HashKey
	return c, nil
}

func demoFlags(fs *flag.FlagSet, d *server.Demo) {
	fs.BoolVar(&d.Seed, "demo", d.Seed, "seed an empty database with the demo district, users and dossiers")
	fs.StringVar(&d.Password, "demo-password", d.Password, "password of every demo user")
	fs.IntVar(&d.Dossiers, "demo-dossiers", d.Dossiers, "number of demo dossiers")
	fs.BoolVar(&d.History, "demo-history", d.History, "with --demo, also import the district's 2024 history (about 20,000 dossiers; II.06a for 01/01–01/06/2024 gives the seed report's figures)")
}

// signInFlags name the identity providers citizens and officers may sign
// in through; the client secrets come from the environment only.
func signInFlags(fs *flag.FlagSet, c *server.Config) {
	fs.StringVar(&c.OIDC.Issuer, "oidc-issuer", os.Getenv("MOTCUA_OIDC_ISSUER"), "OpenID Connect provider citizens may sign in through (or $MOTCUA_OIDC_ISSUER); client secret in $MOTCUA_OIDC_SECRET")
	fs.StringVar(&c.OIDC.ClientID, "oidc-client-id", os.Getenv("MOTCUA_OIDC_CLIENT_ID"), "this site's client id at the provider (or $MOTCUA_OIDC_CLIENT_ID)")
	fs.BoolVar(&c.OIDC.VNeID, "oidc-vneid", os.Getenv("MOTCUA_OIDC_VNEID") == "1", "the citizens' provider is VNeID, the national e-ID (or $MOTCUA_OIDC_VNEID=1): sessions keep the personal identification number it verified and dossiers filed for it are marked verified (docs/vneid.md)")
	fs.StringVar(&c.OIDC.VNeIDClaim, "oidc-vneid-claim", cmp.Or(os.Getenv("MOTCUA_OIDC_VNEID_CLAIM"), server.DefaultVNeIDClaim), "with --oidc-vneid, the ID token's claim holding the verified personal identification number (or $MOTCUA_OIDC_VNEID_CLAIM)")
	fs.StringVar(&c.StaffOIDC.Issuer, "staff-oidc-issuer", c.StaffOIDC.Issuer, "OpenID Connect provider officers may sign in through, matched by verified e-mail (client secret in $MOTCUA_STAFF_OIDC_SECRET)")
	fs.StringVar(&c.StaffOIDC.ClientID, "staff-oidc-client-id", c.StaffOIDC.ClientID, "this site's client id at the officers' provider")
}

// partnerFlags connect the specialised systems (package adapter/partner);
// their tokens come from the environment only.
func partnerFlags(fs *flag.FlagSet, c *server.Config) {
	fs.StringVar(&c.Hotich.URL, "hotich", os.Getenv("MOTCUA_HOTICH"), "civil-status registry to forward civil-status dossiers to (package partner/hotich; token in $MOTCUA_HOTICH_TOKEN)")
	fs.StringVar(&c.Hotich.Client, "hotich-client", c.Hotich.Client, "the API client the registry's bridge acts as (motcua clients create … --actions read,events,result)")
	fs.StringVar(&c.DVCQG.URL, "dvcqg", os.Getenv("MOTCUA_DVCQG"), "the national co-ordination system (National Public Service Portal) every dossier is synchronised to, whole, with retries (package partner/dvcqg, docs/national-sync.md; or $MOTCUA_DVCQG; token in $MOTCUA_DVCQG_TOKEN)")
	fs.StringVar(&c.DVCQGPull, "dvcqg-pull", os.Getenv("MOTCUA_DVCQG_PULL"), "the national side's list of dossiers filed on the National Public Service Portal for the province, read every five minutes in case a push was lost (docs/national-sync.md; or $MOTCUA_DVCQG_PULL; token in $MOTCUA_DVCQG_TOKEN); empty: pushes only")
	fs.StringVar(&c.Population.URL, "dan-cu", os.Getenv("MOTCUA_DANCU"), "the national population database (Cơ sở dữ liệu quốc gia về dân cư; package partner/dancu, docs/vneid.md): the counter fills the applicant's fields from it by personal identification number (or $MOTCUA_DANCU; token in $MOTCUA_DANCU_TOKEN)")
	fs.StringVar(&c.NationalCatalog, "csdl-tthc", os.Getenv("MOTCUA_CSDL_TTHC"), "the national procedure database's service (package partner/csdltthc, docs/national-catalogue.md): administrators may fetch procedures from it by code to compare with the catalogue (or $MOTCUA_CSDL_TTHC); empty: exported files only")
	fs.StringVar(&c.NationalStore.URL, "kho-du-lieu", os.Getenv("MOTCUA_KHODL"), "the citizens' national data store (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân; package partner/khodl, docs/national-data-store.md): issued results' links are pushed to it every minute and intake offers the documents it holds (or $MOTCUA_KHODL; token in $MOTCUA_KHODL_TOKEN)")
}

// gatewayFlags name the online payment gateways' addresses; their codes
// and keys come from the environment only (the same variables as
// `motcua payments reconcile`), returned for the caller to copy in.
func gatewayFlags(fs *flag.FlagSet, c *server.Config) (server.VNPAY, server.PayGov) {
	v, p := server.VNPAYFromEnv(), server.PayGovFromEnv()
	fs.StringVar(&c.VNPAY.PayURL, "vnpay-url", v.PayURL, "VNPAY payment page citizens pay on (or $MOTCUA_VNPAY_PAY_URL; terminal in $MOTCUA_VNPAY_TMN_CODE, key in $MOTCUA_VNPAY_HASH_SECRET or _FILE); empty: no VNPAY")
	fs.StringVar(&c.VNPAY.APIURL, "vnpay-api", v.APIURL, "VNPAY merchant API for status queries (or $MOTCUA_VNPAY_API_URL)")
	fs.StringVar(&c.PayGov.InitURL, "paygov-url", p.InitURL, "national payment platform's payment request address (or $MOTCUA_PAYGOV_INIT_URL; partner in $MOTCUA_PAYGOV_PARTNER_CODE, key in $MOTCUA_PAYGOV_HASH_KEY or _FILE); empty: not offered")
	fs.StringVar(&c.PayGov.QueryURL, "paygov-query", p.QueryURL, "national payment platform's query address (or $MOTCUA_PAYGOV_QUERY_URL)")
	return v, p
}
