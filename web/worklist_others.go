package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// ForOthersPath is the receiving centre's view of the dossiers it received
// for other units (Decree 118/2025/NĐ-CP): they leave its worklist once
// handed on, and it still answers to the applicant for them.
const ForOthersPath = "/worklist/for-others"

type forOthersRow struct {
	store.ForOther
	Deciding string
	Overdue  bool
	// Status says where the hand-overs stand, in one line.
	Status string
}

type forOthersData struct {
	Rows               []forOthersRow
	Total, Page, Pages int
	HasNext            bool
	PrevLink, NextLink template.URL
}

// receivedForOthers lists the dossiers received at the actor's units for
// another unit, the soonest due first, 50 a page.
func (s *Server) receivedForOthers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), store.MaxOffset/pageSize)
	v := view{Title: "Hồ sơ nhận hộ đơn vị khác", Actor: a, Data: forOthersData{}}
	rows, total, err := s.db.ReceivedForOthers(r.Context(), a, (page-1)*pageSize, pageSize+1) // one more: is there a next page
	if err != nil {
		s.fail(w, "for_others.html", v, err)
		return
	}
	data := forOthersData{Total: total, Page: page, Pages: (total + pageSize - 1) / pageSize, HasNext: len(rows) > pageSize}
	now := s.db.Now()
	for _, row := range rows[:min(len(rows), pageSize)] {
		if !a.CanView(row.Dossier) { // the policy has the last word on every row
			continue
		}
		data.Rows = append(data.Rows, forOthersRow{ForOther: row, Deciding: s.unitName(r.Context(), row.DecidingUnitID),
			Overdue: row.Overdue(now), Status: handOverStatus(row)})
	}
	data.PrevLink, data.NextLink = pageLink(ForOthersPath, q, page-1), pageLink(ForOthersPath, q, page+1)
	v.Data = data
	s.render(w, http.StatusOK, "for_others.html", v)
}

// handOverStatus is where the latest hand-over of a dossier stands.
func handOverStatus(row store.ForOther) string {
	if len(row.HandOvers) == 0 {
		if row.State.Open() {
			return "Chưa chuyển đến cơ quan giải quyết"
		}
		return ""
	}
	h := row.HandOvers[len(row.HandOvers)-1]
	s := h.Kind.Label() + " (" + h.Means.Label() + "): gửi " + motcua.FormatDateTime(h.SentAt)
	if h.ReturnedAt.IsZero() {
		return s + ", hạn nhận " + motcua.FormatDateTime(h.DueAt) + ", chưa nhận"
	}
	return s + ", đã nhận " + motcua.FormatDateTime(h.ReturnedAt) + " – " + h.Grade.Label()
}

// receivesForOthers reports whether the actor is a counter officer at a
// service centre or branch: the units that receive for others, whose menu
// links the view.
func (s *Server) receivesForOthers(ctx context.Context, a *motcua.Actor) bool {
	for _, id := range a.UnitsWith(motcua.RoleCounter) {
		if u, err := s.db.Unit(ctx, id); err == nil && (u.Kind == motcua.UnitCentre || u.Kind == motcua.UnitBranch) {
			return true
		}
	}
	return false
}
