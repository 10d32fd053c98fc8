package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// A bulk load writes dossiers made up whole — millions of them, for
// `motcua bench` — each with the one acceptance event that opened it, at
// tens of thousands a second: one connection, multi-row INSERTs, large
// transactions, and the rows built on the generator's goroutine while this
// one writes the rows before. It must be the only writer while it runs:
// ids continue from the largest, and each unit's daily code counter from
// its stored value. A load that fails keeps what its transactions before
// the failure wrote, without the code counters: load into a database made
// for the purpose.

// BulkLoadReport says what a bulk load wrote.
type BulkLoadReport struct {
	Dossiers int
	// BusiestUnitDay is the most codes one unit issued on one day (a day
	// allows 9,999).
	BusiestUnitDay int
}

// BulkAdd hands the next dossier of a bulk load, with the acceptance event
// that opened it, to the loader, which numbers it and gives it its code
// (d.ID, d.Code). Dossiers come in the order of acceptance, so that codes
// are issued in that order. The fields written are the projection's —
// procedure and version, units, step and state, channel, applicant, sets,
// documents, the instants, version — and ClosedAt; the dossier has no
// tracking secret.
type BulkAdd func(d *motcua.Dossier, accepted *motcua.Event) error

// BulkLoadDossiers runs generate, which hands its dossiers to add, and
// writes them with their events and the per-unit, per-day code counters.
// progress, when set, is told how many dossiers are written after each
// transaction and at the end. The report counters are not kept as the rows
// go in: RecountReports rebuilds them afterwards.
func (db *DB) BulkLoadDossiers(ctx context.Context, generate func(add BulkAdd) error, progress func(done int)) (r BulkLoadReport, err error) {
	defer motcua.Wrap(&err, "DB.BulkLoadDossiers")
	if db.dialect == SQLite {
		db.writeMu.Lock() // intake in this process waits, as behind any writer
		defer db.writeMu.Unlock()
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return r, err
	}
	defer conn.Close()
	if db.dialect == SQLite {
		if err := loadingPragmas(ctx, conn); err != nil {
			return r, err
		}
		defer func() {
			if rerr := servingPragmas(context.WithoutCancel(ctx), conn); rerr != nil {
				// Never hand the pool a connection that skips fsync.
				conn.Raw(func(any) error { return driver.ErrBadConn })
				err = errors.Join(err, rerr)
			}
		}()
	}
	l, err := db.newBulkLoader(ctx, conn)
	if err != nil {
		return r, err
	}
	if err := l.run(ctx, generate, progress); err != nil {
		return r, err
	}
	if err := l.finish(ctx); err != nil {
		return r, err
	}
	if progress != nil {
		progress(l.done)
	}
	r.Dossiers = l.done
	for _, last := range l.counters {
		r.BusiestUnitDay = max(r.BusiestUnitDay, last)
	}
	return r, nil
}

