package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
	"github.com/motcua/motcua/web"
)

// fx is the fixture: the sample world (internal/testing/sample), built
// once per test binary as a template file that every test copies.
var fx sample.World

func TestMain(m *testing.M) { os.Exit(sample.Main(m, func(w sample.World) { fx = w })) }

// env is one test's server on its own copy of the fixture database.
type env struct {
	db    *store.DB
	srv   *httptest.Server
	files string // where citizens' uploads go
	site  *web.Server
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return serveEnv(t, sample.Open(t))
}

// onEachEngine runs test on a server over each engine's copy of the world.
func onEachEngine(t *testing.T, test func(t *testing.T, e *env)) {
	sample.OnEachEngine(t, func(t *testing.T, db *store.DB) { test(t, serveEnv(t, db)) })
}

// serveEnv serves the real mux on db, wrapped as cmd/motcua/serve.go does.
func serveEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	db.Now = func() time.Time { return sample.Now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	dir := t.TempDir()
	site := web.Mount(mux, db, log)
	site.Files = &files.Store{Dir: dir}
	api.Mount(mux, db, log).Limits = site.Limits // one bound for the portal's pages and its JSON, as serve has
	srv := httptest.NewServer(site.Handler(mux)) // as internal/server
	site.BaseURL = srv.URL                       // as serve on loopback: links from the listen address
	t.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	return &env{db: db, srv: srv, files: dir, site: site}
}

// page is one HTTP answer; redirects are not followed.
type page struct {
	status int
	header http.Header
	body   string
}

// browser sends requests the way a browser on the site would: with its
// session cookie (if logged in) and same-origin fetch metadata on POSTs.
type browser struct {
	e       *env
	cookie  string
	citizen string // the portal session's cookie
}

func (e *env) anonymous() *browser { return &browser{e: e} }

func (b *browser) do(t *testing.T, req *http.Request) page {
	t.Helper()
	if b.cookie != "" {
		req.AddCookie(&http.Cookie{Name: "motcua_session", Value: b.cookie})
	}
	if b.citizen != "" {
		req.AddCookie(&http.Cookie{Name: "motcua_citizen", Value: b.citizen})
	}
	// The bare transport: redirects are not followed and a Location header
	// is passed on as sent, even one a client would refuse to parse.
	res, err := b.e.srv.Client().Transport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	p := page{status: res.StatusCode, header: res.Header, body: string(body)}
	checkHTML(t, req, p)
	return p
}

// checkHTML holds every HTML answer of every test to two rules: the text is
// NFC, and full pages declare Vietnamese.
func checkHTML(t *testing.T, req *http.Request, p page) {
	t.Helper()
	if !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
		return
	}
	if !norm.NFC.IsNormalString(p.body) {
		t.Errorf("%s %s: HTML is not NFC", req.Method, req.URL.Path)
	}
	if strings.HasPrefix(p.body, "<!doctype html>") && !strings.Contains(p.body, `<html lang="vi">`) {
		t.Errorf("%s %s: page without <html lang=\"vi\">", req.Method, req.URL.Path)
	}
}

