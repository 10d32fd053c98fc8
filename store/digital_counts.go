package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/report"
)

// The counters of indicators 4.1–4.4 (migration 036), kept like those of
// II.06a (report_counts.go): each dossier's record in dossier_digital says
// what it counts now; a write that may change a fact calls redigitise in
// its transaction, which judges the dossier again by the one rule
// (digitalDossier.facts) and moves the counters by the difference. The
// counters are by the day of acceptance, the indicators' period.

// digitalBits says, for each indicator of report.DigitalCodes in order,
// whether a dossier is in its denominator (bit 2i) and in its numerator
// (bit 2i+1).
type digitalBits int

// bitsOf is what facts count.
func bitsOf(f report.DigitalFacts) digitalBits {
	var b digitalBits
	for i, code := range report.DigitalCodes {
		in, met := f.Counts(code)
		if in {
			b |= 1 << (2 * i)
		}
		if met {
			b |= 1 << (2*i + 1)
		}
	}
	return b
}

// digitalRecord is a dossier's row of dossier_digital.
type digitalRecord struct {
	day   report.Day
	group report.Group
	bits  digitalBits
}

// digitalCounts are a counter row's columns: in and met of 4.1, 4.2, ….
type digitalCounts [8]int

// digitalBook gathers counter changes to write each row once.
type digitalBook map[countKey]digitalCounts

// add books what r counts, with sign −1 to take it away.
func (b digitalBook) add(r digitalRecord, sign int) {
	month := r.day.Month()
	for _, k := range []countKey{{report.GrainDay, int(r.day), r.group}, {report.GrainMonth, int(month), r.group},
		{report.GrainYear, int(month.Year()), r.group}} {
		c := b[k]
		for i := range c {
			if r.bits&(1<<i) != 0 {
				c[i] += sign
			}
		}
		b[k] = c
	}
}

// write adds the booked changes to digital_counts.
func (b digitalBook) write(tx *Tx) error {
	for _, st := range b.statements() {
		if _, err := tx.exec(st.sql, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// statements are the upserts that add the booked changes, in key order
// (rows locked in the same order by concurrent writers on PostgreSQL).
func (b digitalBook) statements() []countStatement {
	keys := make([]countKey, 0, len(b))
	for k, c := range b {
		if c != (digitalCounts{}) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareCountKeys)
	var out []countStatement
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), countChunk)]
		keys = keys[len(chunk):]
		args := make([]any, 0, digitalCountColumns*len(chunk))
		for _, k := range chunk {
			c, g := b[k], k.group
			args = append(args, k.grain, k.at, g.DecidingUnitID, g.ReceivingUnitID, g.ProcedureID, string(g.Channel),
				c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
		}
		out = append(out, countStatement{upsertDigitalHead + repeatRow(digitalCountColumns, len(chunk)) + upsertDigitalTail, args})
	}
	return out
}

func compareCountKeys(x, y countKey) int {
	return cmp.Or(cmp.Compare(x.grain, y.grain), cmp.Compare(x.at, y.at),
		cmp.Compare(x.group.DecidingUnitID, y.group.DecidingUnitID), cmp.Compare(x.group.ReceivingUnitID, y.group.ReceivingUnitID),
		cmp.Compare(x.group.ProcedureID, y.group.ProcedureID), cmp.Compare(x.group.Channel, y.group.Channel))
}

const digitalCountColumns = 14

// digitalCountNames are the counter columns, in digitalCounts' order.
var digitalCountNames = []string{"in_41", "met_41", "in_42", "met_42", "in_43", "met_43", "in_44", "met_44"}

var upsertDigitalHead = `INSERT INTO digital_counts (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel, ` +
	strings.Join(digitalCountNames, ", ") + `) VALUES `

// upsertDigitalTail adds to a row already there.
var upsertDigitalTail = func() string {
	var set []string
	for _, c := range digitalCountNames {
		set = append(set, c+` = digital_counts.`+c+` + excluded.`+c)
	}
	return `
	ON CONFLICT (grain, at, deciding_unit_id, receiving_unit_id, procedure_id, channel) DO UPDATE SET ` + strings.Join(set, ", ")
}()

// redigitise judges the dossiers ids again and, where what they count
// changed, moves the counters and stores their new records. Every write
// that may change a digital fact calls it in its transaction: intake,
// scans, reuse, results issued, superseded, revoked or pushed, a late
// result approved, the deciding unit changed. Erasure (retention.go) does
// not, and an erased dossier's record stays as it was: the figures keep
// the facts as they were when the files went.
func (t *Tx) redigitise(ids ...int64) error {
	if err := nationalChanged(t, ids...); err != nil { // the national record reads the same facts
		return err
	}
	return t.rejudgeDigital(ids...)
}

