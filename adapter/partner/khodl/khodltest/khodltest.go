// Package khodltest runs a simulated national data store (Kho quản lý dữ
// liệu điện tử của tổ chức, cá nhân) on loopback, serving the contract
// documented in package khodl, for tests: documents held per identity
// number with their files, the result links pushed to it, a bearer token
// checked on every call, and a switch that makes it fail.
package khodltest

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Document is a document the store holds for a person.
type Document struct {
	Name       string // ten_giay_to
	Kind       string // ma_ket_qua: the national catalogue's kind of result
	Number     string // so_ky_hieu
	Issuer     string // co_quan_chu_quan
	IssuedAt   time.Time
	ValidUntil time.Time // zero: no end
	FileName   string
	Type       string // the file's content type
	Content    []byte
}

// Pushed is a result link the store took.
type Pushed struct {
	IDNumber    string `json:"so_dinh_danh"`
	Code        string `json:"ma_ket_qua"`
	Name        string `json:"ten_giay_to"`
	Link        string `json:"duong_dan"`
	SHA256      string `json:"sha256"`
	IssuedAt    string `json:"ngay_cap"`
	Issuer      string `json:"co_quan_cap"`
	ValidUntil  string `json:"hieu_luc_den,omitempty"`
	DossierCode string `json:"ma_ho_so"`
}

// Store is the simulated national data store.
type Store struct {
	URL   string
	Token string

	srv       *httptest.Server
	mu        sync.Mutex
	docs      map[string]map[string]Document // identity number → id → document
	pushed    []Pushed
	calls     int
	failWith  int           // 0: answer; otherwise this status to every call
	refuseFor string        // a result code the store refuses (422)
	stall     time.Duration // wait before answering
	seq       int
	quit      chan struct{} // closed by Stop: a stalled call gives up
	stopOnce  sync.Once
}

// Start runs a store checking token until the test ends.
func Start(t testing.TB, token string) *Store {
	s := &Store{Token: token, docs: map[string]map[string]Document{}, quit: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /giay-to/tra-cuu", s.authorized(s.list))
	mux.HandleFunc("POST /giay-to/tep", s.authorized(s.file))
	mux.HandleFunc("POST /ket-qua", s.authorized(s.push))
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.Stop)
	s.URL = s.srv.URL
	return s
}

// Add keeps a document for idNumber and returns its id.
func (s *Store) Add(idNumber string, d Document) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	id := fmt.Sprintf("GT-%06d", s.seq)
	if s.docs[idNumber] == nil {
		s.docs[idNumber] = map[string]Document{}
	}
	s.docs[idNumber][id] = d
	return id
}

// Pushed lists the result links taken, in order.
func (s *Store) Pushed() []Pushed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Pushed(nil), s.pushed...)
}

// Calls counts the calls answered with the right token.
func (s *Store) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Fail makes every call answer status (0: work again).
func (s *Store) Fail(status int) {
	s.mu.Lock()
	s.failWith = status
	s.mu.Unlock()
}

// Refuse makes the store refuse pushes of one result code ("" none).
func (s *Store) Refuse(code string) {
	s.mu.Lock()
	s.refuseFor = code
	s.mu.Unlock()
}

// Stall makes every call wait d before answering.
func (s *Store) Stall(d time.Duration) {
	s.mu.Lock()
	s.stall = d
	s.mu.Unlock()
}

// Stop shuts the store down: calls find no one listening.
func (s *Store) Stop() {
	s.stopOnce.Do(func() {
		close(s.quit)
		s.srv.Close()
	})
}

