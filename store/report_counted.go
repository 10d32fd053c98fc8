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
	query, args := countedQuery(report.Prefix(report.DayOf(q.From)), report.Prefix(report.DayOf(q.To)), units, q.View)
	sums := map[report.Group]*[2]report.Counts{} // before the period; before its end
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g report.Group
			var toEnd bool
			var c report.Counts
			unit := &g.DecidingUnitID
			if q.View == report.ViewReceiving {
				unit = &g.ReceivingUnitID
			}
			if err := rows.Scan(unit, &g.ProcedureID, &g.Channel, &toEnd,
				&c.Accepted, &c.Finished, &c.Early, &c.OnTime, &c.Late, &c.Withdrawn, &c.Overdue, &c.ForOther); err != nil {
				return err
			}
			if sums[g] == nil {
				sums[g] = &[2]report.Counts{}
			}
			if toEnd {
				sums[g][1] = c
			} else {
				sums[g][0] = c
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	key, err := db.countedKey(ctx, q)
	if err != nil {
		return nil, err
	}
	groups := map[string]*report.Row{}
	for g, s := range sums {
		during := s[1]
		during.Add(s[0], -1)
		row := report.RowOf(g.Channel, s[0], during)
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

// countedQuery sums, by the view's unit (deciding or receiving: the other
// matters only for the scope, applied once outside), procedure and
// channel, the counters before the period (to_end 0) and before its end
// (to_end 1).
func countedQuery(beforeFrom, beforeTo []report.Term, units []int64, view report.View) (string, []any) {
	scope, scopeArgs := scopeCond("", units)
	unit := "deciding_unit_id"
	if view == report.ViewReceiving {
		unit = "receiving_unit_id"
	}
	var parts []string
	var args []any
	for i, terms := range [][]report.Term{beforeFrom, beforeTo} {
		for _, t := range terms {
			sign := map[int]string{1: "", -1: "-"}[t.Sign]
			parts = append(parts, `SELECT `+strconv.Itoa(i)+` AS to_end, deciding_unit_id, receiving_unit_id, procedure_id, channel, `+
				sign+`accepted AS accepted, `+sign+`finished AS finished, `+sign+`early AS early, `+sign+`on_time AS on_time, `+
				sign+`late AS late, `+sign+`withdrawn AS withdrawn, `+sign+`overdue AS overdue, `+sign+`for_other AS for_other
				FROM report_counts WHERE grain = ? AND at >= ? AND at < ?`)
			args = append(args, int(t.Grain), t.From, t.To)
		}
	}
	return `SELECT ` + unit + `, procedure_id, channel, to_end, SUM(accepted), SUM(finished), SUM(early), SUM(on_time),
		SUM(late), SUM(withdrawn), SUM(overdue), SUM(for_other) FROM (` + strings.Join(parts, "\nUNION ALL ") + `) c WHERE 1 = 1` + scope + `
		GROUP BY ` + unit + `, procedure_id, channel, to_end`, append(args, scopeArgs...)
}

// countedKey maps a counter group to the report's group key, as the scan's
// groupKeys do.
func (db *DB) countedKey(ctx context.Context, q report.Query) (func(report.Group) string, error) {
	id := func(v int64) string { return strconv.FormatInt(v, 10) }
	by := q.By
	switch by {
	case report.ByUnit:
		if q.View == report.ViewReceiving {
			return func(g report.Group) string { return id(g.ReceivingUnitID) }, nil
		}
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
