package store

import (
	"context"
	"fmt"
	"hash/maphash"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// RegisterOptions tune a register import.
type RegisterOptions struct {
	CreateUnits bool // an unknown unit code becomes a unit under the root
	SkipInvalid bool // import the valid rows and list the others
	// Checking, when set, is told now and then how many rows are checked;
	// Progress, when set, how many of the valid rows are written.
	Checking func(read int)
	Progress func(done, total int)
}

// RegisterReport says what an import did.
type RegisterReport struct {
	Read, Imported, Present int
	// Rejected lists the first MaxRejectedListed refused rows, by row;
	// RejectedTotal counts them all (a file of millions of bad rows must
	// not become millions of messages held in memory).
	Rejected          []motcua.RowError
	RejectedTotal     int
	CreatedUnits      []string
	CreatedProcedures []string
}

// MaxRejectedListed bounds the refused rows an import report lists.
const MaxRejectedListed = 1000

// reject notes a refused row: listed while the list is short, counted always.
func (r *RegisterReport) reject(e motcua.RowError) {
	if r.RejectedTotal++; len(r.Rejected) < MaxRejectedListed {
		r.Rejected = append(r.Rejected, e)
	}
}

// RegisterSource hands a register's rows, in the file's order, to yield —
// each row's entry, or why the file's reader refused it — and does so again
// each time it is called: an import reads its file twice, to check every
// row before it writes one, and never holds the whole file.
type RegisterSource func(yield func(e motcua.RegisterEntry, bad *motcua.RowError) error) error

// Entries is the source of rows already read.
func Entries(entries []motcua.RegisterEntry) RegisterSource {
	return func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
		for _, e := range entries {
			if err := yield(e, nil); err != nil {
				return err
			}
		}
		return nil
	}
}

// ImportRegister imports rows already read (see ImportRegisterFrom).
func (db *DB) ImportRegister(ctx context.Context, entries []motcua.RegisterEntry, opt RegisterOptions) (*RegisterReport, error) {
	return db.ImportRegisterFrom(ctx, Entries(entries), opt)
}

// ImportRegisterFrom loads dossiers from a previous system's register as
// ledger events marked imported, graded against the due instants the old
// register recorded. It is whole or nothing unless SkipInvalid; a code
// already present with the same data is skipped, so importing twice adds
// nothing.
func (db *DB) ImportRegisterFrom(ctx context.Context, src RegisterSource, opt RegisterOptions) (r *RegisterReport, err error) {
	defer motcua.Wrap(&err, "DB.ImportRegister")
	r = &RegisterReport{}
	im := &registerImport{db: db, opt: opt, r: r, units: map[string]*motcua.Unit{}, procs: map[string]*motcua.Procedure{},
		seen: map[string]seenRow{}, cals: map[int64]*calendar.Calendar{}, levels: map[int64]motcua.Level{}, now: db.now(), seed: maphash.MakeSeed()}
	if err := im.checkAll(ctx, src); err != nil {
		return r, err
	}
	sort.Slice(r.Rejected, func(i, j int) bool { return r.Rejected[i].Row < r.Rejected[j].Row })
	if r.RejectedTotal > 0 && !opt.SkipInvalid {
		return r, motcua.Errorf(motcua.EINVALID, "%s dòng không hợp lệ; không dòng nào được nhập.", motcua.FormatInt(int64(r.RejectedTotal)))
	}
	if im.fresh == 0 {
		return r, nil // nothing new: no transaction, no entry in the trail
	}
	if err := im.createMissing(ctx); err != nil {
		return r, err
	}
	err = db.bulkTx(ctx, func(tx *Tx) error {
		tx.audit(motcua.AuditEntry{Action: "register.import", Detail: fmt.Sprintf("%d hồ sơ nhập từ sổ của hệ thống cũ", im.fresh)})
		return im.writeRows(ctx, tx, src)
	})
	if err != nil {
		return r, err
	}
	r.Imported = im.fresh
	return r, nil
}

type registerImport struct {
	db    *DB
	opt   RegisterOptions
	r     *RegisterReport
	units map[string]*motcua.Unit      // by code; nil: to be created
	procs map[string]*motcua.Procedure // by code and level
	cals  map[int64]*calendar.Calendar // by unit
	// levels are the catalogue level each unit receives at
	// (ledger.ReceivingLevel), read before the rows are built.
	levels map[int64]motcua.Level
	now    time.Time // when the rows are recorded
	// seen holds a line for each code of the file: rows are not kept.
	seen map[string]seenRow
	seed maphash.Seed
	// needs are the first rows naming each unit and procedure to be
	// written, in the file's order: what createMissing may have to create.
	needs    []motcua.RegisterEntry
	needSeen map[string]bool
	// fresh counts the rows to write, events their events.
	fresh, events int
}

// seenRow is what the check remembers of a code: the row that first gave
// it, a digest of its data, and whether that row is to be written.
type seenRow struct {
	row    int
	digest uint64
	fresh  bool
}

// checkBatch is how many rows are checked against the ledger in one query.
const checkBatch = 500

