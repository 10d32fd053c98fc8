package store

import (
	"context"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// DigitalDrill is what stands behind one indicator: the dossiers of its
// denominator that meet it (met) or do not, as Drill lists them for
// Biểu II.06a, with each listed dossier's facts (what it lacks).
type DigitalDrill struct {
	*Drill
	Facts map[int64]report.DigitalFacts
}

// DigitalIndicatorDossiers lists the dossiers of indicator code's
// denominator in the query's period and scope that meet it (met) or not,
// soonest due first, DrillLimit from offset on. The list follows the
// dossier access policy and each dossier listed is a read of personal
// data, logged as such. The dossiers are judged in a read transaction;
// only the page listed is read, and logged, in a writing one.
func (db *DB) DigitalIndicatorDossiers(ctx context.Context, a *motcua.Actor, q report.Query, code string, met bool, offset int) (dd *DigitalDrill, err error) {
	defer motcua.Wrap(&err, "DB.DigitalIndicatorDossiers(%s, %t)", code, met)
	if err := report.CheckDigitalCode(code); err != nil {
		return nil, err
	}
	dd = &DigitalDrill{Drill: &Drill{}, Facts: map[int64]report.DigitalFacts{}}
	var page []int64
	skip := min(max(offset, 0), MaxOffset)
	err = db.judgeDigital(ctx, q, a, func(p periodDossier, f report.DigitalFacts) {
		if in, ok := f.Counts(code); !in || ok != met {
			return
		}
		dd.Total++
		if !p.visible {
			return
		}
		if dd.Visible++; dd.Visible > skip && len(page) < DrillLimit {
			page = append(page, p.id)
			dd.Facts[p.id] = f
		}
	})
	if err != nil {
		return nil, err
	}
	if len(page) > 0 {
		err = db.inTx(ctx, func(tx *Tx) error {
			dd.Rows, err = listViewable(tx, a, page, &dd.Visible)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	dd.Hidden = dd.Total - dd.Visible
	return dd, nil
}

// DigitalIndicatorCodes lists the codes of the dossiers of indicator
// code's denominator that meet it (met) or not, soonest due first: for an
// operator checking a figure from the command line. Codes carry no
// personal data; the dossiers themselves are read, and logged, where
// they are opened.
func (db *DB) DigitalIndicatorCodes(ctx context.Context, q report.Query, code string, met bool) (codes []string, err error) {
	defer motcua.Wrap(&err, "DB.DigitalIndicatorCodes(%s, %t)", code, met)
	if err := report.CheckDigitalCode(code); err != nil {
		return nil, err
	}
	err = db.judgeDigital(ctx, q, nil, func(p periodDossier, f report.DigitalFacts) {
		if in, ok := f.Counts(code); in && ok == met {
			codes = append(codes, p.code)
		}
	})
	return codes, err
}

// listViewable reads the dossiers ids names, in that order, that a may
// view, logging each read; one the policy refuses after all (the SQL
// scope reached it through a linked part the policy weighs otherwise)
// is left out and taken off visible.
func listViewable(tx *Tx, a *motcua.Actor, ids []int64, visible *int) ([]*motcua.Dossier, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := queryDossiers(tx, ` WHERE d.id IN (`+marks(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*motcua.Dossier, len(rows))
	for _, d := range rows {
		byID[d.ID] = d
	}
	var out []*motcua.Dossier
	for _, id := range ids {
		d := byID[id]
		if d != nil && !a.CanView(d) { // ask with its linked parts
			if d, err = getDossier(tx, `d.id = ?`, id); err != nil {
				return nil, err
			}
		}
		if d == nil || !a.CanView(d) {
			*visible--
			continue
		}
		logAccess(tx, a, d)
		out = append(out, d)
	}
	return out, nil
}
