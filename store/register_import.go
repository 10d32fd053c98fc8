package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// RegisterOptions tune a register import.
type RegisterOptions struct {
	CreateUnits bool // an unknown unit code becomes a unit under the root
	SkipInvalid bool // import the valid rows and list the others
	// Unreadable are the rows the file reader already refused: they count
	// as read and rejected, and stop a whole-or-nothing import.
	Unreadable []motcua.RowError
	// Progress, when set, is told how many of the valid rows are written.
	Progress func(done, total int)
}

// RegisterReport says what an import did.
type RegisterReport struct {
	Read, Imported, Present int
	Rejected                []motcua.RowError
	CreatedUnits            []string
	CreatedProcedures       []string
}

// ImportRegister loads dossiers from a previous system's register as
// ledger events marked imported, graded against the due instants the old
// register recorded. It is whole or nothing unless SkipInvalid; a code
// already present with the same data is skipped, so importing twice adds
// nothing.
func (db *DB) ImportRegister(ctx context.Context, entries []motcua.RegisterEntry, opt RegisterOptions) (r *RegisterReport, err error) {
	defer motcua.Wrap(&err, "DB.ImportRegister")
	r = &RegisterReport{Read: len(entries) + len(opt.Unreadable), Rejected: append([]motcua.RowError(nil), opt.Unreadable...)}
	im := &registerImport{db: db, opt: opt, r: r, units: map[string]*motcua.Unit{}, procs: map[string]*motcua.Procedure{},
		seen: map[string]*motcua.RegisterEntry{}, cals: map[int64]*calendar.Calendar{}, now: db.now()}
	if im.existing, err = db.existingCodes(ctx, entries); err != nil {
		return nil, err
	}
	var todo []*motcua.RegisterEntry
	for i := range entries {
		e := &entries[i]
		fresh, err := im.check(ctx, e)
		if err != nil {
			if motcua.ErrorCode(err) != motcua.EINVALID {
				return nil, err
			}
			r.Rejected = append(r.Rejected, motcua.RowError{Row: e.Row, Reason: motcua.ErrorMessage(err)})
			continue
		}
		if fresh {
			todo = append(todo, e)
		} else {
			r.Present++
		}
	}
	sort.Slice(r.Rejected, func(i, j int) bool { return r.Rejected[i].Row < r.Rejected[j].Row })
	if len(r.Rejected) > 0 && !opt.SkipInvalid {
		return r, motcua.Errorf(motcua.EINVALID, "%d dòng không hợp lệ; không dòng nào được nhập.", len(r.Rejected))
	}
	if err := im.createMissing(ctx, todo); err != nil {
		return r, err
	}
	err = db.bulkTx(ctx, func(tx *Tx) error {
		if db.dialect == SQLite {
			// A transaction larger than the page cache spills pages to the
			// WAL as it goes; a large cache keeps it to one write per page.
			if _, err := tx.exec(`PRAGMA cache_size = -262144`); err != nil {
				return err
			}
			defer tx.exec(`PRAGMA cache_size = -2000`)
		}
		tx.audit(motcua.AuditEntry{Action: "register.import", Detail: fmt.Sprintf("%d hồ sơ nhập từ sổ của hệ thống cũ", len(todo))})
		return im.writeRows(ctx, tx, todo)
	})
	if err != nil {
		return r, err
	}
	r.Imported = len(todo)
	return r, nil
}

type registerImport struct {
	db    *DB
	opt   RegisterOptions
	r     *RegisterReport
	units map[string]*motcua.Unit      // by code; nil: to be created
	procs map[string]*motcua.Procedure // by code and level
	seen  map[string]*motcua.RegisterEntry
	cals  map[int64]*calendar.Calendar // by unit
	now   time.Time                    // when the rows are recorded
	// existing are the file's codes already in the database: only those
	// are read back and compared.
	existing map[string]bool
}

// check validates a row against the database and the rows before it; it
// reports whether the dossier is new.
func (im *registerImport) check(ctx context.Context, e *motcua.RegisterEntry) (bool, error) {
	if _, ok := im.units[e.UnitCode]; !ok {
		u, err := im.db.UnitByCode(ctx, e.UnitCode)
		switch {
		case err == nil:
			im.units[e.UnitCode] = u
		case !im.opt.CreateUnits:
			return false, motcua.Errorf(motcua.EINVALID, "đơn vị %q không có trong hệ thống (dùng --create-units để tạo)", e.UnitCode)
		default:
			im.units[e.UnitCode] = nil
		}
	}
	if prev := im.seen[e.Code]; prev != nil {
		if !sameEntry(prev, e) {
			return false, motcua.Errorf(motcua.EINVALID, "mã hồ sơ %s trùng với dòng %d nhưng khác dữ liệu", e.Code, prev.Row)
		}
		return false, nil
	}
	im.seen[e.Code] = e
	if !im.existing[e.Code] {
		return true, nil
	}
	stored, err := im.stored(ctx, e.Code)
	if err != nil || stored == nil {
		return true, err
	}
	if !sameEntry(stored, e) {
		return false, motcua.Errorf(motcua.EINVALID, "mã hồ sơ %s đã có trong hệ thống với dữ liệu khác", e.Code)
	}
	return false, nil
}

// stored reads back a dossier as a register entry, or nil.
func (im *registerImport) stored(ctx context.Context, code string) (*motcua.RegisterEntry, error) {
	var e *motcua.RegisterEntry
	err := im.db.readTx(ctx, func(tx *Tx) error {
		d, err := getDossier(tx, `d.code = ?`, code)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return nil
		} else if err != nil {
			return err
		}
		u, err := im.db.Unit(ctx, d.ReceivingUnitID)
		if err != nil {
			return err
		}
		e = &motcua.RegisterEntry{Code: d.Code, ProcedureCode: d.ProcedureCode, UnitCode: u.Code, Channel: d.Channel,
			Applicant: d.Applicant.Name, AcceptedAt: d.AcceptedAt, DueAt: d.DueAt, ResultAt: d.ResultAt, ReturnedAt: d.ReturnedAt}
		if d.State == motcua.StateWithdrawn {
			e.WithdrawnAt = d.ClosedAt
		}
		return nil
	})
	return e, err
}

// sameEntry compares what identifies a dossier's history.
func sameEntry(a, b *motcua.RegisterEntry) bool {
	same := func(x, y time.Time) bool { return x.Equal(y) }
	return a.Code == b.Code && a.ProcedureCode == b.ProcedureCode && a.UnitCode == b.UnitCode && a.Channel == b.Channel &&
		a.Applicant == b.Applicant && same(a.AcceptedAt, b.AcceptedAt) && same(a.DueAt, b.DueAt) &&
		same(a.ResultAt, b.ResultAt) && same(a.ReturnedAt, b.ReturnedAt) && same(a.WithdrawnAt, b.WithdrawnAt)
}

// existingCodes finds which of the entries' codes the database holds, a
// few hundred codes a query.
func (db *DB) existingCodes(ctx context.Context, entries []motcua.RegisterEntry) (map[string]bool, error) {
	found := map[string]bool{}
	const batch = 500
	for start := 0; start < len(entries); start += batch {
		chunk := entries[start:min(start+batch, len(entries))]
		args := make([]any, len(chunk))
		for i, e := range chunk {
			args[i] = e.Code
		}
		err := db.readTx(ctx, func(tx *Tx) error {
			codes, err := column[string](tx, `SELECT code FROM dossiers WHERE code IN (`+marks(len(chunk))+`)`, args...)
			for _, c := range codes {
				found[c] = true
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}
