package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/report"
)

// scorecard766 prints the whole 766 scorecard of the unit and period in
// format (table, json, xlsx or pdf) to out ("" standard output).
func scorecard766(ctx context.Context, f *indicatorFlags, format, out string) error {
	switch format {
	case "table", "json", "xlsx", "pdf":
	default:
		return fmt.Errorf("--format %q: want table, json, xlsx or pdf", format)
	}
	if *f.list != "" {
		return fmt.Errorf("--list prints the codes behind an indicator; with --format the scorecard lists them itself (json)")
	}
	db, q, err := f.open(ctx, report766Usage)
	if err != nil {
		return err
	}
	defer db.Close()
	sc, err := db.SyncedScorecard766(ctx, q)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	scope := scopeName(*f.unit)
	var buf bytes.Buffer
	switch format {
	case "table":
		err = scorecardTable(&buf, sc)
	case "json":
		var data []byte
		data, err = json.MarshalIndent(sc, "", "  ")
		buf.Write(append(data, '\n'))
	case "xlsx":
		err = forms.Scorecard766XLSX(&buf, sc, scope)
	case "pdf":
		err = forms.Scorecard766PDF(&buf, forms.Scorecard766Data{Scope: scope, At: db.Now(), Scorecard: sc})
	}
	if err != nil {
		return err
	}
	return writeOut(out, buf.Bytes())
}

// scorecardTable writes the scorecard as a text table, then each
// indicator's name and what it lacks.
func scorecardTable(b *bytes.Buffer, sc *report.Scorecard) error {
	w := tabwriter.NewWriter(b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "Chỉ số\tTử số\tMẫu số\tTỉ lệ\tĐiểm\t")
	for _, i := range sc.Indicators {
		num, den := "—", "—"
		if !i.NoData {
			num, den = motcua.FormatInt(int64(i.Numerator)), motcua.FormatInt(int64(i.Denominator))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t\n", i.Code, num, den, i.RateText(), i.PointsText())
	}
	fmt.Fprintf(w, "Tổng\t\t\t\t%s / %s\t\n", motcua.FormatDecimal(sc.Points), motcua.FormatDecimal(sc.MaxPoints))
	if err := w.Flush(); err != nil {
		return err
	}
	for _, i := range sc.Indicators {
		note := strings.TrimSpace(i.Reason + " " + i.Note)
		if note != "" {
			note = " — " + note
		}
		fmt.Fprintf(b, "%s  %s%s\n", i.Code, i.Name, note)
	}
	return nil
}
