package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/motcua/motcua/store"
)

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", cmp.Or(os.Getenv("MOTCUA_DB"), "motcua.db"), "SQLite file path, or a postgres:// URL (or $MOTCUA_DB)")
}

func openDB(ctx context.Context, dsn string) (*store.DB, error) {
	return store.Open(ctx, dsn)
}

func migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	fmt.Printf("database %s is up to date\n", redactDSN(*dsn))
	return db.Close()
}

// parseWithArg parses flags around one positional argument (a code or a
// file), which may come before or after them; "" when there is none.
func parseWithArg(fs *flag.FlagSet, args []string) (string, error) {
	arg, rest := "", args
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		arg, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return "", err
	}
	if arg == "" && fs.NArg() > 0 {
		arg = fs.Arg(0)
	}
	return arg, nil
}
