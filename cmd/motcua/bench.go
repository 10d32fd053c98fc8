package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// benchNames are the measurements --only selects from.
var benchNames = []string{"hello", "lookup", "track", "worklist", "accept", "report", "import"}

// bench measures the performance budgets of design.md §6 on a SQLite
// database holding the demo organisation and a bulk-loaded set of dossiers.
// See BENCHMARKS.md for the figures and how to read them.
func bench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	dsn := fs.String("db", "", "SQLite file to use or create (default: a new file in a temporary directory, removed afterwards)")
	n := fs.Int("dossiers", 1_000_000, "dossiers to bulk-load when the database has none")
	dur := fs.Duration("duration", 5*time.Second, "length of each throughput run (hello, lookup, accept)")
	only := fs.String("only", "", "run only these measurements, comma-separated: "+strings.Join(benchNames, ", "))
	clients := fs.Int("clients", 2*runtime.GOMAXPROCS(0), "concurrent keep-alive clients, and concurrent intake goroutines")
	calls := fs.Int("worklist-calls", 2000, "calls per worklist measurement")
	pw := fs.String("password", "demo-dak-mil", "password of the demo users (to log in the lookup officer)")
	importRows := fs.Int("import-rows", 200_000, "register rows to generate and import into a separate new database")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurements (not the load) to this file")
	if err := parseOnlyFlags(fs, args); err != nil {
		return err
	}
	run := map[string]bool{}
	for _, name := range benchNames {
		run[name] = *only == ""
	}
	for name := range strings.SplitSeq(*only, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !slices.Contains(benchNames, name) {
			return fmt.Errorf("bench: --only %q: want one of %s", name, strings.Join(benchNames, ", "))
		}
		run[name] = true
	}
	if *clients < 1 || *dur <= 0 || *calls < 1 {
		return fmt.Errorf("bench: --clients, --duration and --worklist-calls must be positive")
	}

	path := *dsn
	if path == "" {
		dir, err := os.MkdirTemp("", "motcua-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "motcua.db")
	} else if strings.Contains(path, "://") {
		return fmt.Errorf("bench: --db must be a SQLite file path; the budgets are for embedded SQLite")
	}
	out := os.Stdout
	fmt.Fprintf(out, "motcua bench — %s, %s %s/%s, GOMAXPROCS=%d, nproc=%d, CPU: %s\n", time.Now().Format("2006-01-02 15:04"),
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU(), benchCPUModel())
	fmt.Fprintf(out, "command: %s\n", benchCommand(args))

	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	r := &benchReport{}
	if err := benchPrepareDB(ctx, db, path, *n, *pw, r); err != nil {
		return err
	}
	o, err := benchLoadOrg(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database: %s — %s dossiers, %s on disk\n", path, benchThousands(r.dossiers), benchMiB(benchDBSize(path)))
	if r.load != nil {
		l := r.load
		fmt.Fprintf(out, "load: %s dossiers + their acceptance events in %s (%s dossiers/s), accepted %s to %s; %s open or awaiting return, busiest unit-day %s; peak RSS while loading %s\n",
			benchThousands(l.Dossiers), l.Elapsed.Round(time.Second), benchThousands(int(float64(l.Dossiers)/l.Elapsed.Seconds())),
			l.From.Format(time.DateOnly), l.To.Add(-time.Minute).Format(time.DateOnly),
			benchThousands(l.Open), benchThousands(l.MaxPerDay), benchMiB(r.loadHWM))
	}
	// Measure the serving process, not the loader: drop what loading left
	// behind and reset the peak-RSS mark (Linux: clear_refs "5").
	runtime.GC()
	debug.FreeOSMemory()
	benchResetPeakRSS()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	phase := func(name string, fn func() error) error {
		if !run[name] {
			return nil
		}
		benchResetPeakRSS()
		if err := fn(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r.phases = append(r.phases, benchPhaseRSS{name, benchProcStatus("VmHWM")})
		return nil
	}
	if err := phase("hello", func() (err error) { r.hello, err = benchHello(ctx, *clients, *dur); return err }); err != nil {
		return err
	}
	if err := phase("lookup", func() (err error) { r.lookup, err = benchLookup(ctx, db, o, *pw, *clients, *dur); return err }); err != nil {
		return err
	}
	if err := phase("track", func() (err error) { r.track, err = benchTrack(ctx, db, *clients, *dur); return err }); err != nil {
		return err
	}
	if err := phase("worklist", func() (err error) { r.worklists, err = benchWorklists(ctx, db, o, *calls); return err }); err != nil {
		return err
	}
	if err := phase("accept", func() (err error) { r.accept, err = benchAccept(ctx, db, o, *clients, *dur); return err }); err != nil {
		return err
	}
	if err := phase("report", func() (err error) { r.report, err = benchII06a(ctx, db, 5); return err }); err != nil {
		return err
	}
	if err := phase("import", func() (err error) { r.imp, err = benchImport(ctx, *importRows, *pw); return err }); err != nil {
		return err
	}
	r.rss = benchProcStatus("VmRSS")
	for _, p := range r.phases {
		r.hwm = max(r.hwm, p.hwm)
	}
	r.print(out, *clients)
	return nil
}

// benchReport collects the figures for the table.
type benchReport struct {
	dossiers      int
	load          *benchLoadStats
	loadHWM       int64
	hello, lookup *benchHTTPResult
	worklists     []benchWorklistResult
	accept        *benchAcceptResult
	report        *benchReportResult
	imp           *benchImportResult
	track         *benchTrackResult
	phases        []benchPhaseRSS
	hwm, rss      int64
}

// benchPhaseRSS is the peak resident size during one measurement.
type benchPhaseRSS struct {
	name string
	hwm  int64
}

// prepareBenchDB seeds the demo organisation and catalogue if the database
// is empty, and bulk-loads n dossiers if it has none.
func benchPrepareDB(ctx context.Context, db *store.DB, path string, n int, pw string, r *benchReport) error {
	seeded, err := demo.Seeded(ctx, db)
	if err != nil {
		return err
	}
	if !seeded {
		t := time.Now()
		fmt.Fprintf(os.Stderr, "seeding the demo organisation and catalogue (password hashing takes a few seconds)…\n")
		if _, err := demo.Seed(ctx, db, demo.Options{Password: pw, Dossiers: 0, Now: time.Now()}); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "seeded in %s\n", time.Since(t).Round(time.Millisecond))
	}
	if err := db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&r.dossiers); err != nil {
		return err
	}
	if r.dossiers > 0 || n <= 0 {
		return nil
	}
	o, err := benchLoadOrg(ctx, db)
	if err != nil {
		return err
	}
	step := max(n/10, 50_000)
	next := step
	progress := func(done int) {
		if done >= next || done == n {
			fmt.Fprintf(os.Stderr, "loaded %s / %s dossiers (%s)\n", benchThousands(done), benchThousands(n), benchMiB(benchDBSize(path)))
			for next <= done {
				next += step
			}
		}
	}
	if r.load, err = benchBulkLoad(ctx, db, o, n, time.Now(), progress); err != nil {
		return err
	}
	t := time.Now()
	if err := db.RecountReports(ctx); err != nil { // the loader writes rows, not through the store
		return err
	}
	fmt.Fprintf(os.Stderr, "report counters rebuilt in %s\n", time.Since(t).Round(time.Millisecond))
	r.loadHWM = benchProcStatus("VmHWM")
	r.dossiers = r.load.Dossiers
	return nil
}

