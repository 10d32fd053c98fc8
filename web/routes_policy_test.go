package web_test

import (
	"crypto/rand"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/metrics"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
	"github.com/motcua/motcua/web"
)

// The route policy test (issue 9): every route the server registers, web
// and API, is called by every persona, and who gets through must be
// exactly what the table below says. A route registered without a line in
// the table fails the test, so a new page or operation cannot ship without
// someone deciding who may use it.
//
// Personas, in the order of an expectation string:
//
//	0 anonymous   1 citizen (portal session)   2 counter officer of A
//	3 specialist of A   4 leader of A   5 counter officer of B
//	6 district administrator   7 external system scoped to A (API key)
//
// "+" means the persona gets through (an answer other than 401, 403, 404
// or a redirect to a login page; a 400 or 422 about the empty form counts
// as through: the policy let it in), "-" that it is turned away, "=" that
// the route does not ask who calls (all personas get the same answer).
// Objects in paths (dossiers, submissions, surveys, …) belong to commune A.
// Bodies are empty forms or {}: a desk's gate turns the wrong roles away
// before any reading; which unit's objects an officer reaches is shown
// with the objects of A in the paths and, for bodies, by the store tests.
var personas = []string{"anonymous", "citizen", "counter A", "specialist A", "leader A", "counter B", "admin", "client A"}

const (
	// public: no login; every persona gets the same answer (an unknown
	// receipt is refused alike, a login form fails alike).
	public     = "========"
	citizens   = "-+------"
	staff      = "--+++++-" // any officer; the page shows what their scope allows
	handlers   = "--++++--" // officers who handle dossiers (administrators read none)
	staffOfA   = "--+++---" // an object of commune A: its officers only
	counters   = "--+--+--"
	counterOfA = "--+-----"
	leaders    = "----+---"
	managers   = "----+-+-" // leaders and administrators
	taskOfA    = "---++---" // progress on A's plan task: its specialists and leaders
	admins     = "------+-"
	// provinceAdmins: administrators of a province People's Committee,
	// none among the personas (the district's administrator is refused);
	// TestProvinceAdministratorKeepsTheListings lets one in.
	provinceAdmins = "--------"
	apiCallers     = "--++++++" // any officer or system key
	apiOfficers    = "--+++++-"
	apiOfA         = "--+++--+"
	apiClientA     = "-------+"
)

