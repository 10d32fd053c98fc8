package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/backup"
)

// backupCmd takes a consistent backup of a running SQLite deployment.
func backupCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	dsn := dbFlag(fs)
	filesDir := fs.String("files", "", "the server's --files directory (default: motcua-files beside the database)")
	out := fs.String("out", "", "the backup file to write, e.g. motcua-2026-11-27.tar.gz")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("usage: motcua backup --out FILE [--db PATH] [--files DIR]")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s đã có; chọn tên khác", *out)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	m, err := backup.Write(ctx, db, cmp.Or(*filesDir, defaultFilesDir(*dsn)), tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return err
	}
	fmt.Printf("Đã sao lưu vào %s: %s hồ sơ, %s tệp đính kèm; nhật ký kiểm tra đến dòng %d (%s).\n",
		*out, motcua.FormatInt(int64(m.Dossiers)), motcua.FormatInt(int64(len(m.Files))), m.AuditLast, m.AuditHead)
	if len(m.Missing) > 0 {
		fmt.Fprintf(os.Stderr, "cảnh báo: %d tệp được nhắc tới nhưng không có trong thư mục tệp: %v\n", len(m.Missing), m.Missing)
	}
	return nil
}

// restoreCmd brings a backup back, with the server stopped.
func restoreCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	dsn := dbFlag(fs)
	filesDir := fs.String("files", "", "the server's --files directory (default: motcua-files beside the database)")
	replace := fs.Bool("replace", false, "replace an existing database (it is kept as PATH.before-restore-TIME)")
	file, err := parseWithArg(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("usage: motcua restore FILE [--db PATH] [--files DIR] [--replace]")
	}
	in, err := os.Open(file)
	if err != nil {
		return err
	}
	defer in.Close()
	m, err := backup.Restore(ctx, in, *dsn, cmp.Or(*filesDir, defaultFilesDir(*dsn)), *replace)
	if err != nil {
		return err
	}
	fmt.Printf("Đã khôi phục bản sao lưu lúc %s: %s hồ sơ khớp với sổ, %s tệp, nhật ký kiểm tra nguyên vẹn đến dòng %d.\n",
		motcua.FormatDateTime(m.TakenAt), motcua.FormatInt(int64(m.Dossiers)), motcua.FormatInt(int64(len(m.Files))), m.AuditLast)
	return nil
}
