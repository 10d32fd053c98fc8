package store

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
)

// SetParCriteria sets a year's tree of PAR Index criteria (the province's
// own), replacing the year's previous tree; scores already given keep only
// if their criteria remain.
func (db *DB) SetParCriteria(ctx context.Context, a *motcua.Actor, year int, criteria []reform.ParCriterion) (err error) {
	defer motcua.Wrap(&err, "DB.SetParCriteria(%d)", year)
	if !a.CanManageCatalog() {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ quản trị hệ thống được đặt bộ tiêu chí Chỉ số CCHC.")
	}
	if _, _, err := reform.BuildParTree(criteria, nil); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM par_criteria WHERE year = ?`, year); err != nil {
			return err
		}
		for _, c := range criteria {
			if _, err := tx.exec(`INSERT INTO par_criteria (year, code, title, max_points) VALUES (?, ?, ?, ?)`,
				year, strings.TrimSpace(c.Code), motcua.NFC(strings.TrimSpace(c.Title)), c.MaxPoints); err != nil {
				return err
			}
		}
		return nil
	})
}

// ScorePar records a unit's self-assessed score on a leaf criterion.
func (db *DB) ScorePar(ctx context.Context, a *motcua.Actor, unitID int64, year int, s reform.ParScore) (err error) {
	defer motcua.Wrap(&err, "DB.ScorePar(%d, %s)", year, s.Code)
	if !a.CanManageReform(unitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được tự chấm điểm.")
	}
	criteria, err := db.parCriteria(ctx, year)
	if err != nil {
		return err
	}
	if _, _, err := reform.BuildParTree(criteria, []reform.ParScore{s}); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO par_scores (unit_id, year, code, points, evidence, scored_by, scored_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (unit_id, year, code) DO UPDATE SET points = excluded.points, evidence = excluded.evidence,
			scored_by = excluded.scored_by, scored_at = excluded.scored_at`,
			unitID, year, s.Code, s.Points, motcua.NFC(strings.TrimSpace(s.Evidence)), a.User.ID, ms(db.now()))
		return err
	})
}

func (db *DB) parCriteria(ctx context.Context, year int) (out []reform.ParCriterion, err error) {
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT code, title, max_points FROM par_criteria WHERE year = ?`, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c reform.ParCriterion
			if err := rows.Scan(&c.Code, &c.Title, &c.MaxPoints); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	if err == nil && len(out) == 0 {
		err = motcua.Errorf(motcua.ENOTFOUND, "Chưa có bộ tiêu chí Chỉ số CCHC năm %d.", year)
	}
	return out, err
}

// ParAssessment is a unit's self-assessment of a year: the tree with its
// scores added up, and the previous year's totals by area to compare.
type ParAssessment struct {
	Areas        []*reform.ParNode
	Total        reform.ParNode
	PreviousArea map[string]float64 // by area code; absent when not scored
	Previous     *reform.ParNode
}

// Par returns a unit's PAR Index self-assessment of a year.
func (db *DB) Par(ctx context.Context, unitID int64, year int) (pa *ParAssessment, err error) {
	defer motcua.Wrap(&err, "DB.Par(%d, %d)", unitID, year)
	pa = &ParAssessment{PreviousArea: map[string]float64{}}
	if pa.Areas, pa.Total, err = db.parTree(ctx, unitID, year); err != nil {
		return nil, err
	}
	if prev, total, err := db.parTree(ctx, unitID, year-1); err == nil {
		pa.Previous = &total
		for _, a := range prev {
			pa.PreviousArea[a.Code] = a.Score
		}
	}
	return pa, nil
}

func (db *DB) parTree(ctx context.Context, unitID int64, year int) ([]*reform.ParNode, reform.ParNode, error) {
	criteria, err := db.parCriteria(ctx, year)
	if err != nil {
		return nil, reform.ParNode{}, err
	}
	var scores []reform.ParScore
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT code, points, evidence FROM par_scores WHERE unit_id = ? AND year = ?`, unitID, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s reform.ParScore
			if err := rows.Scan(&s.Code, &s.Points, &s.Evidence); err != nil {
				return err
			}
			scores = append(scores, s)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, reform.ParNode{}, err
	}
	// Scores of criteria the year's tree no longer has are left out.
	known := map[string]bool{}
	for _, c := range criteria {
		known[c.Code] = true
	}
	kept := scores[:0]
	for _, s := range scores {
		if known[s.Code] {
			kept = append(kept, s)
		}
	}
	return reform.BuildParTree(criteria, kept)
}
