package store

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// The write half of a register import. A builder goroutine replays each
// row's events into its dossier and encodes both as statement arguments,
// while the caller's goroutine runs the statements of the rows before: the
// replay and the database's b-tree work overlap on two cores. Ids are known
// before the rows are written, so that the events of a batch are ready
// without waiting for the database to number its dossiers: PostgreSQL's are
// taken from the sequences and written; SQLite's are the ones it will give
// (see reserveIDs), checked after each statement. Naming them in the
// statement would make SQLite keep a journal to undo each one half-way.

// importBatch is how many dossiers go into one statement, and
// importEventChunk how many events: fixed sizes, so that the few statement
// texts are prepared once and reused.
const (
	importBatch      = 200
	importEventChunk = 300
)

// importChunk is one statement of the import: its rows are the register's
// lines first to last, named in an error; done, when set, is how many
// dossiers are written once it has run.
type importChunk struct {
	sql         string
	args        []any
	first, last int
	done        int
	lastID      int64 // the id of the statement's last row; −1: rows are not numbered
}

// writeRows reads the register again and writes the rows checkAll found
// new, with their report counters, in tx.
func (im *registerImport) writeRows(ctx context.Context, tx *Tx, src RegisterSource) error {
	dossierIDs, err := reserveIDs(tx, "dossiers", im.fresh)
	if err != nil {
		return err
	}
	eventIDs, err := reserveIDs(tx, "events", im.events)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan importChunk, 8)
	b := &registerBuilder{im: im, out: chunks, book: countBook{}, digital: digitalBook{}, dossierIDs: dossierIDs, eventIDs: eventIDs,
		verb: insertVerb(tx.db.dialect), namedIDs: tx.db.dialect != SQLite, countsEarly: tx.db.dialect == SQLite}
	var buildErr error
	go func() {
		defer close(chunks)
		defer func() { // a panic here would end the process: make it the import's error
			if r := recover(); r != nil {
				buildErr = fmt.Errorf("store: panic while building the import's rows: %v\n%s", r, debug.Stack())
			}
		}()
		buildErr = b.run(ctx, src)
	}()
	for c := range chunks {
		if err := runChunk(tx, c); err != nil {
			cancel()
			for range chunks { // the builder stops at its next send
			}
			return fmt.Errorf("rows %d–%d: %w", c.first, c.last, err)
		}
		if c.done > 0 && im.opt.Progress != nil {
			im.opt.Progress(c.done, im.fresh)
		}
	}
	return buildErr // read after the channel closed: the builder is done
}

// runChunk runs one statement and checks that SQLite numbered its rows as
// the builder expected.
func runChunk(tx *Tx, c importChunk) error {
	res, err := tx.exec(c.sql, c.args...)
	if err != nil || tx.db.dialect != SQLite {
		return err
	}
	if c.lastID < 0 {
		return nil // not an insert of new rows
	}
	if last, err := res.LastInsertId(); err != nil || last != c.lastID {
		return fmt.Errorf("rows numbered up to %d, expected %d (%v)", last, c.lastID, err)
	}
	return nil
}

// insertVerb is the import's INSERT. On SQLite, OR FAIL (with foreign keys
// unchecked: bulkTx) spares the journal every multi-row statement
// otherwise keeps to undo itself half-way: a failed import rolls back its
// whole transaction anyway.
func insertVerb(d Dialect) string {
	if d == SQLite {
		return "INSERT OR FAIL INTO"
	}
	return "INSERT INTO"
}

// reserveIDs numbers n new rows of table. SQLite gives a row without an id
// the one after the largest (the tables have no AUTOINCREMENT) and this
// transaction is the only writer; PostgreSQL takes them from the table's
// sequence, which concurrent writers share.
func reserveIDs(tx *Tx, table string, n int) (*idSource, error) {
	if n == 0 {
		return &idSource{}, nil
	}
	if tx.db.dialect == SQLite {
		var last int64
		if err := tx.queryRow(`SELECT COALESCE(MAX(id), 0) FROM ` + table).Scan(&last); err != nil {
			return nil, err
		}
		return &idSource{next: last + 1, left: n}, nil
	}
	taken, err := column[int64](tx, `SELECT nextval(pg_get_serial_sequence('`+table+`', 'id')) FROM generate_series(1, ?)`, n)
	if err != nil {
		return nil, fmt.Errorf("reserve %s ids: %w", table, err)
	}
	return &idSource{list: taken, left: n}, nil
}

// idSource hands out the ids reserved for new rows: a run on SQLite, the
// sequence's values on PostgreSQL.
type idSource struct {
	list []int64 // PostgreSQL's
	next int64   // SQLite's next id
	left int
}

