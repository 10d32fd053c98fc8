// Package dvcqgtest runs, on loopback, a national co-ordination system of
// the shape documented in package dvcqg, for tests: it checks the token
// and every record (a procedure its catalogue does not know, a malformed
// field, a file link that does not resolve are refused with the reason),
// keeps the latest record of each dossier, can be told to fail for a
// while (an outage), and gives back what it holds as motcua's records so
// a test can compute the score from what was sent. The other way, it
// pushes dossiers citizens filed on it (Push) and serves the list of them
// that motcua pulls (File, PullURL).
package dvcqgtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
)

// Portal is the national side.
type Portal struct {
	URL     string
	PullURL string // the list of filed dossiers motcua pulls (dvcqg.Puller)
	Token   string
	// Links, when set, fetches every file link of a record (components and
	// results) before taking it: a link that does not answer 200 refuses
	// the record. Nil: links are not followed.
	Links *http.Client

	mu        sync.Mutex
	catalogue map[string]dvcqg.Procedure
	held      map[string]dvcqg.Item // the latest record of each dossier
	batches   int                   // batches taken
	fail      int                   // batches still to refuse
	down      bool                  // an outage: every batch refused
	files     map[string][]byte     // what the portal serves under /tep/, by name
	base      string
	refusals  map[string]string // MaHoSo → the last refusal's reason
	filed     []dvcqg.HoSoDen   // dossiers citizens filed here, in order: the pull's list
	pulls     int               // pages of the list served
}

// Start runs the national side until the test ends.
func Start(t testing.TB, token string) *Portal {
	p := &Portal{Token: token, catalogue: map[string]dvcqg.Procedure{}, held: map[string]dvcqg.Item{}, refusals: map[string]string{},
		files: map[string][]byte{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/dongbohoso", p.serve)
	mux.HandleFunc("GET /tep/{name}", p.serveFile)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("GET /hosoden", p.serveFiled)
	p.base, p.URL, p.PullURL = srv.URL, srv.URL+"/dongbohoso", srv.URL+"/hosoden"
	return p
}

// Offer serves a file citizens uploaded on the national portal, for a
// pushed dossier's TaiLieuNop, and returns its link.
func (p *Portal) Offer(name string, content []byte) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[name] = content
	return p.base + "/tep/" + name
}

func (p *Portal) serveFile(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	content, ok := p.files[r.PathValue("name")]
	p.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(content)
}

// Push sends a dossier filed on the national portal to motcua's inbound
// endpoint at url, signed with secret as the national side does (dvcqg.Sign).
func (p *Portal) Push(url string, secret []byte, h dvcqg.HoSoDen) (int, dvcqg.InboundAnswer, error) {
	body, err := json.Marshal(h)
	if err != nil {
		return 0, dvcqg.InboundAnswer{}, err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, dvcqg.InboundAnswer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-DVCQG-Timestamp", ts)
	req.Header.Set("X-DVCQG-Signature", dvcqg.Sign(secret, ts, body))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, dvcqg.InboundAnswer{}, err
	}
	defer res.Body.Close()
	var a dvcqg.InboundAnswer
	err = json.NewDecoder(res.Body).Decode(&a)
	return res.StatusCode, a, err
}

// Know adds a procedure to the national catalogue; a record of a
// procedure it does not know is refused.
func (p *Portal) Know(code string, facts dvcqg.Procedure) {
	p.mu.Lock()
	p.catalogue[code] = facts
	p.mu.Unlock()
}

// FailNext refuses the next n batches with 503.
func (p *Portal) FailNext(n int) {
	p.mu.Lock()
	p.fail = n
	p.mu.Unlock()
}

// Down starts (true) or ends (false) an outage: every batch meanwhile is
// refused with 503.
func (p *Portal) Down(down bool) {
	p.mu.Lock()
	p.down = down
	p.mu.Unlock()
}

func (p *Portal) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.Header.Get("Authorization") != "Bearer "+p.Token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if p.unavailable() {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	var batch []dvcqg.Item
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad json: "+err.Error(), http.StatusBadRequest)
		return
	}
	answers := make([]dvcqg.Answer, 0, len(batch))
	for _, it := range batch {
		answers = append(answers, p.take(it))
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(answers)
}

func (p *Portal) unavailable() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		return true
	}
	if p.fail > 0 {
		p.fail--
		return true
	}
	p.batches++
	return false
}

