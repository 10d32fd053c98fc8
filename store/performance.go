package store

import (
	"context"
	"time"

	"github.com/motcua/motcua"
)

// Performance is how one officer (or one co-ordinating unit, for linked
// parts) finished the steps of dossiers in a period (domain.md §7: step
// deadlines graded like dossiers).
type Performance struct {
	UnitID              int64
	UserID              int64 // who finished the step; 0 for a unit's parts
	Name                string
	Early, OnTime, Late int
	Parts               bool // linked parts rather than workflow steps
}

// Total counts every graded step.
func (p *Performance) Total() int { return p.Early + p.OnTime + p.Late }

// LateStep is one step finished late, for the leader to see which.
type LateStep struct {
	DossierID      int64
	Code           string
	Step           int
	StepName       string // the step's name in the dossier's procedure version
	UnitID, UserID int64
	Name           string
	DueAt, EndedAt time.Time
	versionID      int64
}

// EndedText is when the step ended as the page shows it: to the minute, or
// with the seconds and the due instant when they decide the grade
// ("08:00:21 05/03/2024 (hạn 08:00:00)").
func (l LateStep) EndedText() string {
	if !l.SecondsDecide() {
		return motcua.FormatDateTime(l.EndedAt)
	}
	return l.EndedAt.In(motcua.VN).Format("15:04:05 02/01/2006") + " (hạn " + l.DueAt.In(motcua.VN).Format("15:04:05") + ")"
}

// SecondsDecide reports whether the step is late by less than the minute
// the page shows: then the instants are shown with their seconds.
func (l LateStep) SecondsDecide() bool {
	return motcua.FormatDateTime(l.EndedAt) == motcua.FormatDateTime(l.DueAt)
}

// StepPerformance grades the steps the unit's officers finished in [from,
// to), and the linked parts the unit handled for others. Leaders only: it
// names officers.
func (db *DB) StepPerformance(ctx context.Context, a *motcua.Actor, unitID int64, from, to time.Time) (rows []*Performance, late []LateStep, err error) {
	defer motcua.Wrap(&err, "DB.StepPerformance(%d)", unitID)
	if !a.Has(unitID, motcua.RoleLeader) {
		return nil, nil, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo đơn vị được xem kết quả xử lý theo từng cán bộ.")
	}
	if !to.After(from) {
		return nil, nil, motcua.FieldError("to", "Ngày kết thúc phải sau ngày bắt đầu.")
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		steps := `SELECT s.ended_by, COALESCE(u.full_name, ''), s.grade, COUNT(*), 0 FROM dossier_steps s LEFT JOIN users u ON u.id = s.ended_by
			WHERE s.unit_id = ? AND s.ended_at >= ? AND s.ended_at < ? AND s.grade <> '' GROUP BY s.ended_by, u.full_name, s.grade`
		parts := `SELECT 0, '', grade, COUNT(*), 1 FROM dossier_parts WHERE unit_id = ? AND returned_at >= ? AND returned_at < ? GROUP BY grade`
		byKey := map[[2]int64]*Performance{}
		for _, q := range []string{steps, parts} {
			if err := performanceRows(tx, q, unitID, from, to, byKey, &rows); err != nil {
				return err
			}
		}
		late, err = lateSteps(tx, unitID, from, to)
		return err
	})
	for i := range late {
		if err != nil {
			break
		}
		var p *motcua.Procedure
		if p, err = db.ProcedureVersion(ctx, late[i].versionID); err == nil && late[i].Step < len(p.Steps) {
			late[i].StepName = p.Steps[late[i].Step].Name
		}
	}
	return rows, late, err
}

func performanceRows(tx *Tx, q string, unitID int64, from, to time.Time, byKey map[[2]int64]*Performance, rows *[]*Performance) error {
	r, err := tx.query(q, unitID, ms(from), ms(to))
	if err != nil {
		return err
	}
	defer r.Close()
	for r.Next() {
		var userID, parts int64
		var name, grade string
		var n int
		if err := r.Scan(&userID, &name, &grade, &n, &parts); err != nil {
			return err
		}
		key := [2]int64{userID, parts}
		p := byKey[key]
		if p == nil {
			p = &Performance{UnitID: unitID, UserID: userID, Name: name, Parts: parts == 1}
			byKey[key] = p
			*rows = append(*rows, p)
		}
		switch motcua.Grade(grade) {
		case motcua.GradeEarly:
			p.Early += n
		case motcua.GradeOnTime:
			p.OnTime += n
		case motcua.GradeLate:
			p.Late += n
		}
	}
	return r.Err()
}

// lateStepsLimit bounds the list of late steps on the page.
const lateStepsLimit = 200

func lateSteps(tx *Tx, unitID int64, from, to time.Time) ([]LateStep, error) {
	r, err := tx.query(`SELECT s.dossier_id, d.code, d.version_id, s.step, s.ended_by, COALESCE(u.full_name, ''), s.due_at, s.ended_at
		FROM dossier_steps s JOIN dossiers d ON d.id = s.dossier_id LEFT JOIN users u ON u.id = s.ended_by
		WHERE s.unit_id = ? AND s.ended_at >= ? AND s.ended_at < ? AND s.grade = 'late' ORDER BY s.ended_at LIMIT ?`,
		unitID, ms(from), ms(to), lateStepsLimit)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []LateStep
	for r.Next() {
		l := LateStep{UnitID: unitID}
		var due, ended int64
		if err := r.Scan(&l.DossierID, &l.Code, &l.versionID, &l.Step, &l.UserID, &l.Name, &due, &ended); err != nil {
			return nil, err
		}
		l.DueAt, l.EndedAt = fromMS(due), fromMS(ended)
		out = append(out, l)
	}
	return out, r.Err()
}
