package store

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/report"
)

// Indicators 4.1–4.4 of Decision 766 (issue 18, item 7;
// docs/digital-indicators.md) over the dossiers accepted in a period and
// scope. A province's quarter is hundreds of thousands of dossiers, so
// the facts are read in chunks, one query per table and chunk, never a
// transaction per dossier; each dossier is judged by the rule the dossier
// page uses (ledger.Digitised, the counting result of result_files.go).

// digitalChunk is how many dossiers are judged at once: memory stays
// bounded whatever the period, and the IN lists stay within both engines'
// limits on placeholders.
const digitalChunk = 1000

// periodDossier is a dossier accepted in the period, and whether the
// actor asking may view it.
type periodDossier struct {
	id      int64
	code    string
	visible bool
}

// DigitalIndicators computes the four indicators for the query's period
// (by acceptance) and scope (the II.06a report's, successors included when
// asked); the query's grouping and view do not change them. A period of
// whole days is read from the counters (digital_counts.go); any other is
// judged dossier by dossier.
func (db *DB) DigitalIndicators(ctx context.Context, q report.Query) (out []report.DigitalIndicator, err error) {
	defer motcua.Wrap(&err, "DB.DigitalIndicators")
	if err := q.Check(); err != nil {
		return nil, err
	}
	if !q.DayAligned() {
		return db.judgedIndicators(ctx, q)
	}
	units, err := db.reportUnits(ctx, q)
	if err != nil {
		return nil, err
	}
	return db.digitalCounted(ctx, report.DayOf(q.From), report.DayOf(q.To), units)
}

// judgedIndicators computes the four indicators by judging every dossier
// of the period: for periods not of whole days, and the tests' oracle.
func (db *DB) judgedIndicators(ctx context.Context, q report.Query) ([]report.DigitalIndicator, error) {
	tally := report.NewDigitalTally()
	err := db.judgeDigital(ctx, q, nil, func(_ periodDossier, f report.DigitalFacts) { tally.Add(f) })
	if err != nil {
		return nil, err
	}
	return tally.Indicators, nil
}

// judgeDigital calls fn with the facts of every dossier accepted in the
// period and scope, soonest due first; visible tells whether actor a (nil:
// nobody) may view it, by policy.go's rule as SQL.
func (db *DB) judgeDigital(ctx context.Context, q report.Query, a *motcua.Actor, fn func(periodDossier, report.DigitalFacts)) error {
	if err := q.Check(); err != nil {
		return err
	}
	scope, scopeArgs, err := db.reportScope(ctx, q)
	if err != nil {
		return err
	}
	visible, args := `0`, []any{}
	if a != nil {
		view, viewArgs := viewScope(a)
		visible, args = `CASE WHEN `+view+` THEN 1 ELSE 0 END`, viewArgs
	}
	args = append(append(args, ms(q.From), ms(q.To)), scopeArgs...)
	return db.snapshotTx(ctx, func(tx *Tx) error {
		list, err := periodDossiers(tx, `SELECT d.id, d.code, `+visible+` FROM dossiers d WHERE d.accepted_at >= ? AND d.accepted_at < ?`+scope+
			` ORDER BY d.due_at, d.id`, args...)
		if err != nil {
			return err
		}
		kinds := map[string]bool{} // result type → is a document (folding costs)
		for len(list) > 0 {
			chunk := list[:min(len(list), digitalChunk)]
			list = list[len(chunk):]
			facts, err := digitalFacts(tx, chunk, kinds)
			if err != nil {
				return err
			}
			for _, p := range chunk {
				fn(p, facts[p.id])
			}
		}
		return nil
	})
}

func periodDossiers(tx *Tx, query string, args ...any) ([]periodDossier, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []periodDossier
	for rows.Next() {
		var p periodDossier
		var visible int
		if err := rows.Scan(&p.id, &p.code, &visible); err != nil {
			return nil, err
		}
		p.visible = visible != 0
		out = append(out, p)
	}
	return out, rows.Err()
}

// digitalDossier is what the chunk reads of one dossier before judging it.
type digitalDossier struct {
	// day and group are where its counters are kept (digital_counts.go).
	day              report.Day
	group            report.Group
	erased           bool // its files erased (retention.go)
	documents        []motcua.ReceivedDocument
	resultIsDocument bool
	filed            map[int]bool // component index → has a file
	uploaded         []string     // the names of the documents uploaded online
	reused, national bool
	result           countedResult
}

