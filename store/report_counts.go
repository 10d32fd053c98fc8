package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// The counters of Biểu II.06a (report/tally.go) change in the transaction
// that changes a dossier's projection: what the old projection counted is
// taken away and what the new one counts is added.

// countKey is one counter row: a day, month or year of a group.
type countKey struct {
	grain report.Grain
	at    int
	group report.Group
}

// countBook gathers a transaction's counter changes to write each row once.
type countBook map[countKey]report.Counts

// add books the counts of f, with sign −1 to take them away.
func (b countBook) add(f report.Facts, sign int, buf []report.Mark) []report.Mark {
	buf = f.Marks(buf)
	for _, m := range buf {
		month := m.Day.Month()
		for _, k := range []countKey{{report.GrainDay, int(m.Day), f.Group}, {report.GrainMonth, int(month), f.Group},
			{report.GrainYear, int(month.Year()), f.Group}} {
			c := b[k]
			c.Add(m.Counts, sign)
			b[k] = c
		}
	}
	return buf
}

// write adds the booked changes to the counter rows.
func (b countBook) write(tx *Tx) error {
	for _, st := range b.statements() {
		if _, err := tx.exec(st.sql, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// countStatement is one upsert of many counter rows.
type countStatement struct {
	sql  string
	args []any
}

// statements are the upserts that add the booked changes, in key order so
// that concurrent transactions on PostgreSQL lock rows in the same order;
// many rows a statement (an import touches tens of thousands), in a fixed
// number so that the statement is prepared once.
func (b countBook) statements() []countStatement {
	keys := make([]countKey, 0, len(b))
	for k, c := range b {
		if !c.Zero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y countKey) int {
		return cmp.Or(cmp.Compare(x.grain, y.grain), cmp.Compare(x.at, y.at),
			cmp.Compare(x.group.DecidingUnitID, y.group.DecidingUnitID), cmp.Compare(x.group.ReceivingUnitID, y.group.ReceivingUnitID),
			cmp.Compare(x.group.ProcedureID, y.group.ProcedureID), cmp.Compare(x.group.Channel, y.group.Channel))
	})
	var out []countStatement
	args := make([]any, 0, countColumns*min(len(keys), countChunk)) // an intake books a handful
	for i, k := range keys {
		c, g := b[k], k.group
		args = append(args, k.grain, k.at, g.DecidingUnitID, g.ReceivingUnitID, g.ProcedureID, string(g.Channel),
			c.Accepted, c.Finished, c.Early, c.OnTime, c.Late, c.Withdrawn, c.Overdue, c.ForOther)
		if len(args) == countColumns*countChunk || i == len(keys)-1 {
			out = append(out, countStatement{upsertCountsHead + repeatRow(countColumns, len(args)/countColumns) + upsertCountsTail, args})
			args = make([]any, 0, countColumns*min(len(keys)-i-1, countChunk))
		}
	}
	return out
}

// countColumns are the columns of a counter row, countChunk the rows of
// one statement.
const countColumns, countChunk = 14, 200

const upsertCountsHead = `INSERT INTO report_counts (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel,
	accepted, finished, early, on_time, late, withdrawn, overdue, for_other) VALUES `

// upsertCountsTail adds to a row already there. Keys are distinct within
// a statement (PostgreSQL refuses to touch a row twice in one).
const upsertCountsTail = `
	ON CONFLICT (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel) DO UPDATE SET
	accepted = report_counts.accepted + excluded.accepted, finished = report_counts.finished + excluded.finished,
	early = report_counts.early + excluded.early, on_time = report_counts.on_time + excluded.on_time,
	late = report_counts.late + excluded.late, withdrawn = report_counts.withdrawn + excluded.withdrawn,
	overdue = report_counts.overdue + excluded.overdue, for_other = report_counts.for_other + excluded.for_other`

// recount moves the counters from what old counted to what next counts
// (old is nil for a new dossier). In a transaction that writes many
// dossiers the changes gather in tx.book and are written once at its end.
func (t *Tx) recount(old, next *motcua.Dossier) error {
	book := t.book
	if book == nil {
		book = countBook{}
	}
	var buf [8]report.Mark
	if old != nil {
		book.add(report.FactsOf(old), -1, buf[:0])
	}
	book.add(report.FactsOf(next), 1, buf[:0])
	if t.book != nil {
		return nil
	}
	return book.write(t)
}

// countersEmpty reports whether a table of counters has no row while
// dossiers exist: what the counters should hold was never counted (the
// first start after their migration, or a database loaded in bulk).
func (t *Tx) countersEmpty(table string) (bool, error) {
	var counted, dossiers int
	err := t.queryRow(`SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM `+table+` LIMIT 1) c),
		(SELECT COUNT(*) FROM (SELECT 1 FROM dossiers LIMIT 1) d)`).Scan(&counted, &dossiers)
	return err == nil && counted == 0 && dossiers > 0, err
}

// fillReportCounts counts every dossier when the counters are empty but
// dossiers exist: the first start after migration 009, or a database
// loaded in bulk. It runs under the migration lock.
func (db *DB) fillReportCounts(ctx context.Context, conn *sql.Conn) error {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx}
	if empty, err := tx.countersEmpty("report_counts"); err != nil || !empty {
		return err
	}
	if err := tx.countAll(); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// countAll counts every dossier into the (empty) counters.
func (t *Tx) countAll() error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT deciding_unit_id, receiving_unit_id, procedure_id, channel,
		accepted_at, due_at, result_at, closed_at, paused_at, state, for_other FROM dossiers`)
	if err != nil {
		return err
	}
	defer rows.Close()
	book := countBook{}
	var buf []report.Mark
	for rows.Next() {
		var f report.Facts
		var accepted, due, result, closed, paused, forOther int64
		if err := rows.Scan(&f.Group.DecidingUnitID, &f.Group.ReceivingUnitID, &f.Group.ProcedureID, &f.Group.Channel,
			&accepted, &due, &result, &closed, &paused, &f.State, &forOther); err != nil {
			return err
		}
		f.ForOther = forOther != 0
		f.AcceptedAt, f.DueAt, f.ResultAt, f.ClosedAt, f.Paused = fromMS(accepted), fromMS(due), fromMS(result), fromMS(closed), fromMS(paused)
		buf = book.add(f, 1, buf)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return book.write(t)
}

// RecountReports rebuilds the counters of Biểu II.06a, and those of
// indicators 4.1–4.4, from the dossiers:
// for tools that load dossiers in bulk, and to repair.
func (db *DB) RecountReports(ctx context.Context) (err error) {
	defer motcua.Wrap(&err, "DB.RecountReports")
	return db.inTx(ctx, func(tx *Tx) error {
		if db.dialect == Postgres { // intake meanwhile waits, then adds its counts to the new ones
			if _, err := tx.exec(`LOCK TABLE report_counts IN EXCLUSIVE MODE`); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`DELETE FROM report_counts`); err != nil {
			return err
		}
		if err := tx.countAll(); err != nil {
			return err
		}
		return tx.recountDigital() // and those of indicators 4.1–4.4 (digital_counts.go)
	})
}
