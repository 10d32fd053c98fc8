package bench

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A short run loads the dossiers asked for, measures what --only names and
// prints the figures with the budgets' verdicts (BENCHMARKS.md reads this
// layout).
func TestRunPrintsTheFiguresOfAShortRun(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo and loads dossiers")
	}
	var out bytes.Buffer
	opt := Options{DB: filepath.Join(t.TempDir(), "bench.db"), Dossiers: 3000, Duration: 200 * time.Millisecond,
		Only: []string{"track", "verify", "worklist", "scans", "report"}, Clients: 2, WorklistCalls: 3, Password: "demo-dak-mil",
		Command: "motcua bench --dossiers 3000"}
	if err := Run(t.Context(), opt, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"command: motcua bench --dossiers 3000\n",
		"— 3,000 dossiers,",
		"load: 3,000 dossiers + their acceptance events in ",
		"GET /api/v1/track?code&secret (public JSON), 2 clients",
		"GET /xac-minh?ma (public page), 2 clients",
		"db.Worklist: commune counter, open dossiers (default), 50 rows",
		"POST /intake, 3 scans of 1 MB, one officer (server side)",
		"intake with three 1 MB scans < 300 ms (p99, server side)",
		"db.II06a: a year, all units, by unit (p50)",
		"db.II06a: the same, by receiving unit (p50)",
		"worklist p50 < 10 ms (commune, default filter)",
		"lookup p99 < 10 ms                                                        —  not run",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), " errors, first: ") {
		t.Errorf("a measurement had errors:\n%s", out.String())
	}
}
