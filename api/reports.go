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
	day := func(name string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, q.Get(name), motcua.VN)
		if err != nil {
			return t, motcua.FieldError(name, "%s phải là ngày dạng yyyy-mm-dd.", name)
		}
		return t, nil
	}
	from, err := day("from")
	if err != nil {
		writeError(w, err)
		return
	}
	to, err := day("to")
	if err != nil {
		writeError(w, err)
		return
	}
	u, err := s.db.UnitByCode(r.Context(), q.Get("unit"))
	if err != nil || !a.CanReport(u.ID) {
		writeError(w, motcua.Errorf(motcua.EFORBIDDEN, "Không được xem báo cáo của đơn vị %q.", q.Get("unit")))
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
