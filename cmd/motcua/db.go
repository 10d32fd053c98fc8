package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/store"
)

func dbFlag(fs *flag.FlagSet) *string {
	dsn := fs.String("db", cmp.Or(os.Getenv("MOTCUA_DB"), "motcua.db"), "SQLite file path, or a postgres:// URL (or $MOTCUA_DB)")
	fs.Lookup("db").DefValue = store.RedactDSN(*dsn) // -h prints the default: $MOTCUA_DB's password must not show
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
	fmt.Printf("database %s is up to date\n", store.RedactDSN(*dsn))
	return db.Close()
}

// defaultFilesDir is where serve keeps the citizens' uploads when --files
// is not given; backup, restore and retention look there too.
func defaultFilesDir(dsn string) string { return server.DefaultFilesDir(dsn) }