// take checks one record and keeps it, or answers why not.
func (p *Portal) take(it dvcqg.Item) dvcqg.Answer {
	code := it.HoSo.MaHoSo
	reason := p.check(it)
	p.mu.Lock()
	defer p.mu.Unlock()
	if reason != "" {
		p.refusals[code] = reason
		return dvcqg.Answer{MaHoSo: code, ErrorCode: "1", Message: reason}
	}
	delete(p.refusals, code)
	p.held[code] = it
	return dvcqg.Answer{MaHoSo: code, ErrorCode: "0", Message: "Thành công"}
}

func (p *Portal) check(it dvcqg.Item) string {
	h := it.HoSo
	if h.MaHoSo == "" {
		return "Thiếu MaHoSo"
	}
	p.mu.Lock()
	facts, known := p.catalogue[h.MaTTHC]
	p.mu.Unlock()
	if !known {
		return fmt.Sprintf("MaTTHC %q không có trong Cơ sở dữ liệu quốc gia về TTHC", h.MaTTHC)
	}
	rec, err := dvcqg.FromNational(it, facts)
	if err != nil {
		return err.Error()
	}
	waiting := rec.State == motcua.StateSupplement && !rec.SubmittedAt.IsZero() // filed, additions asked before acceptance
	if rec.AcceptedAt.IsZero() && !rec.Refused && !waiting {
		return "Thiếu NgayTiepNhan"
	}
	return p.checkLinks(rec)
}

func (p *Portal) checkLinks(rec motcua.NationalRecord) string {
	if p.Links == nil {
		return ""
	}
	var links []string
	for _, c := range rec.Components {
		links = append(links, c.FileURL)
	}
	for _, r := range rec.Results {
		links = append(links, r.FileURL)
	}
	for _, l := range links {
		if l == "" {
			continue
		}
		res, err := p.Links.Get(l)
		if err != nil {
			return fmt.Sprintf("Không tải được tệp %s: %v", l, err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Sprintf("Không tải được tệp %s: %s", l, res.Status)
		}
	}
	return ""
}

// Records returns the latest record of each dossier it holds, by code,
// read back through the national catalogue.
func (p *Portal) Records() ([]motcua.NationalRecord, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	codes := make([]string, 0, len(p.held))
	for c := range p.held {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]motcua.NationalRecord, 0, len(codes))
	for _, c := range codes {
		it := p.held[c]
		rec, err := dvcqg.FromNational(it, p.catalogue[it.HoSo.MaTTHC])
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// Held returns the latest record of a dossier as it was sent, and whether
// there is one.
func (p *Portal) Held(code string) (dvcqg.Item, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	it, ok := p.held[code]
	return it, ok
}

// Refusal is the reason the last record of a dossier was refused; "" when
// its last record was taken or none came.
func (p *Portal) Refusal(code string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refusals[code]
}

// Batches counts the batches it answered (not those refused by an outage).
func (p *Portal) Batches() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.batches
}

// File records a dossier a citizen filed on the national portal: it is in
// the list motcua pulls from then on, whether or not it was pushed.
func (p *Portal) File(h dvcqg.HoSoDen) {
	p.mu.Lock()
	p.filed = append(p.filed, h)
	p.mu.Unlock()
}

// Pulls counts the pages of the list it served.
func (p *Portal) Pulls() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.pulls
}

// serveFiled serves the list of filed dossiers from the cursor (here the
// position in the list, as a string; opaque to motcua), soLuong at a time;
// an outage (Down) refuses it as it refuses the sync.
func (p *Portal) serveFiled(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+p.Token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.down {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	from, _ := strconv.Atoi(r.URL.Query().Get("tu"))
	n, _ := strconv.Atoi(r.URL.Query().Get("soLuong"))
	if from < 0 || from > len(p.filed) || n <= 0 {
		http.Error(w, "bad cursor or page size", http.StatusBadRequest)
		return
	}
	to := min(from+n, len(p.filed))
	p.pulls++
	page := dvcqg.PullPage{DanhSachHoSo: append([]dvcqg.HoSoDen{}, p.filed[from:to]...), TiepTheo: strconv.Itoa(to), ConNua: to < len(p.filed)}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(page)
}
