// Package web serves the officers' interface: server-rendered Vietnamese
// pages (html/template, htmx where it helps), one file per screen. Every
// handler goes through the store's services, which ask the one policy.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/oidc"
	"github.com/motcua/motcua/adapter/partner/csdltthc"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/internal/ratelimit"
	"github.com/motcua/motcua/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

const sessionCookie = "motcua_session"

// Server holds what the handlers share.
type Server struct {
	db    *store.DB
	log   *slog.Logger
	pages map[string]*template.Template
	// signatures remembers signatureNote by file hash: a stored file never
	// changes, so its signatures are checked once, not on every page view.
	signatures signatureCache
	// BaseURL is the public address printed in QR codes and links (serve
	// always sets it); empty: the store's PublicURL. Never a request's Host.
	BaseURL string
	// Limits bound the portal's tracking and one-time codes; nil: none.
	Limits *ratelimit.Portal
	// Files keeps the documents citizens upload.
	Files *files.Store
	// UploadQuota is what one citizen contact may upload in 24 hours, in
	// bytes; 0: no quota.
	UploadQuota int64
	// OIDC, when set, lets citizens sign in through an identity provider.
	OIDC *oidc.Provider
	// VNeIDClaim, when set, says the citizens' provider is VNeID, the
	// national e-ID (serve --oidc-vneid): the ID token's claim of that name
	// holds the personal identification number it verified, which the
	// portal session keeps (never in a URL or a log, masked on pages) and
	// a dossier filed for that number carries as verified (issue 20).
	VNeIDClaim string
	// StaffOIDC, when set, lets officers sign in through their agency's
	// identity provider (matched by verified e-mail address).
	StaffOIDC *oidc.Provider
	// Agency is named in every page's footer (footer.go).
	Agency Agency
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (serve --trusted-proxies), for Handler; empty: the
	// connection's peer is the client.
	TrustedProxies ratelimit.Proxies

	// Signer signs the results issued (issue 18); nil: issued unsigned.
	Signer motcua.ResultSigner
	// NationalStore, when set, is the citizens' data store on the national
	// portal: intake offers what it holds (indicator 4.4); nil: only what
	// this one-stop holds.
	NationalStore motcua.NationalStore
	// Population, when set, is the national population database: the
	// counter fills the applicant's fields from it (intake_population.go).
	Population motcua.PopulationRegistry
	// PopulationSample: Population is the demo's invented registry
	// (serve --demo without a real one); its button and answers say
	// "dữ liệu mẫu" so nobody takes them for a citizen's record.
	PopulationSample bool
	// NationalCatalog, when set, is the national procedure database's
	// service the catalogue page may fetch procedures from by code; nil:
	// only uploaded export files.
	NationalCatalog *csdltthc.Client
	// Gateways are the online payment gateways offered to citizens, by
	// name (payments.go); nil: citizens pay at the counter only.
	Gateways map[string]payment.Gateway
	// PaymentOrigins are the gateways' payment pages' origins
	// (https://host), added to the form-action of pages with a payment form.
	PaymentOrigins []string

	trackShell  trackShell // the anonymous tracking page, cut (track_answer.go)
	verifyShell trackShell // the anonymous verification page, cut (verify.go)
}

