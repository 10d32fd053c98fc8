package store

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
)

// WorklistCountCap bounds the worklist's count. Counting every open
// dossier of a district at 10M dossiers read each one (100+ ms); nobody
// pages through more than this, and the page says "more than" instead.
const WorklistCountCap = 1000

// Worklist lists the dossiers in the actor's scope matching f, due soonest
// first, with their count for paging: exact up to WorklistCountCap, and
// WorklistCountCap+1 when there are more.
func (db *DB) Worklist(ctx context.Context, a *motcua.Actor, f motcua.DossierFilter) (out []*motcua.Dossier, total int, err error) {
	defer motcua.Wrap(&err, "DB.Worklist")
	units := a.HandledUnitIDs()
	if len(units) == 0 {
		return nil, 0, nil
	}
	linked, returns, err := db.extraBranches(ctx, units)
	if err != nil {
		return nil, 0, err
	}
	q := newWorklistQuery(units).WithLinkedParts(linked).WithReturns(returns).WithFilter(f)
	if a.Client != nil && a.Client.ProcedureIDs != nil { // a client sees only its procedures (policy.go)
		q = q.WithProcedures(a.Client.ProcedureIDs)
	}
	count, page := q.count(), q.page()
	err = db.readTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(count.sql, count.args...).Scan(&total); err != nil {
			return err
		}
		total = min(total, WorklistCountCap+1)
		out, err = queryDossiers(tx, page.sql, page.args...)
		return err
	})
	return out, total, err
}

