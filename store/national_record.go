package store

import (
	"context"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/report"
)

// The national record of a dossier (issue 20; ledger.NationalRecord): its
// full replay plus the facts kept outside the event log — component files
// (scanned, uploaded, reused, from the national store), the electronic
// result that counts with its code and link, whether its link was pushed
// to the citizen's store, and whether its fees were paid online. The
// national sync sends it; the 766 scorecard reads a period's records.
// Links are absolute, on db.PublicURL: results by their verification link,
// files by motcua.NationalFileURL.

// nationalChunk is how many dossiers are read at once.
const nationalChunk = 500

// nationalRow is what one dossier's record is built from.
type nationalRow struct {
	stored    *motcua.Dossier
	events    []motcua.Event
	submitted int64
	files     []ledger.ComponentFileFact
	results   []motcua.NationalResult
	paid      motcua.OnlinePayment
}

// NationalRecord builds the national record of one dossier from its ledger.
func (db *DB) NationalRecord(ctx context.Context, dossierID int64) (rec motcua.NationalRecord, err error) {
	defer motcua.Wrap(&err, "DB.NationalRecord(%d)", dossierID)
	recs, err := db.nationalRecords(ctx, []int64{dossierID})
	if err != nil {
		return rec, err
	}
	if len(recs) == 0 {
		return rec, motcua.ErrDossierNotFound()
	}
	return recs[0], nil
}

// NationalRecords builds the records the 766 scorecard reads for the
// query's period and scope (the II.06a report's: decided or received by
// the unit or a unit below it): every dossier accepted before the period's
// end and not ended before its start (2.1 counts those still running), and
// every online submission refused in the period. Dossiers come first, by
// acceptance; refusals after, by filing (NgayNopHoSo chooses their period).
func (db *DB) NationalRecords(ctx context.Context, q report.Query) (out []motcua.NationalRecord, err error) {
	defer motcua.Wrap(&err, "DB.NationalRecords")
	if err := q.Check(); err != nil {
		return nil, err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return nil, err
	}
	var ids []int64
	err = db.snapshotTx(ctx, func(tx *Tx) error {
		ids, err = int64s(tx, `SELECT d.id FROM dossiers d WHERE d.accepted_at < ?
			AND (d.state IN (?, ?) OR `+nationalEnd+` >= ?)`+scope+` ORDER BY d.accepted_at, d.id`,
			append([]any{ms(q.To), string(motcua.StateProcessing), string(motcua.StateSupplement), ms(q.From)}, scopeArgs...)...)
		return err
	})
	if err != nil {
		return nil, err
	}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), nationalChunk)]
		ids = ids[len(chunk):]
		recs, err := db.nationalRecords(ctx, chunk)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	refused, err := db.refusedRecords(ctx, q)
	return append(out, refused...), err
}

// nationalEnd is a stored dossier's end of processing (ledger.EndedAt).
const nationalEnd = `CASE WHEN d.result_at > 0 THEN d.result_at WHEN d.returned_at > 0 THEN d.returned_at ELSE d.closed_at END`

