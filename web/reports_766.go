package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// The 766 scorecard for leaders (issue 20; docs/scorecard-766.md): every
// indicator of Decision 766 motcua's data supports, computed by the
// national formulas from the national records of the period, with the
// dossiers behind each figure. Same period, unit and policy as the II.06a
// report: a unit's leader, over the unit and the units below it.

// scorecardData is the scorecard page.
type scorecardData struct {
	*reportData
	Scorecard *report.Scorecard
}

// scorecardPage shows the scorecard of a unit and period.
func (s *Server) scorecardPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	d := &scorecardData{reportData: data}
	v := view{Title: "Chỉ số phục vụ người dân, doanh nghiệp (766)", Actor: a, Data: d}
	if err == nil {
		d.Scorecard, err = s.db.SyncedScorecard766(r.Context(), q)
	}
	if err != nil {
		s.fail(w, "report_766.html", v, err)
		return
	}
	s.render(w, http.StatusOK, "report_766.html", v)
}

// scorecardFile sends the scorecard as XLSX or PDF.
func (s *Server) scorecardFile(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	format := r.PathValue("format")
	if format != "xlsx" && format != "pdf" {
		http.NotFound(w, r)
		return
	}
	data, q, err := s.reportQuery(r, a)
	var sc *report.Scorecard
	if err == nil {
		sc, err = s.db.SyncedScorecard766(r.Context(), q)
	}
	var buf bytes.Buffer
	scope := s.unitName(r.Context(), data.UnitID) + " và các đơn vị trực thuộc"
	if err == nil && format == "xlsx" {
		err = forms.Scorecard766XLSX(&buf, sc, scope)
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	} else if err == nil {
		err = forms.Scorecard766PDF(&buf, forms.Scorecard766Data{Header: s.header(r.Context(), data.UnitID, false), Scope: scope, At: s.db.Now(), Scorecard: sc})
		w.Header().Set("Content-Type", "application/pdf")
	}
	if err != nil {
		w.Header().Del("Content-Type")
		s.fail(w, "error.html", view{Title: "Chỉ số 766", Actor: a}, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="chi-so-766-`+data.From+`-`+data.To+`.`+format+`"`)
	w.Write(buf.Bytes())
}

// scorecardDrill is the list of dossiers behind one figure.
type scorecardDrill struct {
	*drillData
	Code string
	Met  bool
}

// scorecardDossiers lists the dossiers of one indicator's numerator
// (met=1) or the rest of its denominator (met=0).
func (s *Server) scorecardDossiers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	query := r.URL.Query()
	page, _ := strconv.Atoi(query.Get("page"))
	page = min(max(page, 1), store.MaxOffset/store.DrillLimit)
	d := &scorecardDrill{drillData: &drillData{reportData: data, Page: page}, Code: query.Get("code"), Met: query.Get("met") == "1"}
	v := view{Title: "Hồ sơ trong chỉ số " + d.Code, Actor: a, Data: d}
	var dd *store.Drill
	if err == nil {
		dd, err = s.db.Scorecard766Dossiers(r.Context(), a, q, d.Code, d.Met, (page-1)*store.DrillLimit)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	d.Drill = dd
	d.Column = "Chỉ số " + d.Code
	d.Pages = (d.Visible + store.DrillLimit - 1) / store.DrillLimit
	d.PrevLink, d.NextLink = pageLink(r.URL.Path, query, page-1), pageLink(r.URL.Path, query, page+1)
	s.render(w, http.StatusOK, "report_766_dossiers.html", v)
}

// Listable tells whether indicator i has a list of dossiers behind it.
func (d *scorecardData) Listable(i report.Indicator766) bool {
	return i.Of == "hồ sơ" && !i.NoData && !i.NA && i.Code != "1.4"
}

// Total is the points scored over the points of the indicators scored.
func (d *scorecardData) Total() string {
	return motcua.FormatDecimal(d.Scorecard.Points) + " / " + motcua.FormatDecimal(d.Scorecard.MaxPoints)
}

// AverageText is 2.2's average of a procedure in its unit.
func (d *scorecardData) AverageText(a report.ProcedureAverage) string {
	unit := " ngày làm việc"
	if a.Unit == motcua.WorkingHours {
		unit = " giờ làm việc"
	}
	return motcua.FormatDecimal(a.Average) + unit
}