// rejudgeDigital is redigitise without telling the national sync: for a
// rebuild of the counters, which changes no fact.
func (t *Tx) rejudgeDigital(ids ...int64) error {
	kinds := map[string]bool{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), digitalChunk)]
		ids = ids[len(chunk):]
		if err := t.redigitiseChunk(chunk, kinds); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tx) redigitiseChunk(chunk []int64, kinds map[string]bool) error {
	args := make([]any, len(chunk))
	for i, id := range chunk {
		args[i] = id
	}
	// The records first, locked on PostgreSQL: a write to the same
	// dossier in another transaction waits here, and the facts read next
	// include what it committed, so that each change is booked once.
	old, err := digitalRecords(t, args)
	if err != nil {
		return err
	}
	ds, err := readDigital(t, args, kinds)
	if err != nil {
		return err
	}
	book := digitalBook{}
	var rows []any
	for _, id := range chunk {
		d := ds[id]
		if d == nil { // no such dossier: nothing to count
			continue
		}
		next := digitalRecord{day: d.day, group: d.group, bits: bitsOf(d.facts())}
		was, ok := old[id]
		if ok && (was == next || d.erased) { // erased: counted as it was before its files went
			continue
		}
		if ok {
			book.add(was, -1)
		}
		book.add(next, 1)
		old[id] = next // an id named twice is counted once
		rows = append(rows, next.values(id)...)
	}
	if len(rows) == 0 {
		return nil
	}
	if _, err := t.exec(insertDigitalHead+repeatRow(7, len(rows)/7)+`
		ON CONFLICT (dossier_id) DO UPDATE SET day = excluded.day, deciding_unit_id = excluded.deciding_unit_id,
		receiving_unit_id = excluded.receiving_unit_id, procedure_id = excluded.procedure_id, channel = excluded.channel,
		facts = excluded.facts`, rows...); err != nil {
		return err
	}
	return book.write(t)
}

// digitalRecords reads the stored records of the dossiers ids, locked
// until the transaction ends on PostgreSQL (SQLite has one writer).
func digitalRecords(t *Tx, ids []any) (map[int64]digitalRecord, error) {
	lock := ""
	if t.db.dialect == Postgres {
		lock = ` ORDER BY dossier_id FOR UPDATE`
	}
	rows, err := t.query(`SELECT dossier_id, day, deciding_unit_id, receiving_unit_id, procedure_id, channel, facts
		FROM dossier_digital WHERE dossier_id IN (`+marks(len(ids))+`)`+lock, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]digitalRecord{}
	for rows.Next() {
		var id int64
		var r digitalRecord
		g := &r.group
		if err := rows.Scan(&id, &r.day, &g.DecidingUnitID, &g.ReceivingUnitID, &g.ProcedureID, &g.Channel, &r.bits); err != nil {
			return nil, err
		}
		out[id] = r
	}
	return out, rows.Err()
}

// digitiseNew records the facts of a dossier just accepted, which has no
// file and no result yet, without reading them: intake stays within its
// budget (design.md §6). What comes with it after its first event (scans,
// a submission's uploads) calls redigitise.
func (t *Tx) digitiseNew(d *motcua.Dossier) error {
	var resultType string
	if err := t.queryRow(`SELECT result_type FROM procedure_versions WHERE id = ?`, d.VersionID).Scan(&resultType); err != nil {
		return err
	}
	r := newDigitalRecord(d, resultType)
	if _, err := t.exec(insertDigitalHead+`(?, ?, ?, ?, ?, ?, ?)`, r.values(d.ID)...); err != nil {
		return err
	}
	book := digitalBook{}
	book.add(r, 1)
	return book.write(t)
}

// newDigitalRecord is what a dossier just written counts, with no file
// and no result yet; resultType is its version's.
func newDigitalRecord(d *motcua.Dossier, resultType string) digitalRecord {
	dd := digitalDossier{day: report.DayOf(d.AcceptedAt), group: report.FactsOf(d).Group, documents: d.Documents,
		resultIsDocument: ledger.ResultIsDocument(resultType), filed: map[int]bool{}}
	return digitalRecord{day: dd.day, group: dd.group, bits: bitsOf(dd.facts())}
}

// values are r's for insertDigitalHead, as dossier id's record.
func (r digitalRecord) values(id int64) []any {
	g := r.group
	return []any{id, int(r.day), g.DecidingUnitID, g.ReceivingUnitID, g.ProcedureID, string(g.Channel), int(r.bits)}
}

