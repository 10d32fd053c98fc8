package store

import (
	"context"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/report"
)

// II06aAsOf answers what Biểu II.06a for q would have said at instant
// asOf: only events recorded before asOf count (a late entry keyed after
// it, or approved after it, does not). It replays each dossier of the
// period, so it is slower than II06a; it is meant for audits of past
// reports.
func (db *DB) II06aAsOf(ctx context.Context, q report.Query, asOf time.Time) (rep *report.Report, err error) {
	defer motcua.Wrap(&err, "DB.II06aAsOf")
	if err := q.Check(); err != nil {
		return nil, err
	}
	ids, err := db.periodDossiers(ctx, q)
	if err != nil {
		return nil, err
	}
	groups := map[string]*report.Row{}
	for _, id := range ids {
		d, err := db.replayAsOf(ctx, id, asOf)
		if err != nil {
			return nil, err
		}
		if d == nil {
			continue
		}
		row, ok := report.Classify(d, q)
		if !ok {
			continue
		}
		key, err := db.groupKey(ctx, q, d)
		if err != nil {
			return nil, err
		}
		if groups[key] == nil {
			groups[key] = &report.Row{Key: key}
		}
		groups[key].Add(row)
	}
	rep = &report.Report{Query: q}
	for _, g := range groups {
		rep.Rows = append(rep.Rows, *g)
	}
	return rep, db.finishReport(ctx, rep)
}

// periodDossiers lists the dossiers in scope accepted before the period's end.
func (db *DB) periodDossiers(ctx context.Context, q report.Query) ([]int64, error) {
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	query, args := `SELECT id FROM dossiers d WHERE d.accepted_at < ?`+scope, append([]any{ms(q.To)}, scopeArgs...)
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, query+` ORDER BY id`, args...)
		return err
	})
	return ids, err
}

// replayAsOf rebuilds a dossier from the events recorded before asOf; nil
// when it had not been received yet.
func (db *DB) replayAsOf(ctx context.Context, id int64, asOf time.Time) (*motcua.Dossier, error) {
	var d *motcua.Dossier
	err := db.readTx(ctx, func(tx *Tx) error {
		row, err := getDossier(tx, `d.id = ?`, id)
		if err != nil {
			return err
		}
		events, err := listEvents(tx, id)
		if err != nil {
			return err
		}
		var known []motcua.Event
		for _, e := range events {
			if e.RecordedAt.Before(asOf) {
				known = append(known, e)
			}
		}
		if len(known) == 0 || known[0].Type != motcua.EventAccepted {
			return nil
		}
		p, err := db.ProcedureVersion(ctx, row.VersionID)
		if err != nil {
			return err
		}
		cal, err := db.Calendar(ctx, row.ReceivingUnitID)
		if err != nil {
			return err
		}
		replayed, _, err := ledger.Replay(baseOf(row), known, p, cal)
		d = &replayed
		return err
	})
	return d, err
}

// groupKey is the key II06a's query would give the dossier.
func (db *DB) groupKey(ctx context.Context, q report.Query, d *motcua.Dossier) (string, error) {
	by := q.By
	switch by {
	case report.ByUnit: // rolled up by finishReport
		if q.View == report.ViewReceiving {
			return strconv.FormatInt(d.ReceivingUnitID, 10), nil
		}
		return strconv.FormatInt(d.DecidingUnitID, 10), nil
	case report.ByChannel:
		return string(d.Channel), nil
	case report.ByProcedure:
		return strconv.FormatInt(d.ProcedureID, 10), nil
	case report.ByField, report.ByLevel:
		var field int64
		var level string
		err := db.readTx(ctx, func(tx *Tx) error {
			return tx.queryRow(`SELECT field_id, level FROM procedures WHERE id = ?`, d.ProcedureID).Scan(&field, &level)
		})
		if by == report.ByLevel {
			return level, err
		}
		return strconv.FormatInt(field, 10), err
	}
	return "", nil
}