func int64s(tx *Tx, query string, args ...any) ([]int64, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// nationalRecords reads the dossiers ids in one snapshot, then builds
// their records (the versions and calendars read outside it, cached).
func (db *DB) nationalRecords(ctx context.Context, ids []int64) ([]motcua.NationalRecord, error) {
	var rows []*nationalRow
	err := db.snapshotTx(ctx, func(tx *Tx) (err error) {
		rows, err = readNational(tx, ids, db.PublicURL)
		return err
	})
	if err != nil {
		return nil, err
	}
	b, err := db.nationalBuilder(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]motcua.NationalRecord, 0, len(rows))
	for _, r := range rows {
		rec, err := b.build(ctx, r)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// nationalBuilder holds what records of many dossiers share.
type nationalBuilder struct {
	db        *DB
	units     map[int64]string
	users     map[int64]string
	days      []calendar.Special
	calendars map[int64]*calendar.Calendar
}

func (db *DB) nationalBuilder(ctx context.Context) (*nationalBuilder, error) {
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	b := &nationalBuilder{db: db, units: map[int64]string{}, calendars: map[int64]*calendar.Calendar{}}
	for id, u := range t.byID {
		b.units[id] = u.Code
	}
	if b.days, err = db.CalendarDays(ctx); err != nil {
		return nil, err
	}
	err = db.readTx(ctx, func(tx *Tx) error {
		b.users, err = userNames(tx)
		return err
	})
	return b, err
}

func userNames(tx *Tx) (map[int64]string, error) {
	rows, err := tx.query(`SELECT id, full_name FROM users`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

func (b *nationalBuilder) build(ctx context.Context, r *nationalRow) (motcua.NationalRecord, error) {
	d := r.stored
	p, err := b.db.ProcedureVersion(ctx, d.VersionID)
	if err != nil {
		return motcua.NationalRecord{}, err
	}
	cal := b.calendars[d.ReceivingUnitID]
	if cal == nil {
		if cal, err = b.db.calendarWith(ctx, d.ReceivingUnitID, b.days); err != nil {
			return motcua.NationalRecord{}, err
		}
		b.calendars[d.ReceivingUnitID] = cal
	}
	f := ledger.NationalFacts{UnitCodes: b.units, UserNames: b.users, SubmittedAt: fromMS(r.submitted),
		Files: r.files, Results: r.results, PaidOnline: r.paid}
	return ledger.NationalRecord(baseOf(d), r.events, p, cal, f)
}

// readNational reads the dossiers ids and the facts of their records.
func readNational(tx *Tx, ids []int64, base string) ([]*nationalRow, error) {
	byID := map[int64]*nationalRow{}
	var out []*nationalRow
	for _, id := range ids {
		d, err := getDossier(tx, `d.id = ?`, id)
		if err != nil {
			return nil, fmt.Errorf("dossier %d: %w", id, err)
		}
		r := &nationalRow{stored: d}
		if r.events, err = listEvents(tx, id); err != nil {
			return nil, fmt.Errorf("dossier %d: %w", id, err)
		}
		byID[id] = r
		out = append(out, r)
	}
	in, args := ` IN (`+marks(len(ids))+`)`, make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	reads := []func() error{
		func() error { return readNationalUploads(tx, in, args, base, byID) },
		func() error { return readNationalScans(tx, in, args, base, byID) },
		func() error { return readNationalResults(tx, in, args, base, byID) },
		func() error { return readNationalPayments(tx, in, args, byID) },
	}
	for _, read := range reads {
		if err := read(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readNationalUploads reads the files an online dossier's submission
// brought, and when it was filed.
func readNationalUploads(tx *Tx, in string, ids []any, base string, rows map[int64]*nationalRow) error {
	q, err := tx.query(`SELECT s.dossier_id, s.created_at, COALESCE(f.document, ''), COALESCE(f.sha256, ''), COALESCE(f.origin, '')
		FROM submissions s LEFT JOIN submission_files f ON f.submission_id = s.id
		WHERE s.dossier_id <> 0 AND s.dossier_id`+in+` ORDER BY s.dossier_id, f.id`, ids...)
	if err != nil {
		return err
	}
	defer q.Close()
	for q.Next() {
		var id, created int64
		var doc, sha, origin string
		if err := q.Scan(&id, &created, &doc, &sha, &origin); err != nil {
			return err
		}
		r := rows[id]
		if r == nil {
			continue
		}
		r.submitted = created
		if sha != "" {
			r.files = append(r.files, ledger.ComponentFileFact{Component: -1, Document: doc, URL: motcua.NationalFileURL(base, sha),
				Origin: motcua.FileOrigin(origin)})
		}
	}
	return q.Err()
}

// readNationalScans reads the components' scans, oldest first: the
// newest of a component counts, as componentFiles reads them.
func readNationalScans(tx *Tx, in string, ids []any, base string, rows map[int64]*nationalRow) error {
	q, err := tx.query(`SELECT dossier_id, component, document, sha256, origin FROM component_files WHERE dossier_id`+in+
		` ORDER BY dossier_id, component, id`, ids...)
	if err != nil {
		return err
	}
	defer q.Close()
	for q.Next() {
		var id int64
		var f ledger.ComponentFileFact
		var sha string
		if err := q.Scan(&id, &f.Component, &f.Document, &sha, &f.Origin); err != nil {
			return err
		}
		if r := rows[id]; r != nil {
			f.URL = motcua.NationalFileURL(base, sha)
			r.files = append(r.files, f)
		}
	}
	return q.Err()
}

// readNationalPayments reads whether each dossier's fees stand paid
// online. Every online payment motcua takes is made on the province's
// portal, whichever gateway carried it (VNPAY, the national payment
// platform): DuocThanhToanTrucTuyen 2. The condition is 3.6's (paidOnline).
func readNationalPayments(tx *Tx, in string, ids []any, rows map[int64]*nationalRow) error {
	q, err := tx.query(`SELECT d.id FROM dossiers d WHERE d.id`+in+` AND `+paidOnline, ids...)
	if err != nil {
		return err
	}
	defer q.Close()
	for q.Next() {
		var id int64
		if err := q.Scan(&id); err != nil {
			return err
		}
		if r := rows[id]; r != nil {
			r.paid = motcua.PaidThroughProvince
		}
	}
	return q.Err()
}

// nationalFile is a result file with what its issued results say.
type nationalFile struct {
	dossierID, id int64
	seq           int
	sha           string
	codes         []string // its issued results' codes
	gone, pushed  bool     // revoked or superseded; its link pushed to the citizen's store
}

// readNationalResults finds each dossier's electronic result the way the
// indicators do (readChunkResults): the last valid file of the
// result_ready event that counts last, with its result codes; its link is
// the code's verification link, or the file's own for a file issued
// before result codes.
func readNationalResults(tx *Tx, in string, ids []any, base string, rows map[int64]*nationalRow) error {
	files, err := nationalResultFiles(tx, in, ids)
	if err != nil {
		return err
	}
	counting := map[int64]*nationalFile{}
	for _, f := range files { // ordered by dossier, seq, id: the last valid one wins
		if r := rows[f.dossierID]; r != nil && !f.gone && f.seq != 0 && f.seq == countingSeq(r.events) {
			counting[f.dossierID] = f
		}
	}
	for id, f := range counting {
		r := rows[id]
		if len(f.codes) == 0 {
			r.results = []motcua.NationalResult{{FileURL: motcua.NationalFileURL(base, f.sha), PushedToStore: f.pushed}}
			continue
		}
		for _, code := range f.codes {
			r.results = append(r.results, motcua.NationalResult{Code: code, FileURL: motcua.VerifyURL(base, code), PushedToStore: f.pushed})
		}
	}
	return nil
}

// nationalResultFiles reads the dossiers' result files, each with its
// issued results (a file issued twice: gone if any is, pushed if any was).
func nationalResultFiles(tx *Tx, in string, ids []any) ([]*nationalFile, error) {
	rows, err := tx.query(`SELECT dossier_id, id, seq, sha256 FROM result_files WHERE dossier_id`+in+` ORDER BY dossier_id, seq, id`, ids...)
	if err != nil {
		return nil, err
	}
	var out []*nationalFile
	byID := map[int64]*nationalFile{}
	for rows.Next() {
		f := &nationalFile{}
		if err := rows.Scan(&f.dossierID, &f.id, &f.seq, &f.sha); err != nil {
			rows.Close()
			return nil, err
		}
		out, byID[f.id] = append(out, f), f
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = tx.query(`SELECT result_file_id, code, revoked_at IS NOT NULL OR superseded_by_id IS NOT NULL, pushed_at
		FROM issued_results WHERE dossier_id`+in+` ORDER BY id`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var fileID, pushedAt int64
		var code string
		var gone bool
		if err := rows.Scan(&fileID, &code, &gone, &pushedAt); err != nil {
			return nil, err
		}
		if f := byID[fileID]; f != nil {
			f.codes = append(f.codes, code)
			f.gone, f.pushed = f.gone || gone, f.pushed || pushedAt > 0
		}
	}
	return out, rows.Err()
}

// refusedRecords builds the records of the online submissions refused in
// the query's period whose unit is in its scope.
func (db *DB) refusedRecords(ctx context.Context, q report.Query) ([]motcua.NationalRecord, error) {
	units, err := db.reportUnits(ctx, q)
	if err != nil {
		return nil, err
	}
	where, args := `s.state = ? AND s.created_at >= ? AND s.created_at < ?`, []any{string(motcua.SubmissionRefused), ms(q.From), ms(q.To)}
	if units != nil {
		where += ` AND s.unit_id IN (` + marks(len(units)) + `)`
		for _, id := range units {
			args = append(args, id)
		}
	}
	subs, err := db.submissions(ctx, where+` ORDER BY s.created_at, s.id`, args...)
	if err != nil {
		return nil, err
	}
	t, err := db.tree(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]motcua.NationalRecord, 0, len(subs))
	for _, s := range subs {
		p, err := db.Procedure(ctx, s.ProcedureID)
		if err != nil {
			p = nil // repealed since: the record still goes, without the version's facts
		}
		code := ""
		if u := t.byID[s.UnitID]; u != nil {
			code = u.Code
		}
		out = append(out, ledger.RefusedRecord(s, p, code, "", db.PublicURL))
	}
	return out, nil
}
