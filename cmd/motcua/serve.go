package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/motcua/motcua/adapter/notify"
	"github.com/motcua/motcua/adapter/oidc"
	"github.com/motcua/motcua/adapter/partner"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/hotich"
	"github.com/motcua/motcua/adapter/webhook"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/metrics"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/internal/sms"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

func serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dsn := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	withDemo := fs.Bool("demo", false, "seed an empty database with the demo district, users and dossiers")
	demoPassword := fs.String("demo-password", "demo-dak-mil", "password of every demo user")
	demoDossiers := fs.Int("demo-dossiers", 400, "number of demo dossiers")
	demoHistory := fs.Bool("demo-history", true, "with --demo, also import the district's 2024 history (about 20,000 dossiers; II.06a for 01/01–01/06/2024 gives the seed report's figures)")
	smtpURL := smtpFlag(fs)
	digestAt := fs.String("digest-at", "07:00", "when to e-mail leaders the deadline digest each working day (needs --smtp)")
	baseURL := fs.String("base-url", "", "public address, for QR codes on receipts and links sent to citizens; required unless --addr is loopback (then the default is the listen address; never a request's Host header)")
	codesPerHour := fs.Int("codes-per-hour", ratelimit.DefaultCodesPerHour, "one-time codes (SMS, e-mail) the portal sends per hour to everyone together; past it citizens are asked to retry later (0: no ceiling)")
	rules := rulesFlags(fs)
	uploadQuota := fs.Int64("upload-quota-mb", web.DefaultUploadQuota>>20, "megabytes one citizen (e-mail or phone) may upload in 24 hours (0: no quota)")
	filesDir := fs.String("files", "", "directory of the documents citizens upload (default: motcua-files beside the SQLite file, or in the working directory)")
	oidcIssuer := fs.String("oidc-issuer", os.Getenv("MOTCUA_OIDC_ISSUER"), "OpenID Connect provider citizens may sign in through (or $MOTCUA_OIDC_ISSUER); client secret in $MOTCUA_OIDC_SECRET")
	oidcClient := fs.String("oidc-client-id", os.Getenv("MOTCUA_OIDC_CLIENT_ID"), "this site's client id at the provider (or $MOTCUA_OIDC_CLIENT_ID)")
	staffIssuer := fs.String("staff-oidc-issuer", "", "OpenID Connect provider officers may sign in through, matched by verified e-mail (client secret in $MOTCUA_STAFF_OIDC_SECRET)")
	staffClient := fs.String("staff-oidc-client-id", "", "this site's client id at the officers' provider")
	hotichURL := fs.String("hotich", os.Getenv("MOTCUA_HOTICH"), "civil-status registry to forward civil-status dossiers to (package partner/hotich; token in $MOTCUA_HOTICH_TOKEN)")
	hotichClient := fs.String("hotich-client", "Hộ tịch", "the API client the registry's bridge acts as (motcua clients create … --actions read,events,result)")
	dvcqgURL := fs.String("dvcqg", os.Getenv("MOTCUA_DVCQG"), "National Public Service Portal address to publish status changes to (package partner/dvcqg; token in $MOTCUA_DVCQG_TOKEN)")
	dvcqgClient := fs.String("dvcqg-client", "Cổng DVC quốc gia", "the API client the publisher reads as (motcua clients create … --actions read,events)")
	webhookAttempts := fs.Int("webhook-attempts", 10, "failed deliveries after which a webhook delivery is dead until replayed (motcua webhooks replay)")
	smsURL := fs.String("sms-gateway", os.Getenv("MOTCUA_SMS_GATEWAY"), "HTTP gateway for text messages to citizens (see package sms; or $MOTCUA_SMS_GATEWAY); its token in $MOTCUA_SMS_TOKEN")
	proxies := fs.String("trusted-proxies", "", "reverse proxies whose X-Forwarded-For names the client, e.g. 10.0.0.0/8,192.0.2.7 (per-address bounds, lockout, audit)")
	logFormat := fs.String("log-format", "text", "log lines as text or json (one object per line, with the request id)")
	agency := agencyFlags(fs)
	metricsToken := fs.String("metrics-token", "", "bearer token that opens /metrics to other hosts (loopback may always read it); better in $MOTCUA_METRICS_TOKEN")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := needBaseURL(*baseURL, *addr); err != nil {
		return err
	}
	trusted, err := ratelimit.ParseProxies(*proxies)
	if err != nil {
		return err
	}
	web.TrustedProxies = trusted
	// Listen first: a busy port should fail in a second, not after the
	// demo was seeded.
	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	log := newLogger(*logFormat)
	slog.SetDefault(log)
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Rules, err = rules(); err != nil {
		return err
	}
	if *withDemo {
		if err := seedDemo(ctx, db, *demoPassword, *demoDossiers, *demoHistory); err != nil {
			return err
		}
	}
	public := cmp.Or(strings.TrimSuffix(*baseURL, "/"), "http://"+ln.Addr().String())
	mux := http.NewServeMux()
	site := web.Mount(mux, db, log)
	api.Mount(mux, db, log).Limits = site.Limits // one bound for the portal's pages and its JSON
	site.BaseURL = public                        // links and QR codes: never from a request's Host
	site.Limits.CodesSent = ratelimit.New(*codesPerHour, time.Hour)
	site.Files = &files.Store{Dir: cmp.Or(*filesDir, defaultFilesDir(*dsn))}
	site.UploadQuota = *uploadQuota << 20
	go retainNightly(ctx, db, site.Files, log) // personal data past its procedure's retention period
	db.PublicURL = public
	if *oidcIssuer != "" {
		if site.OIDC, err = oidc.New(ctx, oidc.Config{Issuer: *oidcIssuer, ClientID: *oidcClient,
			ClientSecret: os.Getenv("MOTCUA_OIDC_SECRET"), RedirectURL: db.PublicURL + "/xac-thuc/oidc/callback"}); err != nil {
			return err
		}
	}
	if *staffIssuer != "" {
		if site.StaffOIDC, err = oidc.New(ctx, oidc.Config{Issuer: *staffIssuer, ClientID: *staffClient,
			ClientSecret: os.Getenv("MOTCUA_STAFF_OIDC_SECRET"), RedirectURL: db.PublicURL + "/login/oidc/callback"}); err != nil {
			return err
		}
	}
	site.Agency = agency(*withDemo) // the pages' footer
	notifier := &notify.Sender{DB: db, Log: log}
	if *smsURL != "" {
		if notifier.SMS, err = sms.New(*smsURL, os.Getenv("MOTCUA_SMS_TOKEN")); err != nil {
			return err
		}
	}
	m := metrics.New(db, 30*time.Second, log)
	m.Register(mux, cmp.Or(*metricsToken, os.Getenv("MOTCUA_METRICS_TOKEN")))
	m.Counter("motcua_codes_refused_total", "One-time codes refused because the hourly ceiling (--codes-per-hour) was reached.",
		site.Limits.CodesSent.Refused)
	srv := &http.Server{Handler: web.Handler(mux, m.Middleware, web.AccessLog(log)), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("motcua đang chạy tại http://%s (cơ sở dữ liệu: %s)\n", ln.Addr(), redactDSN(*dsn))
	if *smtpURL != "" {
		sender, err := newSender(*smtpURL)
		if err != nil {
			return err
		}
		if err := digestDaily(ctx, db, sender, *digestAt, public, log); err != nil {
			return err
		}
		log.Info("deadline digest scheduled", "at", *digestAt, "smtp", sender.String())
		notifier.Mail = sender
	}
	if *withDemo && notifier.Mail == nil && notifier.SMS == nil {
		// The demo has no mail server: print notices, one-time codes included, to try the portal.
		notifier.Mail, notifier.SMS = notify.Console{W: os.Stdout}, notify.Text{W: os.Stdout}
		fmt.Println("Chế độ mẫu: thông báo gửi người dân (kể cả mã xác thực) được in ra đây thay vì gửi thư/tin nhắn.")
	}
	go notifier.Run(ctx, 5*time.Second) // notices to citizens: codes, decisions, results
	hooks := webhook.New(db, log)
	hooks.MaxAttempts = max(*webhookAttempts, 1)
	go hooks.Run(ctx, 5*time.Second) // events to subscribed systems
	if *hotichURL != "" {
		bridge := &partner.Bridge{DB: db, Client: *hotichClient, Log: log,
			Adapter: &hotich.Adapter{Base: *hotichURL, Token: os.Getenv("MOTCUA_HOTICH_TOKEN")}}
		go bridge.Run(ctx, 30*time.Second)
	}
	if *dvcqgURL != "" {
		pub := &dvcqg.Publisher{DB: db, Client: *dvcqgClient, URL: *dvcqgURL, Token: os.Getenv("MOTCUA_DVCQG_TOKEN")}
		go pub.Run(ctx, time.Minute, func(err error) { log.Warn("national portal sync", "err", err) })
	}
	stopped := make(chan struct{})
	go func() {
		// On SIGTERM stop listening and let requests in flight finish (up to
		// 20 s) before the database closes.
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdown); err != nil {
			log.Warn("shutdown", "err", err)
		}
		close(stopped)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	<-stopped
	log.Info("stopped; requests in flight finished")
	return nil
}