// Mount adds the officer UI's routes to mux.
func Mount(mux httpmux.Mux, db *store.DB, log *slog.Logger) *Server {
	s := &Server{db: db, log: log, pages: parsePages(), Limits: ratelimit.DefaultPortal(), UploadQuota: DefaultUploadQuota}
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheForever(http.FileServerFS(static))))
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("/", s.notFound) // every address no other pattern takes
	s.mountHealth(mux)
	s.mountPortal(mux)
	s.mountSecondFactor(mux)
	s.mountStaffOIDC(mux)
	s.mountAudit(mux)
	s.mountStaff(mux)
	s.mountMenu(mux) // the pages the officers' menu links to (menu.go)
	s.mountPayments(mux)
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("GET "+TrackPath, s.track)
	mux.HandleFunc("GET "+motcua.VerifyPath, s.verify)
	mux.HandleFunc("GET "+motcua.VerifyPath+"/tai-ve", s.verifiedDocument)
	mux.HandleFunc("GET /thu-tuc", s.catalog)
	mux.HandleFunc("GET /thu-tuc/{level}/{code}", s.procedurePublic)
	mux.HandleFunc("GET /thu-tuc/{level}/{code}/{format}", s.procedureQR)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("POST /reform", s.at(motcua.DeskManager, s.createPlan))
	mux.HandleFunc("POST /reform/tasks/{id}", s.at(motcua.DeskTask, s.reportTask))
	mux.HandleFunc("GET /par", s.at(motcua.DeskOfficer, s.parPage))
	mux.HandleFunc("POST /par/criteria", s.at(motcua.DeskAdmin, s.setParCriteria))
	mux.HandleFunc("POST /par/scores", s.at(motcua.DeskManager, s.scorePar))
	mux.HandleFunc("GET /surveys", s.at(motcua.DeskOfficer, s.surveysPage))
	mux.HandleFunc("POST /surveys", s.at(motcua.DeskManager, s.createSurvey))
	mux.HandleFunc("GET /surveys/{id}", s.at(motcua.DeskOfficer, s.surveysPage))
	mux.HandleFunc("POST /surveys/{id}/answers", s.at(motcua.DeskManager, s.addPaperForm))
	mux.HandleFunc("GET /documents", s.at(motcua.DeskOfficer, s.documentsPage))
	mux.HandleFunc("POST /documents", s.at(motcua.DeskManager, s.addDocument))
	mux.HandleFunc("POST /reviews/{id}/answer", s.at(motcua.DeskLeader, s.answerReview))
	mux.HandleFunc("GET /submissions/{id}", s.at(motcua.DeskOfficer, s.submissionPage))
	mux.HandleFunc("POST /submissions/{id}/{decision}", s.at(motcua.DeskCounter, s.decideSubmission))
	mux.HandleFunc("GET /submissions/{id}/files/{file}", s.at(motcua.DeskOfficer, s.submissionFile))
	mux.HandleFunc("GET /reports/ii06a/dossiers", s.at(motcua.DeskLeader, s.reportDossiers))
	mux.HandleFunc("GET /reports/digital/dossiers", s.at(motcua.DeskLeader, s.digitalDossiers))
	mux.HandleFunc("GET /reports/payment/dossiers", s.at(motcua.DeskLeader, s.paymentDossiers))
	mux.HandleFunc("GET /reports/payment/procedures", s.at(motcua.DeskLeader, s.paymentProcedures))
	mux.HandleFunc("GET "+ReconciliationPath+".xlsx", s.at(motcua.DeskManager, s.reconciliationXLSX))
	mux.HandleFunc("POST "+ReconciliationPath, s.at(motcua.DeskManager, s.rerunReconciliation))
	mux.HandleFunc("GET /reports/766/dossiers", s.at(motcua.DeskLeader, s.scorecardDossiers))
	mux.HandleFunc("GET /reports/766/{format}", s.at(motcua.DeskLeader, s.scorecardFile))
	mux.HandleFunc("GET /reports/ii06a/{format}", s.at(motcua.DeskLeader, s.reportPage))
	mux.HandleFunc("GET /catalog/trial", s.at(motcua.DeskOfficer, s.trial))
	mux.HandleFunc("POST /units/dissolve", s.at(motcua.DeskAdmin, s.dissolve))
	mux.HandleFunc("POST /catalog/decisions", s.at(motcua.DeskAdmin, s.createDecision))
	mux.HandleFunc("GET /catalog/export/{format}", s.at(motcua.DeskOfficer, s.catalogExport))
	mux.HandleFunc("POST /catalog/import", s.at(motcua.DeskAdmin, s.catalogImport))
	mux.HandleFunc("GET /catalog/national", s.at(motcua.DeskAdmin, s.nationalPage))
	mux.HandleFunc("POST /catalog/national", s.at(motcua.DeskAdmin, s.nationalDraft))
	mux.HandleFunc("POST /listings", s.at(motcua.DeskAdmin, s.addListing))
	mux.HandleFunc("POST /listings/{id}/end", s.at(motcua.DeskAdmin, s.endListing))
	mux.HandleFunc("GET /catalog/decisions/{id}", s.at(motcua.DeskOfficer, s.decisionPage))
	mux.HandleFunc("POST /catalog/decisions/{id}/publish", s.at(motcua.DeskAdmin, s.publishDecision))
	mux.HandleFunc("GET /catalog/procedures/{id}", s.at(motcua.DeskOfficer, s.procedureVersions))
	mux.HandleFunc("POST /catalog/procedures/{id}/adopt", s.at(motcua.DeskManager, s.adopt))
	mux.HandleFunc("POST /catalog/procedures/{id}/officers", s.at(motcua.DeskManager, s.assignOfficers))
	mux.HandleFunc("GET /intake/procedures", s.at(motcua.DeskCounter, s.procedureOptions))
	mux.HandleFunc("POST /intake", s.at(motcua.DeskCounter, s.intake))
	mux.HandleFunc("POST /intake/refuse", s.at(motcua.DeskCounter, s.refuse))
	// POST from the page's script keeps the identity number out of URLs
	// (and proxies' logs); GET serves a browser without JavaScript.
	mux.HandleFunc("GET /intake/held", s.at(motcua.DeskCounter, s.heldFragment))
	mux.HandleFunc("POST /intake/held", s.at(motcua.DeskCounter, s.heldFragment))
	mux.HandleFunc("POST /intake/dan-cu", s.at(motcua.DeskCounter, s.populationLookup))
	mux.HandleFunc("GET /intake/fees", s.at(motcua.DeskCounter, s.intakeFees))
	mux.HandleFunc("GET /dossiers/{id}", s.at(motcua.DeskOfficer, s.dossierPage))
	mux.HandleFunc("POST /dossiers/{id}/actions", s.at(motcua.DeskOfficer, s.dossierAction))
	mux.HandleFunc("GET /dossiers/{id}/receipt", s.at(motcua.DeskOfficer, s.receipt))
	mux.HandleFunc("GET /dossiers/{id}/forms/{form}", s.at(motcua.DeskOfficer, s.dossierForm))
	mux.HandleFunc("GET /dossiers/{id}/files/{file}", s.at(motcua.DeskOfficer, s.dossierFile))
	mux.HandleFunc("GET /dossiers/{id}/results/{file}", s.at(motcua.DeskOfficer, s.dossierResult))
	mux.HandleFunc("GET /dossiers/{id}/scans/{file}", s.at(motcua.DeskOfficer, s.dossierScan))
	mux.HandleFunc("GET "+motcua.NationalFilePath+"/{sha}", s.nationalFile) // the national side fetches the records' files
	mux.HandleFunc("POST /dossiers/{id}/scans", s.at(motcua.DeskOfficer, s.attachScans))
	mux.HandleFunc("POST /dossiers/{id}/issued", s.at(motcua.DeskOfficer, s.issueResult))
	mux.HandleFunc("POST /dossiers/{id}/issued/revoke", s.at(motcua.DeskOfficer, s.revokeResult))
	mux.HandleFunc("GET /dossiers/{id}/issued/{code}/phieu", s.at(motcua.DeskOfficer, s.resultSheet))
	mux.HandleFunc("GET /refusals/{id}/form", s.at(motcua.DeskOfficer, s.refusalForm))
	mux.HandleFunc("GET /register.pdf", s.at(motcua.DeskDossier, s.registerPDF))
	mux.HandleFunc("POST /calendar", s.at(motcua.DeskAdmin, s.calendarSet))
	mux.HandleFunc("POST /calendar/delete", s.at(motcua.DeskAdmin, s.calendarDelete))
	mux.HandleFunc("POST /calendar/hours", s.at(motcua.DeskAdmin, s.officeHoursSet))
	return s
}

