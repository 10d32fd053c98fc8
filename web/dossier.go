package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/ledger"
)

type stepView struct {
	motcua.WorkflowStep
	Index   int
	Current bool
	Done    bool
	Unit    string
}

type eventView struct {
	motcua.Event
	Unit string
	Late bool
}

type dossierData struct {
	D                   *motcua.Dossier
	P                   *motcua.Procedure
	Receiving, Deciding string
	Overdue             bool
	Steps               []stepView
	Timeline            []eventView
	Actions             []motcua.EventType
	NextHolders         []motcua.User
	Now                 string
}

func (s *Server) unitName(ctx context.Context, id int64) string {
	if u, err := s.db.Unit(ctx, id); err == nil {
		return u.Name
	}
	return ""
}

// loadDossier gathers everything the dossier and receipt pages show.
func (s *Server) loadDossier(r *http.Request, a *motcua.Actor) (*dossierData, error) {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, motcua.ErrDossierNotFound()
	}
	d, err := s.db.Dossier(ctx, a, id)
	if err != nil {
		return nil, err
	}
	p, err := s.db.ProcedureVersion(ctx, d.VersionID)
	if err != nil {
		return nil, err
	}
	events, err := s.db.Timeline(ctx, a, d)
	if err != nil {
		return nil, err
	}
	data := &dossierData{D: d, P: p, Receiving: s.unitName(ctx, d.ReceivingUnitID), Deciding: s.unitName(ctx, d.DecidingUnitID),
		Overdue: d.Overdue(s.db.Now()), Now: s.db.Now().In(motcua.VN).Format("2006-01-02T15:04")}
	for i, st := range p.Steps {
		unit := data.Deciding
		if st.Unit == motcua.AtIntake {
			unit = data.Receiving
		}
		data.Steps = append(data.Steps, stepView{WorkflowStep: st, Index: i + 1, Current: i == d.Step && d.State.Open(),
			Done: i < d.Step || !d.State.Open(), Unit: unit})
	}
	for _, e := range events {
		data.Timeline = append(data.Timeline, eventView{Event: e, Unit: s.unitName(ctx, e.UnitID), Late: e.LateEntry()})
	}
	data.Actions = a.Actions(d, p.Steps)
	if d.Step+1 < len(p.Steps) {
		data.NextHolders, _ = s.db.UsersAt(ctx, ledger.StepUnitID(d, p, d.Step+1), p.Steps[d.Step+1].Role)
	}
	return data, nil
}

func (s *Server) dossierPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Hồ sơ", Actor: a}
	data, err := s.loadDossier(r, a)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Title, v.Data = "Hồ sơ "+data.D.Code, data
	if r.FormValue("accepted") == "1" {
		v.Flash = "Đã tiếp nhận hồ sơ " + data.D.Code + ". Hẹn trả kết quả: " + motcua.FormatDateTime(data.D.DueAt) + "."
	}
	s.render(w, http.StatusOK, "dossier.html", v)
}

// dossierAction performs one action from the dossier page; on failure the
// page is shown again with the reason.
func (s *Server) dossierAction(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	toUser, _ := strconv.ParseInt(r.PostFormValue("to_user"), 10, 64)
	act := motcua.Action{DossierID: id, Version: version, Type: motcua.EventType(r.PostFormValue("type")),
		Reason: r.PostFormValue("reason"), Note: r.PostFormValue("note"), ToUserID: toUser,
		Missing: strings.Split(r.PostFormValue("missing"), "\n")}
	var err error
	if at := strings.TrimSpace(r.PostFormValue("at")); at != "" {
		act.At, err = motcua.ParseDateTime(at)
	}
	if err == nil {
		if _, err = s.db.Act(r.Context(), a, act); err == nil {
			http.Redirect(w, r, "/dossiers/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
			return
		}
	}
	v := view{Title: "Hồ sơ", Actor: a}
	data, loadErr := s.loadDossier(r, a)
	if loadErr != nil {
		s.fail(w, "error.html", v, loadErr)
		return
	}
	v.Data = data
	s.fail(w, "dossier.html", v, err)
}

func (s *Server) receipt(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Actor: a}
	data, err := s.loadDossier(r, a)
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	v.Data = data
	s.render(w, http.StatusOK, "receipt.html", v)
}
