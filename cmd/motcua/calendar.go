package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

func calendarCmd(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("calendar: want a sub-command: due or list")
	}
	switch args[0] {
	case "due":
		return calendarDue(ctx, args[1:])
	case "list":
		return calendarList(ctx, args[1:])
	}
	return fmt.Errorf("calendar: unknown sub-command %q", args[0])
}

// calendarDue prints the due instant of a duration of working time started
// at --at, on the calendar in the database (seeded with the official days off).
func calendarDue(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("calendar due", flag.ContinueOnError)
	dsn := dbFlag(fs)
	atText := fs.String("at", "", `when the clock starts, e.g. "2024-02-07 15:00" (Vietnam time)`)
	days := fs.Float64("days", 0, "duration in working days")
	hours := fs.Float64("hours", 0, "duration in working hours")
	unitCode := fs.String("unit", "", "unit code whose office hours apply (default office hours if empty)")
	explain := fs.Bool("explain", false, "also print which days were worked or skipped, and why")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	at, err := motcua.ParseDateTime(*atText)
	if err != nil {
		return fmt.Errorf("--at: %s", motcua.ErrorMessage(err))
	}
	if _, err := motcua.WorkingTime(*days, *hours, time.Hour); err != nil {
		return fmt.Errorf("give exactly one of --days N or --hours N, positive, at most %d days", motcua.MaxWorkingDays)
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
			return err
		}
		unitID = u.ID
	}
	cal, err := db.Calendar(ctx, unitID)
	if err != nil {
		return err
	}
	work, err := motcua.WorkingTime(*days, *hours, cal.StandardDay())
	if err != nil {
		return err
	}
	ex := cal.Explain(at, work)
	fmt.Println(ex.Due.In(calendar.Loc).Format(time.RFC3339))
	if *explain {
		for _, line := range ex.Lines() {
			fmt.Println(line)
		}
	}
	return nil
}

func calendarList(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("calendar list", flag.ContinueOnError)
	dsn := dbFlag(fs)
	year := fs.Int("year", 0, "only this year")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	days, err := db.CalendarDays(ctx)
	if err != nil {
		return err
	}
	for _, d := range days {
		if *year == 0 || d.Date.Year == *year {
			fmt.Fprintf(os.Stdout, "%s\t%s\t%s\n", d.Date.VN(), kindLabel(d.Kind), d.Name)
		}
	}
	return nil
}

func kindLabel(k calendar.Kind) string {
	if k == calendar.MakeUpDay {
		return "làm bù"
	}
	return "nghỉ"
}
