// Package server assembles motcua's HTTP server and its background work
// (notices, webhooks, partners, retention, the leaders' digest) from one
// Config. The binary (motcua serve) and the end-to-end tests start it the
// same way, through Main, so a wiring mistake shows in the tests.
package server

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/motcua/internal/mail"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/web"
)

// Config is what the server is told: one field per serve flag (docs/deploy.md
// lists them), with DefaultConfig's defaults, checked in one place
// (Validate).
type Config struct {
	DB      string // SQLite file path, or a postgres:// URL
	Addr    string // host:port to listen on; port 0 takes a free one
	BaseURL string // public address for QR codes and links; "" on loopback: the listen address
	Demo    Demo

	SMTP     string // mail server, smtp://user:pass@host:587?…; "": no e-mail
	DigestAt string // HH:MM, Vietnam time, the leaders' deadline digest is sent (with SMTP)

	CodesPerHour  int    // one-time codes sent per hour to everyone together; 0: no ceiling
	UploadQuotaMB int64  // megabytes one citizen contact may upload in 24 hours; 0: no quota
	FilesDir      string // the citizens' uploads; "": DefaultFilesDir(DB)
	// SigningDir holds the units' keys that sign issued results
	// (pdfsign.UnitSigner: CODE.p12, ca.crt, crl.pem); "": results are
	// issued unsigned, except with the demo, which makes a demo CA.
	SigningDir      string
	SigningPassword string // of the PKCS#12 files

	OIDC      OIDC // citizens' sign-in provider
	StaffOIDC OIDC // officers' sign-in provider, matched by verified e-mail
	Hotich    Partner
	// DVCQG is the national co-ordination system every dossier is
	// synchronised to (package partner/dvcqg). No URL: not connected.
	DVCQG Endpoint
	// DVCQGInboundSecret verifies the signature of dossiers filed on the
	// national portal and pushed here (dvcqg.InboundPath); "": not served.
	DVCQGInboundSecret string
	// DVCQGPull is the national side's list of the dossiers filed for the
	// province, read every five minutes in case pushes were lost
	// (dvcqg.Puller, with DVCQG's token); "": not pulled.
	DVCQGPull string
	// NationalStore is the citizens' data store on the national portal
	// (package partner/khodl): results' links are pushed to it and intake
	// offers the documents it holds. No URL: not connected.
	NationalStore Endpoint
	// Population is the national population database (package
	// partner/dancu): the counter fills the applicant's fields from it.
	// No URL: not connected.
	Population Endpoint
	// NationalCatalog is the national procedure database's service (package
	// partner/csdltthc): the catalogue page may fetch procedures from it by
	// code. Empty: exported files only.
	NationalCatalog string
	// VNPAY and PayGov are the online payment gateways (payments.go);
	// neither configured: citizens pay at the counter only.
	VNPAY  VNPAY
	PayGov PayGov
	// ReconcileAt is when (HH:MM, Vietnam time) the previous day's online
	// payments are reconciled with each gateway and the run stored; "off":
	// never. Nothing runs without a gateway that answers queries.
	ReconcileAt string

	WebhookAttempts int // failed deliveries after which a webhook delivery is dead
	SMSGateway      string
	SMSToken        string

	TrustedProxies string // addresses and CIDR prefixes, comma-separated
	LogFormat      string // text or json
	Agency         web.Agency
	MetricsToken   string
	Rules          ledger.Rules
}

// Demo seeds an empty database with the demo district.
type Demo struct {
	Seed     bool
	Password string // of every demo user
	Dossiers int
	History  bool // also import the district's 2024 history
}

// OIDC is a sign-in provider; no Issuer: none. VNeID says the citizens'
// provider is VNeID, the national e-ID: its ID token's claim VNeIDClaim
// holds the personal identification number it verified (issue 20).
type OIDC struct {
	Issuer, ClientID, Secret string
	VNeID                    bool
	VNeIDClaim               string
}

