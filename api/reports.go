package api

import (
	"net/http"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// ii06a is GET /api/v1/reports/ii06a?from=2024-01-01&to=2024-06-01&unit=CODE[&by=…]:
// Biểu II.06a for [from, to) (whole days, +07:00) of a unit and those
// below it, as `motcua report ii06a --format json` prints it.
func (s *Server) ii06a(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	from, to, u, err := s.reportScope(r, a)
	if err != nil {
		writeError(w, err)
		return
	}
	view, err := report.ParseView(q.Get("view"))
	if err != nil {
		writeError(w, err)
		return
	}
	rep, err := s.db.II06a(r.Context(), report.Query{From: from, To: to, By: report.By(q.Get("by")), UnitID: u.ID, View: view,
		Successors: q.Get("successors") == "1"})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// scorecard766 is GET /api/v1/reports/766?from=2026-03-01&to=2026-04-01&unit=CODE:
// the 766 scorecard of a unit and those below it for [from, to), every
// indicator with the codes behind it, as `motcua report 766 --format json`
// prints it (docs/scorecard-766.md).
func (s *Server) scorecard766(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	from, to, u, err := s.reportScope(r, a)
	if err != nil {
		writeError(w, err)
		return
	}
	sc, err := s.db.SyncedScorecard766(r.Context(), report.Query{From: from, To: to, UnitID: u.ID})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sc)
}

// reportScope reads a report's period (from, to: whole days, +07:00) and
// unit (its code), which the caller must be allowed to report on.
func (s *Server) reportScope(r *http.Request, a *motcua.Actor) (from, to time.Time, u *motcua.Unit, err error) {
	q := r.URL.Query()
	day := func(name string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, q.Get(name), motcua.VN)
		if err != nil {
			return t, motcua.FieldError(name, "%s phải là ngày dạng yyyy-mm-dd.", name)
		}
		return t, nil
	}
	if from, err = day("from"); err != nil {
		return
	}
	if to, err = day("to"); err != nil {
		return
	}
	u, err = s.db.UnitByCode(r.Context(), q.Get("unit"))
	if err != nil || !a.CanReport(u.ID) {
		return from, to, nil, motcua.Errorf(motcua.EFORBIDDEN, "Không được xem báo cáo của đơn vị %q.", q.Get("unit"))
	}
	return from, to, u, nil
}
