package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// catalogueDay is the working day legal times are written in.
const catalogueDay = 450 * time.Minute

// ProcedureTime is how long a procedure's dossiers resolved in a period
// took, from acceptance to result, in calendar days (weekends and days off
// included): one indicator of Decision 766's "progress and results".
type ProcedureTime struct {
	Code, Name   string
	Resolved     int
	AverageDays  float64
	AverageLimit float64 // the legal time, in working days, of the version in force now
}

// ProcedureTimes lists, for the procedures with dossiers resolved in the
// period and scope, the average time taken, most resolved first.
func (db *DB) ProcedureTimes(ctx context.Context, q report.Query, limit int) (out []ProcedureTime, err error) {
	defer motcua.Wrap(&err, "DB.ProcedureTimes")
	if err := q.Check(); err != nil {
		return nil, err
	}
	query := `SELECT d.procedure_id, COUNT(*), AVG((d.result_at - d.accepted_at) / 3600000.0) / 24.0
		FROM dossiers d WHERE d.result_at >= ? AND d.result_at < ? SCOPE GROUP BY d.procedure_id ORDER BY COUNT(*) DESC, d.procedure_id LIMIT ?`
	args := []any{ms(q.From), ms(q.To)}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	args = append(args, scopeArgs...)
	args = append(args, limit)
	type row struct {
		id   int64
		n    int
		days float64
	}
	var rows []row
	err = db.readTx(ctx, func(tx *Tx) error {
		r, err := tx.query(strings.Replace(query, "SCOPE", scope, 1), args...)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var x row
			if err := r.Scan(&x.id, &x.n, &x.days); err != nil {
				return err
			}
			rows = append(rows, x)
		}
		return r.Err()
	})
	for _, x := range rows {
		if err != nil {
			break
		}
		var p *motcua.Procedure
		if p, err = db.latestVersion(ctx, x.id); err == nil {
			out = append(out, ProcedureTime{Code: p.Code, Name: p.Name, Resolved: x.n, AverageDays: x.days,
				AverageLimit: p.Time.Duration(catalogueDay).Hours() / catalogueDay.Hours()})
		}
	}
	return out, err
}
