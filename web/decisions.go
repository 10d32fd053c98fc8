package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

type catalogAdminData struct {
	Decisions []*motcua.Decision
	CanManage bool
	Query     string
	Found     []*motcua.Procedure
}

// catalogAdmin lists the decisions that govern the catalogue and finds
// procedures to see their versions.
func (s *Server) catalogAdmin(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data := &catalogAdminData{CanManage: a.CanManageCatalog(), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	v := view{Title: "Quyết định công bố thủ tục", Actor: a, Data: data}
	v.takeFlash(w, r)
	var err error
	if data.Decisions, err = s.db.Decisions(r.Context()); err != nil {
		s.fail(w, "decisions.html", v, err)
		return
	}
	if data.Query != "" {
		data.Found, _ = s.db.SearchProcedures(r.Context(), data.Query, "", 50)
	}
	s.render(w, http.StatusOK, "decisions.html", v)
}

// createDecision records a draft decision from the form.
func (s *Server) createDecision(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	f := r.PostFormValue
	d := &motcua.Decision{Number: f("number"), Issuer: f("issuer"), Summary: f("summary")}
	var err error
	if d.SignedOn, err = parseDay("signed_on", f("signed_on")); err == nil {
		d.EffectiveFrom, err = parseDay("effective_from", f("effective_from"))
	}
	if err == nil {
		if err = s.db.CreateDecision(r.Context(), a, d); err == nil {
			http.Redirect(w, r, "/catalog/decisions/"+strconv.FormatInt(d.ID, 10), http.StatusSeeOther)
			return
		}
	}
	data := &catalogAdminData{CanManage: a.CanManageCatalog()}
	data.Decisions, _ = s.db.Decisions(r.Context())
	s.fail(w, "decisions.html", view{Title: "Quyết định công bố thủ tục", Actor: a, Data: data}, err)
}

// parseDay reads a day written yyyy-mm-dd (date pickers) or dd/mm/yyyy.
func parseDay(field, text string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.ParseInLocation(layout, strings.TrimSpace(text), motcua.VN); err == nil {
			return t, nil
		}
	}
	return time.Time{}, motcua.FieldError(field, "Ngày %q không hợp lệ; nhập theo dạng dd/mm/yyyy.", text)
}

type decisionData struct {
	D         *motcua.Decision
	CanManage bool
	Previous  map[int64]int64 // version id → the published version before it, for the diff link
	// TrialAt is when the trial links run: the decision's start while it
	// lies ahead, else "" (now, the trial page's default).
	TrialAt string
}

// decisionPage shows a decision, its changes with diffs and trial runs,
// and, for a draft, the button that publishes it.
func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Quyết định", Actor: a}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	d, err := s.db.Decision(r.Context(), id)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	data := &decisionData{D: d, CanManage: a.CanManageCatalog(), Previous: map[int64]int64{}}
	if d.EffectiveFrom.After(s.db.Now()) {
		data.TrialAt = d.EffectiveFrom.In(motcua.VN).Format("2006-01-02T15:04")
	}
	for _, c := range d.Changes {
		versions, _ := s.db.Versions(r.Context(), c.Procedure.ID)
		for _, pv := range versions {
			if pv.Status == motcua.VersionPublished && pv.VersionID != c.Procedure.VersionID && !pv.EffectiveFrom.After(c.Procedure.EffectiveFrom) {
				data.Previous[c.Procedure.VersionID] = pv.VersionID
			}
		}
	}
	v.Title, v.Data = "Quyết định "+d.Number, data
	if r.URL.Query().Get("published") == "1" {
		v.Flash = "Đã công bố quyết định " + d.Number + "; các phiên bản có hiệu lực từ ngày " + motcua.FormatDate(d.EffectiveFrom) + "."
	}
	s.render(w, http.StatusOK, "decision.html", v)
}

// publishDecision publishes a draft decision.
func (s *Server) publishDecision(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.db.PublishDecision(r.Context(), a, id); err != nil {
		v := view{Title: "Quyết định", Actor: a}
		d, derr := s.db.Decision(r.Context(), id)
		if derr != nil {
			s.fail(w, "error.html", v, derr)
			return
		}
		v.Data = &decisionData{D: d, CanManage: a.CanManageCatalog(), Previous: map[int64]int64{}}
		s.fail(w, "decision.html", v, err)
		return
	}
	http.Redirect(w, r, "/catalog/decisions/"+strconv.FormatInt(id, 10)+"?published=1", http.StatusSeeOther)
}

type versionsData struct {
	Versions []*motcua.Procedure
	A, B     *motcua.Procedure
	Changes  []motcua.FieldChange
	Adoption *adoptionView
}

// procedureVersions lists a procedure's versions and shows what changed
// between two of them (?a=VERSION_ID&b=VERSION_ID; default the last two),
// and which units apply its standard workflow with whom.
func (s *Server) procedureVersions(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Các phiên bản thủ tục", Actor: a}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	data, err := s.versionsData(r, a, id)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Title, v.Data = data.B.Code+" – các phiên bản", data
	s.render(w, http.StatusOK, "versions.html", v)
}

func (s *Server) versionsData(r *http.Request, a *motcua.Actor, id int64) (*versionsData, error) {
	versions, err := s.db.Versions(r.Context(), id)
	if err == nil && len(versions) == 0 {
		err = motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính này.")
	}
	if err != nil {
		return nil, err
	}
	data := &versionsData{Versions: versions}
	pick := func(param string, fallback *motcua.Procedure) *motcua.Procedure {
		want, _ := strconv.ParseInt(r.URL.Query().Get(param), 10, 64)
		for _, p := range versions {
			if p.VersionID == want {
				return p
			}
		}
		return fallback
	}
	data.B = pick("b", versions[len(versions)-1])
	data.A = pick("a", versions[max(len(versions)-2, 0)])
	data.Changes = motcua.DiffVersions(data.A, data.B)
	data.Adoption, err = s.loadAdoption(r.Context(), r, a, versions[len(versions)-1])
	return data, err
}
