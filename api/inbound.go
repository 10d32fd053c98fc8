package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Inbound operations let a specialised system (civil status, social
// protection, business registration…) write to the one-stop's ledger what
// it did itself, so that nobody types a dossier twice.

// InboundDossier is the body of POST /api/v1/inbound/dossiers: a dossier
// the partner system received itself.
type InboundDossier struct {
	Key           string                    `json:"key"`            // the partner's own id of the dossier: a repeated post is the same dossier
	ProcedureCode string                    `json:"procedure_code"` // the national code, e.g. 1.001193
	UnitCode      string                    `json:"unit_code"`      // where it was received
	Channel       motcua.Channel            `json:"channel"`
	Applicant     motcua.Applicant          `json:"applicant"`
	Documents     []motcua.ReceivedDocument `json:"documents,omitempty"`
	ReceivedAt    *time.Time                `json:"received_at,omitempty"` // default: now
}

// InboundResult is the body of POST /api/v1/inbound/dossiers/{code}/result.
type InboundResult struct {
	Reference string     `json:"reference"`    // the partner's number of the result (e.g. the birth certificate's)
	At        *time.Time `json:"at,omitempty"` // default: now
}

// registerDossier records a dossier a partner received: accepted at its
// unit with the clock and the code as if at the counter.
func (s *Server) registerDossier(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req InboundDossier
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	if strings.TrimSpace(req.Key) == "" {
		writeError(w, motcua.FieldError("key", "Thiếu mã hồ sơ của hệ thống gửi (key)."))
		return
	}
	u, procID, err := s.unitAndProcedure(r.Context(), req.UnitCode, req.ProcedureCode)
	if err != nil {
		writeError(w, err)
		return
	}
	in := motcua.Intake{ProcedureID: procID, UnitID: u.ID, Channel: req.Channel, Applicant: req.Applicant, Documents: req.Documents,
		Sets: 1, At: deref(req.ReceivedAt), Key: strings.TrimSpace(req.Key), // namespaced by the store as this client's
		Note: "Tiếp nhận tại hệ thống " + a.Client.Name + ", mã " + strings.TrimSpace(req.Key)}
	if req.ReceivedAt != nil {
		in.Reason = "Đăng ký từ hệ thống " + a.Client.Name
	}
	d, err := s.db.Accept(r.Context(), a, in)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, toDossier(d, s.db.Now(), false))
}

// postResult records that the partner system decided a dossier: it is
// result-ready, to be returned at the one-stop.
func (s *Server) postResult(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req InboundResult
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	d, err := s.db.DossierByCode(r.Context(), a, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return
	}
	note := "Kết quả từ hệ thống " + a.Client.Name
	if ref := strings.TrimSpace(req.Reference); ref != "" {
		note += ", số " + ref
	}
	reason := ""
	if req.At != nil {
		reason = "Kết quả ghi nhận từ hệ thống " + a.Client.Name
	}
	d, err = s.db.Act(r.Context(), a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady,
		At: deref(req.At), Reason: reason, Note: note})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toDossier(d, s.db.Now(), false))
}

// InboundPrefill is the body of POST /api/v1/inbound/prefills: an
// application a specialised system knows, for the one-stop to accept
// without typing it again.
type InboundPrefill struct {
	Key           string           `json:"key"` // the partner's own id: a repeated post is the same submission
	ProcedureCode string           `json:"procedure_code"`
	UnitCode      string           `json:"unit_code"`
	Applicant     motcua.Applicant `json:"applicant"`
	Note          string           `json:"note,omitempty"`
}

// Prefilled names the submission waiting in the one-stop's queue.
type Prefilled struct {
	SubmissionID int64 `json:"submission_id"`
}

func (s *Server) prefill(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req InboundPrefill
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	u, procID, err := s.unitAndProcedure(r.Context(), req.UnitCode, req.ProcedureCode)
	if err != nil {
		writeError(w, err)
		return
	}
	sub := &motcua.Submission{ProcedureID: procID, UnitID: u.ID, Applicant: req.Applicant, Note: req.Note}
	if err := s.db.Prefill(r.Context(), a, req.Key, sub); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, Prefilled{SubmissionID: sub.ID})
}

// InboundStatus is the body of POST /api/v1/inbound/dossiers/{code}/status:
// what a partner deciding the dossier reports other than its result.
type InboundStatus struct {
	Status  motcua.EventType `json:"status"`            // supplement_requested (the clock pauses) or stopped
	Reason  string           `json:"reason,omitempty"`  // required for stopped
	Missing []string         `json:"missing,omitempty"` // required for supplement_requested: everything, once
	At      *time.Time       `json:"at,omitempty"`
}

func (s *Server) postStatus(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	var req InboundStatus
	if err := decode(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	if req.Status != motcua.EventSupplementRequested && req.Status != motcua.EventStopped {
		writeError(w, motcua.FieldError("status", "status là supplement_requested hoặc stopped; kết quả gửi tới /result."))
		return
	}
	d, err := s.db.DossierByCode(r.Context(), a, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return
	}
	reason := req.Reason
	if req.At != nil && reason == "" {
		reason = "Ghi nhận từ hệ thống " + a.Client.Name
	}
	d, err = s.db.Act(r.Context(), a, motcua.Action{DossierID: d.ID, Version: d.Version, Type: req.Status, At: deref(req.At),
		Reason: reason, Missing: req.Missing, Note: "Từ hệ thống " + a.Client.Name})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, toDossier(d, s.db.Now(), false))
}

// unitAndProcedure resolves a partner's unit code and national procedure
// code (at the unit's level).
func (s *Server) unitAndProcedure(ctx context.Context, unitCode, procedureCode string) (*motcua.Unit, int64, error) {
	u, err := s.db.UnitByCode(ctx, unitCode)
	if err != nil {
		return nil, 0, motcua.FieldError("unit_code", "Không có đơn vị mã %q.", unitCode)
	}
	level, err := s.db.ReceivingLevel(ctx, u.ID)
	if err != nil {
		return nil, 0, err
	}
	procID, err := s.db.ProcedureID(ctx, procedureCode, level)
	if err != nil {
		return nil, 0, motcua.FieldError("procedure_code", "%s", motcua.ErrorMessage(err))
	}
	return u, procID, nil
}
