package store

import (
	"context"

	"github.com/motcua/motcua"
)

// AddSuccession records who takes over a dissolved unit's competence from
// a date (motcua.Succession). The unit and the successor must exist; one
// row per unit and field.
func (db *DB) AddSuccession(ctx context.Context, s *motcua.Succession) (err error) {
	defer motcua.Wrap(&err, "DB.AddSuccession(%d)", s.UnitID)
	s.Field, s.Basis = motcua.NFC(s.Field), motcua.NFC(s.Basis)
	t, err := db.tree(ctx)
	if err != nil {
		return err
	}
	switch {
	case t.byID[s.UnitID] == nil:
		return motcua.FieldError("unit", "Đơn vị giải thể không tồn tại.")
	case s.SuccessorID != 0 && t.byID[s.SuccessorID] == nil:
		return motcua.FieldError("successor", "Đơn vị kế thừa không tồn tại.")
	case s.SuccessorID == s.UnitID:
		return motcua.FieldError("successor", "Đơn vị kế thừa phải khác đơn vị giải thể.")
	case s.From.IsZero():
		return motcua.FieldError("valid_from", "Phải ghi ngày chuyển giao.")
	case s.Basis == "":
		return motcua.FieldError("basis", "Phải ghi căn cứ pháp lý của việc chuyển giao.")
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO unit_successions (unit_id, field, successor_id, valid_from, basis) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			s.UnitID, s.Field, s.SuccessorID, ms(s.From), s.Basis).Scan(&s.ID)
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("field", "Đơn vị này đã có đơn vị kế thừa cho lĩnh vực %q.", s.Field)
	}
	return err
}

// Successions lists every recorded succession, by unit and field.
func (db *DB) Successions(ctx context.Context) (out []motcua.Succession, err error) {
	defer motcua.Wrap(&err, "DB.Successions")
	err = db.readTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, unit_id, field, successor_id, valid_from, basis FROM unit_successions ORDER BY unit_id, field`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s motcua.Succession
			var from int64
			if err := rows.Scan(&s.ID, &s.UnitID, &s.Field, &s.SuccessorID, &from, &s.Basis); err != nil {
				return err
			}
			s.From = fromMS(from)
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}
