package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

const report766Usage = `usage: motcua report 766 --from 2024-01-01 --to 2024-04-01 [--unit CODE] [--rollup] [--json] [--list 3.5|3.6|4.1|4.2|4.3|4.4 [--met=false]]
       motcua report 766 --from 2024-01-01 --to 2024-04-01 [--unit CODE] --format table|json|xlsx|pdf [--out FILE]
  the indicators of Decision 766 that motcua computes from its ledger — 3.5, 3.6 (fees, online payment) and
  4.1–4.4 (the digital dossier) — over the dossiers accepted in [from, to) (the end exclusive, as for ii06a);
  --list prints what stands behind one: the codes of the procedures (3.5) or of the dossiers (the others) that
  meet it, or with --met=false the rest of its denominator.
  --format prints the whole scorecard instead: every indicator computed by the national formulas from the
  national records of the period (points, N/A, no data; docs/scorecard-766.md), to FILE or standard output`

// indicator766 is one row of `report 766`: an indicator and what it counts.
type indicator766 struct {
	Code        string   `json:"code"`
	Name        string   `json:"name"`
	Of          string   `json:"of"` // "thủ tục" or "hồ sơ"
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Percent     *float64 `json:"percent"` // two decimals; null without a denominator
	Rate        string   `json:"rate"`
}

// report766 prints every indicator of Decision 766 computed here, or the
// codes behind one of them.
func report766(ctx context.Context, args []string) error {
	fs, f := newIndicatorFlags("report 766", "an indicator (3.5, 3.6, 4.1, 4.2, 4.3 or 4.4): print the codes behind it instead")
	format := fs.String("format", "", "table, json, xlsx or pdf: the whole scorecard (docs/scorecard-766.md)")
	out := fs.String("out", "", "with --format: write to this file instead of standard output")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	if *format != "" {
		return scorecard766(ctx, f, *format, *out)
	}
	if *f.list != "" && report.CheckPaymentCode(*f.list) != nil && report.CheckDigitalCode(*f.list) != nil {
		return fmt.Errorf("--list: Chỉ số “%s” không có: chọn 3.5, 3.6, 4.1, 4.2, 4.3 hoặc 4.4.", *f.list)
	}
	db, q, err := f.open(ctx, report766Usage)
	if err != nil {
		return err
	}
	defer db.Close()
	if *f.list != "" {
		codes, err := codes766(ctx, db, q, *f.list, *f.met)
		if err != nil {
			return fmt.Errorf("%s", motcua.ErrorMessage(err))
		}
		return printDigitalCodes(codes, *f.asJSON)
	}
	rows, err := rows766(ctx, db, q)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	return print766(rows, *f.asJSON)
}

// rows766 computes 3.5, 3.6 and 4.1–4.4, in the national index's order.
func rows766(ctx context.Context, db *store.DB, q report.Query) ([]indicator766, error) {
	payment, err := db.PaymentIndicators(ctx, q)
	if err != nil {
		return nil, err
	}
	digital, err := db.DigitalIndicators(ctx, q)
	if err != nil {
		return nil, err
	}
	var rows []indicator766
	for _, i := range payment {
		rows = append(rows, newIndicator766(i.Code, i.Name, i.Of(), i.Numerator, i.Denominator))
	}
	for _, i := range digital {
		rows = append(rows, newIndicator766(i.Code, i.Name, "hồ sơ", i.Numerator, i.Denominator))
	}
	return rows, nil
}

func newIndicator766(code, name, of string, num, den int) indicator766 {
	r := indicator766{Code: code, Name: name, Of: of, Numerator: num, Denominator: den, Rate: motcua.FormatPercent(int64(num), int64(den))}
	if den > 0 {
		p, _ := strconv.ParseFloat(strconv.FormatFloat(float64(num)*100/float64(den), 'f', 2, 64), 64)
		r.Percent = &p
	}
	return r
}

// codes766 lists what stands behind indicator code: procedure codes for
// 3.5, dossier codes for the others.
func codes766(ctx context.Context, db *store.DB, q report.Query, code string, met bool) ([]string, error) {
	switch code {
	case report.CodeFeeData:
		procs, err := db.FeeProcedures(ctx, q)
		var codes []string
		for _, p := range procs {
			if (p.Dossiers > 0) == met {
				codes = append(codes, p.Code)
			}
		}
		return codes, err
	case report.CodeOnlinePayment:
		return db.OnlinePaymentCodes(ctx, q, met)
	}
	return db.DigitalIndicatorCodes(ctx, q, code, met)
}

func print766(rows []indicator766, asJSON bool) error {
	if asJSON {
		data, err := json.MarshalIndent(rows, "", "  ")
		if err != nil {
			return err
		}
		return writeOut("", append(data, '\n'))
	}
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Chỉ số\tTử số\tMẫu số\tTỉ lệ\tĐếm\t")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", r.Code, motcua.FormatInt(int64(r.Numerator)), motcua.FormatInt(int64(r.Denominator)), r.Rate, r.Of)
	}
	w.Flush()
	for _, r := range rows {
		fmt.Fprintf(&b, "%s  %s\n", r.Code, r.Name)
	}
	return writeOut("", []byte(b.String()))
}
