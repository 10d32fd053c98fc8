package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/server"
)

const retentionUsage = `usage:
  motcua retention set PROCEDURE_CODE MONTHS   keep applicants' data MONTHS after a dossier closed (0: keep)
  motcua retention list
  motcua retention apply [--at "2026-11-27"] [--files DIR]   erase what ran out (serve does it every night)`

// retentionCmd manages personal-data retention periods (issue 9).
func retentionCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", retentionUsage)
	}
	fs := flag.NewFlagSet("retention "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	at := fs.String("at", "", "erase as of this instant (default now)")
	filesDir := fs.String("files", "", "the server's --files directory (default: motcua-files beside the database)")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch {
	case args[0] == "set" && len(rest) == 2:
		months, err := strconv.Atoi(rest[1])
		if err != nil {
			return fmt.Errorf("MONTHS %q: a whole number", rest[1])
		}
		if err := db.SetRetention(ctx, rest[0], months); err != nil {
			return err
		}
		fmt.Printf("Thủ tục %s: lưu dữ liệu cá nhân %d tháng sau khi hồ sơ kết thúc.\n", rest[0], months)
		return nil
	case args[0] == "list":
		list, err := db.Retentions(ctx)
		for _, r := range list {
			fmt.Printf("%s\t%d tháng\n", r.ProcedureCode, r.Months)
		}
		return err
	case args[0] == "apply":
		when := time.Now()
		if *at != "" {
			if when, err = motcua.ParseDateTime(*at); err != nil {
				return err
			}
		}
		e, err := server.EraseExpired(ctx, db, &files.Store{Dir: cmp.Or(*filesDir, defaultFilesDir(*dsn))}, when)
		if err != nil {
			return err
		}
		fmt.Printf("Đã xoá dữ liệu cá nhân của %d hồ sơ, %d lần từ chối tiếp nhận, %d tệp.\n", e.Dossiers, e.Refusals, len(e.Files))
		return nil
	}
	return fmt.Errorf("%s", retentionUsage)
}
