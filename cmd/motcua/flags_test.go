package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestFlagsWorkWhereverTheyAreWritten (issue 16, item 5): every command
// with positional arguments reads its flags before, between and after
// them ("--x v" and "--x=v"), and each placement has the flag's effect. A
// --db left unread would fall back to $MOTCUA_DB, an empty database here,
// and the check fails.
func TestFlagsWorkWhereverTheyAreWritten(t *testing.T) {
	t.Setenv("MOTCUA_DB", filepath.Join(t.TempDir(), "unread-db-flag.db"))
	db := seededDB(t)
	dir := t.TempDir()
	catalogFile, backupFile, restored := filepath.Join(dir, "cat.json"), filepath.Join(dir, "b.tar.gz"), filepath.Join(dir, "r.db")
	for _, args := range [][]string{{"catalog", "export", "--db", db, "--out", catalogFile}, {"backup", "--db", db, "--out", backupFile}, {"restore", backupFile, "--db", restored}} {
		if _, err := capture(t, args...); err != nil {
			t.Fatal(args, err)
		}
	}
	register := writeRegister(t, true) // with invalid rows: refused unless --skip-invalid
	const unit, at = "000.24.33.H17", "2025-01-24 16:00"
	cases := []struct {
		name       string
		placements [][]string
		check      func(t *testing.T, i int, out string)
	}{
		{"catalog trial", [][]string{
			{"catalog", "trial", "--db", db, "--at", at, "1.001193"},
			{"catalog", "trial", "--db", db, "1.001193", "--at", at},
			{"catalog", "trial", "1.001193", "--db=" + db, "--at=" + at},
			{"catalog", "trial", "--at", at, "--db", db, "--", "1.001193"},
		}, func(t *testing.T, _ int, out string) {
			if !strings.Contains(out, "hẹn trả kết quả 16:00 03/02/2025") {
				t.Errorf("--at not taken:\n%s", out)
			}
		}},
		{"catalog import", [][]string{
			{"catalog", "import", "--db", db, catalogFile},
			{"catalog", "import", catalogFile, "--db", db},
			{"catalog", "import", catalogFile, "--db=" + db},
		}, func(t *testing.T, _ int, out string) {
			if !strings.Contains(out, ": 0 thay đổi") {
				t.Errorf("not imported into --db (its own catalogue: no change):\n%s", out)
			}
		}},
		{"import register", [][]string{
			{"import", "register", "--skip-invalid", register, "--db", db}, // a boolean does not take the file
			{"import", "register", register, "--db", db, "--skip-invalid"},
			{"import", "register", "--db", db, register, "--skip-invalid=true"},
		}, nil},
		{"retention set", [][]string{
			{"retention", "set", "--db", db, "1.001193", "24"},
			{"retention", "set", "1.001193", "--db", db, "25"},
			{"retention", "set", "1.001193", "26", "--db=" + db},
		}, func(t *testing.T, i int, _ string) {
			if out, err := capture(t, "retention", "list", "--db", db); err != nil || !strings.Contains(out, fmt.Sprintf("1.001193\t%d tháng", 24+i)) {
				t.Errorf("retention list: %v\n%s", err, out)
			}
		}},
		{"clients create", [][]string{
			{"clients", "create", "--db", db, "--units", unit, "--actions", "read,events,webhooks", "Hệ thống 0"},
			{"clients", "create", "Hệ thống 1", "--db", db, "--units", unit},
			{"clients", "create", "--db", db, "Hệ thống 2", "--units=" + unit, "--rate", "60"},
		}, func(t *testing.T, i int, out string) {
			key := regexp.MustCompile(`mc_[A-Za-z0-9_-]{32}`).FindString(out)
			a, err := withStore(t, db).ClientActor(context.Background(), key)
			if err != nil || a.Client.Name != fmt.Sprint("Hệ thống ", i) || len(a.Units) == 0 {
				t.Errorf("client %d: %+v, %v (--units must scope it)", i, a, err)
			}
		}},
		{"clients rotate", [][]string{
			{"clients", "rotate", "--db", db, "Hệ thống 0"},
			{"clients", "rotate", "Hệ thống 0", "--db", db},
		}, nil},
		{"webhooks add", [][]string{
			{"webhooks", "add", "--db", db, "--types", "accepted", "Hệ thống 0", "https://a.example.vn/h"},
			{"webhooks", "add", "Hệ thống 0", "--db", db, "https://a.example.vn/h", "--types", "accepted"},
			{"webhooks", "add", "Hệ thống 0", "https://a.example.vn/h", "--db=" + db, "--types=accepted,result_ready"},
		}, func(t *testing.T, _ int, out string) {
			if !regexp.MustCompile(`[0-9a-f]{48}`).MatchString(out) {
				t.Errorf("no secret:\n%s", out)
			}
		}},
		{"webhooks replay", [][]string{
			{"webhooks", "replay", "--db", db, "1"},
			{"webhooks", "replay", "1", "--db", db},
		}, nil},
		{"users create", [][]string{
			{"users", "create", "--db", db, "--role", "counter", "--unit", unit, "--name", "Nguyễn Thị 0", "nguoi0"},
			{"users", "create", "nguoi1", "--db", db, "--role", "counter", "--unit", unit, "--name", "Nguyễn Thị 1"},
			{"users", "create", "--db", db, "--role=counter", "nguoi2", "--unit=" + unit, "--name=Nguyễn Thị 2"},
		}, func(t *testing.T, i int, _ string) {
			s := withStore(t, db)
			u, err := s.UnitByCode(context.Background(), unit)
			if err != nil {
				t.Fatal(err)
			}
			users, err := s.UsersAt(context.Background(), u.ID, motcua.RoleCounter)
			if !slices.ContainsFunc(users, func(u motcua.User) bool {
				return u.Username == fmt.Sprint("nguoi", i) && u.FullName == fmt.Sprint("Nguyễn Thị ", i)
			}) {
				t.Errorf("nguoi%d is not a counter officer of %s named by --name: %v", i, unit, err)
			}
		}},
		{"users revoke", [][]string{
			{"users", "revoke", "--db", db, "nguoi0"},
			{"users", "revoke", "nguoi1", "--db", db},
		}, nil},
		{"restore", [][]string{ // the database is there: refused without --replace
			{"restore", "--db", restored, "--replace", backupFile},
			{"restore", "--db", restored, backupFile, "--replace"},
			{"restore", backupFile, "--replace", "--db=" + restored},
		}, func(t *testing.T, _ int, out string) {
			if !strings.Contains(out, "Đã khôi phục") {
				t.Errorf("restore:\n%s", out)
			}
		}},
		{"totp", [][]string{
			{"totp", "JBSWY3DPEHPK3PXP"},
			{"totp", "--", "JBSWY3DPEHPK3PXP"},
		}, func(t *testing.T, _ int, out string) {
			if !regexp.MustCompile(`^\d{6}\n$`).MatchString(out) {
				t.Errorf("totp: %q", out)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, args := range c.placements {
				var out string
				var err error
				captureStderr(t, func() { out, err = captureWithStdin(t, "mat-khau-du-dai-2026\n", args...) }) // the rows skipped
				if err != nil {
					t.Errorf("%q: %v", args, err)
					continue
				}
				if c.check != nil {
					c.check(t, i, out)
				}
			}
		})
	}
}

// TestFlagsRefusedNotIgnored: an unknown flag, a stray argument or a flag
// value out of range is an error, wherever it stands.
func TestFlagsRefusedNotIgnored(t *testing.T) {
	t.Setenv("MOTCUA_DB", filepath.Join(t.TempDir(), "unread-db-flag.db"))
	db := seededDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"catalog", "trial", "1.001193", "--db", db, "--a", "2025-01-24 16:00"}, "catalog trial: unknown flag --a (known: --at, --db, --draft, --level, --unit;"},
		{[]string{"catalog", "trial", "--db", db, "1.001193", "1.001194"}, `catalog trial: unexpected argument "1.001194"`},
		{[]string{"catalog", "trial", "--db", db, "1.001193", "--at", "hôm qua"}, "--at"},
		{[]string{"import", "register", "x.csv", "--db", db, "--skip"}, "import register: unknown flag --skip"},
		{[]string{"webhooks", "add", "Không có", "https://x.vn/h", "--db", db, "--types", "da_xong"}, "da_xong"},
		{[]string{"webhooks", "replay", "1", "2", "--db", db}, "usage:"},
		{[]string{"backup", "stray", "--out", "x.tar.gz", "--db", db}, `backup: unexpected argument "stray"`},
		{[]string{"totp", "--x", "JBSWY3DPEHPK3PXP"}, "totp: unknown flag --x (it takes no flags"},
		{[]string{"retention", "set", "1.001193", "-3", "--db", db}, "unknown flag -3"},
	} {
		_, err := capture(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want an error with %q", c.args, err, c.want)
		}
	}
	if _, err := capture(t, "retention", "set", "--db", db, "--", "1.001193", "-3"); err == nil || !strings.Contains(motcua.ErrorMessage(err), "từ 1 đến 1200") {
		t.Errorf("after --, -3 is the MONTHS argument: %v", err)
	}
}

