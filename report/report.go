// Package report holds the statistics of the one-stop shop as projections
// of the dossier ledger: Biểu II.06a (domain.md §8) and its rates. It is
// pure: the store computes the counts; this package names, checks and
// totals them.
package report

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// By is what the rows of a report group by; "" gives one row for the scope.
type By string

const (
	ByNone      By = ""
	ByUnit      By = "unit" // the unit that decides (the lead unit of linked dossiers)
	ByField     By = "field"
	ByProcedure By = "procedure"
	ByChannel   By = "channel"
	ByLevel     By = "level"
)

// Valid reports whether b is a known grouping.
func (b By) Valid() bool {
	switch b {
	case ByNone, ByUnit, ByField, ByProcedure, ByChannel, ByLevel:
		return true
	}
	return false
}

// View is whose dossiers a row by unit counts. Either way a dossier is
// counted once, and a scope's total is the same: the scope holds the
// dossiers it decided or received, only the rows differ.
type View string

const (
	// ViewDeciding counts a dossier for the unit that decides it (the
	// legal "cơ quan giải quyết"); linked dossiers for the lead unit.
	ViewDeciding View = ""
	// ViewReceiving counts it for the unit that received it (the centre's
	// intake workload), with the dossiers received for other units apart.
	ViewReceiving View = "receiving"
)

// ParseView reads a view as written on the command line or in a URL:
// "deciding" (or empty) and "receiving".
func ParseView(s string) (View, error) {
	switch s {
	case "", "deciding":
		return ViewDeciding, nil
	case string(ViewReceiving):
		return ViewReceiving, nil
	}
	return "", motcua.FieldError("view", "Cách xem %q không hợp lệ: deciding (theo cơ quan giải quyết) hoặc receiving (theo nơi tiếp nhận).", s)
}

// Label names the view for readers.
func (v View) Label() string {
	if v == ViewReceiving {
		return "theo nơi tiếp nhận"
	}
	return "theo cơ quan giải quyết"
}

// Query is a report's period [From, To) and scope.
type Query struct {
	From, To time.Time
	By       By
	UnitID   int64 // 0: every unit; else the unit and the units below it
	View     View
	// Successors rolls dissolved or merged units up to the unit that took
	// over their work (store's rollup rule): in the scope, and in rows by
	// unit. Totals over the whole organisation do not change.
	Successors bool
}

// Options describes the view and the roll-up for a report's heading.
func (q Query) Options() string {
	s := "Số liệu " + q.View.Label()
	if q.Successors {
		s += "; đơn vị đã giải thể, sáp nhập gộp vào đơn vị kế thừa"
	}
	return s
}

// Check refuses periods that make no sense.
func (q Query) Check() error {
	switch {
	case q.From.IsZero() || q.To.IsZero():
		return motcua.FieldError("from", "Phải chọn kỳ báo cáo: từ ngày và đến ngày.")
	case !q.To.After(q.From):
		return motcua.FieldError("to", "Ngày kết thúc kỳ (%s) phải sau ngày bắt đầu (%s).", motcua.FormatDate(q.To), motcua.FormatDate(q.From))
	case !q.By.Valid():
		return motcua.FieldError("by", "Cách nhóm %q không hợp lệ: unit, field, procedure, channel hoặc level.", q.By)
	case q.View != ViewDeciding && q.View != ViewReceiving:
		return motcua.FieldError("view", "Cách xem %q không hợp lệ: deciding hoặc receiving.", q.View)
	}
	return nil
}

