// Package hotichtest runs a simulated civil-status registry on loopback,
// speaking the contract documented in package hotich, for tests.
package hotichtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Registry is the simulated registry.
type Registry struct {
	URL string

	mu      sync.Mutex
	records map[string]map[string]any // by reference
	seq     int
}

// Start runs a registry until the test ends.
func Start(t testing.TB) *Registry {
	r := &Registry{records: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /ho-so", r.create)
	mux.HandleFunc("GET /ho-so/{ref}", r.get)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	r.URL = srv.URL
	return r
}

func (r *Registry) create(w http.ResponseWriter, req *http.Request) {
	var rec map[string]any
	if err := json.NewDecoder(req.Body).Decode(&rec); err != nil || rec["ma_ho_so_mot_cua"] == "" || rec["loai"] == "" || rec["ho_ten"] == "" {
		http.Error(w, "bad record", http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	r.seq++
	ref := fmt.Sprintf("HT-%06d", r.seq)
	rec["trang_thai"] = "DANG_XU_LY"
	r.records[ref] = rec
	r.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]string{"so_tham_chieu": ref})
}

func (r *Registry) get(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	rec, ok := r.records[req.PathValue("ref")]
	r.mu.Unlock()
	if !ok {
		http.NotFound(w, req)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"trang_thai": rec["trang_thai"], "so_giay": rec["so_giay"]})
}

// Records lists the registered records by the one-stop's dossier code.
func (r *Registry) Records() map[string]map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]map[string]any{}
	for _, rec := range r.records {
		out[rec["ma_ho_so_mot_cua"].(string)] = rec
	}
	return out
}

// Issue marks the record of a dossier as issued, with a certificate number.
func (r *Registry) Issue(dossierCode, number string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, rec := range r.records {
		if rec["ma_ho_so_mot_cua"] == dossierCode {
			rec["trang_thai"], rec["so_giay"] = "DA_CAP", number
			return true
		}
	}
	return false
}
