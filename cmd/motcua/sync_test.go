package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// TestSyncFromTheCommandLine: before any sync the period's rate is 0 of
// what was received; `sync dvcqg` re-sends the period at once to the
// national side, after which the rate is 100 % and no record fails; a
// period the wrong way round is refused.
func TestSyncFromTheCommandLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 16, 10, 0, 0, 0, motcua.VN)
	if _, err := demo.Seed(context.Background(), db, demo.Options{Password: "mat-khau-thu", Dossiers: 20, Now: now}); err != nil {
		t.Fatal(err)
	}
	portal := dvcqgtest.Start(t, "bi-mat")
	due, err := db.NationalSyncDue(context.Background(), 10000)
	if err != nil || len(due) == 0 {
		t.Fatalf("nothing due: %v", err)
	}
	for _, d := range due {
		rec, err := db.NationalRecordOf(context.Background(), d.SyncKey)
		if err != nil {
			t.Fatal(err)
		}
		portal.Know(rec.ProcedureCode, dvcqg.Procedure{ResultIsDocument: rec.ResultIsDocument, MaxWorkingDays: rec.MaxWorkingDays})
	}
	db.Close()
	t.Setenv("MOTCUA_DVCQG_TOKEN", "bi-mat")

	rate := regexp.MustCompile(`tỷ lệ đồng bộ: (\d+) / (\d+) hồ sơ tiếp nhận = (.*)`)
	out, err := capture(t, "sync", "rate", "--db", path, "--from", "2020-01-01", "--to", "2026-03-17")
	m := rate.FindStringSubmatch(out)
	if err != nil || m == nil || m[1] != "0" || m[2] == "0" {
		t.Fatalf("rate before: %v\n%s", err, out)
	}
	received := m[2]
	out, err = capture(t, "sync", "dvcqg", "--db", path, "--from", "2020-01-01", "--to", "2026-03-17", "--url", portal.URL)
	if err != nil || !strings.Contains(out, "bị từ chối: 0; lỗi, sẽ gửi lại: 0.") {
		t.Fatalf("sync dvcqg: %v\n%s", err, out)
	}
	out, err = capture(t, "sync", "rate", "--db", path, "--from", "2020-01-01", "--to", "2026-03-17")
	if m = rate.FindStringSubmatch(out); err != nil || m == nil || m[1] != received || m[3] != "100,00 %" {
		t.Fatalf("rate after: %v\n%s", err, out)
	}
	if out, err = capture(t, "sync", "failures", "--db", path); err != nil || !strings.Contains(out, "Không có hồ sơ nào đồng bộ lỗi.") {
		t.Fatalf("failures: %v\n%s", err, out)
	}
	if _, err := capture(t, "sync", "dvcqg", "--db", path, "--from", "2026-03-17", "--to", "2026-03-01"); err == nil {
		t.Fatal("a period the wrong way round was taken")
	}
}
