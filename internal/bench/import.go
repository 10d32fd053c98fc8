package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/registerio"
	"github.com/motcua/motcua/store"
)

// budgetImport is design.md §6's bound for the register import.
const budgetImport = 50_000 // rows/s

// importResult times a register import of generated rows into a new
// database holding the demo organisation and catalogue, as a migration
// from the previous system starts: reading the CSV, then the import.
type importResult struct {
	rows    int
	bytes   int
	elapsed time.Duration
}

func (r *importResult) rate() float64 { return float64(r.rows) / r.elapsed.Seconds() }

func measureImport(ctx context.Context, rows int, pw string) (*importResult, error) {
	dir, err := os.MkdirTemp("", "motcua-bench-import-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, filepath.Join(dir, "import.db"))
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := demo.Seed(ctx, db, demo.Options{Password: pw, Now: time.Now()}); err != nil {
		return nil, err
	}
	file, err := generateRegister(ctx, db, rows)
	if err != nil {
		return nil, err
	}
	r := &importResult{rows: rows, bytes: len(file)}
	// The command's path: the file read twice (checked, then written), the
	// second time beside the writes.
	src := func(yield func(motcua.RegisterEntry, *motcua.RowError) error) error {
		return registerio.ScanCSV(bytes.NewReader(file), yield)
	}
	debug.FreeOSMemory() // the peak below is the import's, not the file's making
	resetPeakRSS()
	start := time.Now()
	rep, err := db.ImportRegisterFrom(ctx, src, store.RegisterOptions{})
	if err != nil {
		return nil, err
	}
	r.elapsed = time.Since(start)
	if rep.Imported != rows {
		return nil, fmt.Errorf("bench: %d of %d rows imported", rep.Imported, rows)
	}
	return r, nil
}

// generateRegister writes a register of n dossiers of 2023 in the import's CSV
// layout: the demo's units and procedures, mostly resolved, some late,
// withdrawn or still open.
func generateRegister(ctx context.Context, db *store.DB, n int) ([]byte, error) {
	type unitProcs struct {
		code  string
		procs []*motcua.Procedure
	}
	units, err := db.Units(ctx)
	if err != nil {
		return nil, err
	}
	catalog, err := db.Catalog(ctx, store.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	var places []unitProcs
	for _, u := range units {
		level := map[motcua.UnitKind]motcua.Level{motcua.UnitCommune: motcua.LevelCommune, motcua.UnitOneStop: motcua.LevelDistrict,
			motcua.UnitBranch: motcua.LevelProvince}[u.Kind]
		up := unitProcs{code: u.Code}
		for _, p := range catalog {
			if p.Level == level {
				up.procs = append(up.procs, p)
			}
		}
		if len(up.procs) > 0 {
			places = append(places, up)
		}
	}
	if len(places) == 0 {
		return nil, fmt.Errorf("bench: the demo catalogue has no procedure for its units")
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(motcua.RegisterColumns)
	rng := rand.New(rand.NewPCG(2023, uint64(n)))
	day0 := time.Date(2023, 1, 3, 0, 0, 0, 0, motcua.VN)
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("02/01/2006 15:04")
	}
	channels := []string{"truc_tiep", "truc_tiep", "truc_tiep", "truc_tiep", "truc_tiep", "truc_tiep", "truc_tiep", "truc_tuyen", "truc_tuyen", "buu_chinh"}
	for i := range n {
		pl := places[rng.IntN(len(places))]
		p := pl.procs[rng.IntN(len(pl.procs))]
		accepted := day0.AddDate(0, 0, rng.IntN(360)).Add(time.Duration(7*60+30+rng.IntN(9*60)) * time.Minute)
		due := accepted.AddDate(0, 0, 3)
		var result, returned, withdrawn time.Time
		switch k := rng.IntN(100); {
		case k < 3:
			withdrawn = accepted.Add(time.Duration(1+rng.IntN(48)) * time.Hour)
		case k < 8: // still open
		default:
			result = accepted.Add(time.Duration(1+rng.IntN(90)) * time.Hour) // a few late
			returned = result.Add(2 * time.Hour)
		}
		code := fmt.Sprintf("%s-%s-%06d", pl.code, accepted.Format("060102"), i)
		w.Write([]string{code, p.Code, p.Name, p.Field, pl.code, channels[rng.IntN(len(channels))],
			fmt.Sprintf("Công dân %07d", i), "Thôn 1", date(accepted), date(due), date(result), date(returned), date(withdrawn)})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func (r *importResult) print(w io.Writer) {
	fmt.Fprintf(w, "%-58s %16s  (%s rows, %.1f MB of CSV read twice, checked and written, in %s)\n", "register import, CSV into a new database",
		formatRate(r.rate(), "rows/s"), thousands(r.rows), float64(r.bytes)/(1<<20), r.elapsed.Round(time.Millisecond))
}
