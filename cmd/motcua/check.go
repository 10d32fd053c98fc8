package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/motcua/motcua"
)

// checkCmd compares every dossier's projection with a replay of its
// events, and verifies the audit trail: what to run after a crash, a
// restore or an upgrade.
func checkCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	dsn := dbFlag(fs)
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.CheckLedger(ctx)
	if err != nil {
		return err
	}
	for _, p := range c.Problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(c.Problems) > 0 {
		return fmt.Errorf("%d hồ sơ có dữ liệu không khớp với sổ", len(c.Problems))
	}
	fmt.Printf("%s hồ sơ khớp với sổ (dựng lại từ sự kiện).\n", motcua.FormatInt(int64(c.Dossiers)))
	return verifyAudit(ctx, db, nil)
}
