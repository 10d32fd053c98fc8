package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalogio"
)

// catalogExport writes the whole catalogue — decisions and every version —
// as JSON or XLSX, to --out or standard output.
func catalogExport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("catalog export", flag.ContinueOnError)
	dsn := dbFlag(fs)
	format := fs.String("format", "json", "json or xlsx")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if *format != "json" && *format != "xlsx" {
		return fmt.Errorf("catalog export: --format %q: want json or xlsx", *format)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	snap, err := db.Snapshot(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if *format == "xlsx" {
		err = catalogio.WriteXLSX(&buf, snap)
	} else {
		err = catalogio.WriteJSON(&buf, snap)
	}
	if err != nil {
		return err
	}
	return writeOut(*out, buf.Bytes())
}

// writeOut writes to a file (whole, or not at all) or to standard output.
func writeOut(path string, data []byte) error {
	if path == "" {
		_, err := os.Stdout.Write(data)
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// catalogImport applies a catalogue file, whole or not at all, and says
// what it changed.
func catalogImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("catalog import", flag.ContinueOnError)
	dsn := dbFlag(fs)
	file, err := parseWithArg(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("catalog import: a file is required: motcua catalog import FILE.json|FILE.xlsx")
	}
	snap, err := readCatalogFile(file)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	r, err := db.ImportCatalog(ctx, nil, snap)
	if err != nil {
		return fmt.Errorf("không nhập được %s, cơ sở dữ liệu không thay đổi: %s", file, motcua.ErrorMessage(err))
	}
	fmt.Printf("%s: %d thay đổi — quyết định: %d mới, %d cập nhật; phiên bản thủ tục: %d mới, %d cập nhật, %d không đổi\n",
		file, r.Changes(), r.DecisionsCreated, r.DecisionsUpdated, r.VersionsCreated, r.VersionsUpdated, r.Unchanged)
	return nil
}

func readCatalogFile(path string) (*motcua.CatalogSnapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var read func(io.Reader) (*motcua.CatalogSnapshot, error)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		read = catalogio.ReadJSON
	case ".xlsx":
		read = catalogio.ReadXLSX
	default:
		return nil, fmt.Errorf("catalog import: %s: the file must end in .json or .xlsx", path)
	}
	snap, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, motcua.ErrorMessage(err))
	}
	return snap, nil
}

// catalogTemplate writes the documented spreadsheet for bulk entry.
func catalogTemplate(args []string) error {
	fs := flag.NewFlagSet("catalog template", flag.ContinueOnError)
	out := fs.String("out", "mau-danh-muc-tthc.xlsx", "file to write")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := catalogio.WriteTemplate(&buf); err != nil {
		return err
	}
	if err := writeOut(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Printf("đã ghi mẫu nhập danh mục thủ tục: %s (hướng dẫn ở trang tính đầu tiên và trong docs/catalog-template.md)\n", *out)
	return nil
}
