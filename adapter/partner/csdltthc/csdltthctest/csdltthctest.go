// Package csdltthctest runs a simulated national procedure database on
// loopback, answering GET /tthc/{MaTTHC} as package csdltthc documents,
// from the records of an export file, for tests.
package csdltthctest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/motcua/motcua/adapter/partner/csdltthc"
)

// Database is the simulated service.
type Database struct {
	URL string

	mu      sync.Mutex
	records map[string]csdltthc.Record
	asked   []string
	fail    int // when not 0, the status every request is answered with
}

// Start serves the records of the export file at path until the test ends.
func Start(t testing.TB, path string) *Database {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csdltthc.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	db := &Database{records: map[string]csdltthc.Record{}}
	for _, r := range records {
		db.records[r.MaTTHC] = r
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tthc/{code}", db.get)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	db.URL = srv.URL
	return db
}

func (db *Database) get(w http.ResponseWriter, r *http.Request) {
	db.mu.Lock()
	defer db.mu.Unlock()
	code := r.PathValue("code")
	db.asked = append(db.asked, code)
	if db.fail != 0 {
		http.Error(w, "simulated failure", db.fail)
		return
	}
	rec, ok := db.records[code]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(rec)
}

// Asked lists the codes asked for, in order.
func (db *Database) Asked() []string {
	db.mu.Lock()
	defer db.mu.Unlock()
	return append([]string(nil), db.asked...)
}

// SetFail makes every later request answer status (0: answer normally).
func (db *Database) SetFail(status int) {
	db.mu.Lock()
	db.fail = status
	db.mu.Unlock()
}