// checkAll reads the register once, checking every row against the ledger
// and the rows before it, and counts what is to be written.
func (im *registerImport) checkAll(ctx context.Context, src RegisterSource) error {
	im.needSeen = map[string]bool{}
	var pending []motcua.RegisterEntry
	flush := func() error {
		existing, err := im.db.existingCodes(ctx, pending)
		if err != nil {
			return err
		}
		for i := range pending {
			if err := im.check(ctx, &pending[i], existing); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	err := src(func(e motcua.RegisterEntry, bad *motcua.RowError) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if im.r.Read++; im.r.Read%10000 == 0 && im.opt.Checking != nil {
			im.opt.Checking(im.r.Read)
		}
		if bad != nil {
			im.r.reject(*bad)
			return nil
		}
		if pending = append(pending, e); len(pending) == checkBatch {
			return flush()
		}
		return nil
	})
	if err != nil {
		im.r.Rejected, im.r.RejectedTotal = nil, 0 // the file is unreadable: the rows before do not matter
		return err
	}
	return flush()
}

// check validates a row against the database and the rows before it, and
// notes it as rejected, present or to be written.
func (im *registerImport) check(ctx context.Context, e *motcua.RegisterEntry, existing map[string]bool) error {
	fresh, err := im.checkRow(ctx, e, existing)
	switch {
	case motcua.ErrorCode(err) == motcua.EINVALID:
		im.r.reject(motcua.RowError{Row: e.Row, Reason: motcua.ErrorMessage(err)})
	case err != nil:
		return err
	case fresh:
		im.fresh++
		im.events += len(registerEventTimes(e))
		if key := e.UnitCode + "\x00" + e.ProcedureCode; !im.needSeen[key] {
			im.needSeen[key] = true
			im.needs = append(im.needs, *e)
		}
	default:
		im.r.Present++
	}
	return nil
}

// checkRow reports whether a row's dossier is new, or why the row is
// refused.
func (im *registerImport) checkRow(ctx context.Context, e *motcua.RegisterEntry, existing map[string]bool) (bool, error) {
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
	digest := im.digest(e)
	if prev, ok := im.seen[e.Code]; ok {
		if prev.digest != digest {
			return false, motcua.Errorf(motcua.EINVALID, "mã hồ sơ %s trùng với dòng %d nhưng khác dữ liệu", e.Code, prev.row)
		}
		return false, nil
	}
	seen := seenRow{row: e.Row, digest: digest}
	defer func() { im.seen[strings.Clone(e.Code)] = seen }() // a copy: the code shares the memory of its whole line
	if !existing[e.Code] {
		seen.fresh = true
		return true, nil
	}
	stored, err := im.stored(ctx, e.Code)
	if err != nil || stored == nil {
		seen.fresh = err == nil
		return seen.fresh, err
	}
	if !sameEntry(stored, e) {
		return false, motcua.Errorf(motcua.EINVALID, "mã hồ sơ %s đã có trong hệ thống với dữ liệu khác", e.Code)
	}
	return false, nil
}

// digest sums what sameEntry compares: two rows of a code with equal
// digests are the same dossier.
func (im *registerImport) digest(e *motcua.RegisterEntry) uint64 {
	var h maphash.Hash
	h.SetSeed(im.seed)
	for _, s := range []string{e.Code, e.ProcedureCode, e.UnitCode, string(e.Channel), e.Applicant} {
		h.WriteString(s)
		h.WriteByte(0)
	}
	for _, t := range []time.Time{e.AcceptedAt, e.DueAt, e.ResultAt, e.ReturnedAt, e.WithdrawnAt} {
		var ms int64 = -1 << 62 // no date
		if !t.IsZero() {
			ms = t.UnixMilli()
		}
		for i := range 8 {
			h.WriteByte(byte(ms >> (8 * i)))
		}
	}
	return h.Sum64()
}

// toWrite reports whether a row read again is one checkAll found new, the
// first time it comes (rows given without numbers repeat theirs); it
// refuses a row whose data changed since (the file was edited meanwhile).
// It runs on the builder's goroutine, the only one using seen by then.
func (im *registerImport) toWrite(e *motcua.RegisterEntry) (bool, error) {
	s, ok := im.seen[e.Code]
	if !ok || !s.fresh || s.row != e.Row {
		return false, nil
	}
	if im.digest(e) != s.digest {
		return false, motcua.Errorf(motcua.ECONFLICT, "dòng %d đã đổi trong khi nhập: tệp bị sửa giữa hai lần đọc", e.Row)
	}
	s.fresh = false // written: a repeat of the row is not
	im.seen[e.Code] = s
	return true, nil
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

// existingCodes finds which of the entries' codes the database holds.
func (db *DB) existingCodes(ctx context.Context, entries []motcua.RegisterEntry) (map[string]bool, error) {
	found := map[string]bool{}
	if len(entries) == 0 {
		return found, nil
	}
	args := make([]any, len(entries))
	for i, e := range entries {
		args[i] = e.Code
	}
	err := db.readTx(ctx, func(tx *Tx) error {
		codes, err := column[string](tx, `SELECT code FROM dossiers WHERE code IN (`+marks(len(entries))+`)`, args...)
		for _, c := range codes {
			found[c] = true
		}
		return err
	})
	return found, err
}