func cacheForever(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		h.ServeHTTP(w, r)
	})
}

var funcs = template.FuncMap{
	"date":     motcua.FormatDate,
	"datetime": motcua.FormatDateTime,
	"num":      func(n int) string { return motcua.FormatInt(int64(n)) },
	"num64":    motcua.FormatInt,
	"dong":     motcua.FormatDong,
	"gateway":  func(name string) string { return motcua.PaymentMethod(name).Label() },
	"filesize": motcua.FormatSize,
	"mask":     motcua.Mask,
	"inc":      func(i int) int { return i + 1 },
	"join":     strings.Join,
	"minutes":  func(m int) string { return motcua.FormatDecimal(float64(m) / 60) },
	"now":      time.Now,
	"dict":     dict,
	"asset":    asset,
	"pathpart": url.PathEscape, // a value as one segment of a path
	"invalid":  invalidAttrs,   // an input's attributes when the error is about it
	// the public catalogue
	"howToFile":     howToFile,
	"procedurePath": ProcedurePath,
	"clauses":       func(s string) []string { return strings.Split(s, "; ") },
	"hours":         func(d time.Duration) string { return motcua.FormatDecimal(d.Hours()) },
	"counts":        forms.II06aCountsOf,
	"decimal":       func(f float64) string { return motcua.FormatDecimal(math.Round(f*10) / 10) },
	"percent":       func(n, of int) string { return motcua.FormatPercent(int64(n), int64(of)) },
	"share":         func(v float64) string { return motcua.FormatPercent(int64(v*1_000_000+0.5), 1_000_000) },
}

