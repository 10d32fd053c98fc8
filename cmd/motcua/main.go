// Command motcua runs the one-stop-shop system: the server and its tools.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"os/user"
	"strings"
	"syscall"

	"github.com/motcua/motcua"
)

const usage = `motcua — hệ thống một cửa điện tử

Usage:
  motcua serve [--db PATH|URL] [--addr HOST:PORT] [--demo]   start the server
  motcua calendar due --at "2024-02-07 15:00" (--days N | --hours N) [--unit CODE] [--explain]
  motcua calendar list [--year YYYY]                          days off and make-up days
  motcua migrate [--db PATH|URL]                              create or upgrade the database
  motcua alerts digest --smtp URL [--base-url URL]            e-mail leaders today's deadline alerts
  motcua report ii06a --from 2024-01-01 --to 2024-06-01 [--by unit|field|procedure|channel|level] [--unit CODE] [--format json|csv|xlsx|pdf]
  motcua report digital --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--json] [--list 4.2 [--met=false]]   indicators 4.1–4.4 (Decision 766)
  motcua report 766 --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--json] [--list 3.6 [--met=false]]   indicators 3.5, 3.6, 4.1–4.4 (Decision 766)
  motcua report 766 --from 2024-01-01 --to 2024-04-01 [--unit CODE] --format table|json|xlsx|pdf [--out FILE]   the whole 766 scorecard, by the national formulas
  motcua import template | motcua import register FILE.csv|FILE.xlsx [--create-units] [--skip-invalid]
  motcua catalog trial CODE --at "2025-01-24 16:00" [--level xa] [--unit CODE] [--draft]
                                                              trial run of a workflow: per-step due instants
  motcua listings import FILE.csv | list [--at DATE]        procedures received regardless of boundary
  motcua clients create NAME --units CODE [--actions read,events,webhooks] | rotate NAME | disable NAME
  motcua webhooks add CLIENT URL [--types …] | replay ID   external systems: API keys and webhooks
  motcua audit verify [--anchor ID:HASH] | list [--object CODE]   the hash-chained audit trail
  motcua users create NAME --role R --unit CODE | passwd NAME | revoke NAME | reset-2fa NAME   staff accounts
  motcua retention set CODE MONTHS | list | apply            personal data erased MONTHS after closing
  motcua sync dvcqg --from 2024-01-01 --to 2024-02-01 [--url URL] | failures | rate --from … --to … [--unit CODE]
                                                              the national sync (Decision 766): re-send a period, failures, indicator 1.4
  motcua successions list | apply [--at YYYY-MM-DD]          running dossiers of dissolved units to their successors
  motcua payments reconcile --date YYYY-MM-DD [--gateway vnpay|paygov] [--xlsx FILE]   the day's payments against the gateway
  motcua subject export (--id-number N | --phone P | --email E) [--out FILE]   all held about one applicant
  motcua check [--db PATH|URL]                                projections = replay of the ledger; audit chain whole
  motcua backup --out FILE [--files DIR]                      consistent backup of a running SQLite deployment
  motcua restore FILE [--files DIR] [--replace]               bring a backup back (server stopped)
  motcua bench [--dossiers N]                                 measure the speed budgets (BENCHMARKS.md)
  motcua ca demo --out DIR [--password P] | revoke --dir DIR CODE   demo CA: a certificate and PKCS#12 per unit (not legal)

--db defaults to ./motcua.db (embedded SQLite); a postgres:// URL selects PostgreSQL.
Flags may stand before, between or after the arguments; after -- everything is an argument.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		if motcua.ErrorCode(err) != motcua.EINTERNAL {
			err = errors.New(motcua.ErrorMessage(err)) // the user's message, not the call path
		}
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("no command given")
	}
	if args[0] != "serve" && args[0] != "bench" && args[0] != "totp" {
		ctx = motcua.WithOrigin(ctx, commandOrigin(args))
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:])
	case "calendar":
		return calendarCmd(ctx, args[1:])
	case "migrate":
		return migrate(ctx, args[1:])
	case "bench":
		return benchCmd(ctx, args[1:])
	case "alerts":
		return alertsCmd(ctx, args[1:])
	case "catalog":
		return catalogCmd(ctx, args[1:])
	case "report":
		return reportCmd(ctx, args[1:])
	case "payments":
		return paymentsCmd(ctx, args[1:])
	case "listings":
		return listingsCmd(ctx, args[1:])
	case "import":
		return importCmd(ctx, args[1:])
	case "clients":
		return clientsCmd(ctx, args[1:])
	case "webhooks":
		return webhooksCmd(ctx, args[1:])
	case "audit":
		return auditCmd(ctx, args[1:])
	case "check":
		return checkCmd(ctx, args[1:])
	case "retention":
		return retentionCmd(ctx, args[1:])
	case "sync":
		return syncCmd(ctx, args[1:])
	case "successions":
		return successionsCmd(ctx, args[1:])
	case "subject":
		return subjectCmd(ctx, args[1:])
	case "totp":
		return totpCmd(args[1:])
	case "users":
		return usersCmd(ctx, args[1:], os.Stdin)
	case "backup":
		return backupCmd(ctx, args[1:])
	case "restore":
		return restoreCmd(ctx, args[1:])
	case "ca":
		return caCmd(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// commandOrigin names a command-line change in the audit trail: the
// operating-system user and the command, without its arguments (they may
// hold addresses with passwords).
func commandOrigin(args []string) *motcua.Origin {
	route := "motcua " + args[0]
	if len(args) > 1 && strings.Trim(args[1], "abcdefghijklmnopqrstuvwxyz") == "" {
		route += " " + args[1]
	}
	who := cmp.Or(os.Getenv("SUDO_USER"), os.Getenv("USER"))
	if u, err := user.Current(); who == "" && err == nil {
		who = u.Username
	}
	return &motcua.Origin{Actor: "cli:" + who, Source: "local", Route: route}
}
