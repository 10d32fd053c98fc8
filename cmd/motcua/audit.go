package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

const auditUsage = `usage:
  motcua audit verify [--anchor ID:HASH,…]     check the trail's hash chain end to end
  motcua audit list [--object CODE] [--actor user:12] [--from dd/mm/yyyy] [--limit N]`

// auditCmd checks and reads the audit trail (issue 9).
func auditCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", auditUsage)
	}
	fs := flag.NewFlagSet("audit "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	anchors := fs.String("anchor", "", "entries whose hashes were written down earlier, as ID:HASH, comma-separated")
	object := fs.String("object", "", "only entries about this dossier code or object")
	actor := fs.String("actor", "", "only entries by actors starting so (user:12, client:, citizen)")
	from := fs.String("from", "", "only entries from this day or instant")
	limit := fs.Int("limit", 100, "how many entries, newest first")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "verify":
		marks, err := parseAnchors(*anchors)
		if err != nil {
			return err
		}
		return verifyAudit(ctx, db, marks)
	case "list":
		f := store.AuditFilter{Object: *object, Actor: *actor, Limit: *limit}
		if *from != "" {
			if f.From, err = motcua.ParseDateTime(*from); err != nil {
				return err
			}
		}
		list, err := db.AuditLog(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range list {
			fmt.Printf("%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, motcua.FormatDateTime(e.At), e.Actor, e.Source, e.Action, e.Object, e.Detail)
		}
		return nil
	}
	return fmt.Errorf("%s", auditUsage)
}

func verifyAudit(ctx context.Context, db *store.DB, anchors map[int64]string) error {
	c, err := db.VerifyAudit(ctx, anchors)
	if err != nil {
		return err
	}
	if len(c.Problems) > 0 {
		for _, p := range c.Problems {
			fmt.Fprintln(os.Stderr, p)
		}
		return fmt.Errorf("nhật ký kiểm tra đã bị sửa hoặc xoá: %d vấn đề (trong %s dòng)", len(c.Problems), motcua.FormatInt(c.Entries))
	}
	fmt.Printf("Nhật ký kiểm tra nguyên vẹn: %s dòng.\nMốc cuối (hãy ghi lại ngoài hệ thống): %d:%s\n", motcua.FormatInt(c.Entries), c.LastID, c.Head)
	return nil
}

func parseAnchors(s string) (map[int64]string, error) {
	marks := map[int64]string{}
	for _, a := range list(s) {
		id, hash, ok := strings.Cut(a, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || len(hash) != 64 {
			return nil, fmt.Errorf("mốc %q không hợp lệ: cần dạng SỐ_DÒNG:MÃ_BĂM (64 ký tự hex) như audit verify in ra", a)
		}
		marks[n] = hash
	}
	return marks, nil
}
