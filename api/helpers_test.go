package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/totp"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/web"
)

// The fixture: a district with communes A and B, a commune procedure whose
// workflow sums to its legal time (1 working day = 450 minutes), and users
// per role. Hashing passwords costs ~100 ms per user, so TestMain builds the
// database once as a template file and every test copies it into its own
// t.TempDir() and opens the copy through store.Open.

const testPassword = "mat-khau-thu-nghiem"

// fixedNow is the server clock in every test: Tuesday 05/03/2024 09:00 in
// Vietnam, given in UTC with nanoseconds as time.Now returns it on a server
// whose local zone is UTC.
var fixedNow = time.Date(2024, 3, 5, 2, 0, 0, 123456789, time.UTC)

var fx struct {
	path                     string
	district, unitA, unitB   motcua.Unit
	birth, marriage          motcua.Procedure
	counterA, specialistA    motcua.User
	leaderA, counterB, admin motcua.User
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "motcua-api-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := 1
	if err := buildTemplate(filepath.Join(dir, "template.db")); err != nil {
		fmt.Fprintln(os.Stderr, "building the test database:", err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

func buildTemplate(path string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := buildFixture(ctx, db); err != nil {
		return err
	}
	if err := db.Checkpoint(ctx); err != nil {
		return err
	}
	fx.path = path
	return nil
}

// buildFixture creates the fixture's units, procedures and users. Ids come
// out the same on every fresh database, so fx serves both engines.
func buildFixture(ctx context.Context, db *store.DB) error {
	db.Now = func() time.Time { return fixedNow }
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)
	fx.district = motcua.Unit{Code: "000.00.33.H17", Name: "Ủy ban nhân dân huyện Đắk Mil", Kind: motcua.UnitDistrict, ValidFrom: from}
	if err := db.CreateUnit(ctx, &fx.district); err != nil {
		return err
	}
	fx.unitA = motcua.Unit{Code: "000.22.33.H17", Name: "Ủy ban nhân dân xã Đắk Lao", Kind: motcua.UnitCommune, ParentID: fx.district.ID, ValidFrom: from}
	fx.unitB = motcua.Unit{Code: "000.24.33.H17", Name: "Ủy ban nhân dân xã Đắk Gằn", Kind: motcua.UnitCommune, ParentID: fx.district.ID, ValidFrom: from}
	for _, u := range []*motcua.Unit{&fx.unitA, &fx.unitB} {
		if err := db.CreateUnit(ctx, u); err != nil {
			return err
		}
	}
	steps := []motcua.WorkflowStep{
		{Name: "Tiếp nhận hồ sơ", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
		{Name: "Thẩm tra hồ sơ", Role: motcua.RoleSpecialist, Unit: motcua.AtDeciding, Minutes: 300},
		{Name: "Ký kết quả", Role: motcua.RoleLeader, Unit: motcua.AtDeciding, Minutes: 90},
		{Name: "Trả kết quả", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 30},
	}
	docs := []motcua.RequiredDocument{{Name: "Tờ khai (theo mẫu)", Kind: motcua.DocOriginal, Count: 1}}
	fx.birth = motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Documents: docs, Steps: steps}
	fx.marriage = motcua.Procedure{Code: "1.000894", Name: "Đăng ký kết hôn", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial, Documents: docs, Steps: steps}
	for _, p := range []*motcua.Procedure{&fx.birth, &fx.marriage} {
		if err := db.CreateProcedure(ctx, p); err != nil {
			return err
		}
	}
	users := []struct {
		u    *motcua.User
		name string
		role motcua.Role
		unit int64
	}{
		{&fx.counterA, "motcua.a", motcua.RoleCounter, fx.unitA.ID},
		{&fx.specialistA, "chuyenvien.a", motcua.RoleSpecialist, fx.unitA.ID},
		{&fx.leaderA, "lanhdao.a", motcua.RoleLeader, fx.unitA.ID},
		{&fx.counterB, "motcua.b", motcua.RoleCounter, fx.unitB.ID},
		{&fx.admin, "quantri", motcua.RoleAdmin, fx.district.ID},
	}
	for i, x := range users {
		*x.u = motcua.User{Username: x.name, FullName: fmt.Sprintf("Cán bộ %d", i+1), Grants: []motcua.Grant{{Role: x.role, UnitID: x.unit}}}
		if err := db.CreateUser(ctx, x.u, testPassword); err != nil {
			return err
		}
		if x.role == motcua.RoleLeader || x.role == motcua.RoleAdmin { // they must use a second factor
			if _, err := db.SQL().ExecContext(ctx, db.Rebind(`UPDATE users SET totp_secret = ? WHERE id = ?`), testTOTP, x.u.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// testTOTP is the authenticator secret of the fixture's leaders and
// administrators.
const testTOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

// totpCode is the code their app shows at the fixture's clock. The store
// takes each step once, so a test logging the same user in again first
// forgets the step taken.
func totpCode(t testing.TB, db *store.DB, u motcua.User) string {
	t.Helper()
	if _, err := db.SQL().Exec(db.Rebind(`UPDATE users SET totp_step = 0 WHERE id = ?`), u.ID); err != nil {
		t.Fatal(err)
	}
	code, err := totp.Code(testTOTP, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// env is one test's server on its own copy of the fixture database.
type env struct {
	db  *store.DB
	srv *httptest.Server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	data, err := os.ReadFile(fx.path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "motcua.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return serveEnv(t, db)
}

// serveEnv serves the real mux on db, wrapped as cmd/motcua/serve.go does.
func serveEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	db.Now = func() time.Time { return fixedNow }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	api.Mount(mux, db, log)
	web.Mount(mux, db, log)
	srv := httptest.NewServer(web.Handler(mux)) // as cmd/motcua/serve.go
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
	body := map[string]string{"username": u.Username, "password": testPassword}
	if u.ID == fx.leaderA.ID || u.ID == fx.admin.ID {
		body["code"] = totpCode(t, e.db, u)
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
func (e *env) counts(t *testing.T) [2]int {
	t.Helper()
	var c [2]int
	for i, table := range []string{"dossiers", "events"} {
		if err := e.db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func (e *env) wantCounts(t *testing.T, want [2]int) {
	t.Helper()
	if got := e.counts(t); got != want {
		t.Fatalf("(dossiers, events) = %v, want %v: a rejected request wrote to the ledger", got, want)
	}
}

// intake is a valid intake body for the birth procedure at unit.
func intake(unit int64, name string) map[string]any {
	return map[string]any{
		"procedure_id": fx.birth.ID,
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
