package store

import (
	"context"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Adoption is a unit's decision to apply a procedure from a date.
type Adoption struct {
	Unit        *motcua.Unit
	AdoptedFrom time.Time
}

// Adopt records that a unit applies a procedure from a date: intake there
// takes the procedure's standard workflow in force at each dossier's
// acceptance. Adopting again moves the date.
func (db *DB) Adopt(ctx context.Context, a *motcua.Actor, procedureID, unitID int64, from time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.Adopt(%d, %d)", procedureID, unitID)
	if !a.CanAdopt(unitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được quyết định áp dụng thủ tục.")
	}
	if _, err := db.latestVersion(ctx, procedureID); err != nil {
		return err
	}
	if _, err := db.Unit(ctx, unitID); err != nil {
		return err
	}
	if from.IsZero() {
		return motcua.FieldError("from", "Phải chọn ngày bắt đầu áp dụng.")
	}
	defer db.forgetCatalog()
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO adoptions (procedure_id, unit_id, adopted_from, actor_id) VALUES (?, ?, ?, ?)
			ON CONFLICT (procedure_id, unit_id) DO UPDATE SET adopted_from = excluded.adopted_from, actor_id = excluded.actor_id`,
			procedureID, unitID, ms(from), a.User.ID)
		return err
	})
}

// Adoptions lists the units that apply a procedure.
func (db *DB) Adoptions(ctx context.Context, procedureID int64) (out []Adoption, err error) {
	defer motcua.Wrap(&err, "DB.Adoptions(%d)", procedureID)
	type row struct {
		unit int64
		from int64
	}
	var rows []row
	err = db.readTx(ctx, func(tx *Tx) error {
		r, err := tx.query(`SELECT unit_id, adopted_from FROM adoptions WHERE procedure_id = ? ORDER BY unit_id`, procedureID)
		if err != nil {
			return err
		}
		defer r.Close()
		for r.Next() {
			var x row
			if err := r.Scan(&x.unit, &x.from); err != nil {
				return err
			}
			rows = append(rows, x)
		}
		return r.Err()
	})
	for _, x := range rows {
		u, uerr := db.Unit(ctx, x.unit)
		if uerr != nil {
			return nil, uerr
		}
		out = append(out, Adoption{Unit: u, AdoptedFrom: fromMS(x.from)})
	}
	return out, err
}

// appliesAt is the SQL condition that procedure p applies at one of the
// units at the instant: adopted there by then, or adopted nowhere.
func appliesAt(units []int64) string {
	list := marks(len(units))
	return `(NOT EXISTS (SELECT 1 FROM adoptions ad WHERE ad.procedure_id = p.id) OR EXISTS (SELECT 1 FROM adoptions ad
		WHERE ad.procedure_id = p.id AND ad.adopted_from <= ? AND ad.unit_id IN (` + list + `)))`
}

// applies reports whether a unit applies a procedure at instant t.
func (db *DB) applies(ctx context.Context, procedureID, unitID int64, t time.Time) (bool, error) {
	info, err := db.procInfo(ctx, procedureID)
	if err != nil {
		return false, err
	}
	return info.adoption(unitID).AppliesAt(t), nil
}

// SetStepOfficers assigns the unit's officers to a step of a procedure's
// standard workflow — the one thing a unit fills in. Each must hold the
// step's role at the unit.
func (db *DB) SetStepOfficers(ctx context.Context, a *motcua.Actor, procedureID, unitID int64, stepName string, userIDs []int64) (err error) {
	defer motcua.Wrap(&err, "DB.SetStepOfficers(%d, %d, %q)", procedureID, unitID, stepName)
	if !a.CanAdopt(unitID) {
		return motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được phân công cán bộ cho các bước.")
	}
	p, err := db.latestVersion(ctx, procedureID)
	if err != nil {
		return err
	}
	var role motcua.Role
	for _, st := range p.Steps {
		if st.Name == stepName {
			role = st.Role
		}
	}
	if role == "" {
		return motcua.FieldError("step", "Quy trình của thủ tục không có bước “%s”.", stepName)
	}
	holders, err := db.UsersAt(ctx, unitID, role)
	if err != nil {
		return err
	}
	for _, id := range userIDs {
		if !containsUser(holders, id) {
			return motcua.FieldError("users", "Cán bộ được chọn không giữ vai trò %s tại đơn vị.", strings.ToLower(role.Label()))
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM step_officers WHERE procedure_id = ? AND unit_id = ? AND step_name = ?`, procedureID, unitID, stepName); err != nil {
			return err
		}
		for _, id := range userIDs {
			if _, err := tx.exec(`INSERT INTO step_officers (procedure_id, unit_id, step_name, user_id) VALUES (?, ?, ?, ?)`,
				procedureID, unitID, stepName, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func containsUser(users []motcua.User, id int64) bool {
	for _, u := range users {
		if u.ID == id {
			return true
		}
	}
	return false
}

// StepOfficers returns the officers a unit assigned to each step (by step
// name) of a procedure.
func (db *DB) StepOfficers(ctx context.Context, procedureID, unitID int64) (map[string][]motcua.User, error) {
	out := map[string][]motcua.User{}
	err := db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT s.step_name, u.id, u.username, u.full_name FROM step_officers s JOIN users u ON u.id = s.user_id
			WHERE s.procedure_id = ? AND s.unit_id = ? AND u.disabled = 0 ORDER BY u.full_name`, procedureID, unitID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var step string
			var u motcua.User
			if err := rows.Scan(&step, &u.ID, &u.Username, &u.FullName); err != nil {
				return err
			}
			out[step] = append(out[step], u)
		}
		return rows.Err()
	})
	return out, err
}

// latestVersion is the newest version of a procedure, draft or published.
func (db *DB) latestVersion(ctx context.Context, id int64) (*motcua.Procedure, error) {
	versions, err := db.Versions(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(versions) == 0 {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính này.")
	}
	return versions[len(versions)-1], nil
}
