package store

import (
	"context"
	"strings"

	"github.com/motcua/motcua"
)

// CatalogFilter selects procedures of the public catalogue.
type CatalogFilter struct {
	Query  string // words folded (searchFold): "dang ki khai sinh" finds "Đăng ký khai sinh"
	Field  string
	Level  motcua.Level
	Online motcua.OnlineLevel
	Office string  // deciding office key at district level ("tu_phap")
	Units  []int64 // applied at one of these units (adopted there, or adopted nowhere)
	// BoundaryFree keeps the procedures listed now for intake regardless
	// of administrative boundary.
	BoundaryFree bool
	// ReceivedAt keeps what a unit of that level receives: its level's
	// procedures and, since 07/2025, any listed now for intake regardless
	// of boundary (ledger.ReceivingLevel names a unit's level).
	ReceivedAt motcua.Level
	Limit      int
}

// Catalog lists the procedures in force now that match f, by field and name.
func (db *DB) Catalog(ctx context.Context, f CatalogFilter) (out []*motcua.Procedure, err error) {
	defer motcua.Wrap(&err, "DB.Catalog(%q)", f.Query)
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 500
	}
	q := `SELECT ` + procedureColumns + ` FROM procedures p JOIN procedure_versions v ON v.id = (` + versionInForce + `)
		JOIN fields f ON f.id = p.field_id WHERE v.kind <> 'repeal'`
	args := []any{ms(db.Now())}
	for _, w := range strings.Fields(searchFold(f.Query)) {
		q += ` AND v.search_key LIKE ? ESCAPE '\'`
		args = append(args, "%"+likeEscaper.Replace(w)+"%")
	}
	for _, c := range []struct{ col, val string }{{"f.name", f.Field}, {"p.level", string(f.Level)},
		{"v.online_level", string(f.Online)}, {"v.office", f.Office}} {
		if c.val != "" {
			q += ` AND ` + c.col + ` = ?`
			args = append(args, c.val)
		}
	}
	if len(f.Units) > 0 {
		q += ` AND ` + appliesAt(f.Units)
		args = append(args, ms(db.Now()))
		for _, id := range f.Units {
			args = append(args, id)
		}
	}
	const listedNow = `p.code IN (SELECT procedure_code FROM boundary_free_listings WHERE valid_from <= ? AND (valid_to = 0 OR valid_to > ?))`
	if f.BoundaryFree {
		q += ` AND ` + listedNow
		args = append(args, ms(db.Now()), ms(db.Now()))
	}
	if f.ReceivedAt != "" {
		q += ` AND (p.level = ? OR ` + listedNow + `)`
		args = append(args, string(f.ReceivedAt), ms(db.Now()), ms(db.Now()))
	}
	q += ` ORDER BY f.name, v.name LIMIT ?`
	args = append(args, f.Limit)
	err = db.readTx(ctx, func(tx *Tx) error {
		out, err = selectVersions(tx, q, args...)
		return err
	})
	return out, err
}

// Fields lists the fields (lĩnh vực) of the catalogue, by name.
func (db *DB) Fields(ctx context.Context) (out []string, err error) {
	defer motcua.Wrap(&err, "DB.Fields")
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		out, err = column[string](tx, `SELECT name FROM fields ORDER BY name`)
		return err
	})
	return out, err
}

// ProcedureID finds a procedure by national code and level; level ""
// accepts any level when only one has the code.
func (db *DB) ProcedureID(ctx context.Context, code string, level motcua.Level) (id int64, err error) {
	defer motcua.Wrap(&err, "DB.ProcedureID(%q)", code)
	q, args := `SELECT id FROM procedures WHERE code = ?`, []any{motcua.NFC(strings.TrimSpace(code))}
	if level != "" {
		q += ` AND level = ?`
		args = append(args, string(level))
	}
	var ids []int64
	err = db.readTx(ctx, func(tx *Tx) (err error) {
		ids, err = column[int64](tx, q+` ORDER BY id LIMIT 2`, args...)
		return err
	})
	switch {
	case err != nil:
		return 0, err
	case len(ids) == 0:
		return 0, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính mã %s.", code)
	case len(ids) > 1:
		return 0, motcua.FieldError("level", "Mã %s có ở nhiều cấp; hãy chọn cấp thực hiện.", code)
	}
	return ids[0], nil
}

// ProcedureByCode returns the version in force now of the procedure with a
// national code at a level.
func (db *DB) ProcedureByCode(ctx context.Context, code string, level motcua.Level) (*motcua.Procedure, error) {
	id, err := db.ProcedureID(ctx, code, level)
	if err != nil {
		return nil, err
	}
	return db.VersionAt(ctx, id, db.Now())
}