func benchHello(ctx context.Context, clients int, d time.Duration) (*benchHTTPResult, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	addr, stop, err := benchServe(mux)
	if err != nil {
		return nil, err
	}
	defer stop()
	req := []byte("GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
	return benchDrive(ctx, addr, clients, benchWarmup(d), d, http.StatusOK, func(_ *rand.Rand, buf []byte) []byte { return append(buf, req...) })
}

func benchWarmup(d time.Duration) time.Duration { return min(time.Second, d/5) }

// benchLookup serves the real handler stack (API and web on one mux, behind
// the cross-origin protection, as serve does) and asks for random dossiers
// by code. Scope follows need, so no officer sees every dossier: each
// request picks one of the 11 receiving units, a random code among that
// unit's dossiers, and the bearer token of the unit's counter officer.
func benchLookup(ctx context.Context, db *store.DB, o *benchOrg, pw string, clients int, d time.Duration) (*benchHTTPResult, error) {
	type desk struct {
		auth  string // "\r\nAuthorization: Bearer …\r\n\r\n"
		codes []string
	}
	var desks []desk
	for _, u := range append([]*motcua.Unit{o.oneStop}, o.communes...) {
		codes, err := benchSampleCodes(ctx, db, u.ID, 2000)
		if err != nil {
			return nil, err
		}
		if len(codes) == 0 {
			continue
		}
		name := o.usernames[o.counter[u.ID]]
		session, err := db.Login(ctx, name, pw)
		if err != nil {
			return nil, fmt.Errorf("log in %s (--password?): %w", name, err)
		}
		token := session.Token
		desks = append(desks, desk{" HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n", codes})
	}
	if len(desks) == 0 {
		return nil, errors.New("no dossiers to look up")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	api.Mount(mux, db, log)
	web.Mount(mux, db, log)
	addr, stop, err := benchServe(web.Handler(mux))
	if err != nil {
		return nil, err
	}
	defer stop()
	return benchDrive(ctx, addr, clients, benchWarmup(d), d, http.StatusOK, func(rng *rand.Rand, buf []byte) []byte {
		k := desks[rng.IntN(len(desks))]
		buf = append(buf, "GET /api/v1/dossiers/"...)
		buf = append(buf, k.codes[rng.IntN(len(k.codes))]...)
		return append(buf, k.auth...)
	})
}

// benchSampleCodes picks up to k codes of random dossiers received at unit
// (random row ids, each rounded up to the next dossier of the unit).
func benchSampleCodes(ctx context.Context, db *store.DB, unit int64, k int) ([]string, error) {
	var lo, hi int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM dossiers`).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if hi == 0 {
		return nil, nil
	}
	stmt, err := db.SQL().PrepareContext(ctx, `SELECT code FROM dossiers WHERE id >= ? AND +receiving_unit_id = ? ORDER BY id LIMIT 1`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	rng := rand.New(rand.NewPCG(uint64(unit), 2))
	out := make([]string, 0, k)
	for range k {
		var code string
		err := stmt.QueryRowContext(ctx, lo+rng.Int64N(hi-lo+1), unit).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, code)
	}
	return out, nil
}

// benchWorklistResult is one worklist measurement.
type benchWorklistResult struct {
	name   string
	short  string // for the budget table
	calls  int
	total  int             // matching dossiers, averaged over the officers
	lat    []time.Duration // sorted
	budget bool            // compared with the < 10 ms p50 budget
}

// benchWorklists times db.Worklist one call at a time (an officer opening
// the page), rotating over the 10 commune counter officers.
func benchWorklists(ctx context.Context, db *store.DB, o *benchOrg, calls int) ([]benchWorklistResult, error) {
	var communeActors []*motcua.Actor
	for _, u := range o.communes {
		a, err := db.Actor(ctx, o.counter[u.ID])
		if err != nil {
			return nil, err
		}
		communeActors = append(communeActors, a)
	}
	oneStop, err := db.Actor(ctx, o.counter[o.oneStop.ID])
	if err != nil {
		return nil, err
	}
	leader, err := db.Actor(ctx, o.users["lanhdao.huyen"])
	if err != nil {
		return nil, err
	}
	cases := []struct {
		name   string
		short  string
		actors []*motcua.Actor
		f      motcua.DossierFilter
		calls  int
		budget bool
	}{
		{"commune counter, open dossiers (default), 50 rows", "commune, default filter", communeActors, motcua.DossierFilter{}, calls, true},
		{"commune counter, state=supplement, 50 rows", "commune, state filter", communeActors, motcua.DossierFilter{State: motcua.StateSupplement}, calls, true},
		{"commune counter, open, page 3 (offset 100)", "", communeActors, motcua.DossierFilter{Offset: 100}, calls / 4, false},
		{"commune counter, open, q=applicant name", "", communeActors, motcua.DossierFilter{Query: "nguyen van anh"}, calls / 10, false},
		{"district one-stop counter, open, 50 rows", "", []*motcua.Actor{oneStop}, motcua.DossierFilter{}, calls / 4, false},
		{fmt.Sprintf("district leader (%d units in scope), open, 50 rows", len(leader.Units)), "", []*motcua.Actor{leader}, motcua.DossierFilter{}, calls / 10, false},
	}
	var out []benchWorklistResult
	for _, c := range cases {
		res := benchWorklistResult{name: c.name, short: c.short, budget: c.budget}
		lat := make([]time.Duration, 0, c.calls)
		deadline := time.Now().Add(30 * time.Second) // a slow case stops early
		totals := 0
		for i := 0; i < max(c.calls, 1) && (i < len(c.actors) || time.Now().Before(deadline)); i++ {
			a := c.actors[i%len(c.actors)]
			t0 := time.Now()
			rows, total, err := db.Worklist(ctx, a, c.f)
			lat = append(lat, time.Since(t0))
			if err != nil {
				return nil, err
			}
			if len(rows) == 0 && total > c.f.Offset {
				return nil, fmt.Errorf("%s: no rows but total %d", c.name, total)
			}
			totals += total
		}
		slices.Sort(lat)
		res.calls, res.total, res.lat = len(lat), totals/len(lat), lat
		out = append(out, res)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// benchAcceptResult is the durable intake measurement.
type benchAcceptResult struct {
	n, errs  int
	elapsed  time.Duration
	lat      []time.Duration // sorted
	cpu      float64         // cores busy
	firstErr error
}

func (a *benchAcceptResult) rate() float64 { return float64(a.n) / a.elapsed.Seconds() }

// benchAccept calls db.Accept from clients goroutines for d, rotating over
// the 11 receiving units (10 communes, the district one-stop) and their
// procedures. The store's clock runs on a synthetic time line starting the
// day after the last loaded dossier and advancing 2 s per call, so that no
// unit issues more than the 9,999 codes a day allows however long the run.
func benchAccept(ctx context.Context, db *store.DB, o *benchOrg, clients int, d time.Duration) (*benchAcceptResult, error) {
	type desk struct {
		a     *motcua.Actor
		unit  *motcua.Unit
		procs []*benchProc
	}
	var desks []desk
	for _, u := range append([]*motcua.Unit{o.oneStop}, o.communes...) {
		a, err := db.Actor(ctx, o.counter[u.ID])
		if err != nil {
			return nil, err
		}
		procs := o.commune
		if u.ID == o.oneStop.ID {
			procs = o.district
		}
		desks = append(desks, desk{a, u, procs})
	}
	var last int64
	if err := db.SQL().QueryRowContext(ctx, `SELECT COALESCE(MAX(accepted_at), 0) FROM dossiers`).Scan(&last); err != nil {
		return nil, err
	}
	base := time.Now()
	if t := time.UnixMilli(last); t.After(base) {
		base = t
	}
	y, m, dd := base.In(motcua.VN).Date()
	base = time.Date(y, m, dd+1, 0, 0, 0, 0, motcua.VN)
	var tick atomic.Int64
	realNow := db.Now
	db.Now = func() time.Time { return base.Add(time.Duration(tick.Add(1)) * 2 * time.Second) }
	defer func() { db.Now = realNow }()

	apps := newBenchApplicants()
	var next atomic.Int64
	warm := benchWarmup(d)
	begin := time.Now().Add(warm)
	end := begin.Add(d)
	cpu := benchCPUMeter(begin, end)
	res := &benchAcceptResult{elapsed: d}
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	for g := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(g), 99))
			var mine []time.Duration
			n, errs := 0, 0
			var first error
			for ctx.Err() == nil {
				k := desks[int(next.Add(1))%len(desks)]
				lp := k.procs[rng.IntN(len(k.procs))]
				a, _ := apps.make(rng)
				in := motcua.Intake{ProcedureID: lp.p.ID, UnitID: k.unit.ID, Channel: motcua.ChannelCounter,
					Applicant: a, Documents: slices.Clone(lp.docs), Sets: 1}
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				_, err := db.Accept(ctx, k.a, in)
				t1 := time.Now()
				if t0.Before(begin) {
					continue
				}
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				n++
				mine = append(mine, t1.Sub(t0))
			}
			mu.Lock()
			defer mu.Unlock()
			res.n += n
			res.errs += errs
			if res.firstErr == nil {
				res.firstErr = first
			}
			lat = append(lat, mine...)
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	res.lat, res.cpu = lat, cpu()
	return res, ctx.Err()
}
