package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/store"
)

// The accountant's page of the online payments' reconciliation with the
// gateways (docs/payments.md): the stored runs (serve's nightly job, the
// command, "Đối soát lại"), a day's differences and its workbook. A unit's
// leaders and administrators read the lines of the payments the unit
// collected (Actor.CanReconcilePayments); the store filters them.

// ReconciliationPath is the page's address.
const ReconciliationPath = "/payments/reconciliation"

type reconciliationData struct {
	Runs     []store.ReconRun
	Run      *store.ReconRun // the day shown, nil on the list
	Gateways []string        // those a run can be made with: offered to citizens
	Form     struct{ Day, Gateway string }
}

// Link is the address of a run's page, or of its workbook (format "xlsx").
func (reconciliationData) Link(run store.ReconRun, format string) string {
	q := url.Values{"ngay": {store.DayKey(run.Day)}, "cong": {run.Gateway}}
	if format == "xlsx" {
		return ReconciliationPath + ".xlsx?" + q.Encode()
	}
	return ReconciliationPath + "?" + q.Encode()
}

// mayReconcile keeps the menu's link to those the page lets in.
func (s *Server) mayReconcile(_ context.Context, a *motcua.Actor) bool { return a.ReconcilesPayments() }

// reconciliationPage lists the runs, or with ?ngay=yyyy-mm-dd&cong= shows
// one day's differences.
func (s *Server) reconciliationPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Đối soát thanh toán", Actor: a}
	v.takeFlash(w, r)
	s.showReconciliation(w, r, a, v, nil)
}

func (s *Server) showReconciliation(w http.ResponseWriter, r *http.Request, a *motcua.Actor, v view, failure error) {
	data := &reconciliationData{Gateways: s.gatewayNames()}
	data.Form.Day, data.Form.Gateway = r.PostFormValue("ngay"), r.PostFormValue("cong")
	if data.Form.Day == "" {
		data.Form.Day = motcua.FormatDate(s.db.Now().AddDate(0, 0, -1))
	}
	v.Data = data
	var err error
	if day, gateway := r.URL.Query().Get("ngay"), r.URL.Query().Get("cong"); day != "" || gateway != "" {
		var d time.Time
		if d, err = parseReconDay(day); err == nil {
			data.Run, err = s.db.ReconciliationOf(r.Context(), a, d, gateway)
		}
		if data.Run != nil {
			v.Title = "Đối soát thanh toán " + gatewayLabel(gateway) + " ngày " + motcua.FormatDate(d)
		}
	} else {
		data.Runs, err = s.db.ReconciliationRuns(r.Context(), a, 60)
	}
	switch {
	case err != nil:
		s.fail(w, "error.html", v, err)
	case failure != nil:
		s.fail(w, "payment_reconciliation.html", v, failure)
	default:
		s.render(w, http.StatusOK, "payment_reconciliation.html", v)
	}
}

// reconciliationXLSX downloads a day's differences the reader may see, as
// the command writes them (forms.ReconciliationXLSX).
func (s *Server) reconciliationXLSX(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Đối soát thanh toán", Actor: a}
	day, err := parseReconDay(r.URL.Query().Get("ngay"))
	var run *store.ReconRun
	if err == nil {
		run, err = s.db.ReconciliationOf(r.Context(), a, day, r.URL.Query().Get("cong"))
	}
	var buf bytes.Buffer
	if err == nil {
		err = forms.ReconciliationXLSX(&buf, &run.Reconciliation, run.Differences)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	name := "doi-soat-" + run.Gateway + "-" + store.DayKey(run.Day) + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// rerunReconciliation reconciles a day with a gateway offered here again
// ("Đối soát lại"), replacing the stored run, and shows it.
func (s *Server) rerunReconciliation(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	v := view{Title: "Đối soát thanh toán", Actor: a}
	if !a.ReconcilesPayments() {
		s.fail(w, "error.html", v, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo hoặc quản trị của đơn vị được đối soát thanh toán."))
		return
	}
	day, err := parseReconDay(r.PostFormValue("ngay"))
	gateway := r.PostFormValue("cong")
	gw := s.Gateways[gateway]
	switch {
	case err != nil:
	case gw == nil:
		err = motcua.FieldError("cong", "Cổng thanh toán “%s” không được cấu hình trên hệ thống này.", gateway)
	case day.After(today(s.db.Now())): // today may be checked as it stands; the night's run replaces it
		err = motcua.FieldError("ngay", "Chưa đối soát được ngày %s: ngày này chưa đến.", motcua.FormatDate(day))
	default:
		if _, err = s.db.RunReconciliation(r.Context(), gw, day, a.AuditName()); err != nil {
			// The gateway failed (its errors name the order, never a key):
			// the log has it, the page says what to do.
			s.log.Warn("payment reconciliation", "gateway", gateway, "day", store.DayKey(day), "err", err)
			err = motcua.Errorf(motcua.ENOTALLOWED, "Cổng thanh toán %s chưa trả lời được; kết quả đối soát cũ (nếu có) được giữ nguyên. Vui lòng thử lại sau.", gatewayLabel(gateway))
		}
	}
	if err != nil {
		s.showReconciliation(w, r, a, v, err)
		return
	}
	run := store.ReconRun{Reconciliation: store.Reconciliation{Day: day, Gateway: gateway}}
	s.redirectFlash(w, r, reconciliationData{}.Link(run, ""), Flash{Text: "Đã đối soát lại " + gatewayLabel(gateway) + " ngày " + motcua.FormatDate(day) + "."})
}

// parseReconDay reads a day as the page's links (yyyy-mm-dd) or a person
// (dd/mm/yyyy) write it.
func parseReconDay(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if d, err := time.ParseInLocation(layout, s, motcua.VN); err == nil {
			return d, nil
		}
	}
	return time.Time{}, motcua.FieldError("ngay", "Ngày “%s” không hợp lệ: ghi theo dạng dd/mm/yyyy.", s)
}

func today(now time.Time) time.Time {
	y, m, d := now.In(motcua.VN).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, motcua.VN)
}

// gatewayLabel names a gateway as the accountant knows it.
func gatewayLabel(name string) string {
	switch name {
	case "vnpay":
		return "VNPAY"
	case "paygov":
		return "Nền tảng thanh toán quốc gia (PayGov)"
	}
	return name
}

// GatewayName is gatewayLabel for the template.
func (reconciliationData) GatewayName(name string) string { return gatewayLabel(name) }
