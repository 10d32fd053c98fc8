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
	dsn := fs.String("db", cmp.Or(os.Getenv("MOTCUA_DB"), "motcua.db"), "SQLite file path, or a postgres:// URL (or $MOTCUA_DB)")
	fs.Lookup("db").DefValue = redactDSN(*dsn) // -h prints the default: $MOTCUA_DB's password must not show
	return dsn
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
	positional, err := parseWithArgs(fs, args)
	if err != nil || len(positional) == 0 {
		return "", err
	}
	return positional[0], nil
}

// parseWithArgs parses flags that may come after or before the positional
// arguments, and returns those arguments in order.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		positional, args = append(positional, args[0]), args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return append(positional, fs.Args()...), nil
}
