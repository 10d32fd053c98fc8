package api

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	var body LoginRequest
	if err := decode(w, r, &body); err != nil {
		writeError(w, err)
		return
	}
	res, err := s.db.Login(r.Context(), body.Username, body.Password)
	switch {
	case err != nil:
	case res.Stage == store.StageEnroll:
		err = motcua.Errorf(motcua.EFORBIDDEN, "Tài khoản phải cài ứng dụng xác thực hai lớp trên trang đăng nhập trước khi dùng API.")
	case res.Stage == store.StageCode && body.Code == "":
		err = motcua.Errorf(motcua.EUNAUTHORIZED, "Cần mã xác thực hai lớp (trường code).")
	case res.Stage == store.StageCode:
		res.Token, err = s.db.SecondFactor(r.Context(), res.Token, body.Code) // a new token: the password's alone no longer works
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, Session{Token: res.Token})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	if err := s.db.Logout(r.Context(), requestToken(r)); err != nil {
		writeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listProcedures(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	procs, err := s.db.SearchProcedures(r.Context(), r.URL.Query().Get("q"), motcua.Level(r.URL.Query().Get("level")), 200)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ProcedureList{Procedures: procs})
}

func (s *Server) getProcedure(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, motcua.Errorf(motcua.ENOTFOUND, "Không tìm thấy thủ tục hành chính."))
		return
	}
	p, err := s.db.Procedure(r.Context(), id)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) listDossiers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	procID, _ := strconv.ParseInt(q.Get("procedure_id"), 10, 64)
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	list, total, err := s.db.Worklist(r.Context(), a, motcua.DossierFilter{State: motcua.State(q.Get("state")),
		ProcedureID: procID, Query: q.Get("q"), Limit: limit, Offset: max(offset, 0)})
	if err != nil {
		writeError(w, err)
		return
	}
	out := make([]Dossier, 0, len(list))
	for _, d := range list {
		out = append(out, toDossier(d, s.db.Now(), true))
	}
	writeJSON(w, http.StatusOK, DossierList{Dossiers: out, Total: min(total, store.WorklistCountCap), More: total > store.WorklistCountCap})
}

func (s *Server) acceptDossier(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req IntakeRequest
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	d, err := s.db.Accept(r.Context(), a, motcua.Intake{ProcedureID: req.ProcedureID, UnitID: req.UnitID, Channel: req.Channel,
		Applicant: req.Applicant, Documents: req.Documents, Sets: req.Sets, At: deref(req.At), Reason: req.Reason, Note: req.Note,
		Fees: req.Fees.quantities(), Key: r.Header.Get("Idempotency-Key")})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, toDossier(d, s.db.Now(), false))
}

func (s *Server) getDossier(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := s.db.DossierByCode(r.Context(), a, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toDossier(d, s.db.Now(), false))
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	d, err := s.db.DossierByCode(r.Context(), a, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return
	}
	events, err := s.db.Timeline(r.Context(), a, d)
	if err != nil {
		writeError(w, err)
		return
	}
	out := make([]Event, 0, len(events))
	for _, e := range events {
		e.Data.Applicant = nil // personal data is on the dossier, read once and logged
		out = append(out, Event{Seq: e.Seq, Type: e.Type, At: e.At, RecordedAt: e.RecordedAt, LateEntry: e.LateEntry(),
			ActorID: e.ActorID, ActorName: e.ActorName, UnitID: e.UnitID, Reason: e.Reason, Data: e.Data})
	}
	writeJSON(w, http.StatusOK, EventList{Events: out})
}

func (s *Server) act(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req ActionRequest
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	d, err := s.db.DossierByCode(r.Context(), a, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return
	}
	d, err = s.db.Act(r.Context(), a, motcua.Action{DossierID: d.ID, Version: req.Version, Type: req.Type, At: deref(req.At),
		Reason: req.Reason, Note: req.Note, Missing: req.Missing, ToUserID: req.ToUserID, NewDueAt: deref(req.NewDueAt),
		PartUnitID: req.PartUnitID, PartTitle: req.PartTitle, PartMinutes: req.PartMinutes, PartSteps: req.PartSteps, PartSeq: req.PartSeq,
		PartKind: req.PartKind, PartMeans: req.PartMeans, ToUnitID: req.ToUnitID, ReturnUnitID: req.ReturnUnitID})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toDossier(d, s.db.Now(), false))
}

func (s *Server) refuse(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req RefusalRequest
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	ref := &motcua.Refusal{UnitID: req.UnitID, ProcedureID: req.ProcedureID, Applicant: req.Applicant, Reason: req.Reason, At: deref(req.At)}
	if err := s.db.Refuse(r.Context(), a, ref); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, RefusalRef{ID: ref.ID, At: ref.At})
}

// calendarDue answers the same question as `motcua calendar due`.
func (s *Server) calendarDue(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	at, err := motcua.ParseDateTime(q.Get("at"))
	if err != nil {
		writeError(w, motcua.FieldError("at", "%s", motcua.ErrorMessage(err)))
		return
	}
	days, errD := strconv.ParseFloat(q.Get("days"), 64)
	hours, errH := strconv.ParseFloat(q.Get("hours"), 64)
	if errD != nil && q.Get("days") != "" || errH != nil && q.Get("hours") != "" {
		writeError(w, motcua.FieldError("days", "Tham số days/hours phải là số."))
		return
	}
	unitID, _ := strconv.ParseInt(q.Get("unit_id"), 10, 64)
	cal, err := s.db.Calendar(r.Context(), unitID)
	if err != nil {
		writeError(w, err)
		return
	}
	work, err := motcua.WorkingTime(days, hours, cal.StandardDay())
	if err != nil {
		writeError(w, err)
		return
	}
	ex := cal.Explain(at, work)
	writeJSON(w, http.StatusOK, DueAnswer{Start: ex.Start, Due: ex.Due, Explain: ex.Lines()})
}
