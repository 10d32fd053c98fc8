package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

const syncUsage = `usage:
  motcua sync dvcqg --from 2024-01-01 --to 2024-02-01 [--url URL]   send every dossier accepted in the period again
  motcua sync failures [--limit N]                                   dossiers the national side has not taken, and why
  motcua sync rate --from 2024-01-01 --to 2024-02-01 [--unit CODE]   indicator 1.4: synchronised / received`

// syncCmd drives the sync to the national co-ordination system (issue 20,
// package partner/dvcqg) by hand; serve --dvcqg runs it every minute.
func syncCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", syncUsage)
	}
	fs := flag.NewFlagSet("sync "+args[0], flag.ContinueOnError)
	dsn := dbFlag(fs)
	fromText := fs.String("from", "", "first day of the period, yyyy-mm-dd")
	toText := fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)")
	url := fs.String("url", os.Getenv("MOTCUA_DVCQG"), "the national co-ordination system to send to now (or $MOTCUA_DVCQG; token in $MOTCUA_DVCQG_TOKEN); empty: the running server sends them")
	unitCode := fs.String("unit", "", "a unit code: that unit and the units below it")
	limit := fs.Int("limit", 50, "how many to list")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	switch args[0] {
	case "dvcqg":
		from, to, err := syncPeriod(*fromText, *toText)
		if err != nil {
			return err
		}
		return resync(ctx, db, from, to, *url)
	case "failures":
		return syncFailures(ctx, db, *limit)
	case "rate":
		q := report.Query{}
		if q.From, q.To, err = syncPeriod(*fromText, *toText); err != nil {
			return err
		}
		if *unitCode != "" {
			u, err := db.UnitByCode(ctx, *unitCode)
			if err != nil {
				return fmt.Errorf("--unit %s: %s", *unitCode, motcua.ErrorMessage(err))
			}
			q.UnitID = u.ID
		}
		r, err := db.NationalSyncRate(ctx, q)
		if err != nil {
			return err
		}
		fmt.Printf("Chỉ số 1.4 — tỷ lệ đồng bộ: %s / %s hồ sơ tiếp nhận = %s\n",
			motcua.FormatInt(int64(r.Synced)), motcua.FormatInt(int64(r.Received)), syncRateText(r))
		return nil
	}
	return fmt.Errorf("%s", syncUsage)
}

func syncPeriod(fromText, toText string) (from, to time.Time, err error) {
	if from, err = time.ParseInLocation("2006-01-02", fromText, motcua.VN); err != nil {
		return from, to, fmt.Errorf("--from %q: want yyyy-mm-dd\n%s", fromText, syncUsage)
	}
	if to, err = time.ParseInLocation("2006-01-02", toText, motcua.VN); err != nil || !to.After(from) {
		return from, to, fmt.Errorf("--to %q: want yyyy-mm-dd after --from\n%s", toText, syncUsage)
	}
	return from, to, nil
}

// resync queues the period's dossiers and, given the national side's
// address, sends them now.
func resync(ctx context.Context, db *store.DB, from, to time.Time, url string) error {
	n, err := db.ResyncNational(ctx, from, to)
	if err != nil {
		return err
	}
	fmt.Printf("Đã xếp %s hồ sơ để đồng bộ lại.\n", motcua.FormatInt(n))
	if url == "" {
		fmt.Println("Máy chủ (serve --dvcqg) sẽ gửi chúng trong lần đồng bộ tới.")
		return nil
	}
	s := &dvcqg.Syncer{DB: db, URL: url, Token: os.Getenv("MOTCUA_DVCQG_TOKEN"), Log: slog.Default()}
	r, err := s.Sync(ctx)
	fmt.Printf("Đã gửi: %d; bị từ chối: %d; lỗi, sẽ gửi lại: %d.\n", r.Sent, r.Refused, r.Failed)
	return err
}

func syncFailures(ctx context.Context, db *store.DB, limit int) error {
	list, err := db.NationalSyncFailures(ctx, limit)
	if err != nil {
		return err
	}
	for _, s := range list {
		fmt.Printf("%s\tlần %d\tthử lại %s\t%s\n", s.SyncKey, s.Attempts, motcua.FormatDateTime(s.NextAttempt), s.LastError)
	}
	if len(list) == 0 {
		fmt.Println("Không có hồ sơ nào đồng bộ lỗi.")
	}
	return nil
}

func syncRateText(r report.SyncCount) string {
	if r.Received == 0 {
		return "không có dữ liệu"
	}
	return motcua.FormatPercent(int64(r.Synced), int64(r.Received))
}
