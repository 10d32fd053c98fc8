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
)

const reportDigitalUsage = `usage: motcua report digital --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--rollup] [--json] [--list 4.1|4.2|4.3|4.4 [--met=false]]
  indicators 4.1–4.4 of Decision 766 over the dossiers accepted in [from, to) (the end exclusive, as for ii06a);
  --list prints the codes of the dossiers that meet the indicator (or, with --met=false, the rest of its denominator)`

// reportDigital prints indicators 4.1–4.4 for a period and scope, or the
// codes of the dossiers behind one of them.
func reportDigital(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("report digital", flag.ContinueOnError)
	dsn := dbFlag(fs)
	fromText := fs.String("from", "", "first day of the period, yyyy-mm-dd")
	toText := fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)")
	unitCode := fs.String("unit", "", "a unit code: that unit and the units below it")
	rollup := fs.Bool("rollup", false, "count the dossiers of dissolved or merged units with the units that took over their work")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	list := fs.String("list", "", "an indicator (4.1, 4.2, 4.3 or 4.4): print the codes of its dossiers instead")
	met := fs.Bool("met", true, "with --list: the dossiers that meet the indicator; false: those of its denominator that do not")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	q := report.Query{Successors: *rollup}
	var err error
	if q.From, err = time.ParseInLocation("2006-01-02", *fromText, motcua.VN); err != nil {
		return fmt.Errorf("--from %q: want yyyy-mm-dd\n%s", *fromText, reportDigitalUsage)
	}
	if q.To, err = time.ParseInLocation("2006-01-02", *toText, motcua.VN); err != nil {
		return fmt.Errorf("--to %q: want yyyy-mm-dd\n%s", *toText, reportDigitalUsage)
	}
	if *list != "" {
		if err := report.CheckDigitalCode(*list); err != nil {
			return fmt.Errorf("--list: %s", motcua.ErrorMessage(err))
		}
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
	if *list != "" {
		codes, err := db.DigitalIndicatorCodes(ctx, q, *list, *met)
		if err != nil {
			return fmt.Errorf("%s", motcua.ErrorMessage(err))
		}
		return printDigitalCodes(codes, *asJSON)
	}
	indicators, err := db.DigitalIndicators(ctx, q)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	return printDigital(indicators, *asJSON)
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
