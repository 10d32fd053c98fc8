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
	"in_progress_on_time": `(fin = 0 OR fin >= {T}) AND NOT (due_at < {T} AND NOT (state IN ('supplement', 'payment') AND paused_at <> 0 AND paused_at <= due_at))`,
	"in_progress_overdue": `(fin = 0 OR fin >= {T}) AND due_at < {T} AND NOT (state IN ('supplement', 'payment') AND paused_at <> 0 AND paused_at <= due_at)`,
	"in_progress_total":   `(fin = 0 OR fin >= {T})`,
	"withdrawn":           `gone >= {F} AND gone < {T}`,
	"received_for_other":  `accepted_at >= {F} AND for_other = 1`,
}

// DrillLimit bounds the dossiers listed on one page behind a number.
const DrillLimit = 200

// Drill is what stands behind one number of the report.
type Drill struct {
	Total int // every dossier the number counts, as the report does
	// Rows are those the actor may view (policy.go), soonest due first, at
	// most DrillLimit from the offset asked; Visible counts them all, Hidden
	// the others (the
	// report covers units whose dossiers the actor does not handle, such
	// as a district leader's communes).
	Rows            []*motcua.Dossier
	Visible, Hidden int
}

// II06aDossiers lists the dossiers behind one number of the report: the
// column (a JSON key of report.Row) of the row with key ("" or "all" for a
// report without grouping), from offset on. The list follows the dossier
// access policy and each dossier listed is a read of personal data, logged
// as such.
func (db *DB) II06aDossiers(ctx context.Context, a *motcua.Actor, q report.Query, column, key string, offset int) (dr *Drill, err error) {
	defer motcua.Wrap(&err, "DB.II06aDossiers(%s)", column)
	ids, args, err := db.drillIDs(ctx, q, column, key)
	if err != nil {
		return nil, err
	}
	view, viewArgs := viewScope(a)
	visible := ids + ` AND ` + view
	visibleArgs := append(append([]any{}, args...), viewArgs...)
	dr = &Drill{}
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(`SELECT COUNT(*) FROM (`+ids+`) c`, args...).Scan(&dr.Total); err != nil {
			return err
		}
		if err := tx.queryRow(`SELECT COUNT(*) FROM (`+visible+`) c`, visibleArgs...).Scan(&dr.Visible); err != nil {
			return err
		}
		rows, err := queryDossiers(tx, ` WHERE d.id IN (`+visible+`) ORDER BY d.due_at, d.id LIMIT ? OFFSET ?`,
			append(visibleArgs, DrillLimit, min(max(offset, 0), MaxOffset))...)
		if err != nil {
			return err
		}
		dr.Rows = rows[:0]
		for _, d := range rows {
			if !a.CanView(d) { // the scope above reached it through a linked part: ask with its parts
				if d, err = getDossier(tx, `d.id = ?`, d.ID); err != nil {
					return err
				}
			}
			if !a.CanView(d) {
				dr.Visible-- // the policy has the last word
				continue
			}
			logAccess(tx, a, d)
			dr.Rows = append(dr.Rows, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	dr.Hidden = dr.Total - dr.Visible
	return dr, nil
}

// drillIDs is the query of the ids of the dossiers one number counts, in
// the report's scope, and its arguments.
func (db *DB) drillIDs(ctx context.Context, q report.Query, column, key string) (string, []any, error) {
	if err := q.Check(); err != nil {
		return "", nil, err
	}
	cond, ok := ii06aColumnConds[column]
	if !ok {
		return "", nil, motcua.FieldError("column", "Cột %q không có trong Biểu II.06a.", column)
	}
	from, to := ms(q.From), ms(q.To)
	sub := inner(q)
	args := []any{to}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return "", nil, err
	}
	args = append(args, scopeArgs...)
	sub = strings.Replace(sub, "SCOPE", scope, 1)
	args = append(args, from)
	cond = strings.NewReplacer("DONE_DAY", vnDay("done"), "DUE_DAY", vnDay("due_at")).Replace(cond)
	where, condArgs := bindBounds(cond, from, to)
	args = append(args, condArgs...)
	if q.By != report.ByNone && key != "" && key != "all" {
		keys, err := db.drillKeys(ctx, q, key)
		if err != nil {
			return "", nil, err
		}
		where += ` AND k IN (` + marks(len(keys)) + `)`
		for _, key := range keys {
			args = append(args, key)
		}
	}
	return `SELECT id FROM ` + sub + ` AND ` + where, args, nil
}

// drillKeys are the group keys of a row: its own, and with successors the
// dissolved units it took over.
func (db *DB) drillKeys(ctx context.Context, q report.Query, key string) ([]string, error) {
	k, err := db.groupKeyOf(ctx, q.By, key)
	if err != nil {
		return nil, err
	}
	keys := []string{k}
	if q.Successors && q.By == report.ByUnit {
		r, err := db.rollup(ctx)
		if err != nil {
			return nil, err
		}
		id, _ := strconv.ParseInt(k, 10, 64)
		for _, from := range r.predecessors(id) {
			keys = append(keys, strconv.FormatInt(from, 10))
		}
	}
	return keys, nil
}

// viewScope is policy.go's CanView as a condition on a dossier id (the
// column "id" of the drill-down's query): a unit the actor handles
// receives, decides or holds it, or holds one of its linked parts.
func viewScope(a *motcua.Actor) (string, []any) {
	units := a.HandledUnitIDs()
	if len(units) == 0 {
		return `1 = 0`, nil
	}
	in := inScope(units, "receiving_unit_id", "deciding_unit_id", "current_unit_id")
	list := marks(len(units))
	sql := `id IN (SELECT d.id FROM dossiers d WHERE ` + in.sql + `
		UNION SELECT p.dossier_id FROM dossier_parts p WHERE p.unit_id IN (` + list + `))`
	args := in.args
	for _, id := range units {
		args = append(args, id)
	}
	if a.Client != nil && a.Client.ProcedureIDs != nil {
		cond, condArgs := procedureCond("", a.Client.ProcedureIDs)
		sql += ` AND id IN (SELECT id FROM dossiers WHERE 1 = 1` + cond + `)`
		args = append(args, condArgs...)
	}
	return sql, args
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