// listen opens the address, saying in Vietnamese when another program
// holds it.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("Cổng %s đang được dùng bởi chương trình khác; chọn cổng khác với --addr", addr)
	}
	return ln, err
}

// newLogger writes text for people at a terminal, or JSON for a log
// collector.
func newLogger(format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, nil))
}

// seedDemo fills an empty database and prints the demo accounts; on a
// database already seeded it only reminds how to log in.
func seedDemo(ctx context.Context, db *store.DB, password string, dossiers int, history bool) error {
	done, err := demo.Seeded(ctx, db)
	if err != nil {
		return err
	}
	if done {
		fmt.Println("Dữ liệu mẫu đã có sẵn; tài khoản mẫu dùng mật khẩu đã in khi tạo (mặc định: demo-dak-mil).")
		return nil
	}
	fmt.Println("Đang tạo dữ liệu mẫu (huyện Đắk Mil, 2024; lịch sử năm 2024 mất khoảng 10 giây)…")
	accounts, err := demo.Seed(ctx, db, demo.Options{Password: password, Dossiers: dossiers, Now: time.Now(), History: history})
	if err != nil {
		return err
	}
	fmt.Printf("Tài khoản mẫu (mật khẩu chung: %s):\n", password)
	for _, a := range accounts {
		fmt.Printf("  %-22s %-20s %-26s %s\n", a.Username, a.Role.Label(), a.FullName, a.Unit)
	}
	return nil
}

// defaultFilesDir keeps uploads beside the SQLite file, or in the working
// directory for PostgreSQL.
func defaultFilesDir(dsn string) string {
	if strings.Contains(dsn, "://") {
		return "motcua-files"
	}
	return filepath.Join(filepath.Dir(dsn), "motcua-files")
}
