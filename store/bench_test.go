package store_test

// Go benchmarks of the store's hot paths on a loaded SQLite database:
//
//	go test -run '^$' -bench . -benchtime 2s ./store
//
// The database (the demo organisation and catalogue, benchDossiers dossiers
// over two years, ~90% finished) is built once per process, kept in memory
// as the bytes of the SQLite file, and written to a fresh temporary file for
// every benchmark run, so runs do not see each other's writes. The full-size
// figures come from `motcua bench` (BENCHMARKS.md).

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/ledger"
	"github.com/motcua/motcua/store"
)

const benchDossiers = 20_000

// benchWorld is what the benchmarks need of the loaded database.
type benchWorld struct {
	file     []byte            // the SQLite file, checkpointed
	units    []int64           // receiving units: the 10 communes, then the one-stop section
	counters map[int64]int64   // receiving unit → counter officer's user id
	procs    map[int64][]int64 // receiving unit → procedures it receives
	docs     map[int64][]motcua.ReceivedDocument
	codes    map[int64][]string // receiving unit → sample of its dossier codes
	last     time.Time          // the latest acceptance loaded
}

var (
	benchOnce  sync.Once
	benchState *benchWorld
	benchErr   error
)

// benchOpen returns a fresh copy of the loaded database.
func benchOpen(b *testing.B) (*store.DB, *benchWorld) {
	b.Helper()
	benchOnce.Do(func() { benchState, benchErr = benchBuild() })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	path := filepath.Join(b.TempDir(), "motcua.db")
	if err := os.WriteFile(path, benchState.file, 0o600); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, benchState
}

