package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Budgets of design.md §6.
const (
	budgetLookupRatio = 0.5                   // lookups/s ≥ half the hello-world rate
	budgetLookupP99   = 10 * time.Millisecond // lookup p99
	budgetWorklistP50 = 10 * time.Millisecond // worklist page p50
	budgetAccepts     = 2000.0                // accepts/s, durably
	budgetRSS         = 300 << 20             // resident bytes
)

func (r *results) print(w io.Writer, clients int) {
	fmt.Fprintf(w, "\n%-58s %16s %10s %10s %10s\n", "measurement", "result", "p50", "p99", "max")
	line := func(name, result string, sorted []time.Duration) {
		fmt.Fprintf(w, "%-58s %16s %10s %10s %10s\n", name, result, formatMS(percentile(sorted, .5)),
			formatMS(percentile(sorted, .99)), formatMS(percentile(sorted, 1)))
	}
	if r.hello != nil {
		line(fmt.Sprintf("hello-world handler, %d keep-alive clients", clients), formatRate(r.hello.Rate(), "req/s"), r.hello.Latency)
		r.hello.cpuLine(w)
		r.hello.errorsLine(w)
	}
	if r.lookup != nil {
		line(fmt.Sprintf("GET /api/v1/dossiers/{code}, %d clients", clients), formatRate(r.lookup.Rate(), "req/s"), r.lookup.Latency)
		if r.hello != nil {
			fmt.Fprintf(w, "%-58s %16s\n", "  lookup rate / hello-world rate", fmt.Sprintf("%.2f×", r.lookup.Rate()/r.hello.Rate()))
		}
		r.lookup.cpuLine(w)
		r.lookup.errorsLine(w)
	}
	if r.track != nil {
		for _, x := range []struct {
			name string
			res  *httpResult
		}{{"GET /api/v1/track?code&secret (public JSON)", r.track.json}, {"GET /tra-cuu?ma&khoa (public page)", r.track.page}} {
			line(fmt.Sprintf("%s, %d clients", x.name, clients), formatRate(x.res.Rate(), "req/s"), x.res.Latency)
			if r.hello != nil {
				fmt.Fprintf(w, "%-58s %16s\n", "  rate / hello-world rate", fmt.Sprintf("%.2f×", x.res.Rate()/r.hello.Rate()))
			}
			x.res.cpuLine(w)
			x.res.errorsLine(w)
		}
	}
	if r.verify != nil {
		line(fmt.Sprintf("GET /xac-minh?ma (public page), %d clients", clients), formatRate(r.verify.Rate(), "req/s"), r.verify.Latency)
		if r.hello != nil {
			fmt.Fprintf(w, "%-58s %16s\n", "  rate / hello-world rate", fmt.Sprintf("%.2f×", r.verify.Rate()/r.hello.Rate()))
		}
		r.verify.cpuLine(w)
		r.verify.errorsLine(w)
	}
	for _, x := range r.worklists {
		line("db.Worklist: "+x.name, fmt.Sprintf("%d calls", x.calls), x.lat)
		fmt.Fprintf(w, "%-58s %16s\n", "  matching dossiers (COUNT)", thousands(x.total))
	}
	if a := r.accept; a != nil {
		line(fmt.Sprintf("db.Accept, %d goroutines (each answered after its commit)", clients), formatRate(a.rate(), "accepts/s"), a.lat)
		fmt.Fprintf(w, "%-58s %16s\n", "  CPU busy", fmt.Sprintf("%.2f cores", a.cpu))
		if a.errs > 0 {
			fmt.Fprintf(w, "  %d errors, first: %v\n", a.errs, a.firstErr)
		}
	}
	if sc := r.scans; sc != nil {
		line(fmt.Sprintf("POST /intake, %d scans of 1 MB, one officer (server side)", scanComponents), thousands(sc.n)+" intakes", sc.lat)
		if sc.errs > 0 {
			fmt.Fprintf(w, "  %d errors, first: %v\n", sc.errs, sc.firstErr)
		}
	}
	for _, p := range r.phases {
		name := "peak RSS during " + p.name + " (VmHWM)"
		if p.name == "lookup" {
			name = "peak RSS during lookup, incl. 11 logins (VmHWM)"
		}
		fmt.Fprintf(w, "%-58s %16s\n", name, formatMiB(p.hwm))
	}
	fmt.Fprintf(w, "%-58s %16s\n", "RSS at the end (VmRSS)", formatMiB(r.rss))

	if r.report != nil {
		r.report.print(w)
	}
	if r.imp != nil {
		r.imp.print(w)
	}
	fmt.Fprintf(w, "\n%-58s %16s  %s\n", "budget (design.md §6)", "measured", "verdict")
	verdict := func(name, measured string, ok bool) {
		v := "MISS"
		if ok {
			v = "PASS"
		}
		fmt.Fprintf(w, "%-58s %16s  %s\n", name, measured, v)
	}
	notRun := func(name, why string) { fmt.Fprintf(w, "%-58s %16s  %s\n", name, "—", why) }
	switch {
	case r.lookup != nil && r.hello != nil:
		ratio := r.lookup.Rate() / r.hello.Rate()
		verdict("lookup ≥ ½ hello-world rate", fmt.Sprintf("%.2f×", ratio), ratio >= budgetLookupRatio && r.lookup.Errors == 0)
	default:
		notRun("lookup ≥ ½ hello-world rate", "not run (needs hello and lookup)")
	}
	if r.lookup != nil {
		p99 := percentile(r.lookup.Latency, .99)
		verdict("lookup p99 < 10 ms", formatMS(p99), p99 < budgetLookupP99 && r.lookup.Errors == 0)
	} else {
		notRun("lookup p99 < 10 ms", "not run")
	}
	if r.track != nil && r.hello != nil {
		for _, x := range []struct {
			name string
			res  *httpResult
		}{{"JSON", r.track.json}, {"page", r.track.page}} {
			ratio := x.res.Rate() / r.hello.Rate()
			verdict("tracking ("+x.name+") ≥ ½ hello-world rate", fmt.Sprintf("%.2f×", ratio), ratio >= budgetLookupRatio && x.res.Errors == 0)
			p99 := percentile(x.res.Latency, .99)
			verdict("tracking ("+x.name+") p99 < 10 ms", formatMS(p99), p99 < budgetLookupP99 && x.res.Errors == 0)
		}
	}
	if r.verify != nil && r.hello != nil {
		ratio := r.verify.Rate() / r.hello.Rate()
		verdict("verification page ≥ 0.3× hello-world rate", fmt.Sprintf("%.2f×", ratio), ratio >= budgetVerifyRatio && r.verify.Errors == 0)
		p99 := percentile(r.verify.Latency, .99)
		verdict("verification page p99 < 10 ms", formatMS(p99), p99 < budgetLookupP99 && r.verify.Errors == 0)
	}
	ran := false
	for _, x := range r.worklists {
		if x.budget {
			ran = true
			p50 := percentile(x.lat, .5)
			verdict("worklist p50 < 10 ms ("+x.short+")", formatMS(p50), p50 < budgetWorklistP50)
		}
	}
	if !ran {
		notRun("worklist p50 < 10 ms", "not run")
	}
	if r.accept != nil {
		verdict("intake ≥ 2,000 accepts/s (durable)", formatRate(r.accept.rate(), "/s"), r.accept.rate() >= budgetAccepts && r.accept.errs == 0)
	} else {
		notRun("intake ≥ 2,000 accepts/s", "not run")
	}
	if sc := r.scans; sc != nil && sc.n > 0 {
		p99 := percentile(sc.lat, .99)
		verdict("intake with three 1 MB scans < 300 ms (p99, server side)", formatMS(p99), p99 < budgetScanIntake && sc.errs == 0)
	} else {
		notRun("intake with three 1 MB scans < 300 ms", "not run")
	}
	verdict("resident < 300 MB (peak while measuring)", formatMiB(r.hwm), r.hwm > 0 && r.hwm < budgetRSS)
	if r.report != nil {
		p50 := percentile(r.report.byUnit, .5)
		verdict("II.06a year report for all units < 100 ms (by unit, p50)", formatMS(p50), p50 < budgetReport)
	} else {
		notRun("II.06a year report for all units < 100 ms", "not run")
	}
	if r.imp != nil {
		verdict("register import ≥ 50,000 rows/s (CSV read and import)", formatRate(r.imp.rate(), "rows/s"), r.imp.rate() >= budgetImport)
	} else {
		notRun("register import ≥ 50,000 rows/s", "not run")
	}
}

func (r *httpResult) cpuLine(w io.Writer) {
	fmt.Fprintf(w, "%-58s %16s\n", "  CPU busy (server and load generator)", fmt.Sprintf("%.2f cores", r.CPU))
}

func (r *httpResult) errorsLine(w io.Writer) {
	if r.Errors > 0 {
		fmt.Fprintf(w, "  %d errors, first: %s\n", r.Errors, r.FirstErr)
	}
}

func formatMS(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

func formatRate(v float64, unit string) string { return thousands(int(v+0.5)) + " " + unit }

// thousands formats 1234567 as "1,234,567": the report is for
// engineers, in English like the logs, so it swaps the Vietnamese separator.
func thousands(n int) string {
	return strings.ReplaceAll(motcua.FormatInt(int64(n)), ".", ",")
}

func formatMiB(bytes int64) string { return fmt.Sprintf("%.0f MB", float64(bytes)/(1<<20)) }

// dbSize is the size of the SQLite file with its WAL.
func dbSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	return total
}

// procStatus reads a "kB" line of /proc/self/status, in bytes; 0 if unknown.
func procStatus(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// resetPeakRSS resets VmHWM to the current RSS (Linux ≥ 4.0).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for l := range strings.SplitSeq(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
