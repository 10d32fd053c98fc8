package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// listingsCmd: the list of procedures received regardless of
// administrative boundary (Decree 118/2025/NĐ-CP), as the provincial
// chairman's decisions publish it.
const listingsUsage = `usage:
  motcua listings import FILE.csv     add the rows, all or none (columns: docs/catalog-template.md)
  motcua listings list [--at DATE]    the listings (in force at DATE when given)`

func listingsCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", listingsUsage)
	}
	switch args[0] {
	case "import":
		return listingsImport(ctx, args[1:])
	case "list":
		return listingsList(ctx, args[1:])
	}
	return fmt.Errorf("%s", listingsUsage)
}

func listingsImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("listings import", flag.ContinueOnError)
	dsn := dbFlag(fs)
	file, err := parseWithArg(fs, args)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("listings import: a file is required: motcua listings import FILE.csv")
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := readListingsCSV(f)
	if err != nil {
		return fmt.Errorf("không nhập được %s, cơ sở dữ liệu không thay đổi: %s", file, motcua.ErrorMessage(err))
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ImportBoundaryFreeListings(ctx, rows); err != nil {
		return fmt.Errorf("không nhập được %s, cơ sở dữ liệu không thay đổi: %s", file, motcua.ErrorMessage(err))
	}
	fmt.Printf("%s: đã nhập %d thủ tục vào danh mục tiếp nhận không phụ thuộc địa giới hành chính\n", file, len(rows))
	return nil
}

func listingsList(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("listings list", flag.ContinueOnError)
	dsn := dbFlag(fs)
	atText := fs.String("at", "", "only the listings in force at this date (dd/mm/yyyy or yyyy-mm-dd)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var ls []motcua.BoundaryFreeListing
	if *atText == "" {
		ls, err = db.BoundaryFreeListings(ctx, "")
	} else {
		at, perr := motcua.ParseDateTime(*atText)
		if perr != nil {
			return fmt.Errorf("--at: %s", motcua.ErrorMessage(perr))
		}
		ls, err = db.BoundaryFreeListingsAt(ctx, at)
	}
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, l := range ls {
		to := "nay"
		if !l.To.IsZero() {
			to = motcua.FormatDate(l.To)
		}
		fmt.Fprintf(w, "%s\t%s\ttừ %s đến %s\n", l.ProcedureCode, l.Basis(), motcua.FormatDate(l.From), to)
	}
	return nil
}

// listingColumns are the columns of a listings file, by key; a header may
// also give the Vietnamese title (folded: case and diacritics forgiven).
var listingColumns = []struct{ key, title string }{
	{"ma_tthc", "Mã TTHC"},
	{"so_quyet_dinh", "Số quyết định"},
	{"ngay_quyet_dinh", "Ngày quyết định"},
	{"hieu_luc_tu", "Hiệu lực từ"},
	{"het_hieu_luc", "Hết hiệu lực"},
}

// readListingsCSV reads a listings file: a header row, then one listing a
// row (comma or semicolon separated, UTF-8 with or without BOM, dates
// dd/mm/yyyy). Every bad row is reported with its number, and then no row
// is returned.
func readListingsCSV(r io.Reader) ([]store.ListingRow, error) {
	data, err := io.ReadAll(io.LimitReader(r, 10<<20))
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp trống hoặc không phải CSV: cần dòng tiêu đề %s.", listingKeys())
	}
	at, err := listingHeader(header)
	if err != nil {
		return nil, err
	}
	var rows []store.ListingRow
	var problems []string
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, motcua.Errorf(motcua.EINVALID, "Dòng %d: tệp CSV hỏng (%v).", n, err)
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		l, why := listingRecord(rec, at)
		if len(why) > 0 {
			problems = append(problems, fmt.Sprintf("Dòng %d: %s.", n, strings.Join(why, "; ")))
			continue
		}
		rows = append(rows, store.ListingRow{Row: n, Listing: l})
	}
	if len(problems) > 0 {
		return nil, motcua.Errorf(motcua.EINVALID, "Tệp có %d lỗi, không dòng nào được nhập:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return rows, nil
}

func listingKeys() string {
	var keys []string
	for _, c := range listingColumns {
		keys = append(keys, c.key)
	}
	return strings.Join(keys, ",")
}

// listingHeader finds each column's position; the end of validity may be
// left out, the others may not, and an unknown header is an error.
func listingHeader(header []string) (map[string]int, error) {
	at := map[string]int{}
	for i, h := range header {
		folded := strings.Join(strings.Fields(strings.NewReplacer("_", " ").Replace(motcua.Fold(h))), " ")
		if folded == "" {
			continue
		}
		found := false
		for _, c := range listingColumns {
			if folded == strings.ReplaceAll(c.key, "_", " ") || folded == motcua.Fold(c.title) {
				at[c.key], found = i, true
			}
		}
		if !found {
			return nil, motcua.Errorf(motcua.EINVALID, "Dòng 1: cột “%s” không có trong mẫu (%s).", h, listingKeys())
		}
	}
	for _, c := range listingColumns[:4] {
		if _, ok := at[c.key]; !ok {
			return nil, motcua.Errorf(motcua.EINVALID, "Dòng 1: thiếu cột %s (%s).", c.key, c.title)
		}
	}
	return at, nil
}

// listingRecord reads one row; why lists what is wrong with it.
func listingRecord(rec []string, at map[string]int) (l motcua.BoundaryFreeListing, why []string) {
	get := func(key string) string {
		if i, ok := at[key]; ok && i < len(rec) {
			return strings.TrimSpace(motcua.NFC(rec[i]))
		}
		return ""
	}
	day := func(what, key string, required bool) time.Time {
		s := get(key)
		if s == "" {
			if required {
				why = append(why, "thiếu "+what)
			}
			return time.Time{}
		}
		for _, layout := range []string{"02/01/2006", "2006-01-02"} {
			if t, err := time.ParseInLocation(layout, s, motcua.VN); err == nil {
				return t
			}
		}
		why = append(why, fmt.Sprintf("%s “%s” không hợp lệ (dd/mm/yyyy)", what, s))
		return time.Time{}
	}
	l.ProcedureCode, l.Decision = get("ma_tthc"), get("so_quyet_dinh")
	if l.ProcedureCode == "" {
		why = append(why, "thiếu mã thủ tục")
	}
	if l.Decision == "" {
		why = append(why, "thiếu số quyết định")
	}
	l.DecidedOn = day("ngày quyết định", "ngay_quyet_dinh", true)
	l.From = day("ngày hiệu lực", "hieu_luc_tu", true)
	l.To = day("ngày hết hiệu lực", "het_hieu_luc", false)
	if !l.From.IsZero() && !l.To.IsZero() && !l.To.After(l.From) {
		why = append(why, "ngày hết hiệu lực phải sau ngày hiệu lực")
	}
	return l, why
}
