package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/report"
)

// CCHCFacts gathers what the periodic reform report of a unit (q.UnitID,
// and the units below it) states for [q.From, q.To): the directive
// documents issued, the year's plan, Biểu II.06a's total — the same
// figures as `motcua report ii06a` —, the procedures offered online and
// the satisfaction index of the portal's ratings and the surveys' paper
// forms. With q.Successors the dossiers and ratings of the units rolled up
// into the scope's units (dissolved on 01/07/2025, say) count too.
func (db *DB) CCHCFacts(ctx context.Context, q report.Query) (f reform.ReportFacts, err error) {
	unitID, from, to := q.UnitID, q.From, q.To
	defer motcua.Wrap(&err, "DB.CCHCFacts(%d)", unitID)
	u, err := db.Unit(ctx, unitID)
	if err != nil {
		return f, err
	}
	f = reform.ReportFacts{Issuer: u.Name, Place: placeOf(u.Name), From: from, To: to}
	if u.ParentID != 0 {
		if p, err := db.Unit(ctx, u.ParentID); err == nil {
			f.Superior = p.Name
		}
	}
	if f.Documents, err = db.Documents(ctx, DocumentQuery{UnitID: unitID, From: from, To: to}); err != nil {
		return f, err
	}
	// Oldest first, as a report lists them.
	for i, j := 0, len(f.Documents)-1; i < j; i, j = i+1, j-1 {
		f.Documents[i], f.Documents[j] = f.Documents[j], f.Documents[i]
	}
	if plan, err := db.Plan(ctx, unitID, from.Year()); err == nil {
		f.Plan = plan
	} else if motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return f, err
	}
	rep, err := db.II06a(ctx, report.Query{From: from, To: to, UnitID: unitID, Successors: q.Successors})
	if err != nil {
		return f, err
	}
	f.Dossiers = rep.Total
	scope, err := db.subtreeIDs(ctx, unitID)
	if err != nil {
		return f, err
	}
	rated, err := db.reportUnits(ctx, report.Query{UnitID: unitID, Successors: q.Successors})
	if err != nil {
		return f, err
	}
	for _, level := range []motcua.OnlineLevel{motcua.OnlineFull, motcua.OnlinePartial} {
		procs, err := db.Catalog(ctx, CatalogFilter{Online: level, Units: scope, Limit: 100_000})
		if err != nil {
			return f, err
		}
		if level == motcua.OnlineFull {
			f.OnlineFull = len(procs)
		} else {
			f.OnlinePartial = len(procs)
		}
	}
	answers, err := db.answersIn(ctx, unitID, rated, from, to)
	f.Satisfaction = reform.SIPASOf(answers)
	return f, err
}

// answersIn are the satisfaction answers about the scope in [from, to):
// the portal's ratings, and the paper forms of the unit's surveys whose
// period overlaps it.
func (db *DB) answersIn(ctx context.Context, unitID int64, scope []int64, from, to time.Time) (out []motcua.Rating, err error) {
	args := []any{ms(from), ms(to)}
	for _, id := range scope {
		args = append(args, id)
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`SELECT access_score, procedure_score, official_score, result_score, feedback_score FROM ratings
				WHERE at >= ? AND at < ? AND unit_id IN (` + marks(len(scope)) + `)`, args},
			{`SELECT r.access_score, r.procedure_score, r.official_score, r.result_score, r.feedback_score FROM survey_responses r
				JOIN surveys s ON s.id = r.survey_id WHERE s.unit_id = ? AND s.from_at < ? AND s.to_at > ?`, []any{unitID, ms(to), ms(from)}},
		} {
			rows, err := tx.query(q.sql, q.args...)
			if err != nil {
				return err
			}
			for rows.Next() {
				var r motcua.Rating
				s := &r.Scores
				if err := rows.Scan(&s[0], &s[1], &s[2], &s[3], &s[4]); err != nil {
					rows.Close()
					return err
				}
				out = append(out, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// placeOf is the place a unit's documents are dated at: its name without
// the kind of body ("Ủy ban nhân dân huyện Đắk Mil" → "Đắk Mil").
func placeOf(name string) string {
	name = motcua.NFC(name)
	for _, prefix := range []string{"Ủy ban nhân dân ", "UBND "} {
		name = strings.TrimPrefix(name, prefix)
	}
	for _, kind := range []string{"tỉnh ", "thành phố ", "huyện ", "thị xã ", "quận ", "xã ", "phường ", "thị trấn "} {
		if rest, ok := strings.CutPrefix(name, kind); ok {
			return rest
		}
	}
	return name
}
