package calendar

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

//go:embed vietnam.csv
var vietnamCSV string

// vietnam parses the embedded file once; the calendar is data that an
// administrator edits, so a malformed seed is a build defect worth a panic.
var vietnam = sync.OnceValue(func() []Special {
	days, err := ReadSpecials(strings.NewReader(vietnamCSV))
	if err != nil {
		panic("calendar: embedded vietnam.csv: " + err.Error())
	}
	return days
})

// Vietnam returns the seed days off and make-up days for state agencies
// (2024–2026), from the embedded vietnam.csv. The slice is a fresh copy.
func Vietnam() []Special {
	return slices.Clone(vietnam())
}

// ReadSpecials reads special dates as CSV with the header date,kind,name;
// lines starting with # are comments. Dates are yyyy-mm-dd or dd/mm/yyyy,
// kind is "off" or "makeup". It rejects a date listed twice and a make-up
// day on a weekday, because both are typing mistakes that would silently
// move due dates.
func ReadSpecials(r io.Reader) ([]Special, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 3
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("calendar: specials header: %w", err)
	}
	if !slices.Equal(header, []string{"date", "kind", "name"}) {
		return nil, fmt.Errorf("calendar: specials header %q, want date,kind,name", strings.Join(header, ","))
	}
	var out []Special
	seen := map[Date]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("calendar: specials: %w", err)
		}
		line, _ := cr.FieldPos(0)
		s, err := parseSpecial(rec)
		if err != nil {
			return nil, fmt.Errorf("calendar: specials line %d: %w", line, err)
		}
		if seen[s.Date] {
			return nil, fmt.Errorf("calendar: specials line %d: %s listed twice", line, s.Date)
		}
		seen[s.Date] = true
		out = append(out, s)
	}
}

func parseSpecial(rec []string) (Special, error) {
	d, err := ParseDate(rec[0])
	if err != nil {
		return Special{}, err
	}
	s := Special{Date: d, Kind: Kind(strings.TrimSpace(rec[1])), Name: strings.TrimSpace(rec[2])}
	switch {
	case s.Kind != DayOff && s.Kind != MakeUpDay:
		return Special{}, fmt.Errorf("kind %q, want %q or %q", s.Kind, DayOff, MakeUpDay)
	case s.Name == "":
		return Special{}, fmt.Errorf("%s has no name", d)
	case s.Kind == MakeUpDay && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday:
		return Special{}, fmt.Errorf("make-up day %s is a %s, not a weekend", d, d.Weekday())
	}
	return s, nil
}
