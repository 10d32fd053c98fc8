package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

type worklistRow struct {
	*motcua.Dossier
	Overdue  bool
	UnitName string
}

type worklistData struct {
	Rows               []worklistRow
	Total, Page, Pages int
	More, HasNext      bool // More: the count stopped at Total (store.WorklistCountCap)
	State, Query       string
	ProcedureID        int64
	States             []motcua.State
	Procedures         []*motcua.Procedure
	PrevLink, NextLink template.URL // the neighbouring pages, with the same filters
}

const pageSize = 50

// worklist lists the dossiers in the actor's scope, due soonest first.
func (s *Server) worklist(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = min(max(page, 1), store.MaxOffset/pageSize)
	procID, _ := strconv.ParseInt(q.Get("procedure"), 10, 64)
	f := motcua.DossierFilter{State: motcua.State(q.Get("state")), ProcedureID: procID, Query: motcua.NFC(q.Get("q")),
		Offset: (page - 1) * pageSize, Limit: pageSize + 1} // one more row says whether a next page exists
	v := view{Title: "Hồ sơ cần xử lý", Actor: a, Data: worklistData{States: motcua.States}}
	dossiers, total, err := s.db.Worklist(r.Context(), a, f)
	if err != nil {
		s.fail(w, "worklist.html", v, err)
		return
	}
	hasNext := len(dossiers) > pageSize
	dossiers = dossiers[:min(len(dossiers), pageSize)]
	procs, _ := s.db.SearchProcedures(r.Context(), "", "", 200)
	data := worklistData{Total: total, Page: page, Pages: (total + pageSize - 1) / pageSize, State: string(f.State),
		Query: f.Query, ProcedureID: procID, States: motcua.States, Procedures: procs}
	data.HasNext = hasNext
	if total > store.WorklistCountCap {
		data.Total, data.More = store.WorklistCountCap, true
	}
	now := s.db.Now()
	for _, d := range dossiers {
		u, _ := s.db.Unit(r.Context(), d.CurrentUnitID)
		name := ""
		if u != nil {
			name = u.Name
		}
		data.Rows = append(data.Rows, worklistRow{Dossier: d, Overdue: d.Overdue(now), UnitName: name})
	}
	data.PrevLink, data.NextLink = pageLink("/worklist", q, page-1), pageLink("/worklist", q, page+1)
	v.Data = data
	s.render(w, http.StatusOK, "worklist.html", v)
}

// pageLink is path with the request's query (its filters) and another
// page. Typed as a URL: html/template would otherwise escape the whole
// query as one value ("?page%3d2"), and the link would reload page 1.
func pageLink(path string, q url.Values, page int) template.URL {
	c := url.Values{}
	for k, v := range q {
		c[k] = v
	}
	c.Set("page", strconv.Itoa(page))
	return template.URL(path + "?" + c.Encode())
}
