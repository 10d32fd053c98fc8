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
	dd = &DigitalDrill{Facts: map[int64]report.DigitalFacts{}}
	pager := newDrillPager(offset)
	err = db.judgeDigital(ctx, q, a, func(p periodDossier, f report.DigitalFacts) {
		if in, ok := f.Counts(code); !in || ok != met {
			return
		}
		if pager.add(p) {
			dd.Facts[p.id] = f
		}
	})
	if err != nil {
		return nil, err
	}
	dd.Drill, err = pager.list(ctx, db, a)
	return dd, err
}

// drillPager gathers a drill-down's page as the dossiers of its list come:
// every one counts in Total, those the actor may view in Visible, and the
// page keeps DrillLimit of those from the offset on.
type drillPager struct {
	dd   *Drill
	skip int
	page []int64
}

func newDrillPager(offset int) *drillPager {
	return &drillPager{dd: &Drill{}, skip: min(max(offset, 0), MaxOffset)}
}

// add counts p and reports whether it is on the page.
func (g *drillPager) add(p periodDossier) bool {
	g.dd.Total++
	if !p.visible {
		return false
	}
	g.dd.Visible++
	if g.dd.Visible > g.skip && len(g.page) < DrillLimit {
		g.page = append(g.page, p.id)
		return true
	}
	return false
}

// list reads the page's dossiers (each read logged) and says how many of
// the list the actor may not view.
func (g *drillPager) list(ctx context.Context, db *DB, a *motcua.Actor) (*Drill, error) {
	if len(g.page) > 0 {
		err := db.inTx(ctx, func(tx *Tx) (err error) {
			g.dd.Rows, err = listViewable(tx, a, g.page, &g.dd.Visible)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	g.dd.Hidden = g.dd.Total - g.dd.Visible
	return g.dd, nil
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
