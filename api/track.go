package api

import (
	"net/http"
	"time"

	"github.com/motcua/motcua"
)

// Tracking is the public answer about a dossier: what the portal's page
// shows, for apps and kiosks.
type Tracking struct {
	Code       string     `json:"code"`
	Procedure  string     `json:"procedure"`
	Applicant  string     `json:"applicant_initials"`
	State      string     `json:"state"`
	StateLabel string     `json:"state_label"`
	AcceptedAt time.Time  `json:"accepted_at"`
	DueAt      time.Time  `json:"due_at"`
	PromisedAt *time.Time `json:"promised_at,omitempty"`
	ResultAt   *time.Time `json:"result_at,omitempty"`
	ReturnedAt *time.Time `json:"returned_at,omitempty"`
	// PausedAt is when the clock paused for a supplement or a payment, while it waits;
	// DueNote explains the due date then, and after it was computed anew.
	PausedAt *time.Time  `json:"paused_at,omitempty"`
	DueNote  string      `json:"due_note,omitempty"`
	Late     bool        `json:"late"`
	Steps    []TrackStep `json:"steps"`
	Rated    bool        `json:"rated"`
	// What the dossier owes in đồng and when (issue 19), when anything.
	FeeTotal       int64 `json:"fee_total,omitempty"`
	FeeDueAtIntake int64 `json:"fee_due_intake,omitempty"`
	FeeDueAtResult int64 `json:"fee_due_result,omitempty"`
}

// TrackStep is one step of the public timeline.
type TrackStep struct {
	At     time.Time `json:"at"`
	What   string    `json:"what"`
	Detail string    `json:"detail,omitempty"`
}

// track is GET /api/v1/track?code=…&secret=… — no login; the secret of the
// receipt or the last four digits of the applicant's phone. An unknown
// code and a wrong secret give the same 404 body.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code, secret := motcua.NormalizeTrackCode(q.Get("code")), motcua.NormalizeTrackSecret(q.Get("secret"))
	var t *motcua.Tracking
	err := s.Limits.Lookup(r, code, motcua.WeakFactor(secret), func() (err error) {
		t, err = s.db.Track(r.Context(), code, secret)
		return err
	})
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, trackingJSON(t))
}

func trackingJSON(t *motcua.Tracking) Tracking {
	opt := func(x time.Time) *time.Time {
		if x.IsZero() {
			return nil
		}
		return &x
	}
	out := Tracking{Code: t.Code, Procedure: t.ProcedureName, Applicant: t.Initials, State: string(t.State), StateLabel: t.State.Label(),
		AcceptedAt: t.AcceptedAt, DueAt: t.DueAt, PromisedAt: opt(t.PromisedAt), ResultAt: opt(t.ResultAt), ReturnedAt: opt(t.ReturnedAt),
		PausedAt: opt(t.PausedAt), DueNote: t.DueNote(), Late: t.Late, Rated: t.Rated, Steps: []TrackStep{},
		FeeTotal: t.FeeTotal, FeeDueAtIntake: t.FeeDueAtIntake, FeeDueAtResult: t.FeeDueAtResult}
	for _, st := range t.Steps {
		out.Steps = append(out.Steps, TrackStep{At: st.At, What: st.What, Detail: st.Detail})
	}
	return out
}