var routePolicy = map[string]string{
	// Operations and the public portal.
	"GET /healthz":                           public,
	"GET /readyz":                            public,
	"GET /static/":                           public,
	"GET /{$}":                               public,
	"/":                                      public,
	"GET /login":                             public,
	"POST /login":                            public,
	"POST /logout":                           public,
	"GET /tra-cuu":                           public,
	"GET /xac-minh":                          public,
	"GET /xac-minh/tai-ve":                   public,
	"GET /thu-tuc":                           public,
	"GET /thu-tuc/{level}/{code}":            public,
	"GET /thu-tuc/{level}/{code}/{format}":   public,
	"GET /danh-gia":                          public,
	"POST /danh-gia":                         public,
	"GET /xac-thuc":                          public,
	"POST /xac-thuc/gui-ma":                  public,
	"POST /xac-thuc":                         public,
	"GET /xac-thuc/oidc":                     public,
	"GET /xac-thuc/oidc/callback":            public,
	"POST /dang-xuat":                        public,
	"GET /nop-truc-tuyen":                    citizens,
	"GET /nop-truc-tuyen/{id}":               citizens,
	"POST /nop-truc-tuyen/{id}":              citizens,
	"GET /ho-so-cua-toi":                     citizens,
	"GET /ho-so-cua-toi/{id}":                citizens,
	"POST /ho-so-cua-toi/{id}/bo-sung":       citizens,
	"GET /ho-so-cua-toi/{id}/tep/{file}":     citizens,
	"GET /ho-so-cua-toi/{id}/ket-qua":        citizens,
	"GET /login/ma":                          public, // without a session waiting for its code: back to /login
	"POST /login/ma":                         public,
	"GET /login/cai-dat":                     "--++-+--", // officers without an app yet; replacing one is an administrator's reset
	"POST /login/cai-dat":                    "--++-+--",
	"GET /login/oidc":                        public, // no provider configured here: 404 alike
	"GET /login/oidc/callback":               public,
	"GET /staff":                             admins,
	"POST /staff":                            admins,
	"POST /staff/{username}/{action}":        admins,
	"GET /audit":                             admins,
	"POST /audit/verify":                     admins,
	"GET /account":                           staff,
	"POST /account/sessions/revoke":          staff,
	"GET /worklist":                          handlers,
	"GET /worklist/for-others":               counters,
	"GET /alerts":                            handlers,
	"GET /reform":                            staff,
	"POST /reform":                           managers,
	"POST /reform/tasks/{id}":                taskOfA,
	"GET /par":                               staff,
	"POST /par/criteria":                     admins,
	"POST /par/scores":                       managers,
	"GET /surveys":                           staff,
	"POST /surveys":                          managers,
	"GET /surveys/{id}":                      managers,
	"POST /surveys/{id}/answers":             managers,
	"GET /documents":                         staff,
	"POST /documents":                        managers,
	"POST /reviews/{id}/answer":              leaders,
	"GET /submissions":                       handlers,
	"GET /submissions/{id}":                  staffOfA,
	"POST /submissions/{id}/{decision}":      counterOfA,
	"GET /submissions/{id}/files/{file}":     staffOfA,
	"GET /performance":                       leaders,
	"GET /reports/ii06a":                     leaders,
	"GET /reports/ii06a/dossiers":            leaders,
	"GET /reports/digital/dossiers":          leaders,
	"GET /reports/payment/dossiers":          leaders,
	"GET /reports/payment/procedures":        leaders,
	"GET /reports/766":                       leaders,
	"GET /reports/766/dossiers":              leaders,
	"GET /reports/766/{format}":              leaders,
	"GET /reports/ii06a/{format}":            leaders,
	"GET /catalog/trial":                     staff,
	"GET /units":                             staff,
	"POST /units/dissolve":                   admins,
	"GET /catalog":                           staff,
	"POST /catalog/decisions":                admins,
	"GET /catalog/export/{format}":           staff,
	"POST /catalog/import":                   admins,
	"GET /catalog/national":                  admins,
	"POST /catalog/national":                 admins,
	"GET /listings":                          provinceAdmins,
	"POST /listings":                         provinceAdmins,
	"POST /listings/{id}/end":                provinceAdmins,
	"GET /catalog/decisions/{id}":            staff,
	"POST /catalog/decisions/{id}/publish":   admins,
	"GET /catalog/procedures/{id}":           staff,
	"POST /catalog/procedures/{id}/adopt":    managers,
	"POST /catalog/procedures/{id}/officers": managers,
	"GET /intake":                            counters,
	"GET /intake/procedures":                 counters,
	"POST /intake":                           counters,
	"POST /intake/refuse":                    counters,
	"GET /dossiers/{id}":                     staffOfA,
	"POST /dossiers/{id}/actions":            staffOfA,
	"GET /dossiers/{id}/receipt":             staffOfA,
	// Payments (payments*.go): the gateway's pages and the receipt's
	// proof are public; cash is the receiving counter's, a refund also
	// its leader's (CanCollectFees, CanRefundFees).
	"POST /thanh-toan":                         public,
	"POST /ho-so-cua-toi/{id}/thanh-toan":      citizens,
	"GET /thanh-toan/{gateway}/ve":             public,
	"GET /thanh-toan/{gateway}/ipn":            public,
	"POST /thanh-toan/{gateway}/ipn":           public,
	"GET /bien-lai/{id}":                       public,
	"POST /dossiers/{id}/payments/cash":        counterOfA,
	"POST /dossiers/{id}/payments/{pid}/{act}": "--+-+---",
	"GET /dossiers/{id}/receipts/{rid}":        staffOfA,
	// The reconciliation with the gateways: leaders and administrators,
	// each reading the lines of their units (CanReconcilePayments).
	"GET /payments/reconciliation":                managers,
	"GET /payments/reconciliation.xlsx":           managers,
	"POST /payments/reconciliation":               managers,
	"GET /dossiers/{id}/forms/{form}":             staffOfA,
	"GET /dossiers/{id}/files/{file}":             staffOfA,
	"GET /dossiers/{id}/results/{file}":           staffOfA,
	"GET /dossiers/{id}/scans/{file}":             staffOfA,
	"GET /lien-thong/dvcqg/tep/{sha}":             apiClientA, // the national side, as a system scoped to A
	"POST /dossiers/{id}/scans":                   counterOfA, // the receiving unit's counter, on the day of intake
	"POST /dossiers/{id}/issued":                  staffOfA,
	"POST /dossiers/{id}/issued/revoke":           staffOfA,
	"GET /dossiers/{id}/issued/{code}/phieu":      staffOfA,
	"GET /refusals/{id}/form":                     staffOfA,
	"GET /register":                               handlers,
	"GET /register.pdf":                           handlers,
	"GET /calendar":                               staff,
	"POST /calendar":                              admins,
	"POST /calendar/delete":                       admins,
	"POST /calendar/hours":                        admins,
	"GET /metrics":                                public, // loopback here; other hosts need --metrics-token
	"GET /openapi.json":                           public,
	"/api/":                                       public,
	"POST /api/v1/sessions":                       public,
	"DELETE /api/v1/sessions":                     apiCallers,
	"GET /api/v1/calendar/due":                    apiCallers,
	"GET /api/v1/dossiers":                        apiCallers,
	"POST /api/v1/dossiers":                       apiCallers,
	"GET /api/v1/dossiers/{code}":                 apiOfA,
	"POST /api/v1/dossiers/{code}/actions":        apiOfA,
	"GET /api/v1/dossiers/{code}/events":          apiOfA,
	"GET /api/v1/events":                          apiCallers,
	"POST /api/v1/inbound/dossiers":               apiClientA,
	"POST /api/v1/inbound/dossiers/{code}/result": apiClientA,
	"POST /api/v1/inbound/dossiers/{code}/status": apiClientA,
	"POST /api/v1/inbound/prefills":               apiClientA,
	"GET /api/v1/procedures":                      apiCallers,
	"GET /api/v1/procedures/{id}":                 apiCallers,
	"POST /api/v1/refusals":                       apiCallers,
	"GET /api/v1/reports/ii06a":                   apiCallers,
	"GET /api/v1/reports/766":                     apiCallers,
	"GET /api/v1/track":                           public,

	// The citizen's store (issue 18, item 5): what is held for an identity
	// number, at the counter and for the contact a portal session proved.
	"GET /intake/held":                         counters,
	"POST /intake/held":                        counters,
	"POST /intake/dan-cu":                      counters,
	"GET /nop-truc-tuyen/{id}/giay-to-da-luu":  citizens,
	"POST /nop-truc-tuyen/{id}/giay-to-da-luu": citizens,

	// What a dossier owes (issue 19): the bill before acceptance.
	"GET /intake/fees":             counters,
	"GET /nop-truc-tuyen/{id}/phi": citizens,
}

