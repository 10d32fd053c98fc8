package web

import (
	"context"
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
)

// The officers' menu (issue 15). Each page it links to is registered here,
// with its desk, so a link shows exactly to those the gate lets through:
// one policy (motcua.Actor.MayEnter, and for the audit trail the rule of
// motcua.Actor.CanReadAuditTrail), not a second list of who sees what.
// The order is the menu's, and an officer's first link is where they land
// after logging in: counter officers at intake, those who handle dossiers
// at their worklist, administrators at the accounts.

type menuPage struct {
	path, label string
	desk        motcua.Desk
	open        handler
	// also is a further rule of the policy than the desk; nil: none.
	also func(context.Context, *motcua.Actor) bool
}

// menuLink is a link the layout shows; Current marks the page shown
// (aria-current="page").
type menuLink struct {
	Path, Label string
	Current     bool
}

func (s *Server) menuPages() []menuPage {
	return []menuPage{
		{path: "/intake", label: "Tiếp nhận hồ sơ", desk: motcua.DeskCounter, open: s.intakePage},
		{path: "/worklist", label: "Hồ sơ cần xử lý", desk: motcua.DeskDossier, open: s.worklist},
		{path: ForOthersPath, label: "Nhận hộ đơn vị khác", desk: motcua.DeskCounter, open: s.receivedForOthers, also: s.receivesForOthers},
		{path: "/alerts", label: "Cảnh báo hạn", desk: motcua.DeskDossier, open: s.alerts},
		{path: "/submissions", label: "Nộp trực tuyến", desk: motcua.DeskDossier, open: s.submissionsPage},
		{path: "/register", label: "Sổ theo dõi", desk: motcua.DeskDossier, open: s.registerPage},
		{path: "/performance", label: "Theo cán bộ", desk: motcua.DeskLeader, open: s.performance},
		{path: "/reports/ii06a", label: "Báo cáo", desk: motcua.DeskLeader, open: s.reportPage},
		{path: "/reports/766", label: "Chỉ số 766", desk: motcua.DeskLeader, open: s.scorecardPage},
		{path: "/staff", label: "Tài khoản", desk: motcua.DeskAdmin, open: s.staffPage},
		{path: "/audit", label: "Nhật ký", desk: motcua.DeskAdmin, open: s.auditPage, also: s.mayReadAudit},
		{path: ReconciliationPath, label: "Đối soát thanh toán", desk: motcua.DeskManager, open: s.reconciliationPage, also: s.mayReconcile},
		{path: "/units", label: "Đơn vị", desk: motcua.DeskOfficer, open: s.unitsPage},
		{path: "/calendar", label: "Lịch làm việc", desk: motcua.DeskOfficer, open: s.calendarPage},
		{path: "/catalog", label: "Danh mục TTHC", desk: motcua.DeskOfficer, open: s.catalogAdmin},
		{path: "/listings", label: "TTHC phi địa giới", desk: motcua.DeskAdmin, open: s.listingsPage, also: s.mayManageListings},
		{path: "/reform", label: "Cải cách HC", desk: motcua.DeskOfficer, open: s.planPage},
	}
}

// mountMenu mounts the menu's pages behind their desks' gate, each
// answering through a shownPage so that render marks its link.
func (s *Server) mountMenu(mux httpmux.Mux) {
	for _, p := range s.menuPages() {
		mux.HandleFunc("GET "+p.path, s.at(p.desk, func(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
			p.open(shownPage{ResponseWriter: w, path: p.path}, r, a)
		}))
	}
}

// shownPage is the answer of a menu page: it carries the page's menu path
// to render, which has no request, without each handler passing it on.
type shownPage struct {
	http.ResponseWriter
	path string
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w shownPage) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// markCurrent marks the link of the menu page w answers for, if any.
func markCurrent(w http.ResponseWriter, links []menuLink) {
	if shown, ok := w.(shownPage); ok {
		for i := range links {
			links[i].Current = links[i].Path == shown.path
		}
	}
}

// menu lists the links the actor may open, in order.
func (s *Server) menu(ctx context.Context, a *motcua.Actor) []menuLink {
	var links []menuLink
	for _, p := range s.menuPages() {
		if a.MayEnter(p.desk) && (p.also == nil || p.also(ctx, a)) {
			links = append(links, menuLink{Path: p.path, Label: p.label})
		}
	}
	return links
}

// firstPage is where the actor lands: the first link of their menu.
func (s *Server) firstPage(ctx context.Context, a *motcua.Actor) string {
	if links := s.menu(ctx, a); len(links) > 0 {
		return links[0].Path
	}
	return "/account"
}

// landing is where a complete login goes: the page asked for before it,
// else the officer's first page.
func (s *Server) landing(r *http.Request, next, token string) string {
	if next != "" {
		return next
	}
	a, err := s.db.SessionActor(r.Context(), token)
	if err != nil {
		return "/login"
	}
	return s.firstPage(r.Context(), a)
}

func (s *Server) mayReadAudit(ctx context.Context, a *motcua.Actor) bool {
	ok, err := s.db.MayAudit(ctx, a)
	return err == nil && ok
}
