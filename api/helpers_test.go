package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// fx is the fixture: the sample world (internal/testing/sample), built
// once per test binary as a template file that every test copies.
var fx sample.World

func TestMain(m *testing.M) { os.Exit(sample.Main(m, func(w sample.World) { fx = w })) }

// env is one test's server on its own copy of the fixture database.
type env struct {
	db  *store.DB
	srv *httptest.Server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return serveEnv(t, sample.Open(t))
}

// onEachEngine runs test on a server over each engine's copy of the world.
func onEachEngine(t *testing.T, test func(t *testing.T, e *env)) {
	sample.OnEachEngine(t, func(t *testing.T, db *store.DB) { test(t, serveEnv(t, db)) })
}

// serveEnv serves the real mux on db, wrapped as cmd/motcua/serve.go does.
func serveEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	db.Now = func() time.Time { return sample.Now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	api.Mount(mux, db, log)
	site := web.Mount(mux, db, log)
	srv := httptest.NewServer(site.Handler(mux)) // as internal/server
	t.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	return &env{db: db, srv: srv}
}

// response is a decoded API answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
}

// apiError decodes the error envelope, failing unless the answer is one.
func (r response) apiError(t *testing.T) api.ErrorBody {
	t.Helper()
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error Content-Type = %q, want application/json; body %s", ct, r.body)
	}
	var e api.ErrorBody
	r.decode(t, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("error body without code or message: %s", r.body)
	}
	return e
}

// wantError checks status, code and (if not "") field of an error answer.
func (r response) wantError(t *testing.T, status int, code, field string) api.ErrorBody {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.body)
	}
	e := r.apiError(t)
	if e.Error.Code != code || e.Error.Field != field {
		t.Fatalf("error code/field = %q/%q, want %q/%q; body %s", e.Error.Code, e.Error.Field, code, field, r.body)
	}
	return e
}

// do sends a request with an optional bearer token and a raw body.
func (e *env) do(t testing.TB, token, method, path string, body []byte) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) doJSON(t testing.TB, token, method, path string, v any) response {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return e.do(t, token, method, path, b)
}

// login returns a bearer token for the user.
func (e *env) login(t testing.TB, u motcua.User) string {
	t.Helper()
	body := map[string]string{"username": u.Username, "password": sample.Password}
	if u.ID == fx.LeaderA.ID || u.ID == fx.Admin.ID {
		body["code"] = sample.TOTPCode(t, e.db, u)
	}
	res := e.doJSON(t, "", "POST", "/api/v1/sessions", body)
	if res.status != http.StatusCreated {
		t.Fatalf("login %s: status %d, body %s", u.Username, res.status, res.body)
	}
	var out struct{ Token string }
	res.decode(t, &out)
	if out.Token == "" {
		t.Fatalf("login %s: no token in %s", u.Username, res.body)
	}
	return out.Token
}

// counts returns how many dossiers and events the database holds.
func (e *env) counts(t *testing.T) [2]int { return sample.LedgerSize(t, e.db) }

func (e *env) wantCounts(t *testing.T, want [2]int) { sample.WantLedgerSize(t, e.db, want) }

// intake is a valid intake body for the birth procedure at unit.
func intake(unit int64, name string) map[string]any {
	return map[string]any{
		"procedure_id": fx.Birth.ID,
		"unit_id":      unit,
		"channel":      "counter",
		"applicant":    map[string]any{"name": name, "id_number": "066123456789", "phone": "0912345678", "address": "Thôn 1, xã Đắk Lao"},
		"documents":    []map[string]any{{"name": "Tờ khai (theo mẫu)", "kind": "original", "count": 1}},
		"sets":         1,
	}
}

// accept files a dossier at unit through the API and returns it.
func (e *env) accept(t testing.TB, token string, unit int64, name string) api.Dossier {
	t.Helper()
	res := e.doJSON(t, token, "POST", "/api/v1/dossiers", intake(unit, name))
	if res.status != http.StatusCreated {
		t.Fatalf("accept: status %d, body %s", res.status, res.body)
	}
	var d api.Dossier
	res.decode(t, &d)
	return d
}

// act posts an action and returns the answer.
func (e *env) act(t *testing.T, token, code string, req api.ActionRequest) response {
	t.Helper()
	return e.doJSON(t, token, "POST", "/api/v1/dossiers/"+code+"/actions", req)
}

// mustAct posts an action that must succeed and returns the new dossier.
func (e *env) mustAct(t *testing.T, token, code string, req api.ActionRequest) api.Dossier {
	t.Helper()
	res := e.act(t, token, code, req)
	if res.status != http.StatusOK {
		t.Fatalf("%s on %s (version %d): status %d, body %s", req.Type, code, req.Version, res.status, res.body)
	}
	var d api.Dossier
	res.decode(t, &d)
	if d.Version != req.Version+1 {
		t.Fatalf("%s: version %d after acting on version %d", req.Type, d.Version, req.Version)
	}
	return d
}

// clientOfA creates an external system's client scoped to commune A with
// the actions granted, and returns its key.
func (e *env) clientOfA(t testing.TB, name string, actions ...motcua.ClientAction) string {
	t.Helper()
	key, _, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: name, UnitCodes: []string{fx.UnitA.Code}, Actions: actions})
	if err != nil {
		t.Fatal(err)
	}
	return key
}
