package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
)

type unitsData struct {
	Units  []*motcua.Unit
	Names  map[int64]string
	Manage bool
}

// unitsPage lists the organisation and, for administrators, records that a
// unit was dissolved or merged into another (the reports can then roll its
// history up to its successor).
func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	s.renderUnits(w, r, a, nil)
}

func (s *Server) renderUnits(w http.ResponseWriter, r *http.Request, a *motcua.Actor, err error) {
	data := &unitsData{Names: map[int64]string{}, Manage: len(a.UnitsWith(motcua.RoleAdmin)) > 0}
	v := view{Title: "Đơn vị", Actor: a, Data: data}
	units, lerr := s.db.Units(r.Context())
	if lerr != nil {
		s.fail(w, "error.html", v, lerr)
		return
	}
	data.Units = units
	for _, u := range units {
		data.Names[u.ID] = u.Name
	}
	if err != nil {
		s.fail(w, "units.html", v, err)
		return
	}
	if r.URL.Query().Get("done") == "1" {
		v.Flash = "Đã ghi nhận việc giải thể, sáp nhập đơn vị."
	}
	s.render(w, http.StatusOK, "units.html", v)
}

// dissolve records a dissolution or merger.
func (s *Server) dissolve(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unit, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	successor, _ := strconv.ParseInt(r.PostFormValue("successor"), 10, 64)
	at, err := parseDay("at", r.PostFormValue("at"))
	if err == nil {
		err = s.db.Dissolve(r.Context(), a, unit, successor, at)
	}
	if err != nil {
		s.renderUnits(w, r, a, err)
		return
	}
	http.Redirect(w, r, "/units?done=1", http.StatusSeeOther)
}
