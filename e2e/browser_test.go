package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/totp"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const demoPassword = "mat-khau-e2e"

// chromiumPath finds the browser, or skips the test when there is none and
// the environment does not require one (MOTCUA_REQUIRE_BROWSER=1 in CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const hint = "no chromium, chromium-browser or google-chrome in PATH; install it with: apt-get update && apt-get install -y chromium"
	if os.Getenv("MOTCUA_REQUIRE_BROWSER") == "1" {
		t.Fatal("MOTCUA_REQUIRE_BROWSER=1 but " + hint)
	}
	t.Skip("browser tests skipped: " + hint)
	return ""
}

// newBrowser starts a headless Chromium for the test; the whole test must
// finish within limit.
func newBrowser(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path := chromiumPath(t)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), limit)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { // before t.TempDir removes the profile
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return browserCtx
}

// serve starts the real server as motcua serve starts it (server.Main)
// on db, listening on a free loopback port.
func serve(t *testing.T, db *store.DB) *running {
	t.Helper()
	return start(t, &server.Main{DB: db})
}

// running is a server a test started.
type running struct {
	URL string // its public address: on loopback, the listen address
}

// start runs m on a free loopback port, its uploads in the test's
// directory, its log and console output discarded, until the test ends;
// configure changes the default configuration first (signing keys…).
func start(t *testing.T, m *server.Main, configure ...func(*server.Config)) *running {
	t.Helper()
	m.Config = server.DefaultConfig()
	m.Config.Addr = "127.0.0.1:0"
	m.Config.FilesDir = t.TempDir()
	for _, c := range configure {
		c(&m.Config)
	}
	m.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	m.Stdout = io.Discard
	if err := m.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return &running{URL: m.URL()}
}

func openDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "motcua.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openDemo opens a fresh database holding the demo as opt seeds it (as at
// the present instant unless opt.Now says), every account's password
// demoPassword.
func openDemo(t *testing.T, opt demo.Options) (*store.DB, []demo.Account) {
	t.Helper()
	db := openDB(t)
	opt.Password = demoPassword
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	accounts, err := demo.Seed(context.Background(), db, opt)
	if err != nil {
		t.Fatal(err)
	}
	return db, accounts
}

// tab drives one browser tab and reports where it was when a step failed.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func (b tab) fail(what string, err error) {
	b.t.Helper()
	state, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](
		`location.href + "\n" + (document.querySelector("main") ? document.querySelector("main").innerText.slice(0, 1500) : "")`))
	b.t.Fatalf("%s: %v\nbrowser at: %s", what, err, state)
}

// do runs actions that do not navigate.
func (b tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fail(what, err)
	}
}

// navigate runs actions that load a page and checks that it loaded with 200
// at a path matching the regular expression.
func (b tab) navigate(what, path string, actions ...chromedp.Action[chromedp.Void]) *url.URL {
	b.t.Helper()
	res, err := chromedp.RunResponse(b.ctx, actions...)
	if err != nil {
		b.fail(what, err)
	}
	u, err := url.Parse(res.URL)
	if err != nil || res.Status != http.StatusOK || !regexp.MustCompile("^"+path+"$").MatchString(u.Path) {
		b.fail(what, fmt.Errorf("loaded %s with status %d, want %s with 200", res.URL, res.Status, path))
	}
	return u
}

func (b tab) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.fail("reading "+sel, err)
	}
	return strings.TrimSpace(s)
}

func (b tab) eval(what, js string) bool {
	b.t.Helper()
	ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
	if err != nil {
		b.fail(what, err)
	}
	return ok
}

// evalSoon is eval asked again for up to two seconds until it holds: the
// browser applies some things after the load event the navigation waited
// for (autofocus moves the focus at its next rendering opportunity).
func (b tab) evalSoon(what, js string) bool {
	b.t.Helper()
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if b.eval(what, js) || time.Now().After(deadline) {
			return b.eval(what, js)
		}
	}
}

