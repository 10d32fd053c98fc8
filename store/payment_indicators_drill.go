package store

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// OnlinePaymentDossiers lists the dossiers of 3.6's denominator (accepted
// in the query's period and scope, a bill above 0) that were paid online
// (met) or not, soonest due first, DrillLimit from offset on. As for
// 4.1–4.4 (DigitalIndicatorDossiers): the list follows the dossier access
// policy, the dossiers are chosen in a read transaction, and only the
// page listed is read, each read logged as one of personal data.
func (db *DB) OnlinePaymentDossiers(ctx context.Context, a *motcua.Actor, q report.Query, met bool, offset int) (dd *Drill, err error) {
	defer motcua.Wrap(&err, "DB.OnlinePaymentDossiers(%t)", met)
	list, err := db.onlinePaymentList(ctx, q, a, met)
	if err != nil {
		return nil, err
	}
	pager := newDrillPager(offset)
	for _, p := range list {
		pager.add(p)
	}
	return pager.list(ctx, db, a)
}

// OnlinePaymentCodes lists the codes of the dossiers of 3.6's denominator
// paid online (met) or not, soonest due first: for the command line.
func (db *DB) OnlinePaymentCodes(ctx context.Context, q report.Query, met bool) (codes []string, err error) {
	defer motcua.Wrap(&err, "DB.OnlinePaymentCodes(%t)", met)
	list, err := db.onlinePaymentList(ctx, q, nil, met)
	for _, p := range list {
		codes = append(codes, p.code)
	}
	return codes, err
}

// onlinePaymentList reads 3.6's dossiers that are paid online (met) or
// not, each marked with whether actor a (nil: nobody) may view it.
func (db *DB) onlinePaymentList(ctx context.Context, q report.Query, a *motcua.Actor, met bool) (list []periodDossier, err error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	visible, args := `0`, []any{}
	if a != nil {
		view, viewArgs := viewScope(a)
		visible, args = `CASE WHEN `+view+` THEN 1 ELSE 0 END`, viewArgs
	}
	cond := paidOnline
	if !met {
		cond = `NOT ` + paidOnline
	}
	args = append(append(args, ms(q.From), ms(q.To)), scopeArgs...)
	err = db.snapshotTx(ctx, func(tx *Tx) error {
		list, err = periodDossiers(tx, `SELECT d.id, d.code, `+visible+` FROM dossiers d
			WHERE d.accepted_at >= ? AND d.accepted_at < ? AND d.fee_total > 0`+scope+` AND `+cond+` ORDER BY d.due_at, d.id`, args...)
		return err
	})
	return list, err
}
