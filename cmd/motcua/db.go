package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"

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
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	fmt.Printf("database %s is up to date\n", redactDSN(*dsn))
	return db.Close()
}
