package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/httpmux"
	"github.com/motcua/motcua/store"
)

// Staff accounts (issue 9): administrators create accounts in their units,
// end an account's sessions and remove a lost authenticator.

type staffData struct {
	Accounts  []store.StaffAccount
	Units     []*motcua.Unit   // where the administrator may create accounts
	UnitNames map[int64]string // every unit's name, for the grants listed
	Form      staffForm
}

type staffForm struct {
	Username, FullName, Email, Role string
	UnitID                          int64
}

func (s *Server) mountStaff(mux httpmux.Mux) {
	mux.HandleFunc("POST /staff", s.at(motcua.DeskAdmin, s.addStaff))
	mux.HandleFunc("POST /staff/{username}/{action}", s.at(motcua.DeskAdmin, s.manageStaff))
}

func (s *Server) staffPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	flash := ""
	if who := r.URL.Query().Get("ok"); who != "" {
		flash = "Đã cập nhật tài khoản " + who + "."
	}
	s.renderStaff(w, r, a, staffForm{Role: string(motcua.RoleCounter)}, flash, nil)
}

func (s *Server) renderStaff(w http.ResponseWriter, r *http.Request, a *motcua.Actor, form staffForm, flash string, failure error) {
	data := &staffData{Form: form, UnitNames: map[int64]string{}}
	v := view{Title: "Tài khoản cán bộ", Actor: a, Data: data, Flash: flash}
	var err error
	if data.Accounts, err = s.db.Staff(r.Context(), a); err == nil {
		var units []*motcua.Unit
		if units, err = s.db.Units(r.Context()); err == nil {
			for _, u := range units {
				data.UnitNames[u.ID] = u.Name
				if a.Has(u.ID, motcua.RoleAdmin) {
					data.Units = append(data.Units, u)
				}
			}
		}
	}
	if err == nil {
		err = failure
	}
	if err != nil {
		s.fail(w, "staff.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "staff.html", v)
}

func (s *Server) addStaff(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	unitID, _ := strconv.ParseInt(r.PostFormValue("unit"), 10, 64)
	form := staffForm{Username: strings.TrimSpace(r.PostFormValue("username")), FullName: strings.TrimSpace(r.PostFormValue("full_name")),
		Email: strings.TrimSpace(r.PostFormValue("email")), Role: r.PostFormValue("role"), UnitID: unitID}
	role := motcua.Role(form.Role)
	switch role {
	case motcua.RoleCounter, motcua.RoleSpecialist, motcua.RoleLeader, motcua.RoleAdmin:
	default:
		s.renderStaff(w, r, a, form, "", motcua.FieldError("role", "Hãy chọn vai trò."))
		return
	}
	u := &motcua.User{Username: form.Username, FullName: form.FullName, Email: form.Email, Grants: []motcua.Grant{{Role: role, UnitID: unitID}}}
	if err := s.db.AddStaff(r.Context(), a, u, r.PostFormValue("password")); err != nil {
		s.renderStaff(w, r, a, form, "", err)
		return
	}
	http.Redirect(w, r, "/staff?ok="+url.QueryEscape(form.Username), http.StatusSeeOther)
}

func (s *Server) manageStaff(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if err := s.db.ManageStaff(r.Context(), a, r.PathValue("username"), r.PathValue("action")); err != nil {
		s.renderStaff(w, r, a, staffForm{Role: string(motcua.RoleCounter)}, "", err)
		return
	}
	http.Redirect(w, r, "/staff?ok="+url.QueryEscape(r.PathValue("username")), http.StatusSeeOther)
}
