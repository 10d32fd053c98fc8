package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// adoptionView is what the versions page shows of the standard workflow at
// the units: who applies it, and, for the units the actor leads, the
// officers per step.
type adoptionView struct {
	Adoptions []store.Adoption
	Units     []*motcua.Unit // units the actor may adopt for
	UnitID    int64          // the unit whose officers are shown
	Steps     []stepOfficers
}

type stepOfficers struct {
	Name     string
	Role     motcua.Role
	Holders  []motcua.User // who holds the role at the unit
	Assigned map[int64]bool
}

// loadAdoption gathers the adoption section for procedure p at the unit
// chosen (?unit=), or the first the actor may manage.
func (s *Server) loadAdoption(ctx context.Context, r *http.Request, a *motcua.Actor, p *motcua.Procedure) (*adoptionView, error) {
	v := &adoptionView{}
	var err error
	if v.Adoptions, err = s.db.Adoptions(ctx, p.ID); err != nil {
		return nil, err
	}
	ids := append(a.UnitsWith(motcua.RoleLeader), a.UnitsWith(motcua.RoleAdmin)...)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if u, err := s.db.Unit(ctx, id); err == nil {
			v.Units = append(v.Units, u)
		}
	}
	v.UnitID, _ = strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64)
	if v.UnitID == 0 && len(v.Units) > 0 {
		v.UnitID = v.Units[0].ID
	}
	if v.UnitID == 0 || !a.CanAdopt(v.UnitID) {
		return v, nil
	}
	assigned, err := s.db.StepOfficers(ctx, p.ID, v.UnitID)
	if err != nil {
		return nil, err
	}
	for _, st := range p.Steps {
		holders, _ := s.db.UsersAt(ctx, v.UnitID, st.Role)
		so := stepOfficers{Name: st.Name, Role: st.Role, Holders: holders, Assigned: map[int64]bool{}}
		for _, u := range assigned[st.Name] {
			so.Assigned[u.ID] = true
		}
		v.Steps = append(v.Steps, so)
	}
	return v, nil
}

// adopt records that a unit applies the procedure from a date.
func (s *Server) adopt(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	from, err := parseDay("from", r.PostFormValue("from"))
	if err == nil {
		err = s.db.Adopt(r.Context(), a, id, unitID, from)
	}
	s.afterAdoption(w, r, a, id, unitID, err)
}

// assignOfficers sets the unit's officers of one step.
func (s *Server) assignOfficers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	r.ParseForm()
	var users []int64
	for _, v := range r.PostForm["users"] {
		if u, err := strconv.ParseInt(v, 10, 64); err == nil {
			users = append(users, u)
		}
	}
	err := s.db.SetStepOfficers(r.Context(), a, id, unitID, r.PostFormValue("step"), users)
	s.afterAdoption(w, r, a, id, unitID, err)
}

func (s *Server) afterAdoption(w http.ResponseWriter, r *http.Request, a *motcua.Actor, id, unitID int64, err error) {
	if err == nil {
		http.Redirect(w, r, "/catalog/procedures/"+strconv.FormatInt(id, 10)+"?unit="+strconv.FormatInt(unitID, 10), http.StatusSeeOther)
		return
	}
	r.URL.RawQuery = "unit=" + strconv.FormatInt(unitID, 10)
	data, loadErr := s.versionsData(r, a, id)
	v := view{Title: "Các phiên bản thủ tục", Actor: a, Data: data}
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	s.fail(w, "versions.html", v, err)
}
