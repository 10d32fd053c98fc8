package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/reform/cchc"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// reportCCHC drafts the periodic administrative-reform report of a unit
// (default: the root of the organisation) for [from, to).
func reportCCHC(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report cchc", flag.ContinueOnError)
	dsn := dbFlag(fs)
	fromText := fs.String("from", "", "first day of the period, yyyy-mm-dd")
	toText := fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)")
	unitCode := fs.String("unit", "", "the reporting unit's code (default: the unit holding the year's reform plan, else the root)")
	format := fs.String("format", "md", "docx, pdf or md")
	rollup := fs.Bool("rollup", false, "count the dossiers and ratings of dissolved units rolled up into the unit's (store's rollup rule)")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	from, err := time.ParseInLocation("2006-01-02", *fromText, motcua.VN)
	if err != nil {
		return fmt.Errorf("--from %q: want yyyy-mm-dd\n%s", *fromText, reportUsage)
	}
	to, err := time.ParseInLocation("2006-01-02", *toText, motcua.VN)
	if err != nil || !to.After(from) {
		return fmt.Errorf("--to %q: want yyyy-mm-dd after --from\n%s", *toText, reportUsage)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var unitID int64
	if *unitCode != "" {
		u, err := db.UnitByCode(ctx, *unitCode)
		if err != nil {
			return fmt.Errorf("--unit %s: %s", *unitCode, motcua.ErrorMessage(err))
		}
		unitID = u.ID
	} else if unitID, err = defaultReportingUnit(ctx, db, from.Year()); err != nil {
		return err
	}
	facts, err := db.CCHCFacts(ctx, report.Query{UnitID: unitID, From: from, To: to, Successors: *rollup})
	if err != nil {
		return err
	}
	draft := cchc.New(facts)
	var buf bytes.Buffer
	switch *format {
	case "md":
		buf.WriteString(draft.Markdown())
	case "docx":
		err = draft.DOCX(&buf)
	case "pdf":
		err = forms.CCHC(&buf, draft)
	default:
		return fmt.Errorf("--format %q: want docx, pdf or md", *format)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = os.Stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}

// defaultReportingUnit is the unit that holds the year's reform plan when
// exactly one does, else the organisation's root.
func defaultReportingUnit(ctx context.Context, db *store.DB, year int) (int64, error) {
	if ids, err := db.PlanUnits(ctx, year); err != nil || len(ids) == 1 {
		if err != nil {
			return 0, err
		}
		return ids[0], nil
	}
	units, err := db.Units(ctx)
	if err != nil {
		return 0, err
	}
	for _, u := range units {
		if u.ParentID == 0 {
			return u.ID, nil
		}
	}
	return 0, fmt.Errorf("report cchc: the organisation has no units")
}
