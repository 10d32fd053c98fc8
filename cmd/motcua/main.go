// Command motcua runs the one-stop-shop system: the server and its tools.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `motcua — hệ thống một cửa điện tử

Usage:
  motcua serve [--db PATH|URL] [--addr HOST:PORT] [--demo]   start the server
  motcua calendar due --at "2024-02-07 15:00" (--days N | --hours N) [--unit CODE] [--explain]
  motcua calendar list [--year YYYY]                          days off and make-up days
  motcua migrate [--db PATH|URL]                              create or upgrade the database
  motcua alerts digest --smtp URL [--base-url URL]            e-mail leaders today's deadline alerts
  motcua report ii06a --from 2024-01-01 --to 2024-06-01 [--by unit|field|procedure|channel|level] [--unit CODE] [--format json|csv|xlsx|pdf]
  motcua import template | motcua import register FILE.csv|FILE.xlsx [--create-units] [--skip-invalid]
  motcua catalog trial CODE --at "2025-01-24 16:00" [--level xa] [--unit CODE] [--draft]
                                                              trial run of a workflow: per-step due instants
  motcua clients create NAME --units CODE [--actions read,events,webhooks] | rotate NAME | disable NAME
  motcua webhooks add CLIENT URL [--types …] | replay ID   external systems: API keys and webhooks
  motcua bench [--dossiers N]                                 measure the speed budgets (BENCHMARKS.md)

--db defaults to ./motcua.db (embedded SQLite); a postgres:// URL selects PostgreSQL.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:])
	case "calendar":
		return calendarCmd(ctx, args[1:])
	case "migrate":
		return migrate(ctx, args[1:])
	case "bench":
		return bench(ctx, args[1:])
	case "alerts":
		return alertsCmd(ctx, args[1:])
	case "catalog":
		return catalogCmd(ctx, args[1:])
	case "report":
		return reportCmd(ctx, args[1:])
	case "import":
		return importCmd(ctx, args[1:])
	case "clients":
		return clientsCmd(ctx, args[1:])
	case "webhooks":
		return webhooksCmd(ctx, args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
