package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/store"
)

// catalogNational: motcua catalog national --file F | --url U --codes …
// compares procedures of the national procedure database with the
// catalogue and opens a draft decision holding the differences. It never
// publishes: decisions are published in the application, after a trial.
func catalogNational(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("catalog national", flag.ContinueOnError)
	dsn := dbFlag(fs)
	var files []string
	fs.Func("file", "export file of the national procedure database: a .json list or a ChiTietTTHC .docx (repeatable; docs/national-catalogue.md)", func(v string) error {
		files = append(files, v)
		return nil
	})
	base := fs.String("url", "", "address of the national procedure database's service (GET {url}/tthc/{code})")
	codesText := fs.String("codes", "", "national procedure codes, comma-separated, e.g. 1.001193,2.000908 (required with --url; with --file, none means every procedure in the file)")
	title := fs.String("decision-title", "", "summary (trích yếu) of the draft decision")
	number := fs.String("decision-number", "", "number and symbol of the draft decision (default: CSDLQG-yyyymmdd-hhmmss)")
	issuer := fs.String("decision-issuer", "Chủ tịch UBND tỉnh", "issuer of the draft decision")
	effective := fs.String("effective", "", "effective date of the draft decision, dd/mm/yyyy (default: today)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if (len(files) == 0) == (*base == "") {
		return fmt.Errorf("catalog national: give --file FILE (.json or .docx, repeatable) or --url URL, not both")
	}
	codes, err := csdltthc.ParseCodes(*codesText)
	if err != nil {
		return fmt.Errorf("catalog national: --codes: %s", motcua.ErrorMessage(err))
	}
	list, err := readNational(ctx, files, *base, codes)
	if err != nil {
		return fmt.Errorf("catalog national: %s", motcua.ErrorMessage(err))
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := nationalDecision(db.Now(), *number, *issuer, *title, *effective, codes)
	if err != nil {
		return fmt.Errorf("catalog national: %s", motcua.ErrorMessage(err))
	}
	rep, err := db.DraftFromNational(ctx, nil, d, list)
	if err != nil {
		return fmt.Errorf("không mở được quyết định dự thảo, cơ sở dữ liệu không thay đổi: %s", motcua.ErrorMessage(err))
	}
	printNational(os.Stdout, d, rep)
	return nil
}

func readNational(ctx context.Context, paths []string, base string, codes []string) ([]*motcua.NationalProcedure, error) {
	if base != "" {
		return (&csdltthc.Client{Base: base}).Procedures(ctx, codes)
	}
	var files []csdltthc.File
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		files = append(files, csdltthc.File{Name: path, Body: f})
	}
	return csdltthc.FromFiles(files, codes)
}

func nationalDecision(now time.Time, number, issuer, title, effective string, codes []string) (*motcua.Decision, error) {
	today := time.Date(now.In(motcua.VN).Year(), now.In(motcua.VN).Month(), now.In(motcua.VN).Day(), 0, 0, 0, 0, motcua.VN)
	d := &motcua.Decision{Number: number, Issuer: issuer, Summary: title, SignedOn: today, EffectiveFrom: today}
	if d.Number == "" {
		d.Number = "CSDLQG-" + now.In(motcua.VN).Format("20060102-150405")
	}
	if d.Summary == "" {
		d.Summary = "Cập nhật thủ tục hành chính theo Cơ sở dữ liệu quốc gia về thủ tục hành chính"
		if len(codes) > 0 {
			d.Summary += " (mã " + strings.Join(codes, ", ") + ")"
		}
	}
	if effective != "" {
		t, err := time.ParseInLocation("02/01/2006", effective, motcua.VN)
		if err != nil {
			return nil, motcua.FieldError("effective", "Ngày có hiệu lực %q không hợp lệ; nhập theo dạng dd/mm/yyyy.", effective)
		}
		d.EffectiveFrom = t
	}
	return d, nil
}

func printNational(w io.Writer, d *motcua.Decision, rep *store.NationalReport) {
	if rep.DecisionID == 0 {
		fmt.Fprintf(w, "không có khác biệt với danh mục của tỉnh (%d thủ tục giống nhau); không mở quyết định nào\n", len(rep.Unchanged))
	} else {
		fmt.Fprintf(w, "đã mở quyết định dự thảo %s (số %d): %d thủ tục công bố mới, %d thủ tục sửa đổi, bổ sung, %d không khác — chưa công bố; hãy xem, chạy thử và công bố trong ứng dụng\n",
			d.Number, rep.DecisionID, len(rep.Added), len(rep.Amended), len(rep.Unchanged))
	}
	for _, g := range []struct {
		label string
		list  []store.NationalChange
	}{{"công bố mới", rep.Added}, {"sửa đổi, bổ sung", rep.Amended}, {"không khác", rep.Unchanged}} {
		for _, c := range g.list {
			fmt.Fprintf(w, "\n%s %s (%s) — %s: %d khác biệt\n", c.Code, c.Name, c.Level.Label(), g.label, len(c.Changes))
			for _, ch := range c.Changes {
				fmt.Fprintf(w, "  %s: %s → %s\n", ch.Field, oneLine(ch.Old), oneLine(ch.New))
			}
			for _, u := range c.Unread {
				fmt.Fprintf(w, "  giữ nguyên văn bản, cần đọc: %s\n", oneLine(u))
			}
		}
	}
}

// oneLine keeps a long text on one line of the terminal, cut at 120 runes.
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "(trống)"
	}
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
