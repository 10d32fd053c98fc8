package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/report"
)

const reportUsage = `usage: motcua report ii06a --from 2024-01-01 --to 2024-06-01 [--by unit|field|procedure|channel|level] [--unit CODE] [--view deciding|receiving] [--rollup] [--format json|csv|xlsx|pdf] [--as-of yyyy-mm-dd] [--out FILE]
       motcua report cchc --from 2024-01-01 --to 2024-07-01 [--unit CODE] [--rollup] [--format docx|pdf|md] [--out FILE]
       motcua report digital --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--rollup] [--json] [--list 4.2 [--met=false]]
       motcua report 766 --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--rollup] [--json] [--list 3.6 [--met=false]]`

// reportCmd prints Biểu II.06a for a period [from, to) (dates in +07:00,
// the end exclusive).
func reportCmd(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "cchc" {
		return reportCCHC(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "digital" {
		return reportDigital(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "766" {
		return report766(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "ii06a" {
		return fmt.Errorf("%s", reportUsage)
	}
	fs := flag.NewFlagSet("report ii06a", flag.ContinueOnError)
	dsn := dbFlag(fs)
	fromText := fs.String("from", "", "first day of the period, yyyy-mm-dd")
	toText := fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)")
	by := fs.String("by", "", "unit, field, procedure, channel or level; empty: one row")
	unitCode := fs.String("unit", "", "a unit code: that unit and the units below it")
	format := fs.String("format", "json", "json, csv, xlsx or pdf")
	view := fs.String("view", "deciding", "deciding: rows by the unit that decides; receiving: by the unit that received (with dossiers received for other units)")
	rollup := fs.Bool("rollup", false, "roll dissolved or merged units up into the units that took over their work")
	successors := fs.Bool("successors", false, "the same as --rollup (its former name)")
	asOfText := fs.String("as-of", "", "yyyy-mm-dd: what the report said at the end of that day (events recorded by then)")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := parseOnlyFlags(fs, args[1:]); err != nil {
		return err
	}
	q := report.Query{By: report.By(*by), Successors: *rollup || *successors}
	var err error
	if q.View, err = report.ParseView(*view); err != nil {
		return fmt.Errorf("--view %q: want deciding or receiving\n%s", *view, reportUsage)
	}
	if q.From, err = time.ParseInLocation("2006-01-02", *fromText, motcua.VN); err != nil {
		return fmt.Errorf("--from %q: want yyyy-mm-dd\n%s", *fromText, reportUsage)
	}
	if q.To, err = time.ParseInLocation("2006-01-02", *toText, motcua.VN); err != nil {
		return fmt.Errorf("--to %q: want yyyy-mm-dd\n%s", *toText, reportUsage)
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if *unitCode != "" {
		u, err := db.UnitByCode(ctx, *unitCode)
		if err != nil {
			return fmt.Errorf("--unit %s: %s", *unitCode, motcua.ErrorMessage(err))
		}
		q.UnitID = u.ID
	}
	var rep *report.Report
	if *asOfText != "" {
		asOf, perr := time.ParseInLocation("2006-01-02", *asOfText, motcua.VN)
		if perr != nil {
			return fmt.Errorf("--as-of %q: want yyyy-mm-dd", *asOfText)
		}
		rep, err = db.II06aAsOf(ctx, q, asOf.AddDate(0, 0, 1))
	} else {
		rep, err = db.II06a(ctx, q)
	}
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	var data []byte
	switch *format {
	case "json":
		data, err = json.MarshalIndent(rep, "", "  ")
		data = append(data, '\n')
	case "csv", "xlsx", "pdf":
		var buf bytes.Buffer
		switch *format {
		case "csv":
			err = forms.II06aCSV(&buf, rep)
		case "xlsx":
			err = forms.II06aXLSX(&buf, rep, scopeName(*unitCode))
		default:
			err = forms.II06aPDF(&buf, forms.II06aData{Scope: scopeName(*unitCode), At: db.Now(), Report: rep})
		}
		data = buf.Bytes()
	default:
		return fmt.Errorf("--format %q: want json, csv, xlsx or pdf", *format)
	}
	if err != nil {
		return err
	}
	return writeOut(*out, data)
}

func scopeName(unitCode string) string {
	if unitCode == "" {
		return "toàn bộ đơn vị"
	}
	return "đơn vị " + unitCode + " và các đơn vị trực thuộc"
}