// DefaultVNeIDClaim is the claim read for the verified number unless
// --oidc-vneid-claim names another: our best reading, to be confirmed
// against VNeID's integration documents (docs/vneid.md).
const DefaultVNeIDClaim = "so_dinh_danh"

// vneidClaim is the claim the portal reads, "" when the provider is not VNeID.
func (o OIDC) vneidClaim() string {
	if !o.VNeID {
		return ""
	}
	if o.VNeIDClaim == "" {
		return DefaultVNeIDClaim
	}
	return o.VNeIDClaim
}

// Partner is a specialised system's address (no URL: not connected), the
// API client its bridge acts as, and its token.
type Partner struct {
	URL, Client, Token string
}

// Endpoint is an outside system's address and its bearer token (never
// logged).
type Endpoint struct {
	URL, Token string
}

// DefaultConfig is serve without flags: SQLite in the working directory,
// on loopback port 8080.
func DefaultConfig() Config {
	return Config{
		DB:              "motcua.db",
		Addr:            "127.0.0.1:8080",
		Demo:            Demo{Password: "demo-dak-mil", Dossiers: 400, History: true},
		DigestAt:        "07:00",
		ReconcileAt:     "01:45",
		CodesPerHour:    ratelimit.DefaultCodesPerHour,
		UploadQuotaMB:   web.DefaultUploadQuota >> 20,
		Hotich:          Partner{Client: "Hộ tịch"},
		WebhookAttempts: 10,
		LogFormat:       "text",
		Rules:           ledger.DefaultRules(),
	}
}

// Validate refuses a configuration the server cannot run with, before it
// listens or opens the database.
func (c Config) Validate() error {
	if err := needBaseURL(c.BaseURL, c.Addr); err != nil {
		return err
	}
	if _, err := ratelimit.ParseProxies(c.TrustedProxies); err != nil {
		return err
	}
	if err := checkRules(c.Rules); err != nil {
		return err
	}
	if err := checkEndpoint("--kho-du-lieu", c.NationalStore.URL); err != nil {
		return err
	}
	if err := checkEndpoint("--dan-cu", c.Population.URL); err != nil {
		return err
	}
	if err := checkEndpoint("--dvcqg-pull", c.DVCQGPull); err != nil {
		return err
	}
	if c.OIDC.VNeID && c.OIDC.Issuer == "" {
		return fmt.Errorf("--oidc-vneid needs the provider: --oidc-issuer")
	}
	if err := checkEndpoint("--csdl-tthc", c.NationalCatalog); err != nil {
		return err
	}
	for flag, address := range map[string]string{"--vnpay-url": c.VNPAY.PayURL, "--vnpay-api": c.VNPAY.APIURL,
		"--paygov-url": c.PayGov.InitURL, "--paygov-query": c.PayGov.QueryURL} {
		if err := checkEndpoint(flag, address); err != nil {
			return err
		}
	}
	if _, err := c.gateways(); err != nil {
		return err
	}
	if _, _, err := c.reconcileTime(); err != nil {
		return err
	}
	if c.SMTP != "" {
		if _, err := mail.ParseURL(c.SMTP); err != nil {
			return err
		}
		if _, err := digestTime(c.DigestAt); err != nil {
			return err
		}
	}
	return nil
}

// needBaseURL checks --base-url against --addr. Public links (receipts'
// QR codes, links sent to citizens) are built from --base-url only, never
// from a request's Host header, which anyone can forge. On loopback (a
// machine behind its reverse proxy, or a trial) the listen address may
// stand in; listening beyond it without a public address is refused.
func needBaseURL(base, addr string) error {
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("--base-url %q: cần địa chỉ dạng https://tên-miền (want an address like https://host)", base)
		}
		return nil
	}
	if loopback(addr) {
		return nil
	}
	return fmt.Errorf("--base-url là bắt buộc khi máy chủ lắng nghe ngoài loopback (--addr %s): mã QR và liên kết gửi người dân chỉ được tạo từ địa chỉ công khai đã cấu hình.\n"+
		"--base-url is required when listening beyond loopback (--addr %s): QR codes and links sent to citizens are built only from the configured public address", addr, addr)
}

