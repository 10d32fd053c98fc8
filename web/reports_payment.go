package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

// Indicators 3.5 and 3.6 of Decision 766 on the II.06a report page, beside
// 4.1–4.4 (docs/payment-indicators.md): 3.5 with the procedures with fees
// that have fee data in the period and those that have none, 3.6 with the
// dossiers paid online and the rest of those that owe. Same period, scope
// and policy as the report.

// paymentProceduresData is the page behind 3.5: procedures, no personal
// data, so no paging and no audit.
type paymentProceduresData struct {
	*reportData
	Met        bool
	Column     string
	Procedures []store.FeeProcedure
}

// paymentProcedures lists the procedures with fees in the period that
// have a dossier with fee data (met=1) or none (met=0).
func (s *Server) paymentProcedures(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	d := &paymentProceduresData{reportData: data, Met: r.URL.Query().Get("met") == "1"}
	d.Column = report.CodeFeeData + " " + report.PaymentName(report.CodeFeeData) + " — thủ tục " + report.PaymentOutcome(report.CodeFeeData, d.Met)
	v := view{Title: "Thủ tục trong chỉ số 3.5", Actor: a, Data: d}
	var all []store.FeeProcedure
	if err == nil {
		all, err = s.db.FeeProcedures(r.Context(), q)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	for _, p := range all {
		if (p.Dossiers > 0) == d.Met {
			d.Procedures = append(d.Procedures, p)
		}
	}
	s.render(w, http.StatusOK, "report_payment_procedures.html", v)
}

// paymentDossiers lists the dossiers of 3.6's denominator paid online
// (met=1) or not (met=0), as the digital drill-down lists its dossiers.
func (s *Server) paymentDossiers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	query := r.URL.Query()
	page, _ := strconv.Atoi(query.Get("page"))
	page = min(max(page, 1), store.MaxOffset/store.DrillLimit)
	d := &digitalData{drillData: &drillData{reportData: data, Page: page}, Code: report.CodeOnlinePayment, Met: query.Get("met") == "1"}
	v := view{Title: "Hồ sơ trong chỉ số 3.6", Actor: a, Data: d}
	if err == nil {
		d.Drill, err = s.db.OnlinePaymentDossiers(r.Context(), a, q, d.Met, (page-1)*store.DrillLimit)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	d.Column = d.Code + " " + report.PaymentName(d.Code) + " — hồ sơ " + report.PaymentOutcome(d.Code, d.Met)
	d.Pages = (d.Visible + store.DrillLimit - 1) / store.DrillLimit
	d.PrevLink, d.NextLink = pageLink(r.URL.Path, query, page-1), pageLink(r.URL.Path, query, page+1)
	s.render(w, http.StatusOK, "report_payment_dossiers.html", v)
}
