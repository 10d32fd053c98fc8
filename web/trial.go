package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

type trialData struct {
	Code, Level, At string
	UnitID          int64
	Draft           bool
	Units           []*motcua.Unit
	Report          *store.TrialReport
}

// trial is the trial run (chạy thử) of a procedure's workflow: per-step
// due instants for a chosen acceptance instant and unit, and warnings.
func (s *Server) trial(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	data := &trialData{Code: strings.TrimSpace(q.Get("code")), Level: q.Get("cap"), At: q.Get("at"), Draft: q.Get("draft") == "1"}
	data.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if data.At == "" {
		data.At = s.db.Now().In(motcua.VN).Format("2006-01-02T15:04")
	}
	data.Units, _ = s.db.Units(r.Context())
	v := view{Title: "Chạy thử quy trình", Actor: a, Data: data}
	if data.Code == "" {
		s.render(w, http.StatusOK, "trial.html", v)
		return
	}
	report, err := s.runTrial(r, data)
	if err != nil {
		s.fail(w, "trial.html", v, err)
		return
	}
	data.Report = report
	s.render(w, http.StatusOK, "trial.html", v)
}

func (s *Server) runTrial(r *http.Request, data *trialData) (*store.TrialReport, error) {
	at, err := motcua.ParseDateTime(data.At)
	if err != nil {
		return nil, motcua.FieldError("at", "%s", motcua.ErrorMessage(err))
	}
	return s.db.TrialOf(r.Context(), data.Code, levelOf(data.Level), data.UnitID, data.Draft, at)
}