// checkEndpoint checks the address of an outside system given by flag:
// https, or plain http on loopback only (a token and identity numbers go
// there); "" is none.
func checkEndpoint(flag, address string) error {
	if address == "" {
		return nil
	}
	u, err := url.Parse(address)
	if err == nil && u.Host != "" && u.RawQuery == "" && u.Fragment == "" && u.User == nil &&
		(u.Scheme == "https" || u.Scheme == "http" && loopback(net.JoinHostPort(u.Hostname(), "80"))) {
		return nil
	}
	if err == nil {
		address = u.Redacted() // a password given in the address stays out of the message
	}
	return fmt.Errorf("%s %q: cần địa chỉ dạng https://tên-miền/đường-dẫn (http chỉ dùng được trên loopback).\n"+
		"%s %q: want an address like https://host/path (plain http on loopback only)", flag, address, flag, address)
}

// loopback reports whether addr (host:port) listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// checkRules bounds the lifecycle limits a province may set.
func checkRules(r ledger.Rules) error {
	switch {
	case r.ExtensionLeadDays < 0 || r.ExtensionLeadDays > 30:
		return fmt.Errorf("--extension-lead-days %v: want 0 to 30", r.ExtensionLeadDays)
	case r.MaxExtensions < 0 || r.MaxExtensions > 10:
		return fmt.Errorf("--max-extensions %d: want 0 to 10", r.MaxExtensions)
	case r.ApprovalLimit < 0 || r.ApprovalLimit > 31*24*time.Hour:
		return fmt.Errorf("--late-approval-after %v: want 0 to 744h", r.ApprovalLimit)
	}
	return nil
}

// reconcileTime reads --reconcile-at: off when "off" (or empty).
func (c Config) reconcileTime() (hm time.Time, on bool, err error) {
	at := strings.TrimSpace(c.ReconcileAt)
	if at == "" || at == "off" {
		return hm, false, nil
	}
	hm, err = time.Parse("15:04", at)
	if err != nil {
		return hm, false, fmt.Errorf("--reconcile-at %q: want HH:MM or off", c.ReconcileAt)
	}
	return hm, true, nil
}

// digestTime reads --digest-at.
func digestTime(at string) (time.Time, error) {
	hm, err := time.Parse("15:04", strings.TrimSpace(at))
	if err != nil {
		return hm, fmt.Errorf("--digest-at %q: want HH:MM", at)
	}
	return hm, nil
}

// filesDir is where the citizens' uploads go.
// signingDir is where the signing keys are: the one given, or with the
// demo its demo CA beside the SQLite file (or in the working directory).
func (c Config) signingDir() string {
	if c.SigningDir != "" || !c.Demo.Seed {
		return c.SigningDir
	}
	if strings.Contains(c.DB, "://") {
		return "motcua-demo-ca"
	}
	return filepath.Join(filepath.Dir(c.DB), "motcua-demo-ca")
}

// signingPassword opens the signing keys: the demo's are under the demo
// users' password.
func (c Config) signingPassword() string {
	if c.SigningPassword == "" && c.SigningDir == "" && c.Demo.Seed {
		return c.Demo.Password
	}
	return c.SigningPassword
}

func (c Config) filesDir() string {
	if c.FilesDir != "" {
		return c.FilesDir
	}
	return DefaultFilesDir(c.DB)
}

// DefaultFilesDir keeps uploads beside the SQLite file, or in the working
// directory for PostgreSQL.
func DefaultFilesDir(dsn string) string {
	if strings.Contains(dsn, "://") {
		return "motcua-files"
	}
	return filepath.Join(filepath.Dir(dsn), "motcua-files")
}

// agency is who the footer names: with the demo and no agency given, the
// demo district's one-stop section.
func (c Config) agency() web.Agency {
	if c.Demo.Seed && c.Agency.Name == "" {
		return demoAgency
	}
	return c.Agency
}