func (s *idSource) take() int64 {
	s.left--
	if s.list != nil {
		id := s.list[0]
		s.list = s.list[1:]
		return id
	}
	s.next++
	return s.next - 1
}

// registerBuilder turns rows into statements, in order: a batch of
// dossiers, then every full chunk of events whose dossiers are written.
type registerBuilder struct {
	im                   *registerImport
	out                  chan<- importChunk
	book                 countBook
	digital              digitalBook // the counters of 4.1–4.4 (digital_counts.go)
	dossierIDs, eventIDs *idSource
	verb                 string
	namedIDs             bool  // the statements name the ids (PostgreSQL)
	events               []any // encoded events not yet sent
	eventRows            [2]int
	lastEvent            int64 // the id of the last event encoded
	marks                []report.Mark
	texts                map[string]string // statement texts by table and rows (cachedSQL)
	countsEarly          bool              // counters sent every countsEvery dossiers (SQLite)
	counted              int               // dossiers whose counters are sent
	countedFrom          int               // the first row of the counters not yet sent
	done                 int
}

func (b *registerBuilder) run(ctx context.Context, src RegisterSource) error {
	batch := make([]motcua.RegisterEntry, 0, importBatch)
	read := 0
	err := src(func(e motcua.RegisterEntry, bad *motcua.RowError) error {
		if err := ctx.Err(); err != nil {
			return err // the writer failed, or the caller went away
		}
		if read++; bad != nil {
			return nil
		}
		if ok, err := b.im.toWrite(&e); err != nil || !ok {
			return err
		}
		if batch = append(batch, e); len(batch) == importBatch {
			err := b.sendBatch(ctx, batch)
			batch = batch[:0]
			return err
		}
		return nil
	})
	if err == nil && len(batch) > 0 {
		err = b.sendBatch(ctx, batch)
	}
	if err != nil {
		return err
	}
	if b.done != b.im.fresh || read != b.im.r.Read {
		return motcua.Errorf(motcua.ECONFLICT, "đọc lại được %d dòng (%d cần nhập) thay vì %d (%d): tệp bị sửa giữa hai lần đọc",
			read, b.done, b.im.r.Read, b.im.fresh)
	}
	if !b.flushEvents(ctx, true) || !b.flushCounts(ctx) {
		return ctx.Err()
	}
	return nil
}

// countsEvery is how many dossiers' report counters are gathered before
// they are written on SQLite: the counters of a register of millions of
// rows are not held whole (rows of a file in date order touch mostly the
// same days). PostgreSQL writes them once, last: the rows written stay
// locked until the import commits, and live intake adds to the same
// month's and year's counters.
const countsEvery = 50000

// flushCounts sends the counters gathered since the last flush.
func (b *registerBuilder) flushCounts(ctx context.Context) bool {
	for _, st := range append(b.book.statements(), b.digital.statements()...) {
		if !b.send(ctx, importChunk{sql: st.sql, args: st.args, first: b.countedFrom, last: b.eventRows[1], lastID: -1}) {
			return false
		}
	}
	b.book, b.digital, b.countedFrom = countBook{}, digitalBook{}, b.eventRows[1]
	return true
}

// sendBatch encodes a batch of rows into a statement of dossiers, then
// sends the full chunks of events.
func (b *registerBuilder) sendBatch(ctx context.Context, batch []motcua.RegisterEntry) error {
	args := make([]any, 0, (dossierInsertWidth+1)*len(batch))
	digital := make([]any, 0, 7*len(batch)) // the dossiers' records of 4.1–4.4: no file, no result
	var lastID int64
	for i := range batch {
		e := &batch[i]
		if b.dossierIDs.left == 0 {
			return motcua.Errorf(motcua.ECONFLICT, "dòng %d: tệp có nhiều dòng cần nhập hơn lần đọc đầu (tệp bị sửa giữa hai lần đọc)", e.Row)
		}
		d, events, err := b.im.build(e)
		if err != nil {
			return fmt.Errorf("row %d: %w", e.Row, err)
		}
		if b.eventIDs.left < len(events) {
			return motcua.Errorf(motcua.ECONFLICT, "dòng %d: tệp bị sửa giữa hai lần đọc", e.Row)
		}
		d.ID = b.dossierIDs.take()
		lastID = d.ID
		values, err := dossierValues(d, intakeKey{})
		if err != nil {
			return err
		}
		if b.namedIDs {
			args = append(args, d.ID)
		}
		args = append(args, values...)
		b.im.db.tracks.forget(d.Code) // a moment ago this code was unknown
		b.marks = b.book.add(report.FactsOf(d), 1, b.marks[:0])
		r := newDigitalRecord(d, b.im.procs[procKey(e, b.im.levels[b.im.units[e.UnitCode].ID])].ResultType)
		b.digital.add(r, 1)
		digital = append(digital, r.values(d.ID)...)
		if err := b.addEvents(d.ID, e.Row, events); err != nil {
			return err
		}
	}
	b.done += len(batch)
	if !b.send(ctx, importChunk{sql: b.dossierSQL(len(batch)), args: args, first: batch[0].Row, last: batch[len(batch)-1].Row, done: b.done, lastID: lastID}) {
		return ctx.Err()
	}
	if !b.send(ctx, importChunk{sql: insertDigitalHead + repeatRow(7, len(batch)), args: digital, first: batch[0].Row, last: batch[len(batch)-1].Row, lastID: -1}) {
		return ctx.Err()
	}
	if !b.flushEvents(ctx, false) {
		return ctx.Err()
	}
	if b.countsEarly && b.done-b.counted >= countsEvery {
		if !b.flushCounts(ctx) {
			return ctx.Err()
		}
		b.counted = b.done
	}
	return nil
}

