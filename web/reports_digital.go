package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// Indicators 4.1–4.4 of Decision 766 on the II.06a report page, each
// with the dossiers behind its numerator and the rest of its denominator
// (docs/digital-indicators.md). Same period, scope and policy as the
// report: a unit's leader, over the unit and the units below it.

// digitalData is the drill-down page behind one indicator: the II.06a
// drill-down's page with the indicator and what each dossier lacks.
type digitalData struct {
	*drillData
	Code string
	Met  bool
	// Facts hold what each dossier listed has, for the column "what it lacks".
	Facts map[int64]report.DigitalFacts
}

// Shortfall is what dossier id lacks for the indicator ("" when it meets it).
func (d *digitalData) Shortfall(id int64) string { return d.Facts[id].Shortfall(d.Code) }

// Period is the report's period as the page says it: "từ 01/03/2024 đến
// hết 31/03/2024".
func (d *digitalData) Period() string {
	from, _ := time.ParseInLocation("2006-01-02", d.From, motcua.VN)
	to, _ := time.ParseInLocation("2006-01-02", d.To, motcua.VN)
	return "từ " + motcua.FormatDate(from) + " đến hết " + motcua.FormatDate(to)
}

// digitalDossiers lists the dossiers of one indicator's denominator that
// meet it (met=1) or not (met=0).
func (s *Server) digitalDossiers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	query := r.URL.Query()
	page, _ := strconv.Atoi(query.Get("page"))
	page = min(max(page, 1), store.MaxOffset/store.DrillLimit)
	d := &digitalData{drillData: &drillData{reportData: data, Page: page}, Code: query.Get("code"), Met: query.Get("met") == "1"}
	v := view{Title: "Hồ sơ trong chỉ số " + d.Code, Actor: a, Data: d}
	var dd *store.DigitalDrill
	if err == nil {
		err = report.CheckDigitalCode(d.Code)
	}
	if err == nil {
		dd, err = s.db.DigitalIndicatorDossiers(r.Context(), a, q, d.Code, d.Met, (page-1)*store.DrillLimit)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	d.Drill, d.Facts = dd.Drill, dd.Facts
	d.Column = d.Code + " " + report.DigitalName(d.Code) + " — hồ sơ " + report.DigitalOutcome(d.Code, d.Met)
	d.Pages = (d.Visible + store.DrillLimit - 1) / store.DrillLimit
	d.PrevLink, d.NextLink = pageLink(r.URL.Path, query, page-1), pageLink(r.URL.Path, query, page+1)
	s.render(w, http.StatusOK, "report_digital_dossiers.html", v)
}
