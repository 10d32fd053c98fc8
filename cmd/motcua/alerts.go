package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"

	"github.com/motcua/motcua/adapter/digest"
	"github.com/motcua/motcua/internal/mail"
)

// smtpFlag names the mail server; the URL may carry credentials, so it is
// also read from MOTCUA_SMTP and never printed unredacted.
func smtpFlag(fs *flag.FlagSet) *string {
	return fs.String("smtp", os.Getenv("MOTCUA_SMTP"), "mail server: smtp://user:pass@host:587?tls=starttls&from=motcua@example.gov.vn (or $MOTCUA_SMTP)")
}

// alertsCmd: motcua alerts digest — send today's digest of deadline alerts
// to unit leaders (run it daily, or let serve --digest-at do it).
func alertsCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "digest" {
		return fmt.Errorf("usage: motcua alerts digest [--db PATH|URL] --smtp URL [--base-url URL]")
	}
	fs := flag.NewFlagSet("alerts digest", flag.ContinueOnError)
	dsn := dbFlag(fs)
	smtpURL := smtpFlag(fs)
	baseURL := fs.String("base-url", "http://127.0.0.1:8080", "address officers open, for links in the e-mail")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	if *smtpURL == "" {
		return fmt.Errorf("alerts digest: --smtp (or MOTCUA_SMTP) is required")
	}
	sender, err := mail.SenderFromURL(*smtpURL)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	sent, err := digest.Run(ctx, db, sender, *baseURL, slog.Default())
	fmt.Printf("đã gửi %d thư cảnh báo hạn xử lý\n", sent)
	return err
}