// extraBranches reports whether the units hold an open linked part, and
// whether a result is ready to be returned at one of them as the place
// the applicant chose: two index probes in one statement, so the usual
// worklist leaves both branches out at the cost of one round trip.
func (db *DB) extraBranches(ctx context.Context, units []int64) (linked, returns bool, err error) {
	in := marks(len(units))
	args := idArgs(units)
	var parts, ready int
	err = db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM dossier_parts WHERE returned_at = 0 AND unit_id IN (`+in+`) LIMIT 1) p),
			(SELECT COUNT(*) FROM (SELECT 1 FROM dossiers WHERE state = 'result_ready' AND return_unit_id IN (`+in+`) LIMIT 1) r)`,
			append(args, args...)...).Scan(&parts, &ready)
	})
	return parts > 0, ready > 0, err
}

// idArgs are ids as query arguments.
func idArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// The worklist's page sizes: the default, and the most a caller may ask.
const (
	worklistLimit    = 50
	worklistMaxLimit = 200
)

// worklistOrder is the worklist's order: due soonest first, the id
// breaking ties so that offsets page through a stable sequence.
const worklistOrder = ` ORDER BY d.due_at, d.id`

// worklistOpenStates is the state filter when none is chosen: the dossiers
// still being worked on.
const worklistOpenStates = `d.state IN ('processing', 'supplement', 'payment', 'result_ready')`

// worklistQuery is one worklist request, in named parts: the scope (the
// actor's units, and their open linked parts), the filter (the client's
// procedures, state, procedure, search text) and the page. The page and
// its capped count are both written from this one value, so they always
// agree on which dossiers match. The With… methods return a copy.
type worklistQuery struct {
	units  []int64 // scope: the dossier's current, receiving (for itself) or deciding unit is one of these; never empty
	linked bool    // scope: the units hold open linked parts, whose dossiers are in scope too
	// scope: results are ready to be returned at the units, chosen by the
	// applicant in place of the receiving unit
	returns bool

	restricted bool    // a client sees only its procedures (policy.go)
	procedures []int64 // the client's procedures when restricted; none matches nothing
	state      motcua.State
	procedure  int64
	text       string // NFC: a dossier's code, or part of its applicant's folded name

	limit, offset int
}

// newWorklistQuery is the first page of the open dossiers of units, which
// must not be empty.
func newWorklistQuery(units []int64) worklistQuery {
	return worklistQuery{units: units, limit: worklistLimit}
}

// WithLinkedParts puts in scope the dossiers whose open linked parts the
// units hold. Co-ordinating units need it; leaving the branch out when
// they hold none keeps the usual worklist as fast as before linked parts
// existed.
func (q worklistQuery) WithLinkedParts(held bool) worklistQuery {
	q.linked = held
	return q
}

// WithReturns puts in scope the results ready to be returned at the units
// as the applicant's chosen place; left out when there are none, as for
// linked parts.
func (q worklistQuery) WithReturns(held bool) worklistQuery {
	q.returns = held
	return q
}

// WithProcedures keeps the dossiers of the given procedures only (a
// client's); an empty list keeps none.
func (q worklistQuery) WithProcedures(ids []int64) worklistQuery {
	q.restricted, q.procedures = true, ids
	return q
}

// WithFilter applies what the officer chose: state, procedure, search text
// and page.
func (q worklistQuery) WithFilter(f motcua.DossierFilter) worklistQuery {
	return q.WithState(f.State).WithProcedure(f.ProcedureID).WithText(f.Query).WithPage(f.Limit, f.Offset)
}

// WithState keeps the dossiers in state s; "" keeps every open state.
func (q worklistQuery) WithState(s motcua.State) worklistQuery {
	q.state = s
	return q
}

// WithProcedure keeps the dossiers of one procedure; 0 keeps all.
func (q worklistQuery) WithProcedure(id int64) worklistQuery {
	q.procedure = id
	return q
}

// WithText keeps the dossier with this code and those whose applicant's
// name contains it, with or without diacritics; "" keeps all.
func (q worklistQuery) WithText(text string) worklistQuery {
	q.text = motcua.NFC(text)
	return q
}

// WithPage chooses the page: limit rows (the default when out of range)
// after offset (bounded by MaxOffset).
func (q worklistQuery) WithPage(limit, offset int) worklistQuery {
	if limit <= 0 || limit > worklistMaxLimit {
		limit = worklistLimit
	}
	q.limit, q.offset = limit, min(max(offset, 0), MaxOffset)
	return q
}

// page is the page's query after `SELECT dossierColumns dossierFrom`.
//
// One ORDER BY over the OR of three scope columns reads the table row of
// every match and sorts them all before keeping 50 (57 ms for a commune
// at 1M dossiers, 670 ms at 10M). Instead each scope branch keeps its
// first offset+limit ids from its covering (unit, state, due_at) index,
// without reading table rows; the page is in the union of the branches,
// and only those rows are read. A text search filters on columns the
// indexes lack, so it keeps the single scan.
func (q worklistQuery) page() clause {
	paging := []any{q.limit, q.offset}
	if q.text != "" {
		where := q.where()
		return clause{sql: where.sql + worklistOrder + ` LIMIT ? OFFSET ?`, args: append(where.args, paging...)}
	}
	ids := q.union(worklistOrder, q.offset+q.limit)
	return clause{sql: ` WHERE d.id IN (` + ids.sql + `)` + worklistOrder + ` LIMIT ? OFFSET ?`, args: append(ids.args, paging...)}
}

// count is the query counting the page's matches up to WorklistCountCap+1,
// which says there are more.
//
// With a text search it reads the dossiers table alone (the joins never
// filter). Otherwise it counts the same union as the page, unordered, each
// branch stopped after the cap: read from the covering indexes, a few
// thousand entries at most. A branch stopped short leaves more than the
// cap in the union.
func (q worklistQuery) count() clause {
	if q.text != "" {
		where := q.where()
		return clause{sql: `SELECT COUNT(*) FROM (SELECT 1 FROM dossiers d` + where.sql + ` LIMIT ?) n`,
			args: append(where.args, WorklistCountCap+1)}
	}
	ids := q.union("", WorklistCountCap+1)
	return clause{sql: `SELECT COUNT(*) FROM (` + ids.sql + `) n`, args: ids.args}
}

// where is the single scan's WHERE: any scope branch, and the filter.
func (q worklistQuery) where() clause {
	var scopes []string
	var args []any
	for _, b := range q.branches() {
		scopes = append(scopes, b.sql)
		args = append(args, b.args...)
	}
	filter := q.filter()
	return clause{sql: ` WHERE (` + strings.Join(scopes, ` OR `) + `)` + filter.sql, args: append(args, filter.args...)}
}

// union is the ids of the matches of each scope branch, in order, each
// branch stopped after limit.
func (q worklistQuery) union(order string, limit int) clause {
	var selects []string
	var args []any
	filter := q.filter()
	for _, b := range q.branches() {
		selects = append(selects, `SELECT id FROM (SELECT d.id FROM dossiers d WHERE `+b.sql+filter.sql+order+` LIMIT ?) `+b.alias)
		args = append(append(append(args, b.args...), filter.args...), limit)
	}
	return clause{sql: strings.Join(selects, ` UNION `), args: args}
}

// scopeBranch is one way a dossier comes into the actor's scope; alias
// names its subquery in the union.
type scopeBranch struct {
	clause
	alias string
}

// branches are the scope's ways in: the units as current, receiving or
// deciding unit, and their open linked parts when they hold any.
func (q worklistQuery) branches() []scopeBranch {
	in := marks(len(q.units))
	units := make([]any, len(q.units))
	for i, id := range q.units {
		units[i] = id
	}
	column := func(col, alias string) scopeBranch {
		return scopeBranch{clause{sql: `d.` + col + ` IN (` + in + `)`, args: units}, alias}
	}
	// A dossier received for another authority leaves the receiving unit's
	// worklist once handed on (it is in its "received for others" view) and
	// comes back once its result is ready, to be returned there.
	// A result is ready where it is returned: the receiving unit (return
	// unit 0) or the unit the applicant chose.
	received := column("receiving_unit_id", "r")
	received.sql += ` AND (d.for_other = 0 OR (d.state = 'result_ready' AND d.return_unit_id = 0))`
	out := []scopeBranch{column("current_unit_id", "c"), received, column("deciding_unit_id", "k")}
	if q.returns {
		returning := column("return_unit_id", "t")
		returning.sql += ` AND d.state = 'result_ready'`
		out = append(out, returning)
	}
	if q.linked {
		out = append(out, scopeBranch{clause{sql: `d.id IN (SELECT dossier_id FROM dossier_parts WHERE returned_at = 0 AND unit_id IN (` +
			in + `))`, args: units}, "l"})
	}
	return out
}

// filter is the conditions other than scope, each starting with AND.
func (q worklistQuery) filter() clause {
	var c clause
	if q.restricted {
		c.sql, c.args = procedureCond("d.", q.procedures)
	}
	if q.state != "" {
		c.sql += ` AND d.state = ?`
		c.args = append(c.args, string(q.state))
	} else {
		c.sql += ` AND ` + worklistOpenStates
	}
	if q.procedure != 0 {
		c.sql += ` AND d.procedure_id = ?`
		c.args = append(c.args, q.procedure)
	}
	if q.text != "" {
		c.sql += ` AND (d.code = ? OR d.applicant_key LIKE ? ESCAPE '\')`
		c.args = append(c.args, q.text, "%"+likeEscaper.Replace(motcua.Fold(q.text))+"%")
	}
	return c
}
