package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

const successionsUsage = `usage:
  motcua successions list                       who took over each dissolved unit's dossiers, by field
  motcua successions apply [--at YYYY-MM-DD]    hand running dossiers of dissolved units to their successors (default now; serve does it at start)`

// successionsCmd shows the recorded successions and applies them to the
// dossiers still running at a dissolved unit (issue 17, 01/07/2025).
func successionsCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", successionsUsage)
	}
	fs := flag.NewFlagSet("successions "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	at := fs.String("at", "", "apply as of this date or instant (default now)")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 0 || (args[0] != "list" && args[0] != "apply") {
		return fmt.Errorf("%s", successionsUsage)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if args[0] == "list" {
		return listSuccessions(ctx, db)
	}
	when := time.Now()
	if *at != "" {
		if when, err = motcua.ParseDateTime(*at); err != nil {
			return err
		}
	}
	r, err := db.ApplySuccessions(ctx, when)
	if err != nil {
		return err
	}
	printSuccessions(ctx, db, r)
	return nil
}

// listSuccessions prints one line per recorded succession.
func listSuccessions(ctx context.Context, db *store.DB) error {
	list, err := db.Successions(ctx)
	if err != nil {
		return err
	}
	for _, s := range list {
		successor := "xã, phường nơi cư trú (nơi có đất) của hồ sơ"
		if s.SuccessorID != 0 {
			successor = unitLabel(ctx, db, s.SuccessorID)
		}
		field := s.Field
		if field == "" {
			field = "mọi lĩnh vực khác"
		}
		fmt.Printf("%s\t%s\t→ %s\ttừ %s\t%s\n", unitLabel(ctx, db, s.UnitID), field, successor, motcua.FormatDate(s.From), s.Basis)
	}
	if len(list) == 0 {
		fmt.Println("Chưa ghi nhận đơn vị kế thừa nào.")
	}
	return nil
}

// printSuccessions says what a run did: counts, then each dossier.
func printSuccessions(ctx context.Context, db *store.DB, r store.SuccessionReport) {
	fmt.Printf("Thời điểm %s: đã chuyển %d hồ sơ cho đơn vị kế thừa; %d hồ sơ cần chuyển thủ công.\n",
		motcua.FormatDateTime(r.At), len(r.Moved), len(r.Manual))
	for _, m := range r.Moved {
		to := m.ToUnitID
		if to == 0 {
			to = m.DecidingUnitID
		}
		fmt.Printf("  %s\t→ %s\t(%s)\n", m.Code, unitLabel(ctx, db, to), m.Basis)
	}
	for _, m := range r.Manual {
		fmt.Printf("  %s\tcần chuyển thủ công: %s\n", m.Code, m.Reason)
	}
}

// unitLabel is a unit's code and name, or its id when it is unknown.
func unitLabel(ctx context.Context, db *store.DB, id int64) string {
	u, err := db.Unit(ctx, id)
	if err != nil {
		return fmt.Sprintf("#%d", id)
	}
	return u.Code + " " + u.Name
}
