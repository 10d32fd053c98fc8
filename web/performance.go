package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

type performanceData struct {
	Units    []*motcua.Unit // where the actor leads
	UnitID   int64
	From, To string // yyyy-mm-dd, To included
	Rows     []*store.Performance
	Late     []store.LateStep
	Repeats  []store.RepeatSupplement // dossiers asked for additions more than once
	Shown    bool
}

// performance shows a unit leader how the unit's officers finished their
// steps in a period, and which steps were late (domain.md §7).
func (s *Server) performance(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	now := s.db.Now().In(motcua.VN)
	data := performanceData{From: q.Get("from"), To: q.Get("to")}
	if data.From == "" {
		data.From = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, motcua.VN).Format("2006-01-02")
	}
	if data.To == "" {
		data.To = now.Format("2006-01-02")
	}
	for _, id := range a.HandledUnitIDs() {
		if u, err := s.db.Unit(r.Context(), id); err == nil && a.Has(id, motcua.RoleLeader) {
			data.Units = append(data.Units, u)
		}
	}
	v := view{Title: "Kết quả xử lý theo cán bộ", Actor: a, Data: &data}
	data.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if data.UnitID == 0 && len(data.Units) > 0 {
		data.UnitID = data.Units[0].ID
	}
	from, last, err := periodDays(data.From, data.To)
	if err != nil {
		s.fail(w, "performance.html", v, err)
		return
	}
	data.Rows, data.Late, err = s.db.StepPerformance(r.Context(), a, data.UnitID, from, last.AddDate(0, 0, 1))
	if err == nil {
		data.Repeats, err = s.db.RepeatSupplements(r.Context(), a, data.UnitID, from, last.AddDate(0, 0, 1))
	}
	if err != nil {
		s.fail(w, "performance.html", v, err)
		return
	}
	data.Shown = true
	s.render(w, http.StatusOK, "performance.html", v)
}