// addEvents encodes a dossier's events after those not yet sent.
func (b *registerBuilder) addEvents(dossierID int64, row int, events []motcua.Event) error {
	if len(b.events) == 0 {
		b.eventRows[0] = row
	}
	b.eventRows[1] = row
	for _, e := range events {
		data, err := json.Marshal(e.Data)
		if err != nil {
			return err
		}
		b.lastEvent = b.eventIDs.take()
		if b.namedIDs {
			b.events = append(b.events, b.lastEvent)
		}
		b.events = append(b.events, dossierID, e.Seq, string(e.Type), ms(e.At), ms(e.RecordedAt), e.ActorID, e.UnitID, e.Reason, string(data))
	}
	return nil
}

// eventWidth is the columns of an event but its id.
const eventWidth = 9

// flushEvents sends the full chunks of events, and the rest when last.
func (b *registerBuilder) flushEvents(ctx context.Context, last bool) bool {
	width := eventWidth
	if b.namedIDs {
		width++
	}
	for len(b.events) >= width*importEventChunk || (last && len(b.events) > 0) {
		n := min(len(b.events), width*importEventChunk)
		args := b.events[:n:n]
		b.events = append([]any(nil), b.events[n:]...)
		// The events left over belong to the last dossiers encoded.
		lastID := b.lastEvent - int64(len(b.events)/width)
		if !b.send(ctx, importChunk{sql: b.eventSQL(n / width), args: args, first: b.eventRows[0], last: b.eventRows[1], lastID: lastID}) {
			return false
		}
		b.eventRows[0] = b.eventRows[1]
	}
	return true
}

func (b *registerBuilder) send(ctx context.Context, c importChunk) bool {
	select {
	case b.out <- c:
		return true
	case <-ctx.Done():
		return false
	}
}

func (b *registerBuilder) dossierSQL(n int) string {
	return b.cachedSQL("d", n, b.buildDossierSQL)
}

func (b *registerBuilder) eventSQL(n int) string {
	return b.cachedSQL("e", n, b.buildEventSQL)
}

// cachedSQL builds a statement's text once per table and row count: most
// statements have the same few hundred rows.
func (b *registerBuilder) cachedSQL(table string, n int, build func(int) string) string {
	key := table + strconv.Itoa(n)
	q, ok := b.texts[key]
	if !ok {
		if b.texts == nil {
			b.texts = map[string]string{}
		}
		q = build(n)
		b.texts[key] = q
	}
	return q
}

func (b *registerBuilder) buildDossierSQL(n int) string {
	if b.namedIDs {
		return b.verb + ` dossiers (id, ` + dossierInsertColumns + `) VALUES ` + repeatRow(dossierInsertWidth+1, n)
	}
	return b.verb + ` dossiers (` + dossierInsertColumns + `) VALUES ` + repeatRow(dossierInsertWidth, n)
}

func (b *registerBuilder) buildEventSQL(n int) string {
	const columns = `dossier_id, seq, type, at, recorded_at, actor_id, unit_id, reason, data`
	if b.namedIDs {
		return b.verb + ` events (id, ` + columns + `) VALUES ` + repeatRow(eventWidth+1, n)
	}
	return b.verb + ` events (` + columns + `) VALUES ` + repeatRow(eventWidth, n)
}

// repeatRow is n rows of width placeholders each.
func repeatRow(width, n int) string {
	row := "(" + marks(width) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
