package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// catalogCmd: motcua catalog trial CODE --at TIME — the trial run of a
// procedure's workflow on the real calendar.
const catalogUsage = `usage:
  motcua catalog trial PROCEDURE_CODE --at "2025-01-24 16:00" [--level xa|huyen|tinh] [--unit CODE] [--draft]
  motcua catalog export [--format json|xlsx] [--out FILE]
  motcua catalog import FILE.json|FILE.xlsx
  motcua catalog template [--out FILE.xlsx]
  motcua catalog national --file FILE.json|ChiTietTTHC_CODE.docx [--file …] | --url URL [--codes 1.001193,2.000908] [--decision-title TEXT] [--decision-number N] [--effective dd/mm/yyyy]`

func catalogCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", catalogUsage)
	}
	switch args[0] {
	case "trial":
		return catalogTrial(ctx, args)
	case "export":
		return catalogExport(ctx, args[1:])
	case "import":
		return catalogImport(ctx, args[1:])
	case "template":
		return catalogTemplate(args[1:])
	case "national":
		return catalogNational(ctx, args[1:])
	}
	return fmt.Errorf("%s", catalogUsage)
}

func catalogTrial(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("catalog trial", flag.ContinueOnError)
	dsn := dbFlag(fs)
	atText := fs.String("at", "", `acceptance instant, e.g. "2025-01-24 16:00" (Vietnam time); default now`)
	levelSlug := fs.String("level", "", "xa, huyen or tinh when the code exists at several levels")
	unitCode := fs.String("unit", "", "receiving unit code (default: the first unit receiving such dossiers)")
	draft := fs.Bool("draft", false, "run the latest draft version instead of the one in force")
	code, err := parseWithArg(fs, args[1:])
	if err != nil {
		return err
	}
	if code == "" {
		return fmt.Errorf("catalog trial: a procedure code is required, e.g. motcua catalog trial 1.001193 --at \"2025-01-24 16:00\"")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	at := db.Now()
	if *atText != "" {
		if at, err = motcua.ParseDateTime(*atText); err != nil {
			return fmt.Errorf("--at: %s", motcua.ErrorMessage(err))
		}
	}
	report, err := trialReport(ctx, db, code, *levelSlug, *unitCode, *draft, at)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	printTrial(os.Stdout, report)
	return nil
}

func trialReport(ctx context.Context, db *store.DB, code, levelSlug, unitCode string, draft bool, at time.Time) (*store.TrialReport, error) {
	level := map[string]motcua.Level{"xa": motcua.LevelCommune, "huyen": motcua.LevelDistrict, "tinh": motcua.LevelProvince}[levelSlug]
	if levelSlug != "" && level == "" {
		return nil, motcua.FieldError("level", "Cấp %q không hợp lệ: dùng xa, huyen hoặc tinh.", levelSlug)
	}
	var unitID int64
	if unitCode != "" {
		u, err := db.UnitByCode(ctx, unitCode)
		if err != nil {
			return nil, err
		}
		unitID = u.ID
	}
	return db.TrialOf(ctx, code, level, unitID, draft, at)
}

func printTrial(w io.Writer, r *store.TrialReport) {
	p, run := r.Procedure, r.Run
	version := fmt.Sprintf("phiên bản %d", p.Version)
	if p.Status == motcua.VersionDraft {
		version = "bản dự thảo"
	}
	fmt.Fprintf(w, "Chạy thử: %s – %s (%s, %s, %s)\n", p.Code, p.Name, strings.ToLower(p.Level.Label()), p.Time, version)
	fmt.Fprintf(w, "Tiếp nhận tại %s; giải quyết tại %s\n", r.Receiving.Name, r.Deciding.Name)
	fmt.Fprintf(w, "Tiếp nhận lúc %s · bắt đầu tính thời gian %s · hẹn trả kết quả %s\n\n",
		motcua.FormatDateTime(run.At), motcua.FormatDateTime(run.Start), motcua.FormatDateTime(run.DueAt))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tBước\tVai trò\tThời gian\tBắt đầu\tHạn bước\tNgười thực hiện")
	for i, st := range run.Steps {
		var names []string
		for _, u := range r.Holders[i] {
			names = append(names, u.FullName)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s giờ\t%s\t%s\t%s\n", i+1, st.Name, st.Role.Label(), motcua.FormatDecimal(st.Budget.Hours()),
			motcua.FormatDateTime(st.StartAt), motcua.FormatDateTime(st.DueAt), strings.Join(names, ", "))
	}
	tw.Flush()
	if len(r.Warnings) == 0 {
		fmt.Fprintln(w, "\nKhông có cảnh báo.")
		return
	}
	fmt.Fprintln(w, "\nCảnh báo:")
	for _, s := range r.Warnings {
		fmt.Fprintln(w, "  - "+s)
	}
}
