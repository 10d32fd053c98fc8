package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// vnDay is the Vietnam calendar day of an instant stored in milliseconds:
// grading compares days (domain.md §7) and Vietnam has no daylight saving.
func vnDay(col string) string { return `((` + col + ` + 25200000) / 86400000)` }

// ii06aSQL counts, per group, the columns of Biểu II.06a for [from, to).
// done is when a dossier was resolved (a result, or a stop with notice);
// gone when it was withdrawn; fin the earlier of them that happened.
const ii06aSQL = `SELECT k,
	SUM(CASE WHEN accepted_at < ? THEN 1 ELSE 0 END),
	SUM(CASE WHEN accepted_at >= ? AND channel = 'online' THEN 1 ELSE 0 END),
	SUM(CASE WHEN accepted_at >= ? AND channel = 'counter' THEN 1 ELSE 0 END),
	SUM(CASE WHEN accepted_at >= ? AND channel = 'post' THEN 1 ELSE 0 END),
	SUM(CASE WHEN done >= ? AND done < ? AND done <= due_at AND DONE_DAY < DUE_DAY THEN 1 ELSE 0 END),
	SUM(CASE WHEN done >= ? AND done < ? AND done <= due_at AND DONE_DAY = DUE_DAY THEN 1 ELSE 0 END),
	SUM(CASE WHEN done >= ? AND done < ? AND done > due_at THEN 1 ELSE 0 END),
	SUM(CASE WHEN (fin = 0 OR fin >= ?) AND NOT (due_at < ? AND NOT (state IN ('supplement', 'payment') AND paused_at <> 0 AND paused_at <= due_at)) THEN 1 ELSE 0 END),
	SUM(CASE WHEN (fin = 0 OR fin >= ?) AND due_at < ? AND NOT (state IN ('supplement', 'payment') AND paused_at <> 0 AND paused_at <= due_at) THEN 1 ELSE 0 END),
	SUM(CASE WHEN gone >= ? AND gone < ? THEN 1 ELSE 0 END),
	SUM(CASE WHEN accepted_at >= ? AND for_other = 1 THEN 1 ELSE 0 END)
FROM INNER
GROUP BY k`

// ii06aInner is every dossier of the period (received before its end, not
// finished before its start) with what the columns test.
const ii06aInner = `(SELECT KEY AS k, d.id, d.accepted_at, d.channel, d.due_at, d.state, d.paused_at, d.for_other,
		CASE WHEN d.result_at <> 0 THEN d.result_at WHEN d.state = 'stopped' THEN d.closed_at ELSE 0 END AS done,
		CASE WHEN d.state = 'withdrawn' THEN d.closed_at ELSE 0 END AS gone,
		CASE WHEN d.result_at <> 0 THEN d.result_at ELSE d.closed_at END AS fin
	FROM dossiers d JOIN_PROCEDURES
	WHERE d.accepted_at < ? SCOPE) x
WHERE (fin = 0 OR fin >= ?)`

// inner is ii06aInner for a query's grouping and view: procedures are
// joined only when the group needs them (the join cost a table lookup per
// dossier).
func inner(q report.Query) string {
	join := ""
	if q.By == report.ByField || q.By == report.ByLevel {
		join = "JOIN procedures p ON p.id = d.procedure_id"
	}
	key := groupKeys[q.By]
	if q.By == report.ByUnit && q.View == report.ViewReceiving {
		key = `CAST(d.receiving_unit_id AS TEXT)`
	}
	return strings.NewReplacer("KEY", key, "JOIN_PROCEDURES", join, "DONE_DAY", vnDay("done"), "DUE_DAY", vnDay("due_at")).Replace(ii06aInner)
}

// groupKeys are the scan's group keys; rows by unit are by deciding unit
// in the deciding view (inner takes the receiving unit in the other).
var groupKeys = map[report.By]string{report.ByNone: `''`, report.ByUnit: `CAST(d.deciding_unit_id AS TEXT)`,
	report.ByField: `CAST(p.field_id AS TEXT)`, report.ByProcedure: `CAST(d.procedure_id AS TEXT)`, report.ByChannel: `d.channel`, report.ByLevel: `p.level`}

// II06a computes Biểu II.06a from the dossiers' projections (domain.md §8).
// A linked dossier is one dossier: it counts once, for its deciding unit
// (or, in the receiving view, for the unit that received it); a scope
// holds the dossiers decided or received in it, so its total is the same
// in both views.
// A stop with notice counts as resolved, graded at the stop. Periods of
// whole days are read from the counters; others from every dossier.
func (db *DB) II06a(ctx context.Context, q report.Query) (*report.Report, error) {
	if q.DayAligned() {
		return db.II06aCounted(ctx, q)
	}
	return db.II06aScan(ctx, q)
}