func (b tab) login(srv *running, username string) {
	b.t.Helper()
	// Each role lands on the first page of its own menu (counter: intake,
	// specialist and leader: worklist, administrator: accounts).
	const landing = "(/worklist|/intake|/staff)"
	b.navigate("open the login page", "/login", chromedp.Navigate(srv.URL+"/login"))
	b.do("type the credentials",
		chromedp.SendKeys(chromedp.ID("username"), username),
		chromedp.SendKeys(chromedp.ID("password"), demoPassword))
	u := b.navigate("log in as "+username, "("+landing+"|/login/cai-dat|/login/ma)", chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if u.Path == "/login/cai-dat" {
		// A leader's first login: set up the authenticator as the officer
		// would, from the key the page shows, and keep the recovery codes.
		secret := b.text("#secret")
		code, err := totp.Code(secret, time.Now())
		if err != nil {
			b.fail("the key shown", err)
		}
		b.do("type the app's first code", chromedp.SendKeys(chromedp.ID("code"), code))
		b.navigate("confirm the app", "/login/cai-dat", chromedp.Click(chromedp.CSS(`form[action="/login/cai-dat"] button`)))
		if codes := strings.Fields(b.text("#recovery")); len(codes) != 10 {
			b.fail("the recovery codes", fmt.Errorf("%d codes: %v", len(codes), codes))
		}
		b.navigate("continue to the first page", landing, chromedp.Click(chromedp.CSS(`a.button`)))
	} else if u.Path == "/login/ma" {
		b.fail("log in as "+username, fmt.Errorf("asks for a code from an app this test did not set up"))
	}
}

// demoUnitCode is the code of the unit of a demo account.
func demoUnitCode(t *testing.T, db *store.DB, accounts []demo.Account, username string) string {
	t.Helper()
	units, err := db.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		for _, u := range units {
			if a.Username == username && u.Name == a.Unit {
				return u.Code
			}
		}
	}
	t.Fatalf("demo has no account %s with a unit", username)
	return ""
}

// demoProcedure is the commune procedure with the national code.
func demoProcedure(t *testing.T, db *store.DB, code string) *motcua.Procedure {
	t.Helper()
	procs, err := db.SearchProcedures(context.Background(), code, motcua.LevelCommune, 5)
	if err != nil || len(procs) != 1 {
		t.Fatalf("procedure %s in the demo catalogue: %v %v", code, procs, err)
	}
	return procs[0]
}

// storedLedger lists a dossier's events as "type by username", in order.
func storedLedger(t *testing.T, db *store.DB, code string) []string {
	t.Helper()
	events, err := storetest.DossierEvents(context.Background(), db, code)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Type+" by "+e.Username)
	}
	return out
}

// currentStep is the index of the highlighted workflow step on a dossier page.
const currentStep = `[...document.querySelectorAll("ol.steps li")].findIndex(li => li.classList.contains("current"))`

