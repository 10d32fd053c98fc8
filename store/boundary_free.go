package store

import (
	"context"

	"github.com/motcua/motcua"
)

// AddBoundaryFreeListing records that a procedure may be received anywhere
// in the province from a date, by the chairman's decision. The same
// procedure listed twice by one decision is refused.
func (db *DB) AddBoundaryFreeListing(ctx context.Context, l *motcua.BoundaryFreeListing) (err error) {
	defer motcua.Wrap(&err, "DB.AddBoundaryFreeListing(%q)", l.ProcedureCode)
	l.ProcedureCode, l.Decision = motcua.NFC(l.ProcedureCode), motcua.NFC(l.Decision)
	switch {
	case l.ProcedureCode == "" || l.Decision == "":
		return motcua.FieldError("procedure_code", "Mã thủ tục và số quyết định công bố danh mục là bắt buộc.")
	case l.From.IsZero():
		return motcua.FieldError("valid_from", "Phải ghi ngày danh mục có hiệu lực.")
	case !l.To.IsZero() && !l.To.After(l.From):
		return motcua.FieldError("valid_to", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.queryRow(`INSERT INTO boundary_free_listings (procedure_code, decision, decided_on, valid_from, valid_to)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, l.ProcedureCode, l.Decision, ms(l.DecidedOn), ms(l.From), ms(l.To)).Scan(&l.ID)
	})
	if isUniqueViolation(err) {
		return motcua.FieldError("procedure_code", "Thủ tục %s đã có trong danh mục theo Quyết định %s.", l.ProcedureCode, l.Decision)
	}
	return err
}

// BoundaryFreeListings lists the listings of a procedure code, or of every
// procedure when code is "", the newest first.
func (db *DB) BoundaryFreeListings(ctx context.Context, code string) (out []motcua.BoundaryFreeListing, err error) {
	defer motcua.Wrap(&err, "DB.BoundaryFreeListings")
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = boundaryFreeListings(tx, code)
		return err
	})
	return out, err
}

func boundaryFreeListings(tx *Tx, code string) ([]motcua.BoundaryFreeListing, error) {
	q, args := `SELECT id, procedure_code, decision, decided_on, valid_from, valid_to FROM boundary_free_listings`, []any{}
	if code != "" {
		q += ` WHERE procedure_code = ?`
		args = append(args, code)
	}
	rows, err := tx.query(q+` ORDER BY valid_from DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []motcua.BoundaryFreeListing
	for rows.Next() {
		var l motcua.BoundaryFreeListing
		var decided, from, to int64
		if err := rows.Scan(&l.ID, &l.ProcedureCode, &l.Decision, &decided, &from, &to); err != nil {
			return nil, err
		}
		l.DecidedOn, l.From, l.To = fromMS(decided), fromMS(from), fromMS(to)
		out = append(out, l)
	}
	return out, rows.Err()
}