func (s *Store) authorized(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+s.Token {
			http.Error(w, "invalid token", http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		s.calls++
		status, stall := s.failWith, s.stall
		s.mu.Unlock()
		if stall > 0 {
			select {
			case <-time.After(stall):
			case <-r.Context().Done():
				return
			case <-s.quit:
				return
			}
		}
		if status != 0 {
			http.Error(w, "the store is failing", status)
			return
		}
		h(w, r)
	}
}

type wire struct {
	ID         string `json:"id"`
	Name       string `json:"ten_giay_to"`
	Kind       string `json:"ma_ket_qua,omitempty"`
	Number     string `json:"so_ky_hieu,omitempty"`
	Issuer     string `json:"co_quan_chu_quan,omitempty"`
	IssuedAt   string `json:"ngay_cap"`
	ValidUntil string `json:"hieu_luc_den,omitempty"`
	FileName   string `json:"ten_tep"`
	Type       string `json:"kieu_tep"`
	Size       int    `json:"kich_thuoc"`
}

var vn = time.FixedZone("ICT", 7*3600)

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(vn).Format(time.RFC3339)
}

func (s *Store) list(w http.ResponseWriter, r *http.Request) {
	var q struct {
		IDNumber string `json:"so_dinh_danh"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&q); err != nil || q.IDNumber == "" {
		http.Error(w, "so_dinh_danh is required", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	out := []wire{}
	for id, d := range s.docs[q.IDNumber] {
		out = append(out, wire{ID: id, Name: d.Name, Kind: d.Kind, Number: d.Number, Issuer: d.Issuer, IssuedAt: stamp(d.IssuedAt),
			ValidUntil: stamp(d.ValidUntil), FileName: d.FileName, Type: d.Type, Size: len(d.Content)})
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"giay_to": out})
}

func (s *Store) file(w http.ResponseWriter, r *http.Request) {
	var q struct {
		IDNumber string `json:"so_dinh_danh"`
		ID       string `json:"id"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&q); err != nil || q.IDNumber == "" || q.ID == "" {
		http.Error(w, "so_dinh_danh and id are required", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	d, ok := s.docs[q.IDNumber][q.ID] // another person's document is not found either
	s.mu.Unlock()
	if !ok {
		http.Error(w, "no such document", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", d.Type)
	w.Header().Set("Content-Length", strconv.Itoa(len(d.Content)))
	w.Write(d.Content)
}

var link = regexp.MustCompile(`^https?://[^/\s]+/\S*$`)

func (s *Store) push(w http.ResponseWriter, r *http.Request) {
	var p Pushed
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 16384)).Decode(&p); err != nil {
		http.Error(w, "not JSON", http.StatusBadRequest)
		return
	}
	if msg := check(p); msg != "" {
		http.Error(w, msg, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.Code == s.refuseFor {
		http.Error(w, "the store refuses "+p.Code, http.StatusUnprocessableEntity)
		return
	}
	for _, old := range s.pushed {
		if old.Code == p.Code {
			w.WriteHeader(http.StatusOK) // held already: a repeated push is no error
			return
		}
	}
	s.pushed = append(s.pushed, p)
	w.WriteHeader(http.StatusCreated)
}

// check refuses a pushed result missing what the store needs.
func check(p Pushed) string {
	switch {
	case p.IDNumber == "" || p.Code == "" || p.Name == "" || p.DossierCode == "" || p.Issuer == "":
		return "so_dinh_danh, ma_ket_qua, ten_giay_to, ma_ho_so and co_quan_cap are required"
	case !link.MatchString(p.Link):
		return "duong_dan must be an http(s) link"
	}
	if b, err := hex.DecodeString(p.SHA256); err != nil || len(b) != 32 {
		return "sha256 must be 64 hexadecimal digits"
	}
	if !vnTime(p.IssuedAt) || (p.ValidUntil != "" && !vnTime(p.ValidUntil)) {
		return "ngay_cap and hieu_luc_den must be RFC 3339 times in +07:00"
	}
	return ""
}

// vnTime reports whether s is an RFC 3339 time in Vietnam's offset.
func vnTime(s string) bool {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return false
	}
	_, offset := t.Zone()
	return offset == 7*3600
}