// policyForms are the forms sent where the unit a form names decides who
// may go on; each lacks what the form needs, so nothing is changed.
func policyForms() map[string]url.Values {
	unitA := url.Values{"unit": {strconv.FormatInt(fx.UnitA.ID, 10)}, "don_vi": {strconv.FormatInt(fx.UnitA.ID, 10)}}
	return map[string]url.Values{"POST /surveys": unitA, "POST /catalog/procedures/{id}/officers": unitA, "POST /calendar/hours": unitA}
}

// recordingMux is the server's mux that also lists what is registered.
type recordingMux struct {
	*http.ServeMux
	routes []string
}

func (m *recordingMux) Handle(pattern string, h http.Handler) {
	m.routes = append(m.routes, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *recordingMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.routes = append(m.routes, pattern)
	m.ServeMux.HandleFunc(pattern, h)
}

func TestEveryRouteHasItsPolicy(t *testing.T) {
	e, mux := newRecordedEnv(t)
	objects := policyObjects(t, e)
	callers := policyCallers(t, e)

	forms := policyForms()
	routes := slices.Clone(mux.routes)
	// Logging out ends the sessions the other routes use: last.
	ends := func(route string) int {
		return slices.Index([]string{"POST /account/sessions/revoke", "DELETE /api/v1/sessions", "POST /logout", "POST /dang-xuat"}, route) + 1
	}
	slices.SortStableFunc(routes, func(a, b string) int { return ends(a) - ends(b) })
	for _, route := range routes {
		if ends(route) > 0 {
			callers = policyCallers(t, e) // each of these ends the sessions it is called with
		}
		want, ok := routePolicy[route]
		if !ok {
			t.Errorf("route %q has no line in routePolicy: decide who may use it", route)
			continue
		}
		method, path := routeRequest(route, objects)
		form := forms[route]
		got := []byte(strings.Repeat("?", len(personas)))
		statuses := map[int]bool{}
		var answers []string
		for i, call := range callers {
			status, location := call(method, path, form)
			statuses[status] = true
			answers = append(answers, strconv.Itoa(status)+location)
			got[i] = '+'
			if status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusNotFound ||
				(status == http.StatusSeeOther || status == http.StatusFound) && (location == "/login" || strings.HasPrefix(location, "/login?next=") || strings.HasPrefix(location, "/xac-thuc")) {
				got[i] = '-'
			}
		}
		if want == public && (len(statuses) == 1 || !strings.Contains(string(got), "-")) {
			got = []byte(public) // nobody turned away, or all alike
		}
		if string(got) != want {
			t.Errorf("%-45s %s %s: got %s, want %s (%s) %v", route, method, path, got, want, who(string(got), want), answers)
		}
	}
	for route := range routePolicy {
		if !slices.Contains(mux.routes, route) {
			t.Errorf("routePolicy names %q, which is not registered", route)
		}
	}
}

// who lists the personas whose access differs.
func who(got, want string) string {
	var out []string
	for i := range got {
		if got[i] != want[i] {
			out = append(out, personas[i])
		}
	}
	return strings.Join(out, ", ")
}

func newRecordedEnv(t *testing.T) (*env, *recordingMux) {
	db := sample.Open(t)
	db.Now = func() time.Time { return sample.Now }
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := &recordingMux{ServeMux: http.NewServeMux()}
	site := web.Mount(mux, db, log)
	site.Files = &files.Store{Dir: t.TempDir()}
	api.Mount(mux, db, log).Limits = site.Limits
	m := metrics.New(db, time.Minute, log)
	m.Register(mux, "")
	srv := httptest.NewServer(site.Handler(mux.ServeMux, m.Middleware, web.AccessLog(log)))
	t.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	return &env{db: db, srv: srv, site: site}, mux
}

// policyObjects creates one of each object a path names, in commune A, and
// returns the values for the path's wildcards.
func policyObjects(t *testing.T, e *env) map[string]string {
	ctx := t.Context()
	actor := func(u motcua.User) *motcua.Actor {
		a, err := e.db.Actor(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	counter, specialist, leader, admin := actor(fx.CounterA), actor(fx.SpecialistA), actor(fx.LeaderA), actor(fx.Admin)
	intake := motcua.Intake{ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai (theo mẫu)", Kind: motcua.DocOriginal, Count: 1}}}
	rated, err := e.db.Accept(ctx, counter, intake)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		a   *motcua.Actor
		typ motcua.EventType
	}{{counter, motcua.EventHandedOver}, {specialist, motcua.EventHandedOver}, {leader, motcua.EventHandedOver},
		{counter, motcua.EventResultReady}, {counter, motcua.EventResultReturned}} {
		if rated, err = e.db.Act(ctx, step.a, motcua.Action{DossierID: rated.ID, Version: rated.Version, Type: step.typ}); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.db.Rate(ctx, rated.Code, rated.TrackingSecret, motcua.Rating{Scores: [5]int{2, 2, 2, 2, 2}, Comment: "Chờ lâu"}); err != nil {
		t.Fatal(err)
	}
	reviews, err := e.db.OpenReviews(ctx, leader)
	if err != nil || len(reviews) != 1 {
		t.Fatalf("reviews %v, %v", reviews, err)
	}
	open, err := e.db.Accept(ctx, counter, intake)
	if err != nil {
		t.Fatal(err)
	}
	// Its intake fee, paid in cash: a payment and its receipt; its result
	// fee still owed.
	if err := storetest.SetFeeDuesForTest(ctx, e.db, open.ID, 30_000, 10_000); err != nil {
		t.Fatal(err)
	}
	cash, receipt, err := e.db.RecordCash(ctx, counter, open.ID, motcua.FeePayAtIntake)
	if err != nil {
		t.Fatal(err)
	}
	sub := &motcua.Submission{Key: "policy", ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Delivery: motcua.DeliveryOnline,
		Applicant: motcua.Applicant{Name: "Trần Thị Hoa", Phone: "0987654321"},
		Files:     []motcua.SubmittedFile{{Document: "Tờ khai", FileName: "to-khai.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("ab", 32)}}}
	if err := e.db.Submit(ctx, motcua.Contact{Email: "hoa@example.vn"}, sub); err != nil {
		t.Fatal(err)
	}
	// The citizen's dossier whose result is ready, with its electronic result.
	withResult := &motcua.Submission{Key: "policy-result", ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Delivery: motcua.DeliveryOnline,
		Applicant: motcua.Applicant{Name: "Trần Thị Hoa", Phone: "0987654321"}, Files: sub.Files}
	if err := e.db.Submit(ctx, motcua.Contact{Email: "hoa@example.vn"}, withResult); err != nil {
		t.Fatal(err)
	}
	resulted, err := e.db.AcceptSubmission(ctx, counter, withResult.ID)
	for _, a := range []*motcua.Actor{counter, specialist, leader} {
		if err == nil {
			resulted, err = e.db.Act(ctx, a, motcua.Action{DossierID: resulted.ID, Version: resulted.Version, Type: motcua.EventHandedOver})
		}
	}
	result := motcua.SubmittedFile{FileName: "ket-qua.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("ef", 32)}
	if err == nil {
		_, err = e.db.ActWithResult(ctx, counter, motcua.Action{DossierID: resulted.ID, Version: resulted.Version, Type: motcua.EventResultReady}, &result)
	}
	if err != nil {
		t.Fatal(err)
	}
	issued, err := e.db.DossierResults(ctx, counter, resulted.ID)
	if err != nil || len(issued) != 1 {
		t.Fatalf("the result's code: %v, %v", issued, err)
	}
	// An online dossier, accepted from a submission, with its uploaded file.
	online := &motcua.Submission{Key: "policy-online", ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Delivery: motcua.DeliveryOnline,
		Applicant: motcua.Applicant{Name: "Đỗ Thị Mạng", Phone: "0987654322"},
		Files:     []motcua.SubmittedFile{{Document: "Tờ khai", FileName: "to-khai.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("cd", 32)}}}
	if err := e.db.Submit(ctx, motcua.Contact{Email: "mang@example.vn"}, online); err != nil {
		t.Fatal(err)
	}
	onlineDossier, err := e.db.AcceptSubmission(ctx, counter, online.ID)
	if err != nil {
		t.Fatal(err)
	}
	// A counter dossier with the scan of its component.
	scanned, err := e.db.AcceptDigitised(ctx, counter, intake, []motcua.ComponentFile{{Component: 0,
		SubmittedFile: motcua.SubmittedFile{FileName: "to-khai.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("5c", 32)}}})
	if err != nil {
		t.Fatal(err)
	}
	scans, err := e.db.ComponentFiles(ctx, counter, scanned.ID)
	if err != nil || len(scans) != 1 {
		t.Fatal(scans, err)
	}
	refusal := &motcua.Refusal{ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Applicant: motcua.Applicant{Name: "Lê Văn C"}, Reason: "Không thuộc thẩm quyền"}
	if err := e.db.Refuse(ctx, counter, refusal); err != nil {
		t.Fatal(err)
	}
	survey := &reform.Survey{Title: "Khảo sát 2024", UnitID: fx.UnitA.ID, From: time.Date(2024, 1, 1, 0, 0, 0, 0, motcua.VN),
		To: time.Date(2024, 7, 1, 0, 0, 0, 0, motcua.VN), Planned: 10}
	if err := e.db.CreateSurvey(ctx, leader, survey); err != nil {
		t.Fatal(err)
	}
	decision := &motcua.Decision{Number: "1/QĐ-UBND", Issuer: "Chủ tịch UBND tỉnh", SignedOn: time.Date(2024, 1, 2, 0, 0, 0, 0, motcua.VN),
		EffectiveFrom: time.Date(2024, 1, 2, 0, 0, 0, 0, motcua.VN), Summary: "Công bố thủ tục"}
	if err := e.db.CreateDecision(ctx, admin, decision); err != nil {
		t.Fatal(err)
	}
	plan := &reform.Plan{Year: 2024, Number: "2/KH-UBND", Title: "Kế hoạch CCHC 2024", IssuedOn: time.Date(2024, 1, 3, 0, 0, 0, 0, motcua.VN),
		UnitID: fx.UnitA.ID, Contents: []reform.PlanContent{{Title: "Cải cách thể chế", Tasks: []reform.PlanTask{{Title: "Rà soát văn bản",
			OwnerUnitID: fx.UnitA.ID, DueOn: time.Date(2024, 6, 30, 0, 0, 0, 0, motcua.VN)}}}}}
	if err := e.db.CreatePlan(ctx, leader, plan); err != nil {
		t.Fatal(err)
	}
	// A stored reconciliation of the day, for its workbook.
	if err := e.db.SaveReconciliation(ctx, &store.Reconciliation{Day: sample.Now, Gateway: "vnpay", Checked: 1, Matched: 1}, "system"); err != nil {
		t.Fatal(err)
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	return map[string]string{
		"dossier": id(open.ID), "code": open.Code, "submission": id(sub.ID), "refusal": id(refusal.ID), "survey": id(survey.ID),
		"review": id(reviews[0].ID), "decision": id(decision.ID), "procedure": id(fx.Birth.ID), "task": id(plan.Contents[0].Tasks[0].ID),
		"tracked": rated.Code, "secret": rated.TrackingSecret,
		"online": id(onlineDossier.ID), "onlineFile": id(online.Files[0].ID),
		"resultSubmission": id(withResult.ID), "resulted": id(resulted.ID), "result": id(result.ID),
		"scanned": id(scanned.ID), "scan": id(scans[0].ID), "scanSHA": scans[0].SHA256,
		"resultCode": issued[0].Code,
		"payment":    id(cash.ID), "receipt": id(receipt.ID),
		"reconciled": store.DayKey(sample.Now),
	}
}

// routeRequest turns a registered pattern into a request on the objects.
func routeRequest(route string, o map[string]string) (method, path string) {
	method, path, ok := strings.Cut(route, " ")
	if !ok {
		method, path = "GET", route
	}
	fill := map[string]string{
		"/static/":                               "/static/app.css",
		"/{$}":                                   "/",
		"/":                                      "/khong-co-trang-nay",
		"/api/":                                  "/api/khong-co",
		"/tra-cuu":                               "/tra-cuu?ma=" + o["tracked"] + "&khoa=" + o["secret"],
		"/danh-gia":                              "/danh-gia?ma=" + o["tracked"] + "&khoa=" + o["secret"],
		"/api/v1/track":                          "/api/v1/track?code=" + o["tracked"] + "&secret=" + o["secret"],
		"/thu-tuc/{level}/{code}":                "/thu-tuc/xa/" + fx.Birth.Code,
		"/thu-tuc/{level}/{code}/{format}":       "/thu-tuc/xa/" + fx.Birth.Code + "/qr.png",
		"/nop-truc-tuyen/{id}":                   "/nop-truc-tuyen/" + o["procedure"],
		"/ho-so-cua-toi/{id}":                    "/ho-so-cua-toi/" + o["submission"],
		"/ho-so-cua-toi/{id}/bo-sung":            "/ho-so-cua-toi/" + o["submission"] + "/bo-sung",
		"/ho-so-cua-toi/{id}/tep/{file}":         "/ho-so-cua-toi/" + o["submission"] + "/tep/1",
		"/ho-so-cua-toi/{id}/ket-qua":            "/ho-so-cua-toi/" + o["resultSubmission"] + "/ket-qua",
		"/reform/tasks/{id}":                     "/reform/tasks/" + o["task"],
		"/surveys/{id}":                          "/surveys/" + o["survey"],
		"/surveys/{id}/answers":                  "/surveys/" + o["survey"] + "/answers",
		"/reviews/{id}/answer":                   "/reviews/" + o["review"] + "/answer",
		"/submissions/{id}":                      "/submissions/" + o["submission"],
		"/submissions/{id}/{decision}":           "/submissions/" + o["submission"] + "/refuse",
		"/submissions/{id}/files/{file}":         "/submissions/" + o["submission"] + "/files/1",
		"/reports/ii06a/{format}":                "/reports/ii06a/csv",
		"/reports/766/{format}":                  "/reports/766/xlsx",
		"/catalog/export/{format}":               "/catalog/export/json",
		"/catalog/decisions/{id}":                "/catalog/decisions/" + o["decision"],
		"/catalog/decisions/{id}/publish":        "/catalog/decisions/" + o["decision"] + "/publish",
		"/catalog/procedures/{id}":               "/catalog/procedures/" + o["procedure"],
		"/catalog/procedures/{id}/adopt":         "/catalog/procedures/" + o["procedure"] + "/adopt",
		"/catalog/procedures/{id}/officers":      "/catalog/procedures/" + o["procedure"] + "/officers",
		"/dossiers/{id}":                         "/dossiers/" + o["dossier"],
		"/dossiers/{id}/actions":                 "/dossiers/" + o["dossier"] + "/actions",
		"/dossiers/{id}/receipt":                 "/dossiers/" + o["dossier"] + "/receipt",
		"/dossiers/{id}/forms/{form}":            "/dossiers/" + o["dossier"] + "/forms/01",
		"/dossiers/{id}/files/{file}":            "/dossiers/" + o["online"] + "/files/" + o["onlineFile"],
		"/dossiers/{id}/results/{file}":          "/dossiers/" + o["resulted"] + "/results/" + o["result"],
		"/dossiers/{id}/scans/{file}":            "/dossiers/" + o["scanned"] + "/scans/" + o["scan"],
		"/lien-thong/dvcqg/tep/{sha}":            "/lien-thong/dvcqg/tep/" + o["scanSHA"],
		"/dossiers/{id}/scans":                   "/dossiers/" + o["scanned"] + "/scans",
		"/dossiers/{id}/issued":                  "/dossiers/" + o["resulted"] + "/issued",
		"/dossiers/{id}/issued/revoke":           "/dossiers/" + o["resulted"] + "/issued/revoke",
		"/dossiers/{id}/issued/{code}/phieu":     "/dossiers/" + o["resulted"] + "/issued/" + o["resultCode"] + "/phieu",
		"/xac-minh":                              "/xac-minh?ma=" + o["resultCode"],
		"/xac-minh/tai-ve":                       "/xac-minh/tai-ve?ma=" + o["resultCode"],
		"/staff/{username}/{action}":             "/staff/" + fx.CounterA.Username + "/nothing",
		"/refusals/{id}/form":                    "/refusals/" + o["refusal"] + "/form",
		"/ho-so-cua-toi/{id}/thanh-toan":         "/ho-so-cua-toi/" + o["submission"] + "/thanh-toan",
		"/thanh-toan/{gateway}/ve":               "/thanh-toan/vnpay/ve",
		"/thanh-toan/{gateway}/ipn":              "/thanh-toan/vnpay/ipn",
		"/bien-lai/{id}":                         "/bien-lai/" + o["receipt"],
		"/dossiers/{id}/payments/cash":           "/dossiers/" + o["dossier"] + "/payments/cash",
		"/dossiers/{id}/payments/{pid}/{act}":    "/dossiers/" + o["dossier"] + "/payments/" + o["payment"] + "/hoan-tra",
		"/dossiers/{id}/receipts/{rid}":          "/dossiers/" + o["dossier"] + "/receipts/" + o["receipt"],
		"/payments/reconciliation.xlsx":          "/payments/reconciliation.xlsx?ngay=" + o["reconciled"] + "&cong=vnpay",
		"/api/v1/dossiers/{code}":                "/api/v1/dossiers/" + o["code"],
		"/api/v1/dossiers/{code}/actions":        "/api/v1/dossiers/" + o["code"] + "/actions",
		"/api/v1/dossiers/{code}/events":         "/api/v1/dossiers/" + o["code"] + "/events",
		"/api/v1/inbound/dossiers/{code}/result": "/api/v1/inbound/dossiers/" + o["code"] + "/result",
		"/api/v1/inbound/dossiers/{code}/status": "/api/v1/inbound/dossiers/" + o["code"] + "/status",
		"/api/v1/procedures/{id}":                "/api/v1/procedures/" + o["procedure"],

		// The citizen's store (citizen_store_online.go).
		"/nop-truc-tuyen/{id}/giay-to-da-luu": "/nop-truc-tuyen/" + o["procedure"] + "/giay-to-da-luu",
		"/nop-truc-tuyen/{id}/phi":            "/nop-truc-tuyen/" + o["procedure"] + "/phi",
	}
	if p, ok := fill[path]; ok {
		path = p
	}
	return method, path
}

// policyCallers returns, per persona, a function sending a request as it:
// an empty form or JSON body, its cookie or key, no redirects followed.
func policyCallers(t *testing.T, e *env) []func(method, path string, form url.Values) (int, string) {
	citizen := e.citizen(t, "hoa@example.vn")
	key, _, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: "Hộ tịch A " + rand.Text(), UnitCodes: []string{fx.UnitA.Code},
		Actions: []motcua.ClientAction{motcua.ClientRead, motcua.ClientEvents, motcua.ClientRegister, motcua.ClientResult}})
	if err != nil {
		t.Fatal(err)
	}
	browsers := []*browser{e.anonymous(), citizen, e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA),
		e.login(t, fx.CounterB), e.login(t, fx.Admin), e.anonymous()}
	var out []func(string, string, url.Values) (int, string)
	for i, b := range browsers {
		bearer := ""
		if i == 7 {
			bearer = key
		}
		out = append(out, func(method, path string, form url.Values) (int, string) {
			req, err := http.NewRequest(method, e.srv.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if method != "GET" {
				body := "{}"
				req.Header.Set("Content-Type", "application/json")
				if !strings.HasPrefix(path, "/api/") {
					body = form.Encode()
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				req.Body = io.NopCloser(strings.NewReader(body))
				req.ContentLength = int64(len(body))
			}
			if bearer != "" {
				req.Header.Set("Authorization", "Bearer "+bearer)
			}
			p := b.do(t, req)
			return p.status, p.header.Get("Location")
		})
	}
	return out
}
