package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/reform"
	"github.com/motcua/motcua/store"
)

type alertsData struct {
	*store.Alerts
	Units   []*motcua.Unit // the units the actor handles, to narrow the view
	UnitID  int64
	Reviews []motcua.Review   // unsatisfied ratings awaiting the leader's answer
	Tasks   []reform.PlanTask // reform plan tasks of the actor's units past their due date
}

// alerts is the officer's deadline dashboard: due today, overdue, late
// steps, and late entries awaiting the actor's approval.
func (s *Server) alerts(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Cảnh báo hạn xử lý", Actor: a}
	unitID, _ := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	al, err := s.db.Alerts(r.Context(), a, unitID, s.db.Now())
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	data := alertsData{Alerts: al, UnitID: unitID}
	if data.Reviews, err = s.db.OpenReviews(r.Context(), a); err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	if data.Tasks, err = s.db.OverdueTasks(r.Context(), a); err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	for _, id := range a.HandledUnitIDs() {
		if u, err := s.db.Unit(r.Context(), id); err == nil {
			data.Units = append(data.Units, u)
		}
	}
	v.Data = data
	s.render(w, http.StatusOK, "alerts.html", v)
}