// loadingPragmas: no fsync and a larger page cache for the index b-trees,
// on the loader's connection only.
func loadingPragmas(ctx context.Context, conn *sql.Conn) error {
	for _, q := range []string{`PRAGMA synchronous = OFF`, `PRAGMA cache_size = -131072`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// servingPragmas gives the loader's connection back the settings every
// connection of the pool has (sqlitePragmas), and makes sure they took.
func servingPragmas(ctx context.Context, conn *sql.Conn) error {
	for _, q := range []string{`PRAGMA synchronous = NORMAL`, `PRAGMA cache_size = -2000`, `PRAGMA shrink_memory`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	var sync int
	if err := conn.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil {
		return err
	}
	if sync != 1 { // NORMAL
		return errors.New("store: synchronous still off on the loader's connection")
	}
	return nil
}

// bulkLoader is one bulk load's state: the ids and codes it hands out,
// and its connection.
type bulkLoader struct {
	db          *DB
	conn        *sql.Conn
	lastDossier int64
	lastEvent   int64
	counters    map[unitDay]int   // the last code number issued, by unit and day
	unitCodes   map[int64]string  // read once per unit
	batch       *bulkBatch        // being filled by the generator
	out         chan<- *bulkBatch // to the writer
	genCtx      context.Context
	done        int
}

type unitDay struct {
	unit int64
	day  string // YYMMDD, as in the code
}

// bulkBatch is a slice of encoded rows: bulkDossierWidth arguments per
// dossier and bulkEventWidth per event, flattened.
type bulkBatch struct {
	dossiers, events []any
	n                int
}

const (
	bulkBatchSize    = 5000   // dossiers the generator encodes before handing them over
	bulkPerTx        = 50_000 // dossiers per transaction
	bulkRowsPerStmt  = 40     // rows per INSERT: 40 × 26 = 1,040 parameters
	bulkDossierWidth = 26
	bulkEventWidth   = 10
)

const bulkDossierInsert = `INSERT INTO dossiers (id, code, procedure_id, version_id, receiving_unit_id, deciding_unit_id,
	current_unit_id, step, state, channel, applicant_name, applicant_key, applicant_id_number, applicant_address,
	applicant_phone, applicant_email, sets, documents, accepted_at, due_at, step_due_at, result_at, returned_at,
	paused_at, version, closed_at) VALUES `

const bulkEventInsert = `INSERT INTO events (id, dossier_id, seq, type, at, recorded_at, actor_id, unit_id, reason, data) VALUES `

func (db *DB) newBulkLoader(ctx context.Context, conn *sql.Conn) (*bulkLoader, error) {
	l := &bulkLoader{db: db, conn: conn, counters: map[unitDay]int{}, unitCodes: map[int64]string{}}
	for _, q := range []struct {
		sql  string
		into *int64
	}{{`SELECT COALESCE(MAX(id), 0) FROM dossiers`, &l.lastDossier}, {`SELECT COALESCE(MAX(id), 0) FROM events`, &l.lastEvent}} {
		if err := conn.QueryRowContext(ctx, q.sql).Scan(q.into); err != nil {
			return nil, err
		}
	}
	rows, err := conn.QueryContext(ctx, `SELECT unit_id, day, last FROM dossier_counters`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k unitDay
		var last int
		if err := rows.Scan(&k.unit, &k.day, &last); err != nil {
			return nil, err
		}
		l.counters[k] = last
	}
	return l, rows.Err()
}

// run writes what generate hands over, in transactions of bulkPerTx
// dossiers, while generate runs on a goroutine of its own.
func (l *bulkLoader) run(ctx context.Context, generate func(BulkAdd) error, progress func(int)) error {
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *bulkBatch, 2)
	l.out, l.genCtx = batches, gctx
	genErr := make(chan error, 1)
	go func() {
		defer close(batches)
		err := generate(l.add)
		if err == nil {
			err = l.flush()
		}
		genErr <- err
	}()
	w := &bulkWriter{l: l, ctx: ctx}
	for b := range batches {
		if err := w.write(b); err != nil {
			cancel()
			for range batches { // the generator stops at its next hand-over
			}
			w.rollback()
			return err
		}
		if w.inTx >= bulkPerTx {
			if err := w.commit(); err != nil {
				return err
			}
			if progress != nil {
				progress(w.done)
			}
		}
	}
	if err := <-genErr; err != nil {
		w.rollback()
		return err
	}
	if err := w.commit(); err != nil {
		return err
	}
	l.done = w.done
	return nil
}

// add encodes one dossier and its event: it runs on the generator's goroutine.
func (l *bulkLoader) add(d *motcua.Dossier, e *motcua.Event) error {
	code, err := l.code(d)
	if err != nil {
		return err
	}
	docs, err := json.Marshal(d.Documents)
	if err != nil {
		return err
	}
	data, err := json.Marshal(e.Data)
	if err != nil {
		return err
	}
	l.lastDossier++
	l.lastEvent++
	d.ID, d.Code, e.DossierID = l.lastDossier, code, l.lastDossier
	if l.batch == nil {
		l.batch = &bulkBatch{dossiers: make([]any, 0, bulkBatchSize*bulkDossierWidth), events: make([]any, 0, bulkBatchSize*bulkEventWidth)}
	}
	b := l.batch
	a := d.Applicant
	b.dossiers = append(b.dossiers, d.ID, d.Code, d.ProcedureID, d.VersionID, d.ReceivingUnitID, d.DecidingUnitID, d.CurrentUnitID,
		d.Step, string(d.State), string(d.Channel), a.Name, motcua.Fold(a.Name), a.IDNumber, a.Address, a.Phone, a.Email, d.Sets,
		string(docs), ms(d.AcceptedAt), ms(d.DueAt), ms(d.StepDueAt), ms(d.ResultAt), ms(d.ReturnedAt), ms(d.PausedAt), d.Version,
		ms(d.ClosedAt))
	b.events = append(b.events, l.lastEvent, d.ID, e.Seq, string(e.Type), ms(e.At), ms(e.RecordedAt), e.ActorID, e.UnitID,
		e.Reason, string(data))
	l.db.tracks.forget(d.Code) // a moment ago this code was unknown
	if b.n++; b.n == bulkBatchSize {
		return l.flush()
	}
	return nil
}

// code issues the dossier's code as intake would: <unit code>-<YYMMDD>-<NNNN>.
func (l *bulkLoader) code(d *motcua.Dossier) (string, error) {
	unit, ok := l.unitCodes[d.ReceivingUnitID]
	if !ok {
		u, err := l.db.Unit(l.genCtx, d.ReceivingUnitID)
		if err != nil {
			return "", err
		}
		unit, l.unitCodes[u.ID] = u.Code, u.Code
	}
	k := unitDay{d.ReceivingUnitID, d.AcceptedAt.In(motcua.VN).Format("060102")}
	l.counters[k]++
	if n := l.counters[k]; n > 9999 {
		return "", fmt.Errorf("more than 9,999 dossiers on %s at %s: a unit's codes of a day end at 9999",
			d.AcceptedAt.In(motcua.VN).Format(time.DateOnly), unit)
	}
	return fmt.Sprintf("%s-%s-%04d", unit, k.day, l.counters[k]), nil
}

// flush hands the rows encoded so far to the writer.
func (l *bulkLoader) flush() error {
	if l.batch == nil || l.batch.n == 0 {
		return nil
	}
	select {
	case l.out <- l.batch:
		l.batch = nil
		return nil
	case <-l.genCtx.Done():
		return l.genCtx.Err()
	}
}

// finish writes the code counters, so that intake on a loaded day
// continues the sequence instead of colliding; on PostgreSQL it moves the
// id sequences past the ids the load gave; on SQLite it empties the WAL.
func (l *bulkLoader) finish(ctx context.Context) error {
	tx, err := l.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	upsert := l.db.rebind(`INSERT INTO dossier_counters (unit_id, day, last) VALUES (?, ?, ?)
		ON CONFLICT (unit_id, day) DO UPDATE SET last = excluded.last`)
	for k, last := range l.counters {
		if _, err := tx.ExecContext(ctx, upsert, k.unit, k.day, last); err != nil {
			return err
		}
	}
	if l.db.dialect == Postgres {
		for _, table := range []string{"dossiers", "events"} {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), (SELECT MAX(id) FROM `+table+`))
				WHERE EXISTS (SELECT 1 FROM `+table+`)`); err != nil {
				return err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if l.db.dialect == SQLite {
		_, err = l.conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	return err
}
