package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// EndBoundaryFreeListing ends a listing from to, when a later decision
// takes the procedure off the list: dossiers received before keep their
// basis, those received from to on are not received regardless of
// boundary. A listing already ended is refused (its end is history).
func (db *DB) EndBoundaryFreeListing(ctx context.Context, id int64, to time.Time) (err error) {
	defer motcua.Wrap(&err, "DB.EndBoundaryFreeListing(%d)", id)
	return db.inTx(ctx, func(tx *Tx) error {
		var code, decision string
		var from, end int64
		err := tx.queryRow(`SELECT procedure_code, decision, valid_from, valid_to FROM boundary_free_listings WHERE id = ?`, id).
			Scan(&code, &decision, &from, &end)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục này trong danh mục tiếp nhận không phụ thuộc địa giới hành chính.")
		case err != nil:
			return err
		case end != 0:
			return motcua.Errorf(motcua.ENOTALLOWED, "Thủ tục %s theo Quyết định %s đã hết hiệu lực trong danh mục từ ngày %s.",
				code, decision, motcua.FormatDate(fromMS(end)))
		case to.IsZero() || !to.After(fromMS(from)):
			return motcua.FieldError("valid_to", "Ngày hết hiệu lực phải sau ngày có hiệu lực (%s).", motcua.FormatDate(fromMS(from)))
		}
		_, err = tx.exec(`UPDATE boundary_free_listings SET valid_to = ? WHERE id = ? AND valid_to = 0`, ms(to), id)
		return err
	})
}

// BoundaryFreeListingsAt lists the listings in force at t, by procedure
// code: what the public catalogue marks and filters on.
func (db *DB) BoundaryFreeListingsAt(ctx context.Context, t time.Time) (out []motcua.BoundaryFreeListing, err error) {
	defer motcua.Wrap(&err, "DB.BoundaryFreeListingsAt")
	all, err := db.BoundaryFreeListings(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, l := range all {
		if l.InForce(t) {
			out = append(out, l)
		}
	}
	return out, nil
}

// ListingRow is a listing read from a file, with the row it came from.
type ListingRow struct {
	Row     int
	Listing motcua.BoundaryFreeListing
}

// ImportBoundaryFreeListings adds the listings of a file in one
// transaction: every row is checked (a code the catalogue does not hold,
// a listing already stored or given twice) and, if any is wrong, nothing
// is written and every problem is reported with its row.
func (db *DB) ImportBoundaryFreeListings(ctx context.Context, rows []ListingRow) (err error) {
	defer motcua.Wrap(&err, "DB.ImportBoundaryFreeListings")
	if len(rows) == 0 {
		return motcua.Errorf(motcua.EINVALID, "Tệp không có dòng dữ liệu nào.")
	}
	type problem struct {
		row  int
		what string
	}
	var problems []problem
	add := func(row int, what string) { problems = append(problems, problem{row, what}) }
	for i := range rows {
		if err := cleanListing(&rows[i].Listing); err != nil {
			add(rows[i].Row, motcua.ErrorMessage(err))
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		seen := map[[2]string]int{}
		for _, r := range rows {
			l := r.Listing
			if l.ProcedureCode == "" || l.Decision == "" {
				continue // reported above
			}
			key := [2]string{l.ProcedureCode, l.Decision}
			if first, ok := seen[key]; ok {
				add(r.Row, fmt.Sprintf("trùng thủ tục %s và Quyết định %s với dòng %d.", l.ProcedureCode, l.Decision, first))
				continue
			}
			seen[key] = r.Row
			problem, err := listingProblem(tx, &l)
			if err != nil {
				return err
			}
			if problem != "" {
				add(r.Row, problem)
			}
		}
		if len(problems) > 0 {
			slices.SortStableFunc(problems, func(a, b problem) int { return cmp.Compare(a.row, b.row) })
			lines := make([]string, len(problems))
			for i, p := range problems {
				lines[i] = fmt.Sprintf("Dòng %d: %s", p.row, p.what)
			}
			return motcua.Errorf(motcua.EINVALID, "Tệp có %d lỗi, không dòng nào được nhập:\n%s", len(problems), strings.Join(lines, "\n"))
		}
		for i := range rows {
			if err := insertListing(tx, &rows[i].Listing); err != nil {
				return err
			}
		}
		return nil
	})
}