// Row is one row of Biểu II.06a: exactly the columns of domain.md §8, with
// counter and post split.
type Row struct {
	Key               string `json:"key"`
	Name              string `json:"name"`
	CarriedOver       int    `json:"carried_over"`
	ReceivedOnline    int    `json:"received_online"`
	ReceivedCounter   int    `json:"received_counter"`
	ReceivedPostal    int    `json:"received_postal"`
	ReceivedTotal     int    `json:"received_total"`
	ResolvedEarly     int    `json:"resolved_early"`
	ResolvedOnTime    int    `json:"resolved_on_time"`
	ResolvedLate      int    `json:"resolved_late"`
	ResolvedTotal     int    `json:"resolved_total"`
	InProgressOnTime  int    `json:"in_progress_on_time"`
	InProgressOverdue int    `json:"in_progress_overdue"`
	InProgressTotal   int    `json:"in_progress_total"`
	Withdrawn         int    `json:"withdrawn"`
	// ReceivedForOther counts, among the dossiers newly received in the
	// period, those received for another authority (dossiers.for_other):
	// the column "Nhận hộ đơn vị khác" of the receiving view (Finish
	// clears it in the deciding view, where it would read "received
	// elsewhere for this unit"). It is not part of the identity of §8.
	ReceivedForOther int `json:"received_for_other,omitempty"`
}

// Sum fills the total columns from their parts.
func (r *Row) Sum() {
	r.ReceivedTotal = r.CarriedOver + r.ReceivedOnline + r.ReceivedCounter + r.ReceivedPostal
	r.ResolvedTotal = r.ResolvedEarly + r.ResolvedOnTime + r.ResolvedLate
	r.InProgressTotal = r.InProgressOnTime + r.InProgressOverdue
}

// Add adds o's counts to r.
func (r *Row) Add(o Row) {
	r.CarriedOver += o.CarriedOver
	r.ReceivedOnline += o.ReceivedOnline
	r.ReceivedCounter += o.ReceivedCounter
	r.ReceivedPostal += o.ReceivedPostal
	r.ResolvedEarly += o.ResolvedEarly
	r.ResolvedOnTime += o.ResolvedOnTime
	r.ResolvedLate += o.ResolvedLate
	r.InProgressOnTime += o.InProgressOnTime
	r.InProgressOverdue += o.InProgressOverdue
	r.Withdrawn += o.Withdrawn
	r.ReceivedForOther += o.ReceivedForOther
	r.Sum()
}

// Balanced checks the identity of §8: received = resolved + in progress +
// withdrawn.
func (r *Row) Balanced() error {
	if r.ReceivedTotal != r.ResolvedTotal+r.InProgressTotal+r.Withdrawn {
		return fmt.Errorf("row %q: received %d ≠ resolved %d + in progress %d + withdrawn %d",
			r.Key, r.ReceivedTotal, r.ResolvedTotal, r.InProgressTotal, r.Withdrawn)
	}
	return nil
}

// OnTimeRate is (early + on time) / resolved, as "96,14 %".
func (r *Row) OnTimeRate() string {
	return motcua.FormatPercent(int64(r.ResolvedEarly+r.ResolvedOnTime), int64(r.ResolvedTotal))
}

// OnlineShare is online / newly received, as "8,34 %".
func (r *Row) OnlineShare() string {
	return motcua.FormatPercent(int64(r.ReceivedOnline), int64(r.ReceivedOnline+r.ReceivedCounter+r.ReceivedPostal))
}

// Report is Biểu II.06a for a query: its rows and their total.
type Report struct {
	Query Query `json:"-"`
	Rows  []Row `json:"rows"`
	Total Row   `json:"total"`
}

// Finish totals the rows and checks every identity; a report that does
// not add up is never shown.
func (rep *Report) Finish() error {
	rep.Total = Row{Key: "total", Name: "Tổng cộng"}
	for i := range rep.Rows {
		if rep.Query.View != ViewReceiving {
			rep.Rows[i].ReceivedForOther = 0
		}
		rep.Rows[i].Sum()
		if err := rep.Rows[i].Balanced(); err != nil {
			return err
		}
		rep.Total.Add(rep.Rows[i])
	}
	if rep.Rows == nil {
		rep.Rows = []Row{}
	}
	return rep.Total.Balanced()
}