// benchBuild seeds the demo organisation and bulk-loads the dossiers with
// their acceptance events in one transaction (the same columns store
// writes; see DB.BulkLoadDossiers (store/bulk_load.go) for the full-size loader).
func benchBuild() (_ *benchWorld, err error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "motcua-store-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "motcua.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer func() {
		if db != nil {
			db.Close()
		}
	}()
	// The loader builds the 2024 district's world (communes, one-stop
	// section, district offices): its clock stands before 01/07/2025, when
	// that organisation and its catalogue were in force.
	now := time.Date(2025, 6, 2, 10, 0, 0, 0, motcua.VN)
	db.Now = func() time.Time { return now }
	if _, err := demo.Seed(ctx, db, demo.Options{Password: "bench-dak-mil", Now: now}); err != nil {
		return nil, err
	}
	w := &benchWorld{counters: map[int64]int64{}, procs: map[int64][]int64{}, docs: map[int64][]motcua.ReceivedDocument{},
		codes: map[int64][]string{}}
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*motcua.Unit{}
	var oneStop *motcua.Unit
	var district *motcua.Unit
	for _, u := range units {
		byID[u.ID] = u
		switch u.Kind {
		case motcua.UnitCommune:
			if u.InForce(now) { // the 2024 communes, not today's
				w.units = append(w.units, u.ID)
			}
		case motcua.UnitOneStop:
			oneStop = u
		case motcua.UnitDistrict:
			district = u
		}
	}
	if oneStop == nil || district == nil || len(w.units) == 0 {
		return nil, fmt.Errorf("demo organisation without communes, district or one-stop section")
	}
	w.units = append(w.units, oneStop.ID)
	rows, err := db.SQL().QueryContext(ctx, `SELECT user_id, unit_id FROM grants WHERE role = 'counter'`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var user, unit int64
		if err := rows.Scan(&user, &unit); err != nil {
			rows.Close()
			return nil, err
		}
		w.counters[unit] = user
	}
	rows.Close()
	var procs []*motcua.Procedure
	rows, err = db.SQL().QueryContext(ctx, `SELECT id FROM procedures ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var versions []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return nil, err
		}
		versions = append(versions, v)
	}
	rows.Close()
	for _, v := range versions {
		p, err := db.Procedure(ctx, v) // the version in force now; none for a procedure not in force
		if err != nil {
			continue
		}
		procs = append(procs, p)
		docs := make([]motcua.ReceivedDocument, len(p.Documents))
		for i, d := range p.Documents {
			docs[i] = motcua.ReceivedDocument{Name: d.Name, Kind: d.Kind, Count: d.Count}
		}
		w.docs[p.ID] = docs
	}
	cal, err := db.Calendar(ctx, oneStop.ID)
	if err != nil {
		return nil, err
	}
	deciding := func(recv int64, p *motcua.Procedure) int64 {
		if p.Level == motcua.LevelCommune {
			return recv
		}
		for _, u := range units {
			if u.ParentID == district.ID && u.Kind == motcua.UnitOffice && u.Office == p.Office {
				return u.ID
			}
		}
		return district.ID
	}
	byLevel := map[motcua.Level][]*motcua.Procedure{}
	for _, p := range procs {
		byLevel[p.Level] = append(byLevel[p.Level], p)
	}
	for _, u := range w.units {
		level := motcua.LevelCommune
		if u == oneStop.ID {
			level = motcua.LevelDistrict
		}
		for _, p := range byLevel[level] {
			w.procs[u] = append(w.procs[u], p.ID)
		}
	}

	// Working days of the two years before today, evenly filled.
	var days []calendar.Date
	for d := calendar.DateOf(now.AddDate(-2, 0, 0)); d != calendar.DateOf(now); d = d.AddDays(1) {
		if ok, _ := cal.WorkingDay(d); ok {
			days = append(days, d)
		}
	}
	rng := rand.New(rand.NewPCG(20, 0))
	seq := map[string]int{}
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	insD, err := tx.PrepareContext(ctx, `INSERT INTO dossiers (id, code, procedure_id, version_id, receiving_unit_id,
		deciding_unit_id, current_unit_id, step, state, channel, applicant_name, applicant_key, applicant_id_number,
		applicant_address, applicant_phone, applicant_email, sets, documents, accepted_at, due_at, step_due_at, result_at,
		returned_at, paused_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	insE, err := tx.PrepareContext(ctx, `INSERT INTO events (id, dossier_id, seq, type, at, recorded_at, actor_id, unit_id,
		reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	procByID := map[int64]*motcua.Procedure{}
	for _, p := range procs {
		procByID[p.ID] = p
	}
	ms := func(t time.Time) int64 {
		if t.IsZero() {
			return 0
		}
		return t.UnixMilli()
	}
	for i := range benchDossiers {
		day := days[i*len(days)/benchDossiers]
		at := cal.Add(day.At(0), time.Duration(rng.IntN(int(cal.StandardDay()/time.Second)))*time.Second)
		recv := w.units[rng.IntN(len(w.units)-1)] // a commune…
		if rng.IntN(4) == 0 {
			recv = oneStop.ID // …or, one time in four, the district one-stop section
		}
		p := procByID[w.procs[recv][rng.IntN(len(w.procs[recv]))]]
		code := byID[recv].Code + "-" + at.In(motcua.VN).Format("060102")
		seq[code]++
		code = fmt.Sprintf("%s-%04d", code, seq[code])
		a := motcua.Applicant{Name: "Nguyễn Văn " + []string{"An", "Bình", "Cường", "Dũng", "Hải"}[rng.IntN(5)],
			IDNumber: fmt.Sprintf("0670%08d", rng.IntN(1e8)), Address: "Thôn 3, huyện Đắk Mil", Phone: fmt.Sprintf("09%08d", rng.IntN(1e8))}
		e := motcua.Event{Seq: 1, Type: motcua.EventAccepted, At: at, RecordedAt: at, ActorID: w.counters[recv], UnitID: recv,
			Data: motcua.EventData{ProcedureVersionID: p.VersionID, ReceivingUnitID: recv, DecidingUnitID: deciding(recv, p),
				Channel: motcua.ChannelCounter, Applicant: &a, Documents: w.docs[p.ID], Sets: 1}}
		d, clock, err := ledger.Replay(motcua.Dossier{ProcedureID: p.ID}, []motcua.Event{e}, p, cal)
		if err != nil {
			return nil, err
		}
		ledger.Stamp(&e, &d, clock)
		// ~90% finished: returned a few working days after the due date's
		// share of the legal time; the rest open in various states.
		var result, returned, paused time.Time
		switch r := rng.IntN(100); {
		case r < 88:
			result = cal.Add(at, (d.DueAt.Sub(at))/2)
			returned = cal.Add(result, cal.StandardDay())
			if returned.After(now) {
				break
			}
			d.State, d.Step = motcua.StateReturned, len(p.Steps)-1
		case r < 90:
			d.State = motcua.StateWithdrawn
		case r < 92:
			d.State, paused = motcua.StateSupplement, at
		case r < 94:
			d.State, d.Step, result = motcua.StateResultReady, len(p.Steps)-1, at
		}
		if d.State == motcua.StateProcessing {
			result, returned = time.Time{}, time.Time{}
		}
		d.CurrentUnitID = ledger.StepUnitID(&d, p, d.Step)
		docs, _ := json.Marshal(w.docs[p.ID])
		data, err := json.Marshal(e.Data)
		if err != nil {
			return nil, err
		}
		id := int64(i + 1)
		if _, err := insD.ExecContext(ctx, id, code, p.ID, p.VersionID, recv, d.DecidingUnitID, d.CurrentUnitID, d.Step,
			string(d.State), string(d.Channel), a.Name, motcua.Fold(a.Name), a.IDNumber, a.Address, a.Phone, a.Email, 1,
			string(docs), ms(at), ms(d.DueAt), ms(d.StepDueAt), ms(result), ms(returned), ms(paused), 1); err != nil {
			return nil, err
		}
		if _, err := insE.ExecContext(ctx, id, id, 1, string(e.Type), ms(e.At), ms(e.RecordedAt), e.ActorID, e.UnitID, "",
			string(data)); err != nil {
			return nil, err
		}
		if i%7 == 0 && len(w.codes[recv]) < 500 {
			w.codes[recv] = append(w.codes[recv], code)
		}
		w.last = at
	}
	for code, n := range seq {
		i := strings.LastIndexByte(code, '-')
		unit, day := code[:i], code[i+1:]
		var id int64
		for _, u := range units {
			if u.Code == unit {
				id = u.ID
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_counters (unit_id, day, last) VALUES (?, ?, ?)`, id, day, n); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if err := db.Checkpoint(ctx); err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	db = nil
	if w.file, err = os.ReadFile(path); err != nil {
		return nil, err
	}
	return w, nil
}

// benchActor is the counter officer of a receiving unit.
func benchActor(b *testing.B, db *store.DB, w *benchWorld, unit int64) *motcua.Actor {
	b.Helper()
	a, err := db.Actor(context.Background(), w.counters[unit])
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkAccept: one committed intake transaction per op, from one
// goroutine (serial) and from 2×GOMAXPROCS goroutines (parallel), rotating
// over the 11 receiving units. The store's clock advances 2 s per call from
// the day after the loaded dossiers, so a unit never runs out of the 9,999
// codes a day allows.
func BenchmarkAccept(b *testing.B) {
	for _, parallel := range []bool{false, true} {
		name := "serial"
		if parallel {
			name = "parallel"
		}
		b.Run(name, func(b *testing.B) {
			db, w := benchOpen(b)
			y, m, d := w.last.In(motcua.VN).Date()
			base := time.Date(y, m, d+1, 0, 0, 0, 0, motcua.VN)
			var tick atomic.Int64
			db.Now = func() time.Time { return base.Add(time.Duration(tick.Add(1)) * 2 * time.Second) }
			actors := map[int64]*motcua.Actor{}
			for _, u := range w.units {
				actors[u] = benchActor(b, db, w, u)
			}
			var next atomic.Int64
			accept := func(rng *rand.Rand) {
				u := w.units[int(next.Add(1))%len(w.units)]
				p := w.procs[u][rng.IntN(len(w.procs[u]))]
				_, err := db.Accept(context.Background(), actors[u], motcua.Intake{ProcedureID: p, UnitID: u,
					Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: "Trần Thị Bích", IDNumber: "067012345678"},
					Documents: w.docs[p], Sets: 1})
				if err != nil {
					b.Error(err)
				}
			}
			b.ResetTimer()
			if !parallel {
				rng := rand.New(rand.NewPCG(1, 1))
				for b.Loop() {
					accept(rng)
				}
				return
			}
			b.SetParallelism(2)
			b.RunParallel(func(pb *testing.PB) {
				rng := rand.New(rand.NewPCG(rand.Uint64(), 1))
				for pb.Next() {
					accept(rng)
				}
			})
		})
	}
}

// BenchmarkDossierByCode: a counter officer reads one of the unit's
// dossiers by code (a write transaction: the read is logged).
func BenchmarkDossierByCode(b *testing.B) {
	db, w := benchOpen(b)
	unit := w.units[1]
	a := benchActor(b, db, w, unit)
	codes := w.codes[unit]
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := db.DossierByCode(ctx, a, codes[i%len(codes)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkWorklist: the first page (50 rows) of a commune counter
// officer's worklist, with the default filter (open dossiers) and with a
// state filter.
func BenchmarkWorklist(b *testing.B) {
	for _, c := range []struct {
		name string
		f    motcua.DossierFilter
	}{
		{"open", motcua.DossierFilter{}},
		{"state=supplement", motcua.DossierFilter{State: motcua.StateSupplement}},
		{"district-one-stop/open", motcua.DossierFilter{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			db, w := benchOpen(b)
			unit := w.units[1]
			if strings.HasPrefix(c.name, "district") {
				unit = w.units[len(w.units)-1]
			}
			a := benchActor(b, db, w, unit)
			ctx := context.Background()
			for b.Loop() {
				rows, total, err := db.Worklist(ctx, a, c.f)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) == 0 || total == 0 {
					b.Fatalf("empty worklist (total %d)", total)
				}
			}
		})
	}
}
