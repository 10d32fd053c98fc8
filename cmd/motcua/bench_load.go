package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

// benchOrg is what the bench needs of the demo organisation: the receiving
// units with their counter officers, and the catalogue.
type benchOrg struct {
	units     []*motcua.Unit               // every unit
	byID      map[int64]*motcua.Unit       // by id
	communes  []*motcua.Unit               // the 10 communes
	oneStop   *motcua.Unit                 // the district one-stop section
	counter   map[int64]int64              // receiving unit id → counter officer's user id
	users     map[string]int64             // user id by username
	usernames map[int64]string             // username by user id
	commune   []*benchProc                 // commune-level procedures
	district  []*benchProc                 // district-level procedures
	cals      map[int64]*calendar.Calendar // working calendar per receiving unit
}

// benchProc is a procedure in force with what every dossier of it repeats.
type benchProc struct {
	p        *motcua.Procedure
	docs     []motcua.ReceivedDocument
	docsJSON string
	legal    time.Duration // legal time in working time
}

func benchLoadOrg(ctx context.Context, db *store.DB) (*benchOrg, error) {
	o := &benchOrg{byID: map[int64]*motcua.Unit{}, counter: map[int64]int64{}, users: map[string]int64{}, usernames: map[int64]string{},
		cals: map[int64]*calendar.Calendar{}}
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	o.units = units
	for _, u := range units {
		o.byID[u.ID] = u
		switch u.Kind {
		case motcua.UnitCommune:
			o.communes = append(o.communes, u)
		case motcua.UnitOneStop:
			o.oneStop = u
		}
	}
	if o.oneStop == nil || len(o.communes) == 0 {
		return nil, fmt.Errorf("the database has no one-stop section or no commune: not the demo organisation")
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT u.id, u.username, g.unit_id, g.role FROM users u JOIN grants g ON g.user_id = u.id ORDER BY u.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, unit int64
		var name, role string
		if err := rows.Scan(&id, &name, &unit, &role); err != nil {
			return nil, err
		}
		o.users[name] = id
		o.usernames[id] = name
		if motcua.Role(role) == motcua.RoleCounter {
			if _, ok := o.counter[unit]; !ok {
				o.counter[unit] = id
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range append([]*motcua.Unit{o.oneStop}, o.communes...) {
		if o.counter[u.ID] == 0 {
			return nil, fmt.Errorf("unit %s has no counter officer", u.Code)
		}
		if o.cals[u.ID], err = db.Calendar(ctx, u.ID); err != nil {
			return nil, err
		}
	}
	var versions []int64
	vrows, err := db.SQL().QueryContext(ctx, `SELECT id FROM procedures ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer vrows.Close()
	for vrows.Next() {
		var v int64
		if err := vrows.Scan(&v); err != nil {
			return nil, err
		}
		versions = append(versions, v)
	}
	if err := vrows.Err(); err != nil {
		return nil, err
	}
	for _, v := range versions {
		p, err := db.Procedure(ctx, v) // the version in force now; none for a procedure not in force
		if err != nil {
			continue
		}
		lp := &benchProc{p: p, docs: benchReceived(p)}
		b, _ := json.Marshal(lp.docs)
		lp.docsJSON = string(b)
		lp.legal = p.Time.Duration(o.cals[o.oneStop.ID].StandardDay())
		switch p.Level {
		case motcua.LevelCommune:
			o.commune = append(o.commune, lp)
		case motcua.LevelDistrict:
			o.district = append(o.district, lp)
		}
	}
	if len(o.commune) == 0 || len(o.district) == 0 {
		return nil, fmt.Errorf("the catalogue needs commune and district procedures (have %d and %d)", len(o.commune), len(o.district))
	}
	return o, nil
}

// decidingUnit mirrors store's rule: the commune itself for commune
// procedures; for district procedures the district office named by the
// procedure, else the district.
func (o *benchOrg) decidingUnit(receiving *motcua.Unit, p *motcua.Procedure) *motcua.Unit {
	if p.Level == motcua.LevelCommune {
		return receiving
	}
	district := o.byID[receiving.ParentID]
	for u := district; u != nil; u = o.byID[u.ParentID] {
		if u.Kind == motcua.UnitDistrict {
			district = u
			break
		}
	}
	if p.Office != "" {
		for _, u := range o.units {
			if u.ParentID == district.ID && u.Kind == motcua.UnitOffice && u.Office == p.Office {
				return u
			}
		}
	}
	return district
}

func benchReceived(p *motcua.Procedure) []motcua.ReceivedDocument {
	out := make([]motcua.ReceivedDocument, len(p.Documents))
	for i, d := range p.Documents {
		out[i] = motcua.ReceivedDocument{Name: d.Name, Kind: d.Kind, Count: d.Count}
	}
	return out
}

// Applicants are invented from these lists; the folded name is precomputed.
var (
	benchFamily  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Y", "H'", "Lý", "Phan"}
	benchMiddle  = []string{"Văn", "Thị", "Minh", "Quốc", "Thanh", "Ngọc", "Đức", "Hữu", "Thu", "Xuân"}
	benchGiven   = []string{"Anh", "Bình", "Cường", "Diệp", "Giang", "Hải", "Khoa", "Linh", "Nga", "Phong", "Quân", "Thảo", "Trung", "Yến", "Hà", "Sơn", "Tâm", "Vinh"}
	benchVillage = []string{"Thôn 1", "Thôn 3", "Thôn 7", "Thôn Xuân Lộc", "Bon Jun Juh", "Tổ dân phố 5", "Thôn Đức Lệ", "Thôn Tân Lập"}
)

// benchApplicants makes applicants with precomputed folded names.
type benchApplicants struct {
	names, keys []string
}

func newBenchApplicants() *benchApplicants {
	g := &benchApplicants{}
	for _, f := range benchFamily {
		for _, m := range benchMiddle {
			for _, n := range benchGiven {
				name := f + " " + m + " " + n
				g.names = append(g.names, name)
				g.keys = append(g.keys, motcua.Fold(name))
			}
		}
	}
	return g
}

func (g *benchApplicants) make(rng *rand.Rand) (motcua.Applicant, string) {
	i := rng.IntN(len(g.names))
	return motcua.Applicant{
		Name:     g.names[i],
		IDNumber: fmt.Sprintf("0670%08d", rng.IntN(1e8)),
		Address:  benchVillage[rng.IntN(len(benchVillage))] + ", huyện Đắk Mil, tỉnh Đắk Nông",
		Phone:    fmt.Sprintf("09%08d", rng.IntN(1e8)),
	}, g.keys[i]
}

const (
	benchDossierCols = 25
	benchEventCols   = 10
	benchRowsPerStmt = 40 // multi-row INSERT: 40 × 25 = 1000 parameters
)

const benchInsertDossiers = `INSERT INTO dossiers (id, code, procedure_id, version_id, receiving_unit_id, deciding_unit_id,
	current_unit_id, step, state, channel, applicant_name, applicant_key, applicant_id_number, applicant_address,
	applicant_phone, applicant_email, sets, documents, accepted_at, due_at, step_due_at, result_at, returned_at,
	paused_at, version) VALUES `

const benchInsertEvents = `INSERT INTO events (id, dossier_id, seq, type, at, recorded_at, actor_id, unit_id, reason, data) VALUES `

func benchMultiRow(head string, cols, rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return head + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// benchLoadBatch is a slice of generated rows: benchDossierCols args per dossier and
// benchEventCols per event, flattened.
type benchLoadBatch struct {
	dossiers []any
	events   []any
	n        int
}

// benchLoadStats describes a bulk load.
type benchLoadStats struct {
	Dossiers  int
	Elapsed   time.Duration
	Open      int
	ByState   map[motcua.State]int
	From, To  time.Time
	MaxPerDay int // the busiest unit-day's dossier count (codes allow 9,999)
}

// benchBulkLoad inserts n dossiers with their acceptance events, spread over the
// two years of working days before now, through one connection in large
// transactions. A generator goroutine builds the rows while this goroutine
// writes them.
func benchBulkLoad(ctx context.Context, db *store.DB, o *benchOrg, n int, now time.Time, progress func(done int)) (*benchLoadStats, error) {
	st := &benchLoadStats{Dossiers: n, ByState: map[motcua.State]int{}}
	start := time.Now()
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var maxID, maxEvent int64
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM dossiers`).Scan(&maxID); err != nil {
		return nil, err
	}
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM events`).Scan(&maxEvent); err != nil {
		return nil, err
	}
	// Loading only: no fsync, a bigger page cache for the index b-trees.
	// Both are reset before the connection goes back to the pool.
	for _, p := range []string{`PRAGMA synchronous = OFF`, `PRAGMA cache_size = -131072`, `PRAGMA temp_store = MEMORY`} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return nil, err
		}
	}
	defer func() {
		for _, p := range []string{`PRAGMA synchronous = NORMAL`, `PRAGMA cache_size = -2000`, `PRAGMA temp_store = DEFAULT`, `PRAGMA shrink_memory`} {
			conn.ExecContext(context.Background(), p)
		}
	}()

	days := benchWorkingDays(o.cals[o.oneStop.ID], now.AddDate(-2, 0, 0), now)
	if len(days) == 0 {
		return nil, fmt.Errorf("no working day in the two years before %s", now.Format(time.DateOnly))
	}
	st.From, st.To = days[0].At(0), days[len(days)-1].At(24*60)

	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *benchLoadBatch, 2)
	counters := map[benchCounterKey]int{}
	genErr := make(chan error, 1)
	go func() {
		defer close(batches)
		genErr <- benchGenerate(gctx, o, n, days, now, maxID, maxEvent, counters, st, batches)
	}()

	dossierStmt := benchMultiRow(benchInsertDossiers, benchDossierCols, benchRowsPerStmt)
	eventStmt := benchMultiRow(benchInsertEvents, benchEventCols, benchRowsPerStmt)
	const perTx = 50_000
	var tx *sql.Tx
	var dStmt, eStmt *sql.Stmt
	inTx, done := 0, 0
	commit := func() error {
		if tx == nil {
			return nil
		}
		dStmt.Close()
		eStmt.Close()
		err := tx.Commit()
		tx, inTx = nil, 0
		return err
	}
	for b := range batches {
		if tx == nil {
			if tx, err = conn.BeginTx(ctx, nil); err != nil {
				return nil, err
			}
			if dStmt, err = tx.PrepareContext(ctx, dossierStmt); err != nil {
				return nil, err
			}
			if eStmt, err = tx.PrepareContext(ctx, eventStmt); err != nil {
				return nil, err
			}
		}
		if err := benchInsertRows(ctx, tx, dStmt, benchInsertDossiers, benchDossierCols, b.dossiers); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("insert dossiers: %w", err)
		}
		if err := benchInsertRows(ctx, tx, eStmt, benchInsertEvents, benchEventCols, b.events); err != nil {
			tx.Rollback()
			return nil, fmt.Errorf("insert events: %w", err)
		}
		inTx += b.n
		done += b.n
		if inTx >= perTx {
			if err := commit(); err != nil {
				return nil, err
			}
			if progress != nil {
				progress(done)
			}
		}
	}
	if err := <-genErr; err != nil {
		if tx != nil {
			tx.Rollback()
		}
		return nil, err
	}
	if err := commit(); err != nil {
		return nil, err
	}
	// The per-unit, per-day code counters, so that later intake on a loaded
	// day continues the sequence instead of colliding.
	tx, err = conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	// Withdrawn dossiers are loaded without their withdrawal event: the
	// statistics take them as withdrawn the day they were received.
	if _, err := tx.ExecContext(ctx, `UPDATE dossiers SET closed_at = accepted_at WHERE state = 'withdrawn' AND closed_at = 0`); err != nil {
		tx.Rollback()
		return nil, err
	}
	for k, last := range counters {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_counters (unit_id, day, last) VALUES (?, ?, ?)
			ON CONFLICT (unit_id, day) DO UPDATE SET last = MAX(dossier_counters.last, excluded.last)`, k.unit, k.day, last); err != nil {
			tx.Rollback()
			return nil, err
		}
		st.MaxPerDay = max(st.MaxPerDay, last)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return nil, err
	}
	st.Elapsed = time.Since(start)
	if progress != nil {
		progress(done)
	}
	return st, nil
}

// insertRows writes flattened rows with the multi-row statement, and the
// remainder row by row.
func benchInsertRows(ctx context.Context, tx *sql.Tx, multi *sql.Stmt, head string, cols int, args []any) error {
	step := cols * benchRowsPerStmt
	i := 0
	for ; i+step <= len(args); i += step {
		if _, err := multi.ExecContext(ctx, args[i:i+step]...); err != nil {
			return err
		}
	}
	if rest := (len(args) - i) / cols; rest > 0 {
		if _, err := tx.ExecContext(ctx, benchMultiRow(head, cols, rest), args[i:]...); err != nil {
			return err
		}
	}
	return nil
}

type benchCounterKey struct {
	unit int64
	day  string
}

// workingDays lists the working days in [from, to), by the calendar.
func benchWorkingDays(cal *calendar.Calendar, from, to time.Time) []calendar.Date {
	var out []calendar.Date
	last := calendar.DateOf(to)
	for d := calendar.DateOf(from); d != last; d = d.AddDays(1) {
		if ok, _ := cal.WorkingDay(d); ok {
			out = append(out, d)
		}
	}
	return out
}

// generate produces the dossiers day by day, oldest first, so that codes
// are issued in the order of acceptance. Distribution:
//   - 75% commune procedures received at one of the communes, 25% district
//     procedures received at the district one-stop section;
//   - channels 70% counter, 20% online, 10% post;
//   - a dossier is open with probability 4% + 70%·e^(−age/60 days) (open
//     ones are mostly recent; ~10% of a two-year load), otherwise finished:
//     98% returned (result within 20–125% of the legal time, so ~80% on
//     time; returned 0–3 working days later), 2% withdrawn. A finished
//     dossier whose return would fall after now stays open.
//   - open ones are 75% processing (at a random step), 15% waiting for a
//     supplement, 10% result ready.
func benchGenerate(ctx context.Context, o *benchOrg, n int, days []calendar.Date, now time.Time, maxID, maxEvent int64,
	counters map[benchCounterKey]int, st *benchLoadStats, out chan<- *benchLoadBatch) error {
	rng := rand.New(rand.NewPCG(2024, uint64(n)))
	apps := newBenchApplicants()
	const batchSize = 5000
	b := &benchLoadBatch{}
	flush := func() error {
		if b.n == 0 {
			return nil
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
		b = &benchLoadBatch{dossiers: make([]any, 0, batchSize*benchDossierCols), events: make([]any, 0, batchSize*benchEventCols)}
		return nil
	}
	b.dossiers = make([]any, 0, batchSize*benchDossierCols)
	b.events = make([]any, 0, batchSize*benchEventCols)
	id, eid := maxID, maxEvent
	made := 0
	offsets := make([]float64, 0, n/len(days)+2)
	for di, day := range days {
		// Spread n over the days: day di gets its share of the remainder.
		k := (n - made) / (len(days) - di)
		offsets = offsets[:0]
		for range k {
			offsets = append(offsets, rng.Float64())
		}
		slices.Sort(offsets)
		dayKey := day.At(0).Format("060102")
		for _, off := range offsets {
			var lp *benchProc
			var recv *motcua.Unit
			if rng.IntN(100) < 75 {
				lp, recv = o.commune[rng.IntN(len(o.commune))], o.communes[rng.IntN(len(o.communes))]
			} else {
				lp, recv = o.district[rng.IntN(len(o.district))], o.oneStop
			}
			cal := o.cals[recv.ID]
			std := cal.StandardDay()
			// A second within the day's office hours.
			at := cal.Add(day.At(0), time.Duration(off*float64(std)).Truncate(time.Second))
			if !at.Before(now) {
				continue
			}
			key := benchCounterKey{recv.ID, dayKey}
			counters[key]++
			seq := counters[key]
			if seq > 9999 {
				return fmt.Errorf("more than 9,999 dossiers on %s at %s: load fewer dossiers (--dossiers)", day, recv.Code)
			}
			p := lp.p
			deciding := o.decidingUnit(recv, p)
			d := motcua.Dossier{ReceivingUnitID: recv.ID, DecidingUnitID: deciding.ID}
			channel := motcua.ChannelCounter
			switch c := rng.IntN(10); {
			case c < 2:
				channel = motcua.ChannelOnline
			case c < 3:
				channel = motcua.ChannelPost
			}
			a, key2 := apps.make(rng)
			// The acceptance event as store.Accept writes it: replayed
			// by the ledger and stamped with the clock it decided.
			e := motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: at, ActorID: o.counter[recv.ID], UnitID: recv.ID,
				Data: motcua.EventData{ProcedureVersionID: p.VersionID, ReceivingUnitID: recv.ID, DecidingUnitID: deciding.ID,
					Channel: channel, Applicant: &a, Documents: lp.docs, Sets: 1}}
			accepted, clock, err := ledger.Replay(motcua.Dossier{ProcedureID: p.ID}, []motcua.Event{e}, p, cal)
			if err != nil {
				return err
			}
			ledger.Stamp(&e, &accepted, clock)
			due, stepDue := accepted.DueAt, accepted.StepDueAt
			last := len(p.Steps) - 1
			state, step := motcua.StateProcessing, 0
			var result, returned, paused time.Time

			age := now.Sub(at).Hours() / 24
			open := rng.Float64() < 0.04+0.70*math.Exp(-age/60)
			if !open {
				if rng.IntN(100) < 2 {
					state, step = motcua.StateWithdrawn, rng.IntN(last+1)
				} else {
					result = cal.Add(at, time.Duration(float64(lp.legal)*(0.2+rng.Float64()*1.05)))
					returned = cal.Add(result, time.Duration(rng.Float64()*3*float64(std)))
					state, step = motcua.StateReturned, last
					switch {
					case !returned.After(now):
					case !result.After(now):
						state, returned = motcua.StateResultReady, time.Time{}
					default:
						open, result, returned = true, time.Time{}, time.Time{}
					}
				}
			}
			if open {
				switch r := rng.IntN(100); {
				case r < 75:
					state, step = motcua.StateProcessing, rng.IntN(max(last, 1))
				case r < 90:
					state, step = motcua.StateSupplement, min(1, last)
					paused = cal.Add(at, time.Duration(rng.Float64()*float64(lp.legal)))
					if paused.After(now) {
						paused = now
					}
				default:
					state, step = motcua.StateResultReady, last
					result = cal.Add(at, time.Duration(float64(lp.legal)*(0.2+rng.Float64()*0.8)))
					if result.After(now) {
						result = now
					}
				}
			}
			current := ledger.StepUnitID(&d, p, step)
			st.ByState[state]++
			if state.Open() || state == motcua.StateResultReady {
				st.Open++
			}

			id++
			eid++
			code := fmt.Sprintf("%s-%s-%04d", recv.Code, dayKey, seq)
			data, err := json.Marshal(e.Data)
			if err != nil {
				return err
			}
			b.dossiers = append(b.dossiers, id, code, p.ID, p.VersionID, recv.ID, deciding.ID, current, step, string(state),
				string(channel), a.Name, key2, a.IDNumber, a.Address, a.Phone, a.Email, 1, lp.docsJSON,
				benchMillis(at), benchMillis(due), benchMillis(stepDue), benchMillis(result), benchMillis(returned), benchMillis(paused), 1)
			b.events = append(b.events, eid, id, 1, string(e.Type), benchMillis(e.At), benchMillis(e.RecordedAt), e.ActorID,
				e.UnitID, "", string(data))
			b.n++
			made++
			if b.n == batchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	st.Dossiers = made
	return flush()
}

func benchMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
