package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// AddBoundaryFreeListing records that a procedure may be received anywhere
// in the province from a date, by the chairman's decision. The procedure
// must be in the catalogue; the same procedure listed twice by one
// decision is refused.
func (db *DB) AddBoundaryFreeListing(ctx context.Context, l *motcua.BoundaryFreeListing) (err error) {
	defer motcua.Wrap(&err, "DB.AddBoundaryFreeListing(%q)", l.ProcedureCode)
	if err := cleanListing(l); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if problem, err := listingProblem(tx, l); err != nil || problem != "" {
			if problem != "" {
				return motcua.FieldError("procedure_code", "%s", problem)
			}
			return err
		}
		return insertListing(tx, l)
	})
}

// cleanListing tidies a listing's text and checks what it alone can tell.
func cleanListing(l *motcua.BoundaryFreeListing) error {
	l.ProcedureCode, l.Decision = strings.TrimSpace(motcua.NFC(l.ProcedureCode)), strings.TrimSpace(motcua.NFC(l.Decision))
	switch {
	case l.ProcedureCode == "" || l.Decision == "":
		return motcua.FieldError("procedure_code", "Mã thủ tục và số quyết định công bố danh mục là bắt buộc.")
	case l.From.IsZero():
		return motcua.FieldError("valid_from", "Phải ghi ngày danh mục có hiệu lực.")
	case !l.To.IsZero() && !l.To.After(l.From):
		return motcua.FieldError("valid_to", "Ngày hết hiệu lực phải sau ngày có hiệu lực.")
	case !l.DecidedOn.IsZero() && l.DecidedOn.After(l.From.Add(24*time.Hour)):
		return motcua.FieldError("decided_on", "Ngày ký quyết định không thể sau ngày danh mục có hiệu lực.")
	}
	return nil
}

// listingProblem says why l cannot be added next to what is stored: a
// procedure code the catalogue does not hold, or one the decision already
// lists. "" when none.
func listingProblem(tx *Tx, l *motcua.BoundaryFreeListing) (string, error) {
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM procedures WHERE code = ?`, l.ProcedureCode).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return fmt.Sprintf("Không có thủ tục mã %s trong danh mục thủ tục hành chính.", l.ProcedureCode), nil
	}
	if err := tx.queryRow(`SELECT COUNT(*) FROM boundary_free_listings WHERE procedure_code = ? AND decision = ?`,
		l.ProcedureCode, l.Decision).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return fmt.Sprintf("Thủ tục %s đã có trong danh mục theo Quyết định %s.", l.ProcedureCode, l.Decision), nil
	}
	return "", nil
}

func insertListing(tx *Tx, l *motcua.BoundaryFreeListing) error {
	err := tx.queryRow(`INSERT INTO boundary_free_listings (procedure_code, decision, decided_on, valid_from, valid_to)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, l.ProcedureCode, l.Decision, ms(l.DecidedOn), ms(l.From), ms(l.To)).Scan(&l.ID)
	if isUniqueViolation(err) { // the same listing added at the same instant by someone else
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
