package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

const reportUsage = `usage: motcua report ii06a --from 2024-01-01 --to 2024-06-01 [--by unit|field|procedure|channel|level] [--unit CODE] [--format json|csv] [--out FILE]`

// reportCmd prints Biểu II.06a for a period [from, to) (dates in +07:00,
// the end exclusive).
func reportCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "ii06a" {
		return fmt.Errorf("%s", reportUsage)
	}
	fs := flag.NewFlagSet("report ii06a", flag.ContinueOnError)
	dsn := dbFlag(fs)
	fromText := fs.String("from", "", "first day of the period, yyyy-mm-dd")
	toText := fs.String("to", "", "day after the period, yyyy-mm-dd (exclusive)")
	by := fs.String("by", "", "unit, field, procedure, channel or level; empty: one row")
	unitCode := fs.String("unit", "", "a unit code: that unit and the units below it")
	format := fs.String("format", "json", "json or csv")
	out := fs.String("out", "", "file to write (default: standard output)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	q := report.Query{By: report.By(*by)}
	var err error
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
	rep, err := db.II06a(ctx, q)
	if err != nil {
		return fmt.Errorf("%s", motcua.ErrorMessage(err))
	}
	var data []byte
	switch *format {
	case "json":
		data, err = json.MarshalIndent(rep, "", "  ")
		data = append(data, '\n')
	case "csv":
		data, err = reportCSV(rep)
	default:
		return fmt.Errorf("--format %q: want json or csv", *format)
	}
	if err != nil {
		return err
	}
	return writeOut(*out, data)
}

// csvHeader names the columns of Biểu II.06a in Vietnamese.
var csvHeader = []string{"Mã", "Tên", "Kỳ trước chuyển sang", "Mới tiếp nhận trực tuyến", "Mới tiếp nhận trực tiếp",
	"Mới tiếp nhận bưu chính", "Tổng tiếp nhận", "Đã giải quyết trước hạn", "Đã giải quyết đúng hạn", "Đã giải quyết quá hạn",
	"Tổng đã giải quyết", "Đang giải quyết trong hạn", "Đang giải quyết quá hạn", "Tổng đang giải quyết", "Rút hồ sơ"}

func reportCSV(rep *report.Report) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(csvHeader)
	for _, r := range append(rep.Rows, rep.Total) {
		line := []string{r.Key, r.Name}
		for _, n := range []int{r.CarriedOver, r.ReceivedOnline, r.ReceivedCounter, r.ReceivedPostal, r.ReceivedTotal,
			r.ResolvedEarly, r.ResolvedOnTime, r.ResolvedLate, r.ResolvedTotal, r.InProgressOnTime, r.InProgressOverdue,
			r.InProgressTotal, r.Withdrawn} {
			line = append(line, strconv.Itoa(n))
		}
		w.Write(line)
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
