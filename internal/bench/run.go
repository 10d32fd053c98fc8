// Package bench measures the performance budgets of design.md §6 on a
// SQLite database holding the demo organisation and a bulk-loaded set of
// dossiers (`motcua bench`). See BENCHMARKS.md for the figures and how to
// read them.
package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"time"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// Names are the measurements, in the order they run.
var Names = []string{"hello", "lookup", "track", "verify", "worklist", "accept", "scans", "report", "import"}

// Options are the bench's settings (the flags of `motcua bench`).
type Options struct {
	DB            string        // SQLite file to use or create; "": a new file in a temporary directory, removed afterwards
	Dossiers      int           // dossiers to bulk-load when the database has none
	Duration      time.Duration // length of each throughput run (hello, lookup, track, verify, accept) and of the intakes with scans
	Only          []string      // the measurements to run (of Names); all when empty
	Clients       int           // concurrent keep-alive clients, and concurrent intake goroutines
	WorklistCalls int           // calls per worklist measurement
	Password      string        // password of the demo users (to log in the lookup officers)
	ImportRows    int           // register rows to generate and import into a separate new database
	CPUProfile    string        // where to write a CPU profile of the measurements (not the load); "": none
	Command       string        // the command line that reproduces the run, printed at the top
}

// Run prepares the database, runs the measurements and prints their
// figures and the budgets' verdicts to out; progress goes to standard error.
func Run(ctx context.Context, opt Options, out io.Writer) error {
	path := opt.DB
	if path == "" {
		dir, err := os.MkdirTemp("", "motcua-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "motcua.db")
	}
	fmt.Fprintf(out, "motcua bench — %s, %s %s/%s, GOMAXPROCS=%d, nproc=%d, CPU: %s\n", time.Now().Format("2006-01-02 15:04"),
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU(), cpuModel())
	fmt.Fprintf(out, "command: %s\n", opt.Command)

	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	r := &results{}
	if err := prepareDB(ctx, db, path, opt.Dossiers, opt.Password, r); err != nil {
		return err
	}
	o, err := loadOrg(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database: %s — %s dossiers, %s on disk\n", path, thousands(r.dossiers), formatMiB(dbSize(path)))
	if r.load != nil {
		l := r.load
		fmt.Fprintf(out, "load: %s dossiers + their acceptance events in %s (%s dossiers/s), accepted %s to %s; %s open or awaiting return, busiest unit-day %s; peak RSS while loading %s\n",
			thousands(l.Dossiers), l.Elapsed.Round(time.Second), thousands(int(float64(l.Dossiers)/l.Elapsed.Seconds())),
			l.From.Format(time.DateOnly), l.To.Add(-time.Minute).Format(time.DateOnly),
			thousands(l.Open), thousands(l.MaxPerDay), formatMiB(r.loadHWM))
	}
	// Measure the serving process, not the loader: drop what loading left
	// behind and reset the peak-RSS mark (Linux: clear_refs "5").
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	if opt.CPUProfile != "" {
		f, err := os.Create(opt.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if err := r.measure(ctx, db, o, opt); err != nil {
		return err
	}
	r.rss = procStatus("VmRSS")
	for _, p := range r.phases {
		r.hwm = max(r.hwm, p.hwm)
	}
	r.print(out, opt.Clients)
	return nil
}

// measure runs the measurements opt selects, in the order of Names, each
// with its own peak-RSS mark.
func (r *results) measure(ctx context.Context, db *store.DB, o *org, opt Options) error {
	phase := func(name string, fn func() error) error {
		if len(opt.Only) > 0 && !slices.Contains(opt.Only, name) {
			return nil
		}
		resetPeakRSS()
		if err := fn(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		r.phases = append(r.phases, phaseRSS{name, procStatus("VmHWM")})
		return nil
	}
	clients, d := opt.Clients, opt.Duration
	for _, p := range []struct {
		name string
		run  func() error
	}{
		{"hello", func() (err error) { r.hello, err = measureHello(ctx, clients, d); return err }},
		{"lookup", func() (err error) { r.lookup, err = measureLookup(ctx, db, o, opt.Password, clients, d); return err }},
		{"track", func() (err error) { r.track, err = measureTrack(ctx, db, clients, d); return err }},
		{"verify", func() (err error) { r.verify, err = measureVerify(ctx, db, clients, d); return err }},
		{"worklist", func() (err error) { r.worklists, err = measureWorklists(ctx, db, o, opt.WorklistCalls); return err }},
		{"accept", func() (err error) { r.accept, err = measureAccept(ctx, db, o, clients, d); return err }},
		{"scans", func() (err error) { r.scans, err = measureScans(ctx, db, o, opt.Password, d); return err }},
		{"report", func() (err error) { r.report, err = measureII06a(ctx, db, 5); return err }},
		{"import", func() (err error) { r.imp, err = measureImport(ctx, opt.ImportRows, opt.Password); return err }},
	} {
		if err := phase(p.name, p.run); err != nil {
			return err
		}
	}
	return nil
}

// results collects the figures for the table.
type results struct {
	dossiers      int
	load          *loadStats
	loadHWM       int64
	hello, lookup *httpResult
	worklists     []worklistResult
	accept        *acceptResult
	scans         *scanResult // counter intake with three 1 MB scans (scans.go)
	report        *reportResult
	imp           *importResult
	track         *trackResult
	verify        *httpResult // the result verification page (verify.go)
	phases        []phaseRSS
	hwm, rss      int64
}

// phaseRSS is the peak resident size during one measurement.
type phaseRSS struct {
	name string
	hwm  int64
}

// prepareDB seeds the demo organisation and catalogue if the database
// is empty, and bulk-loads n dossiers if it has none.
func prepareDB(ctx context.Context, db *store.DB, path string, n int, pw string, r *results) error {
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
	if r.dossiers, err = db.DossierCount(ctx); err != nil {
		return err
	}
	if r.dossiers > 0 || n <= 0 {
		return nil
	}
	o, err := loadOrg(ctx, db)
	if err != nil {
		return err
	}
	step := max(n/10, 50_000)
	next := step
	progress := func(done int) {
		if done >= next || done == n {
			fmt.Fprintf(os.Stderr, "loaded %s / %s dossiers (%s)\n", thousands(done), thousands(n), formatMiB(dbSize(path)))
			for next <= done {
				next += step
			}
		}
	}
	if r.load, err = bulkLoad(ctx, db, o, n, time.Now(), progress); err != nil {
		return err
	}
	t := time.Now()
	if err := db.RecountReports(ctx); err != nil { // the bulk loader leaves them to this
		return err
	}
	fmt.Fprintf(os.Stderr, "report counters rebuilt in %s\n", time.Since(t).Round(time.Millisecond))
	r.loadHWM = procStatus("VmHWM")
	r.dossiers = r.load.Dossiers
	return nil
}