// digitalFacts reads and judges the dossiers of one chunk.
func digitalFacts(tx *Tx, chunk []periodDossier, kinds map[string]bool) (map[int64]report.DigitalFacts, error) {
	ids := make([]any, len(chunk))
	for i, p := range chunk {
		ids[i] = p.id
	}
	ds, err := readDigital(tx, ids, kinds)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]report.DigitalFacts, len(ds))
	for id, d := range ds {
		out[id] = d.facts()
	}
	return out, nil
}

// readDigital reads what the dossiers ids (at most digitalChunk) are
// judged on, one query per table.
func readDigital(tx *Tx, ids []any, kinds map[string]bool) (map[int64]*digitalDossier, error) {
	in := ` IN (` + marks(len(ids)) + `)`
	ds := map[int64]*digitalDossier{}
	reads := []func() error{
		func() error { return readChunkDossiers(tx, in, ids, kinds, ds) },
		func() error { return readChunkScans(tx, in, ids, ds) },
		func() error { return readChunkUploads(tx, in, ids, ds) },
		func() error { return readChunkResults(tx, in, ids, ds) },
	}
	for _, read := range reads {
		if err := read(); err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// facts judges the dossier: the one rule of the figures, their counters
// and the lists behind them.
func (d *digitalDossier) facts() report.DigitalFacts {
	for i, c := range d.documents {
		if !d.filed[i] && containsName(d.uploaded, c.Name) {
			d.filed[i] = true
		}
	}
	dg := ledger.Digitised(d.documents, d.filed, d.resultIsDocument, d.result.counts)
	return report.DigitalFacts{ResultIsDocument: d.resultIsDocument, ElectronicResult: d.result.counts,
		Digitised: dg.Complete, Missing: dg.Missing, NoComponents: dg.NoComponents,
		Reused: d.reused, National: d.national, Pushed: d.result.counts && d.result.pushed}
}

func containsName(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// readChunkDossiers reads the components and the procedure's kind of
// result of each dossier, and its day of acceptance and group.
func readChunkDossiers(tx *Tx, in string, ids []any, kinds map[string]bool, ds map[int64]*digitalDossier) error {
	rows, err := tx.query(`SELECT d.id, d.documents, v.result_type, d.accepted_at, d.deciding_unit_id, d.receiving_unit_id, d.procedure_id, d.channel,
		d.erased_at FROM dossiers d JOIN procedure_versions v ON v.id = d.version_id WHERE d.id`+in, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, accepted, erased int64
		var docs, resultType string
		d := &digitalDossier{filed: map[int]bool{}}
		g := &d.group
		if err := rows.Scan(&id, &docs, &resultType, &accepted, &g.DecidingUnitID, &g.ReceivingUnitID, &g.ProcedureID, &g.Channel, &erased); err != nil {
			return err
		}
		d.day, d.erased = report.DayOf(fromMS(accepted)), erased != 0
		if err := json.Unmarshal([]byte(docs), &d.documents); err != nil {
			return err
		}
		isDoc, ok := kinds[resultType]
		if !ok {
			isDoc = ledger.ResultIsDocument(resultType)
			kinds[resultType] = isDoc
		}
		d.resultIsDocument = isDoc
		ds[id] = d
	}
	return rows.Err()
}

// readChunkScans reads the components' files: a component scanned again
// counts by its newest file, as componentFiles reads them.
func readChunkScans(tx *Tx, in string, ids []any, ds map[int64]*digitalDossier) error {
	rows, err := tx.query(`SELECT dossier_id, component, origin FROM component_files WHERE dossier_id`+in+` ORDER BY dossier_id, component, id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	newest := map[[2]int64]motcua.FileOrigin{}
	for rows.Next() {
		var id int64
		var component int
		var origin motcua.FileOrigin
		if err := rows.Scan(&id, &component, &origin); err != nil {
			return err
		}
		newest[[2]int64{id, int64(component)}] = origin
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for k, origin := range newest {
		if d := ds[k[0]]; d != nil {
			d.filed[int(k[1])] = true
			d.reused = d.reused || origin.Reusing()
			d.national = d.national || origin == motcua.OriginNational
		}
	}
	return nil
}

// readChunkUploads reads the files an online dossier's submission brought.
func readChunkUploads(tx *Tx, in string, ids []any, ds map[int64]*digitalDossier) error {
	rows, err := tx.query(`SELECT s.dossier_id, f.document, f.origin FROM submission_files f JOIN submissions s ON s.id = f.submission_id
		WHERE s.dossier_id <> 0 AND s.dossier_id`+in, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var document string
		var origin motcua.FileOrigin
		if err := rows.Scan(&id, &document, &origin); err != nil {
			return err
		}
		if d := ds[id]; d != nil {
			d.uploaded = append(d.uploaded, document)
			d.reused = d.reused || origin.Reusing()
			d.national = d.national || origin == motcua.OriginNational
		}
	}
	return rows.Err()
}

// countedResult is the electronic result a dossier counts, if any, and
// whether its link was pushed to the citizen's national data store.
type countedResult struct{ counts, pushed bool }

// resultFileRow is a result file with what its issued results say.
type resultFileRow struct {
	dossierID, id int64
	seq           int
	gone          bool // revoked, or superseded by a correction
	pushed        bool
}

// readChunkResults finds each dossier's counting result the way
// countingResult does: the last valid file of the result_ready event
// that counts last. Only dossiers with a result file have their events
// read.
func readChunkResults(tx *Tx, in string, ids []any, ds map[int64]*digitalDossier) error {
	files, err := chunkResultFiles(tx, in, ids)
	if err != nil || len(files) == 0 {
		return err
	}
	var withFiles []any
	for _, f := range files {
		if n := len(withFiles); n == 0 || withFiles[n-1] != any(f.dossierID) {
			withFiles = append(withFiles, f.dossierID)
		}
	}
	events, err := chunkResultEvents(tx, withFiles)
	if err != nil {
		return err
	}
	for _, f := range files { // ordered by dossier, seq, id: the last valid one wins
		d := ds[f.dossierID]
		if d == nil || f.gone || f.seq == 0 || f.seq != countingSeq(events[f.dossierID]) {
			continue
		}
		d.result = countedResult{counts: true, pushed: f.pushed}
	}
	return nil
}

// chunkResultFiles reads the result files of the chunk's dossiers, each
// marked with what its issued results say (joined by the dossier, which
// issued_results is indexed by).
func chunkResultFiles(tx *Tx, in string, ids []any) ([]resultFileRow, error) {
	issued := map[int64]resultFileRow{}
	rows, err := tx.query(`SELECT result_file_id, revoked_at IS NOT NULL OR superseded_by_id IS NOT NULL, pushed_at
		FROM issued_results WHERE dossier_id`+in, ids...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var fileID, pushedAt int64
		var gone bool
		if err := rows.Scan(&fileID, &gone, &pushedAt); err != nil {
			rows.Close()
			return nil, err
		}
		r := issued[fileID] // a file issued twice: gone if any is, pushed if any was
		r.gone, r.pushed = r.gone || gone, r.pushed || pushedAt > 0
		issued[fileID] = r
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rows, err = tx.query(`SELECT dossier_id, id, seq FROM result_files WHERE dossier_id`+in+` ORDER BY dossier_id, seq, id`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []resultFileRow
	for rows.Next() {
		var f resultFileRow
		if err := rows.Scan(&f.dossierID, &f.id, &f.seq); err != nil {
			return nil, err
		}
		f.gone, f.pushed = issued[f.id].gone, issued[f.id].pushed
		out = append(out, f)
	}
	return out, rows.Err()
}

// chunkResultEvents reads the events that decide which result counts.
func chunkResultEvents(tx *Tx, ids []any) (map[int64][]motcua.Event, error) {
	rows, err := tx.query(`SELECT dossier_id, seq, type, data FROM events WHERE type IN (?, ?) AND dossier_id IN (`+marks(len(ids))+`)
		ORDER BY dossier_id, seq`, append([]any{motcua.EventResultReady, motcua.EventLateApproved}, ids...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]motcua.Event{}
	for rows.Next() {
		var e motcua.Event
		var data []byte
		if err := rows.Scan(&e.DossierID, &e.Seq, &e.Type, &data); err != nil {
			return nil, err
		}
		// Only a late entry's mark and an approval's reference matter here:
		// the rest of the payload (the clock, the result code) is not decoded.
		if e.Type == motcua.EventLateApproved || bytes.Contains(data, []byte(`"pending"`)) {
			var mark struct {
				Pending bool `json:"pending"`
				RefSeq  int  `json:"ref_seq"`
			}
			if err := json.Unmarshal(data, &mark); err != nil {
				return nil, err
			}
			e.Data.Pending, e.Data.RefSeq = mark.Pending, mark.RefSeq
		}
		out[e.DossierID] = append(out[e.DossierID], e)
	}
	return out, rows.Err()
}

// countingSeq is the seq of the result_ready event that counts last (a
// late entry counts once approved), 0 if none: the rule countingResult
// and the indicators share.
func countingSeq(events []motcua.Event) int {
	approved := map[int]bool{}
	for _, e := range events {
		if e.Type == motcua.EventLateApproved {
			approved[e.Data.RefSeq] = true
		}
	}
	seq := 0
	for _, e := range events {
		if e.Type == motcua.EventResultReady && (!e.Data.Pending || approved[e.Seq]) {
			seq = e.Seq
		}
	}
	return seq
}
