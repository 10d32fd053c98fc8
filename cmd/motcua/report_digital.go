package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

const reportDigitalUsage = `usage: motcua report digital --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--rollup] [--json] [--list 4.1|4.2|4.3|4.4 [--met=false]]
  indicators 4.1–4.4 of Decision 766 over the dossiers accepted in [from, to) (the end exclusive, as for ii06a);
  --list prints the codes of the dossiers that meet the indicator (or, with --met=false, the rest of its denominator)`

// reportDigital prints indicators 4.1–4.4 for a period and scope, or the
// codes of the dossiers behind one of them.
func reportDigital(ctx context.Context, args []string) error {
	fs, f := newIndicatorFlags("report digital", "an indicator (4.1, 4.2, 4.3 or 4.4): print the codes of its dossiers instead")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if *f.list != "" {
		if err := report.CheckDigitalCode(*f.list); err != nil {
			return fmt.Errorf("--list: %s", motcua.ErrorMessage(err))
		}
	}
	db, q, err := f.open(ctx, reportDigitalUsage)
	if err != nil {
		return err
	}
	defer db.Close()
	if *f.list != "" {
		codes, err := db.DigitalIndicatorCodes(ctx, q, *f.list, *f.met)
		if err != nil {
			return fmt.Errorf("%s", motcua.ErrorMessage(err))
		}
		return printDigitalCodes(codes, *f.asJSON)
	}
	indicators, err := db.DigitalIndicators(ctx, q)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	return printDigital(indicators, *f.asJSON)
}

// indicatorFlags are the flags of the indicator sub-commands: the period,
// the scope, and the list of codes behind one figure.
type indicatorFlags struct {
	dsn, from, to, unit, list *string
	rollup, asJSON, met       *bool
}

func newIndicatorFlags(name, listHelp string) (*flag.FlagSet, *indicatorFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	return fs, &indicatorFlags{
		dsn:    dbFlag(fs),
		from:   fs.String("from", "", "first day of the period, yyyy-mm-dd"),
		to:     fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)"),
		unit:   fs.String("unit", "", "a unit code: that unit and the units below it"),
		rollup: fs.Bool("rollup", false, "count the dossiers of dissolved or merged units with the units that took over their work"),
		asJSON: fs.Bool("json", false, "print JSON instead of a table"),
		list:   fs.String("list", "", listHelp),
		met:    fs.Bool("met", true, "with --list: those that meet the indicator; false: those of its denominator that do not"),
	}
}

// open reads the period, opens the database and finds the unit.
func (f *indicatorFlags) open(ctx context.Context, usage string) (*store.DB, report.Query, error) {
	q := report.Query{Successors: *f.rollup}
	var err error
	if q.From, err = time.ParseInLocation("2006-01-02", *f.from, motcua.VN); err != nil {
		return nil, q, fmt.Errorf("--from %q: want yyyy-mm-dd\n%s", *f.from, usage)
	}
	if q.To, err = time.ParseInLocation("2006-01-02", *f.to, motcua.VN); err != nil {
		return nil, q, fmt.Errorf("--to %q: want yyyy-mm-dd\n%s", *f.to, usage)
	}
	db, err := openDB(ctx, *f.dsn)
	if err != nil {
		return nil, q, err
	}
	if *f.unit != "" {
		u, err := db.UnitByCode(ctx, *f.unit)
		if err != nil {
			db.Close()
			return nil, q, fmt.Errorf("--unit %s: %s", *f.unit, motcua.ErrorMessage(err))
		}
		q.UnitID = u.ID
	}
	return db, q, nil
}

// digitalJSON is an indicator as --json prints it, with its rate as a
// number (percent, two decimals; null without a denominator) and as shown.
type digitalJSON struct {
	report.DigitalIndicator
	Percent *float64 `json:"percent"`
	Rate    string   `json:"rate"`
}

func printDigital(indicators []report.DigitalIndicator, asJSON bool) error {
	if asJSON {
		out := make([]digitalJSON, len(indicators))
		for i, ind := range indicators {
			out[i] = digitalJSON{DigitalIndicator: ind, Rate: ind.Rate()}
			if ind.Denominator > 0 {
				p, _ := strconv.ParseFloat(strconv.FormatFloat(float64(ind.Numerator)*100/float64(ind.Denominator), 'f', 2, 64), 64)
				out[i].Percent = &p
			}
		}
		data, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		return writeOut("", append(data, '\n'))
	}
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Chỉ số\tTử số\tMẫu số\tTỉ lệ\t")
	for _, ind := range indicators {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t\n", ind.Code, motcua.FormatInt(int64(ind.Numerator)), motcua.FormatInt(int64(ind.Denominator)), ind.Rate())
	}
	w.Flush()
	for _, ind := range indicators {
		fmt.Fprintf(&b, "%s  %s\n", ind.Code, ind.Name)
	}
	return writeOut("", []byte(b.String()))
}

func printDigitalCodes(codes []string, asJSON bool) error {
	if asJSON {
		if codes == nil {
			codes = []string{}
		}
		data, err := json.Marshal(codes)
		if err != nil {
			return err
		}
		return writeOut("", append(data, '\n'))
	}
	if len(codes) == 0 {
		return nil
	}
	return writeOut("", []byte(strings.Join(codes, "\n")+"\n"))
}