// asset is a static file's address with a digest of its content: files
// under /static/ are cached forever, so a changed file needs a new address.
func asset(name string) string {
	if a, ok := assets[name]; ok {
		return a
	}
	return "/static/" + name
}

// assets are the addresses of the static files, digested once at start.
var assets = func() map[string]string {
	m := map[string]string{}
	entries, _ := fs.ReadDir(staticFS, "static")
	for _, e := range entries {
		data, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			continue
		}
		sum := sha256.Sum256(data)
		m[e.Name()] = "/static/" + e.Name() + "?v=" + hex.EncodeToString(sum[:4])
	}
	return m
}()

// dict builds a map from alternating keys and values, to pass several
// values to a shared template.
func dict(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// parsePages parses each page with the shared layout and partials (files
// named _*.html) once, at start. The partials alone serve htmx fragments
// under the key "_".
func parsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html"))
	names, _ := fs.Glob(templateFS, "templates/*.html")
	pages := map[string]*template.Template{"_": base}
	for _, n := range names {
		name := strings.TrimPrefix(n, "templates/")
		if name == "layout.html" || strings.HasPrefix(name, "_") {
			continue
		}
		pages[name] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
	return pages
}

// view is what every page template receives.
type view struct {
	Title string
	Actor *motcua.Actor
	Error string
	Field string
	Flash string
	// Citizen is the contact a portal session proved, on public pages.
	Citizen *motcua.Contact
	// FlashPDF links the form the flash speaks of, to print it at once.
	FlashPDF string
	Data     any
	// Menu and Agency are filled by render: the officer's links (menu.go)
	// and the footer's agency (footer.go).
	Menu   []menuLink
	Agency Agency
}

func (s *Server) render(w http.ResponseWriter, status int, page string, v view) {
	if !strings.HasPrefix(page, "_") { // a whole page: its menu and footer (the units they read are cached)
		if v.Actor != nil {
			v.Menu = s.menu(context.Background(), v.Actor)
			markCurrent(w, v.Menu)
		}
		v.Agency = s.footer(context.Background())
	}
	t, name := s.pages[page], "layout.html"
	if strings.HasPrefix(page, "_") { // a fragment: "_options.html" renders template "_options"
		t, name = s.pages["_"], strings.TrimSuffix(page, ".html")
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, v); err != nil {
		s.log.Error("render", "page", page, "err", err)
		http.Error(w, motcua.ErrorMessage(err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail renders page with err's Vietnamese message and its HTTP status.
func (s *Server) fail(w http.ResponseWriter, page string, v view, err error) {
	v.Error, v.Field = motcua.ErrorMessage(err), motcua.ErrorField(err)
	if motcua.ErrorCode(err) == motcua.EINTERNAL {
		s.log.Error("request failed", "page", page, "err", err)
	}
	s.render(w, motcua.HTTPStatus(err), page, v)
}
