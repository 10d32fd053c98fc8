package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/files"
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
	dir, err := os.MkdirTemp("", "motcua-web-test-")
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
	db    *store.DB
	srv   *httptest.Server
	files string // where citizens' uploads go
	site  *web.Server
}

func newEnv(t *testing.T) *env {
	t.Helper()
	return serveEnv(t, copyFixture(t))
}

// copyFixture opens the test's own copy of the fixture database.
func copyFixture(t *testing.T) *store.DB {
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
	return db
}

// serveEnv serves the real mux on db, wrapped as cmd/motcua/serve.go does.
func serveEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	db.Now = func() time.Time { return fixedNow }
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
	p := b.post(t, "/login", url.Values{"username": {u.Username}, "password": {testPassword}, "next": {"/worklist"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", u.Username, p.status)
	}
	b.cookie = sessionCookie(t, p)
	if strings.HasPrefix(p.header.Get("Location"), "/login/ma") {
		p = b.post(t, "/login/ma", url.Values{"code": {totpCode(t, e.db, u)}, "next": {"/worklist"}})
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

// intakeForm is a complete intake of the birth procedure at unit.
func intakeForm(unit int64, name string) url.Values {
	return url.Values{
		"procedure": {strconv.FormatInt(fx.birth.ID, 10)},
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
	err := e.db.SQL().QueryRow(e.db.Rebind("SELECT code, step, version FROM dossiers WHERE id = ?"), id).Scan(&code, &step, &version)
	if err != nil {
		t.Fatal(err)
	}
	return code, step, version
}

// act submits an action form of the dossier page.
func (b *browser) act(t *testing.T, id int64, typ string, version int) page {
	t.Helper()
	return b.post(t, fmt.Sprintf("/dossiers/%d/actions", id), url.Values{"type": {typ}, "version": {strconv.Itoa(version)}})
}