// II06aScan computes Biểu II.06a by reading every dossier of the period:
// for periods that do not start and end at midnight, and to check the
// counters.
func (db *DB) II06aScan(ctx context.Context, q report.Query) (rep *report.Report, err error) {
	defer motcua.Wrap(&err, "DB.II06aScan")
	if err := q.Check(); err != nil {
		return nil, err
	}
	from, to := ms(q.From), ms(q.To)
	query := strings.NewReplacer("INNER", inner(q), "DONE_DAY", vnDay("done"), "DUE_DAY", vnDay("due_at")).Replace(ii06aSQL)
	args := []any{from, from, from, from, from, to, from, to, from, to, to, to, to, to, from, to, from, to}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	args = append(args, scopeArgs...)
	query = strings.Replace(query, "SCOPE", scope, 1)
	args = append(args, from)
	rep = &report.Report{Query: q}
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r report.Row
			if err := rows.Scan(&r.Key, &r.CarriedOver, &r.ReceivedOnline, &r.ReceivedCounter, &r.ReceivedPostal,
				&r.ResolvedEarly, &r.ResolvedOnTime, &r.ResolvedLate, &r.InProgressOnTime, &r.InProgressOverdue, &r.Withdrawn, &r.ReceivedForOther); err != nil {
				return err
			}
			rep.Rows = append(rep.Rows, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return rep, db.finishReport(ctx, rep)
}

// finishReport rolls dissolved units up when asked, names and orders the
// rows, totals them and checks every identity.
func (db *DB) finishReport(ctx context.Context, rep *report.Report) error {
	var err error
	if rep.Rows, err = db.rollUp(ctx, rep.Query, rep.Rows); err != nil {
		return err
	}
	if err := db.nameRows(ctx, rep.Query.By, rep.Rows); err != nil {
		return err
	}
	sort.Slice(rep.Rows, func(i, j int) bool { return rep.Rows[i].Key < rep.Rows[j].Key })
	return rep.Finish()
}

// reportScope is the condition (and its arguments) that a dossier d
// involves the query's unit or a unit below it — or, with Successors, a
// dissolved unit whose work passed to one of them.
func (db *DB) reportScope(ctx context.Context, q report.Query) (string, []any, error) {
	units, err := db.reportUnits(ctx, q)
	if err != nil {
		return "", nil, err
	}
	cond, args := scopeCond("d.", units)
	return cond, args, nil
}

// scopeCond is the condition that the row (of alias, "d." or "") was
// decided or received by one of units; nil units is every unit.
func scopeCond(alias string, units []int64) (string, []any) {
	if units == nil {
		return "", nil
	}
	list := marks(len(units))
	var args []any
	for range 2 {
		for _, id := range units {
			args = append(args, id)
		}
	}
	return ` AND (` + alias + `deciding_unit_id IN (` + list + `) OR ` + alias + `receiving_unit_id IN (` + list + `))`, args
}

// reportUnits lists the units of the query's scope; nil is every unit.
func (db *DB) reportUnits(ctx context.Context, q report.Query) ([]int64, error) {
	if q.UnitID == 0 {
		return nil, nil
	}
	units, err := db.subtreeIDs(ctx, q.UnitID)
	if err != nil || !q.Successors {
		return units, err
	}
	r, err := db.rollup(ctx)
	if err != nil {
		return nil, err
	}
	in := map[int64]bool{}
	for _, id := range units {
		in[id] = true
	}
	for from, to := range r {
		if !in[from] && in[to] {
			units = append(units, from)
		}
	}
	slices.Sort(units)
	return units, nil
}

// rollUp merges the rows of dissolved units into their successors' rows
// (the rule of rollup).
func (db *DB) rollUp(ctx context.Context, q report.Query, rows []report.Row) ([]report.Row, error) {
	if !q.Successors || q.By != report.ByUnit {
		return rows, nil
	}
	r, err := db.rollup(ctx)
	if err != nil {
		return nil, err
	}
	at := map[string]int{} // successor key → index in out
	var out []report.Row
	for _, row := range rows {
		id, _ := strconv.ParseInt(row.Key, 10, 64)
		key := strconv.FormatInt(r.of(id), 10)
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, report.Row{Key: key})
		}
		out[i].Add(row)
	}
	return out, nil
}

// nameRows turns group keys into what a reader recognises: unit codes and
// names, field names, procedure codes and names, channel and level labels.
func (db *DB) nameRows(ctx context.Context, by report.By, rows []report.Row) error {
	fields := map[string]string{}
	if by == report.ByField {
		err := db.readTx(ctx, func(tx *Tx) error {
			r, err := tx.query(`SELECT id, name FROM fields`)
			if err != nil {
				return err
			}
			defer r.Close()
			for r.Next() {
				var id int64
				var name string
				if err := r.Scan(&id, &name); err != nil {
					return err
				}
				fields[strconv.FormatInt(id, 10)] = name
			}
			return r.Err()
		})
		if err != nil {
			return err
		}
	}
	for i := range rows {
		r := &rows[i]
		id, _ := strconv.ParseInt(r.Key, 10, 64)
		switch by {
		case report.ByNone:
			r.Key, r.Name = "all", "Toàn bộ phạm vi"
		case report.ByUnit:
			if u, err := db.Unit(ctx, id); err == nil {
				r.Key, r.Name = u.Code, u.Name
			}
		case report.ByField:
			r.Name = fields[r.Key]
			r.Key = r.Name
		case report.ByProcedure:
			if p, err := db.latestVersion(ctx, id); err == nil {
				r.Key, r.Name = p.Code+"/"+string(p.Level), p.Name
			}
		case report.ByChannel:
			r.Name = motcua.Channel(r.Key).Label()
		case report.ByLevel:
			r.Name = motcua.Level(r.Key).Label()
		}
		if r.Name == "" {
			r.Name = fmt.Sprintf("(%s)", r.Key)
		}
	}
	return nil
}

// subtreeIDs lists a unit and every unit below it.
func (db *DB) subtreeIDs(ctx context.Context, id int64) ([]int64, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	if t.byID[id] == nil {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy đơn vị này.")
	}
	var ids []int64
	t.subtree(id, func(u int64) { ids = append(ids, u) })
	return ids, nil
}
