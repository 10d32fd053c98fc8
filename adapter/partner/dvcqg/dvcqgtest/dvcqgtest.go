// Package dvcqgtest runs, on loopback, a receiver of the shape documented
// in package dvcqg, for tests: it checks the token and the fields, and
// keeps the records.
package dvcqgtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"

	"github.com/motcua/motcua/adapter/partner/dvcqg"
)

// Portal is the receiver.
type Portal struct {
	URL   string
	Token string

	mu      sync.Mutex
	records []dvcqg.Record
	fail    int
}

var stamp = regexp.MustCompile(`^\d{14}$`)

// Start runs a receiver until the test ends.
func Start(t testing.TB, token string) *Portal {
	p := &Portal{Token: token}
	srv := httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(srv.Close)
	p.URL = srv.URL + "/dongbohoso"
	return p
}

// FailNext refuses the next n batches.
func (p *Portal) FailNext(n int) {
	p.mu.Lock()
	p.fail = n
	p.mu.Unlock()
}

func (p *Portal) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer "+p.Token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var batch []dvcqg.Record
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	for _, rec := range batch {
		if rec.MaHoSo == "" || rec.MaTTHC == "" || !stamp.MatchString(rec.NgayTiepNhan) || rec.TrangThaiHoSo < 1 || rec.TrangThaiHoSo > 10 ||
			rec.KenhThucHien < 1 || rec.KenhThucHien > 3 {
			http.Error(w, "bad record "+rec.MaHoSo, http.StatusBadRequest)
			return
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail > 0 {
		p.fail--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	p.records = append(p.records, batch...)
	w.WriteHeader(http.StatusOK)
}

// Records returns what the receiver took, in order.
func (p *Portal) Records() []dvcqg.Record {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]dvcqg.Record(nil), p.records...)
}
