package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// II06aCounted computes Biểu II.06a for a period of whole days from the
// counters: the sums before the period give what was carried over, those
// within it what happened in it.
func (db *DB) II06aCounted(ctx context.Context, q report.Query) (rep *report.Report, err error) {
	defer motcua.Wrap(&err, "DB.II06aCounted")
	if err := q.Check(); err != nil {
		return nil, err
	}
	if !q.DayAligned() {
		return nil, motcua.Errorf(motcua.EINVALID, "Kỳ báo cáo %s–%s không bắt đầu và kết thúc lúc 0 giờ.", motcua.FormatDate(q.From), motcua.FormatDate(q.To))
	}
	units, err := db.reportUnits(ctx, q)
	if err != nil {
		return nil, err
	}
	query, args := countedQuery(report.Spans(report.DayOf(q.From), report.DayOf(q.To)), units)
	sums := map[report.Group]*[2]report.Counts{} // before, during
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g report.Group
			var before bool
			var c report.Counts
			if err := rows.Scan(&g.DecidingUnitID, &g.ProcedureID, &g.Channel, &before,
				&c.Accepted, &c.Finished, &c.Early, &c.OnTime, &c.Late, &c.Withdrawn, &c.Overdue); err != nil {
				return err
			}
			if sums[g] == nil {
				sums[g] = &[2]report.Counts{}
			}
			if before {
				sums[g][0] = c
			} else {
				sums[g][1] = c
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	key, err := db.countedKey(ctx, q.By)
	if err != nil {
		return nil, err
	}
	groups := map[string]*report.Row{}
	for g, s := range sums {
		row := report.RowOf(g.Channel, s[0], s[1])
		if row.ReceivedTotal == 0 { // nothing of the period: the scan lists no such group either
			continue
		}
		k := key(g)
		if groups[k] == nil {
			groups[k] = &report.Row{Key: k}
		}
		groups[k].Add(row)
	}
	rep = &report.Report{Query: q}
	for _, r := range groups {
		rep.Rows = append(rep.Rows, *r)
	}
	return rep, db.finishReport(ctx, rep)
}

// countedQuery sums the counters of each span by deciding unit, procedure
// and channel (the receiving unit matters only for the scope), apart for
// the spans before the period and those within it.
func countedQuery(spans []report.Span, units []int64) (string, []any) {
	scope, scopeArgs := scopeCond("", units)
	var parts []string
	var args []any
	for _, s := range spans {
		table, col, from, to := "report_days", "day", int(s.From), int(s.To)
		pre := "0"
		if s.BeforePeriod {
			pre = "1"
		}
		if s.Months {
			table, col, from, to = "report_months", "month", int(s.FromMonth), int(s.ToMonth)
		}
		parts = append(parts, `SELECT `+pre+` AS pre, deciding_unit_id, procedure_id, channel,
			accepted, finished, early, on_time, late, withdrawn, overdue FROM `+table+` WHERE `+col+` >= ? AND `+col+` < ?`+scope)
		args = append(append(args, from, to), scopeArgs...)
	}
	return `SELECT deciding_unit_id, procedure_id, channel, pre, SUM(accepted), SUM(finished), SUM(early), SUM(on_time),
		SUM(late), SUM(withdrawn), SUM(overdue) FROM (` + strings.Join(parts, "\nUNION ALL ") + `) c
		GROUP BY deciding_unit_id, procedure_id, channel, pre`, args
}

// countedKey maps a counter group to the report's group key, as the scan's
// groupKeys do.
func (db *DB) countedKey(ctx context.Context, by report.By) (func(report.Group) string, error) {
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	switch by {
	case report.ByUnit:
		return func(g report.Group) string { return id(g.DecidingUnitID) }, nil
	case report.ByProcedure:
		return func(g report.Group) string { return id(g.ProcedureID) }, nil
	case report.ByChannel:
		return func(g report.Group) string { return string(g.Channel) }, nil
	case report.ByField, report.ByLevel:
		keys := map[int64]string{}
		err := db.readTx(ctx, func(tx *Tx) error {
			rows, err := tx.query(`SELECT id, CAST(field_id AS TEXT), level FROM procedures`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var pid int64
				var field, level string
				if err := rows.Scan(&pid, &field, &level); err != nil {
					return err
				}
				keys[pid] = field
				if by == report.ByLevel {
					keys[pid] = level
				}
			}
			return rows.Err()
		})
		return func(g report.Group) string { return keys[g.ProcedureID] }, err
	}
	return func(report.Group) string { return "" }, nil
}
