// Package dancutest runs a simulated national population database on
// loopback, serving the contract documented in package dancu, for tests:
// residents by personal identification number, a bearer token checked on
// every call, the requests' paths kept (to show no number went into one),
// and switches that make it fail or stall.
package dancutest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"
)

// Resident is a person the database knows.
type Resident struct {
	Name      string
	BirthDate time.Time // zero: only BirthYear is known
	BirthYear int
	Sex       string // the national code: "1" nam, "2" nữ, "0" unknown
	Detail    string // số nhà, thôn
	Commune   string
	District  string
	Province  string
}

// Database is the simulated population database.
type Database struct {
	URL   string
	Token string

	mu       sync.Mutex
	people   map[string]Resident
	paths    []string
	failWith int           // 0: answer; otherwise this status
	stall    time.Duration // wait before answering (or until the caller gives up)
}

var personal = regexp.MustCompile(`^\d{12}$`)

// Start runs a database until the test ends.
func Start(t testing.TB, token string) *Database {
	d := &Database{Token: token, people: map[string]Resident{}}
	srv := httptest.NewServer(http.HandlerFunc(d.serve))
	t.Cleanup(srv.Close)
	d.URL = srv.URL
	return d
}

// Add makes the database know a person.
func (d *Database) Add(idNumber string, r Resident) {
	d.mu.Lock()
	d.people[idNumber] = r
	d.mu.Unlock()
}

// Fail makes every call answer status (0: answer again).
func (d *Database) Fail(status int) {
	d.mu.Lock()
	d.failWith = status
	d.mu.Unlock()
}

// Stall makes every call wait before answering, or until the caller gives up.
func (d *Database) Stall(wait time.Duration) {
	d.mu.Lock()
	d.stall = wait
	d.mu.Unlock()
}

// Paths are the request URIs received, in order.
func (d *Database) Paths() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.paths...)
}

func (d *Database) serve(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	d.paths = append(d.paths, r.URL.RequestURI())
	fail, stall := d.failWith, d.stall
	d.mu.Unlock()
	// Read the body first: only then does the server notice a caller that
	// gave up (and cancel r's context).
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 4096))
	if stall > 0 {
		select {
		case <-time.After(stall):
		case <-r.Context().Done():
			return
		}
	}
	if r.Method != http.MethodPost || r.URL.Path != "/cong-dan/tra-cuu" {
		http.NotFound(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+d.Token {
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	if fail != 0 {
		http.Error(w, `{"error":"simulated failure"}`, fail)
		return
	}
	var req struct {
		IDNumber string `json:"SoDinhDanh"`
	}
	if err := json.Unmarshal(raw, &req); err != nil || !personal.MatchString(req.IDNumber) {
		http.Error(w, `{"error":"SoDinhDanh"}`, http.StatusBadRequest)
		return
	}
	d.mu.Lock()
	p, ok := d.people[req.IDNumber]
	d.mu.Unlock()
	if !ok {
		http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		return
	}
	ans := map[string]any{"SoDinhDanh": req.IDNumber, "HoVaTen": p.Name, "GioiTinh": p.Sex,
		"NoiThuongTru": map[string]string{"ChiTiet": p.Detail, "TenXa": p.Commune, "TenHuyen": p.District, "TenTinh": p.Province}}
	birth := map[string]string{"Nam": itoa(p.BirthYear)}
	if !p.BirthDate.IsZero() {
		birth["NgayThangNam"], birth["Nam"] = p.BirthDate.Format("20060102"), p.BirthDate.Format("2006")
	}
	ans["NgayThangNamSinh"] = birth
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ans)
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	b, _ := json.Marshal(n)
	return string(b)
}
