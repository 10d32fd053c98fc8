package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/motcua/motcua/store"
)

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "motcua.db", "SQLite file path, or a postgres:// URL")
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
