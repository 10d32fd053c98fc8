package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// ii06aColumnConds say which dossiers of the period a column counts, over
// the fields of ii06aInner; {F} and {T} stand for the period's bounds.
var ii06aColumnConds = map[string]string{
	"carried_over":        `accepted_at < {F}`,
	"received_online":     `accepted_at >= {F} AND channel = 'online'`,
	"received_counter":    `accepted_at >= {F} AND channel = 'counter'`,
	"received_postal":     `accepted_at >= {F} AND channel = 'post'`,
	"received_total":      `1 = 1`,
	"resolved_early":      `done >= {F} AND done < {T} AND done <= due_at AND DONE_DAY < DUE_DAY`,
	"resolved_on_time":    `done >= {F} AND done < {T} AND done <= due_at AND DONE_DAY = DUE_DAY`,
	"resolved_late":       `done >= {F} AND done < {T} AND done > due_at`,
	"resolved_total":      `done >= {F} AND done < {T}`,
	"in_progress_on_time": `(fin = 0 OR fin >= {T}) AND NOT (due_at < {T} AND NOT (state = 'supplement' AND paused_at <> 0 AND paused_at <= due_at))`,
	"in_progress_overdue": `(fin = 0 OR fin >= {T}) AND due_at < {T} AND NOT (state = 'supplement' AND paused_at <> 0 AND paused_at <= due_at)`,
	"in_progress_total":   `(fin = 0 OR fin >= {T})`,
	"withdrawn":           `gone >= {F} AND gone < {T}`,
}

// DrillLimit bounds the dossiers listed behind one number.
const DrillLimit = 200

// II06aDossiers lists the dossiers behind one number of the report: the
// column (a JSON key of report.Row) of the row with key ("" or "all" for a
// report without grouping). The total is exact; the list holds at most
// DrillLimit dossiers, soonest due first.
func (db *DB) II06aDossiers(ctx context.Context, q report.Query, column, key string) (out []*motcua.Dossier, total int, err error) {
	defer motcua.Wrap(&err, "DB.II06aDossiers(%s)", column)
	if err := q.Check(); err != nil {
		return nil, 0, err
	}
	cond, ok := ii06aColumnConds[column]
	if !ok {
		return nil, 0, motcua.FieldError("column", "Cột %q không có trong Biểu II.06a.", column)
	}
	from, to := ms(q.From), ms(q.To)
	sub := inner(q.By)
	args := []any{to}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	args = append(args, scopeArgs...)
	sub = strings.Replace(sub, "SCOPE", scope, 1)
	args = append(args, from)
	cond = strings.NewReplacer("DONE_DAY", vnDay("done"), "DUE_DAY", vnDay("due_at")).Replace(cond)
	where, condArgs := bindBounds(cond, from, to)
	args = append(args, condArgs...)
	if q.By != report.ByNone && key != "" && key != "all" {
		k, err := db.groupKeyOf(ctx, q.By, key)
		if err != nil {
			return nil, 0, err
		}
		keys := []string{k}
		if q.Successors && q.By == report.ByUnit { // and the dissolved units it took over
			t, err := db.tree(ctx)
			if err != nil {
				return nil, 0, err
			}
			for _, u := range t.all {
				if id := strconv.FormatInt(u.ID, 10); id != k && strconv.FormatInt(t.successorOf(u.ID), 10) == k {
					keys = append(keys, id)
				}
			}
		}
		where += ` AND k IN (` + marks(len(keys)) + `)`
		for _, key := range keys {
			args = append(args, key)
		}
	}
	ids := `SELECT id FROM ` + sub + ` AND ` + where
	err = db.readTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(`SELECT COUNT(*) FROM (`+ids+`) c`, args...).Scan(&total); err != nil {
			return err
		}
		out, err = queryDossiers(tx, ` WHERE d.id IN (`+ids+`) ORDER BY d.due_at, d.id LIMIT ?`, append(args, DrillLimit)...)
		return err
	})
	return out, total, err
}

// bindBounds turns {F} and {T} into placeholders with their arguments, in order.
func bindBounds(cond string, from, to int64) (string, []any) {
	var b strings.Builder
	var args []any
	for i := 0; i < len(cond); i++ {
		switch {
		case strings.HasPrefix(cond[i:], "{F}"):
			b.WriteString("?")
			args = append(args, from)
			i += 2
		case strings.HasPrefix(cond[i:], "{T}"):
			b.WriteString("?")
			args = append(args, to)
			i += 2
		default:
			b.WriteByte(cond[i])
		}
	}
	return b.String(), args
}

// groupKeyOf turns a row key as the report shows it (a unit code, a field
// name, "code/level" of a procedure) back into the query's group key.
func (db *DB) groupKeyOf(ctx context.Context, by report.By, key string) (string, error) {
	switch by {
	case report.ByUnit:
		u, err := db.UnitByCode(ctx, key)
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(u.ID, 10), nil
	case report.ByField:
		var id int64
		err := db.readTx(ctx, func(tx *Tx) error { return tx.queryRow(`SELECT id FROM fields WHERE name = ?`, key).Scan(&id) })
		return strconv.FormatInt(id, 10), notFound(err)
	case report.ByProcedure:
		code, level, _ := strings.Cut(key, "/")
		id, err := db.ProcedureID(ctx, code, motcua.Level(level))
		return strconv.FormatInt(id, 10), err
	}
	return key, nil
}