const insertDigitalHead = `INSERT INTO dossier_digital (dossier_id, day, deciding_unit_id, receiving_unit_id, procedure_id, channel, facts) VALUES `

// redigitiseFrom judges every dossier whose id is above after, a chunk at
// a time, so that memory stays bounded whatever the database holds.
func (t *Tx) redigitiseFrom(after int64) error {
	for {
		ids, err := column[int64](t, `SELECT id FROM dossiers WHERE id > ? ORDER BY id LIMIT ?`, after, digitalChunk)
		if err != nil || len(ids) == 0 {
			return err
		}
		if err := t.rejudgeDigital(ids...); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// fillDigitalCounts judges every dossier when the counters are empty but
// dossiers exist: the first start after migration 038. It runs under the
// migration lock, like fillReportCounts.
func (db *DB) fillDigitalCounts(ctx context.Context, conn *sql.Conn) error {
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: db, ctx: ctx}
	if empty, err := tx.countersEmpty("dossier_digital"); err != nil || !empty {
		return err
	}
	if err := tx.redigitiseFrom(0); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// recountDigital rebuilds the records and counters of 4.1–4.4 from the
// dossiers (RecountReports).
func (t *Tx) recountDigital() error {
	if t.db.dialect == Postgres {
		if _, err := t.exec(`LOCK TABLE digital_counts, dossier_digital IN EXCLUSIVE MODE`); err != nil {
			return err
		}
	}
	// An erased dossier keeps its record: its files are gone, and judged
	// again it would count as it never did (retention.go).
	for _, q := range []string{`DELETE FROM digital_counts`,
		`DELETE FROM dossier_digital WHERE dossier_id NOT IN (SELECT id FROM dossiers WHERE erased_at <> 0)`} {
		if _, err := t.exec(q); err != nil {
			return err
		}
	}
	rows, err := t.query(`SELECT day, deciding_unit_id, receiving_unit_id, procedure_id, channel, facts FROM dossier_digital`)
	if err != nil {
		return err
	}
	defer rows.Close()
	book := digitalBook{}
	for rows.Next() {
		var r digitalRecord
		g := &r.group
		if err := rows.Scan(&r.day, &g.DecidingUnitID, &g.ReceivingUnitID, &g.ProcedureID, &g.Channel, &r.bits); err != nil {
			return err
		}
		book.add(r, 1)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	if err := book.write(t); err != nil {
		return err
	}
	return t.redigitiseFrom(0)
}

// dossierDigitised is redigitise for the writes that hold the dossier's
// id and an error: err passes through; the dossier is judged after a
// write that succeeded.
func (t *Tx) dossierDigitised(id int64, err error) error {
	if err != nil {
		return err
	}
	return t.redigitise(id)
}

// digitalCounted sums the counters of the dossiers accepted in [from, to)
// (whole days) of units (nil: all), into the four indicators.
func (db *DB) digitalCounted(ctx context.Context, from, to report.Day, units []int64) ([]report.DigitalIndicator, error) {
	scope, scopeArgs := scopeCond("", units)
	var parts []string
	var args []any
	for i, terms := range [][]report.Term{report.Prefix(from), report.Prefix(to)} {
		for _, t := range terms {
			sign := t.Sign
			if i == 0 {
				sign = -sign
			}
			var cols []string
			for _, c := range digitalCountNames {
				cols = append(cols, map[int]string{1: "", -1: "-"}[sign]+c+` AS `+c)
			}
			parts = append(parts, `SELECT deciding_unit_id, receiving_unit_id, `+strings.Join(cols, ", ")+
				` FROM digital_counts WHERE grain = ? AND at >= ? AND at < ?`)
			args = append(args, int(t.Grain), t.From, t.To)
		}
	}
	var sums []string
	for _, c := range digitalCountNames {
		sums = append(sums, `COALESCE(SUM(`+c+`), 0)`)
	}
	query := `SELECT ` + strings.Join(sums, ", ") + ` FROM (` + strings.Join(parts, "\nUNION ALL ") + `) c WHERE 1 = 1` + scope
	var c digitalCounts
	err := db.readTx(ctx, func(tx *Tx) error {
		return tx.queryRow(query, append(args, scopeArgs...)...).Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7])
	})
	if err != nil {
		return nil, err
	}
	tally := report.NewDigitalTally()
	for i := range tally.Indicators {
		tally.Indicators[i].Denominator, tally.Indicators[i].Numerator = c[2*i], c[2*i+1]
	}
	return tally.Indicators, nil
}