// The acceptance test of the foundation: a counter officer receives a
// dossier through the browser and a specialist takes it over.
func TestCounterAcceptsAndSpecialistHandsOver(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	started := time.Now()
	db, accounts := openDemo(t, demo.Options{Dossiers: 50})
	t.Logf("demo seeded in %s", time.Since(started).Round(time.Millisecond))
	const counter, specialist = "motcua.thuanan", "chuyenvien.thuanan"
	unitCode, birth := demoUnitCode(t, db, accounts, counter), demoProcedure(t, db, "1.001193")
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}

	b.login(srv, counter)
	if got := b.text(`header nav a[href="/intake"]`); got != "Tiếp nhận hồ sơ" {
		t.Fatalf("intake link reads %q", got)
	}
	b.navigate("go to intake", "/intake", chromedp.Click(chromedp.CSS(`header nav a[href="/intake"]`)))

	// Live search (htmx): the list narrows while typing, without a page load.
	onlyBirth := `(() => { const a = [...document.querySelectorAll("#procedure-list li a")];
		return a.length > 0 && a.every(x => x.textContent.includes("khai sinh")) &&
			a.some(x => x.getAttribute("href") === "/intake?procedure=` + fmt.Sprint(birth.ID) + `"); })()`
	if b.eval("read the initial list", onlyBirth) {
		t.Fatal("the unfiltered list already holds only birth registrations: the search would prove nothing")
	}
	b.do("type the search", chromedp.SendKeys(chromedp.ID("q"), "dang ky khai sinh"))
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](onlyBirth+` && location.search === ""`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		b.fail("wait for the live search results", err)
	}
	// Submitting the search form works too, as a plain GET.
	u := b.navigate("submit the search", "/intake", chromedp.SendKeys(chromedp.ID("q"), kb.Enter))
	if u.Query().Get("q") != "dang ky khai sinh" || !b.eval("read the submitted search", onlyBirth) {
		t.Fatalf("submitted search at %s does not list only birth registrations", u)
	}

	b.navigate("choose the procedure", "/intake",
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#procedure-list a[href="/intake?procedure=%d"]`, birth.ID))))
	b.do("fill the intake form",
		chromedp.WaitVisible(chromedp.ID("intake-form")),
		chromedp.SendKeys(chromedp.ID("name"), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.ID("id_number"), "066123456789"))
	u = b.navigate("accept the dossier", `/dossiers/\d+`, chromedp.Click(chromedp.ID("accept")))
	if u.RawQuery != "accepted=1" {
		t.Fatalf("after intake the browser is at %s, want /dossiers/{id}?accepted=1", u)
	}
	dossierPath := u.Path
	code, due := b.text("#dossier-code"), b.text("#dossier-due")
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(unitCode) + `-\d{6}-\d{4}$`).MatchString(code) {
		t.Errorf("dossier code %q does not match %s-YYMMDD-NNNN", code, unitCode)
	}
	row, err := storetest.DossierByCode(context.Background(), db, code)
	if err != nil {
		t.Fatalf("dossier %s not stored: %v", code, err)
	}
	name := row.ApplicantName
	if want := motcua.FormatDateTime(row.DueAt); due != want {
		t.Errorf("page shows due %q, stored due is %q", due, want)
	}
	if name != "Nguyễn Thị Hoa" {
		t.Errorf("stored applicant %q (%+q), want NFC Nguyễn Thị Hoa", name, name)
	}

	b.navigate("open the worklist", "/worklist", chromedp.Click(chromedp.CSS(`header nav a[href="/worklist"]`)))
	if !strings.Contains(b.text("#worklist"), code) {
		t.Fatalf("worklist does not show %s", code)
	}

	// The counter's step ends with the hand-over to the specialist.
	handOver := chromedp.Click(chromedp.CSS(`form.action:has(input[name="type"][value="handed_over"]) button[type="submit"]`))
	b.navigate("open the dossier", dossierPath, chromedp.Click(chromedp.CSS(`#worklist a[href="`+dossierPath+`"]`)))
	b.navigate("hand over to the specialist", dossierPath, handOver)
	if !b.eval("read the step", currentStep+` === 1`) {
		t.Fatal("after the counter's hand-over the dossier is not at step 2")
	}
	b.navigate("log out", "/login", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))

	b.login(srv, specialist)
	if !strings.Contains(b.text("#worklist"), code) {
		t.Fatalf("the specialist's worklist does not show %s", code)
	}
	b.navigate("open the dossier", dossierPath, chromedp.Click(chromedp.CSS(`#worklist a[href="`+dossierPath+`"]`)))
	b.navigate("hand over to the leader", dossierPath, handOver)
	if !b.eval("read the step", currentStep+` === 2`) {
		t.Fatal("after the specialist's hand-over the dossier is not at step 3")
	}

	row, err = storetest.DossierByCode(context.Background(), db, code)
	if err != nil {
		t.Fatal(err)
	}
	step, version := row.Step, row.Version
	ledger := storedLedger(t, db, code)
	want := []string{"accepted by " + counter, "handed_over by " + counter, "handed_over by " + specialist}
	if step != 2 || version != 3 || strings.Join(ledger, "; ") != strings.Join(want, "; ") {
		t.Errorf("stored: step %d version %d, events %q; want step 2 version 3, events %q", step, version, ledger, want)
	}
	t.Logf("scenario done in %s", time.Since(started).Round(time.Millisecond))
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	ctx := newBrowser(t, 30*time.Second)
	db := openDB(t)
	unit := &motcua.Unit{Code: "000.22.33.H17", Name: "Ủy ban nhân dân xã Đắk Lao", Kind: motcua.UnitCommune}
	if err := db.CreateUnit(context.Background(), unit); err != nil {
		t.Fatal(err)
	}
	user := &motcua.User{Username: "motcua.a", FullName: "Nguyễn Văn An", Grants: []motcua.Grant{{Role: motcua.RoleCounter, UnitID: unit.ID}}}
	if err := db.CreateUser(context.Background(), user, demoPassword); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, db)
	// The "other site" is a second local server that records its visitors.
	visits := make(chan string, 10)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		visits <- r.URL.Path
		io.WriteString(w, "<!doctype html><title>other site</title>")
	}))
	t.Cleanup(other.Close)
	next := "/\t/" + strings.TrimPrefix(other.URL, "http://") + "/phished"

	b := tab{t: t, ctx: ctx}
	b.navigate("open the login page", "/login", chromedp.Navigate(srv.URL+"/login?next="+url.QueryEscape(next)))
	b.do("type the credentials",
		chromedp.SendKeys(chromedp.ID("username"), user.Username),
		chromedp.SendKeys(chromedp.ID("password"), demoPassword))
	res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)))
	if err != nil {
		b.fail("log in", err)
	}
	if !strings.HasPrefix(res.URL, srv.URL+"/") {
		t.Errorf("after login the browser loaded %s, outside %s", res.URL, srv.URL)
	}
	select {
	case path := <-visits:
		t.Errorf("the other site was visited at %s", path)
	default:
	}
}