// TestParseWithArgs: the one parser's rules on their own.
func TestParseWithArgs(t *testing.T) {
	for _, c := range []struct {
		args       []string
		positional []string
		at         string
		draft      bool
	}{
		{[]string{"a", "--at", "x", "b"}, []string{"a", "b"}, "x", false},
		{[]string{"--draft", "a", "-at=x"}, []string{"a"}, "x", true},
		{[]string{"a", "--draft=false", "--at", "--draft", "b"}, []string{"a", "b"}, "--draft", false}, // a value may look like a flag
		{[]string{"--at", "x", "--", "--draft", "-"}, []string{"--draft", "-"}, "x", false},
		{[]string{"-", "--draft"}, []string{"-"}, "", true},
	} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		at, draft := fs.String("at", "", ""), fs.Bool("draft", false, "")
		positional, err := parseWithArgs(fs, c.args)
		if err != nil || !slices.Equal(positional, c.positional) || *at != c.at || *draft != c.draft {
			t.Errorf("%q: %q at=%q draft=%v, %v; want %q at=%q draft=%v", c.args, positional, *at, *draft, err, c.positional, c.at, c.draft)
		}
	}
}

// captureWithStdin runs a command with stdin reading the given text (the
// password of users create).
func captureWithStdin(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stdin")
	if err := os.WriteFile(path, []byte(stdin), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	return capture(t, args...)
}

func withStore(t *testing.T, path string) *store.DB {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