func (b *browser) get(t *testing.T, path string) page {
	t.Helper()
	req, err := http.NewRequest("GET", b.e.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b.do(t, req)
}

// post submits a form from a page of the site; extra headers override the
// browser's fetch metadata (for cross-origin attempts); an empty value
// removes the header.
func (b *browser) post(t *testing.T, path string, form url.Values, headers ...string) page {
	t.Helper()
	req, err := http.NewRequest("POST", b.e.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Del(headers[i])
		if headers[i+1] != "" {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return b.do(t, req)
}

// login logs the user in through the login form.
func (e *env) login(t *testing.T, u motcua.User) *browser {
	t.Helper()
	b := e.anonymous()
	p := b.post(t, "/login", url.Values{"username": {u.Username}, "password": {sample.Password}, "next": {"/worklist"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", u.Username, p.status)
	}
	b.cookie = sessionCookie(t, p)
	if strings.HasPrefix(p.header.Get("Location"), "/login/ma") {
		p = b.post(t, "/login/ma", url.Values{"code": {sample.TOTPCode(t, e.db, u)}, "next": {"/worklist"}})
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/worklist" {
			t.Fatalf("second factor of %s: status %d, location %q", u.Username, p.status, p.header.Get("Location"))
		}
		b.cookie = sessionCookie(t, p) // the complete session's new token
	}
	return b
}

func sessionCookie(t *testing.T, p page) string {
	t.Helper()
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		if c.Name == "motcua_session" && c.Value != "" {
			return c.Value
		}
	}
	t.Fatalf("no session cookie in %v", p.header["Set-Cookie"])
	return ""
}

func wantStatus(t *testing.T, p page, status int) {
	t.Helper()
	if p.status != status {
		t.Fatalf("status = %d, want %d; body:\n%s", p.status, status, excerpt(p.body))
	}
}

func wantRedirect(t *testing.T, p page, location string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.header.Get("Location") != location {
		t.Fatalf("answer = %d to %q, want 303 to %q; body:\n%s", p.status, p.header.Get("Location"), location, excerpt(p.body))
	}
}

func wantContains(t *testing.T, p page, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if !strings.Contains(p.body, s) {
			t.Errorf("page lacks %q; body:\n%s", s, excerpt(p.body))
		}
	}
}

func wantLacks(t *testing.T, p page, parts ...string) {
	t.Helper()
	for _, s := range parts {
		if strings.Contains(p.body, s) {
			t.Errorf("page contains %q but must not", s)
		}
	}
}

func excerpt(s string) string {
	if i := strings.Index(s, "<main>"); i >= 0 {
		s = s[i:]
	}
	if len(s) > 3000 {
		s = s[:3000] + "…"
	}
	return s
}

// actions lists the action forms the dossier page offers.
func actions(p page) []string {
	var out []string
	for _, m := range regexp.MustCompile(`name="type" value="([a-z_]+)"`).FindAllStringSubmatch(p.body, -1) {
		out = append(out, m[1])
	}
	return out
}

// counts returns how many dossiers and events the database holds.
func (e *env) counts(t *testing.T) [2]int { return sample.LedgerSize(t, e.db) }

func (e *env) wantCounts(t *testing.T, want [2]int) { sample.WantLedgerSize(t, e.db, want) }

// intakeForm is a complete intake of the birth procedure at unit.
func intakeForm(unit int64, name string) url.Values {
	return url.Values{
		"procedure": {strconv.FormatInt(fx.Birth.ID, 10)},
		"unit":      {strconv.FormatInt(unit, 10)},
		"name":      {name},
		"id_number": {"066123456789"},
		"address":   {"Thôn 1, xã Đắk Lao"},
		"phone":     {"0912345678"},
		"channel":   {"counter"},
		"doc":       {"0"},
		"count_0":   {"1"},
		"sets":      {"1"},
	}
}

var dossierLocation = regexp.MustCompile(`^/dossiers/(\d+)\?accepted=1$`)

// accept files a dossier through the intake form and returns its id.
func (b *browser) accept(t *testing.T, unit int64, name string) int64 {
	t.Helper()
	p := b.post(t, "/intake", intakeForm(unit, name))
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// dossier reads the stored projection of a dossier.
func (e *env) dossier(t *testing.T, id int64) (code string, step, version int) {
	t.Helper()
	r := e.stored(t, id)
	return r.Code, r.Step, r.Version
}

// stored reads the dossier's row as stored, without an audited read.
func (e *env) stored(t *testing.T, id int64) storetest.DossierRow {
	t.Helper()
	r, err := storetest.Dossier(t.Context(), e.db, id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// act submits an action form of the dossier page.
func (b *browser) act(t *testing.T, id int64, typ string, version int) page {
	t.Helper()
	return b.post(t, fmt.Sprintf("/dossiers/%d/actions", id), url.Values{"type": {typ}, "version": {strconv.Itoa(version)}})
}

// acceptTracked files a dossier at commune A's counter and returns it with
// the code and secret its receipt gives the citizen to track it.
func (e *env) acceptTracked(t *testing.T, name string) (id int64, code, secret string) {
	t.Helper()
	id = e.login(t, fx.CounterA).accept(t, fx.UnitA.ID, name)
	r := e.stored(t, id)
	return id, r.Code, r.TrackingSecret
}

// track opens the public tracking page with a code and a secret.
func (b *browser) track(t *testing.T, code, secret string) page {
	t.Helper()
	return b.get(t, "/tra-cuu?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
}

// trackJSON asks the public tracking API with a code and a secret.
func (b *browser) trackJSON(t *testing.T, code, secret string) page {
	t.Helper()
	return b.get(t, "/api/v1/track?"+url.Values{"code": {code}, "secret": {secret}}.Encode())
}

// newCounterForm is the accounts page's form creating a counter officer of
// commune A.
func newCounterForm(username, fullName, password string) url.Values {
	return url.Values{"username": {username}, "full_name": {fullName}, "role": {"counter"},
		"unit": {strconv.FormatInt(fx.UnitA.ID, 10)}, "password": {password}}
}

// importOpen imports n open dossiers of the birth procedure at commune A
// from the register book, accepted a minute apart from start, each due a
// day after it was accepted.
func (e *env) importOpen(t *testing.T, n int, start time.Time) {
	t.Helper()
	entries := make([]motcua.RegisterEntry, n)
	for i := range entries {
		at := start.Add(time.Duration(i) * time.Minute)
		entries[i] = motcua.RegisterEntry{Row: i + 2, Code: fmt.Sprintf("%s-%s-%05d", fx.UnitA.Code, start.In(motcua.VN).Format("060102"), i+1),
			ProcedureCode: fx.Birth.Code, UnitCode: fx.UnitA.Code, Channel: motcua.ChannelCounter, Applicant: "Nguyễn Văn An",
			AcceptedAt: at, DueAt: at.AddDate(0, 0, 1)}
	}
	if _, err := e.db.ImportRegister(t.Context(), entries, store.RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
}
