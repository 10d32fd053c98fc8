package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/store"
)

type reportData struct {
	Units        []*motcua.Unit // where the actor may report
	UnitID       int64
	From, To, By string // yyyy-mm-dd; To included
	Report       *report.Report
	Columns      []string
	Query        string // the form's query string, for the export links
	Bys          []option
	Charts       []template.HTML
	Successors   bool        // roll dissolved units up to their successors (ke_thua=1)
	View         report.View // whose rows: the deciding unit's or, with view=receiving, the receiving unit's
	Views        []option
	Keys         []string // the columns' keys, for the links to the dossiers behind each number
	Times        []store.ProcedureTime
	Digital      []report.DigitalIndicator // Decision 766's 4.1–4.4 (reports_digital.go)
	Payment      []report.PaymentIndicator // Decision 766's 3.5 and 3.6 (reports_payment.go)
}

// reportPage shows Biểu II.06a for a period and a unit's subtree, with
// CSV and XLSX exports.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	v := view{Title: "Báo cáo Biểu II.06a", Actor: a, Data: data}
	if err == nil && data.UnitID != 0 {
		data.Report, err = s.db.II06a(r.Context(), q)
	}
	if err != nil {
		s.fail(w, "report.html", v, err)
		return
	}
	if format := r.PathValue("format"); format != "" && data.Report != nil {
		s.reportFile(w, r, data, format)
		return
	}
	if data.Report != nil {
		if data.Charts, err = s.reportCharts(r.Context(), q, data.Report.Total); err == nil {
			data.Times, err = s.db.ProcedureTimes(r.Context(), q, 15)
		}
		if err == nil {
			data.Digital, err = s.db.DigitalIndicators(r.Context(), q)
		}
		if err == nil {
			data.Payment, err = s.db.PaymentIndicators(r.Context(), q)
		}
		if err != nil {
			s.fail(w, "report.html", v, err)
			return
		}
	}
	s.render(w, http.StatusOK, "report.html", v)
}

func (s *Server) reportQuery(r *http.Request, a *motcua.Actor) (*reportData, report.Query, error) {
	q := r.URL.Query()
	now := s.db.Now().In(motcua.VN)
	data := &reportData{From: q.Get("from"), To: q.Get("to"), By: q.Get("by"), Query: r.URL.RawQuery,
		Bys:   []option{{"", "Toàn phạm vi"}, {"unit", "Đơn vị"}, {"field", "Lĩnh vực"}, {"procedure", "Thủ tục"}, {"channel", "Kênh tiếp nhận"}, {"level", "Cấp"}},
		Views: []option{{"", "Cơ quan giải quyết"}, {string(report.ViewReceiving), "Nơi tiếp nhận"}}}
	view, viewErr := report.ParseView(q.Get("view"))
	data.View = view
	data.Columns, data.Keys = forms.II06aColumnsOf(view)
	if data.From == "" {
		data.From = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, motcua.VN).Format("2006-01-02")
	}
	if data.To == "" {
		data.To = now.Format("2006-01-02")
	}
	led := map[int64]bool{}
	for _, id := range a.UnitsWith(motcua.RoleLeader) {
		if u, err := s.db.Unit(r.Context(), id); err == nil {
			data.Units, led[id] = append(data.Units, u), true
		}
	}
	// The unit the leader heads comes first, the units below it after.
	sort.Slice(data.Units, func(i, j int) bool {
		ti, tj := !led[data.Units[i].ParentID], !led[data.Units[j].ParentID]
		if ti != tj {
			return ti
		}
		return data.Units[i].Code < data.Units[j].Code
	})
	data.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if data.UnitID == 0 && len(data.Units) > 0 {
		data.UnitID = data.Units[0].ID
	}
	if data.UnitID == 0 {
		return data, report.Query{}, motcua.Errorf(motcua.EFORBIDDEN, "Chỉ lãnh đạo đơn vị được xem báo cáo thống kê.")
	}
	if !a.CanReport(data.UnitID) {
		return data, report.Query{}, motcua.Errorf(motcua.EFORBIDDEN, "Bạn không được xem báo cáo của đơn vị này.")
	}
	from, last, err := periodDays(data.From, data.To)
	if err == nil {
		err = viewErr
	}
	data.Successors = q.Get("ke_thua") == "1"
	rq := report.Query{From: from, To: last.AddDate(0, 0, 1), By: report.By(data.By), UnitID: data.UnitID, View: data.View, Successors: data.Successors}
	return data, rq, err
}

// reportFile sends the report as CSV or XLSX.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request, data *reportData, format string) {
	var buf bytes.Buffer
	var err error
	switch format {
	case "csv":
		err = forms.II06aCSV(&buf, data.Report)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	case "xlsx":
		err = forms.II06aXLSX(&buf, data.Report, s.unitName(r.Context(), data.UnitID))
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	case "pdf":
		err = forms.II06aPDF(&buf, forms.II06aData{Header: s.header(r.Context(), data.UnitID, false),
			Scope: s.unitName(r.Context(), data.UnitID) + " và các đơn vị trực thuộc", At: s.db.Now(), Report: data.Report})
		w.Header().Set("Content-Type", "application/pdf")
	default:
		http.NotFound(w, r)
		return
	}
	if err != nil {
		s.fail(w, "error.html", view{Title: "Báo cáo"}, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="bieu-ii06a-`+data.From+`-`+data.To+fileOptions(data)+`.`+format+`"`)
	w.Write(buf.Bytes())
}

// Options says which view and roll-up the page shows.
func (d *reportData) Options() string {
	return report.Query{View: d.View, Successors: d.Successors}.Options()
}

// fileOptions marks an export's file name with the options that change
// its rows, so that two downloads of one period are told apart.
func fileOptions(data *reportData) string {
	s := ""
	if data.View == report.ViewReceiving {
		s += "-noi-tiep-nhan"
	}
	if data.Successors {
		s += "-gop-ke-thua"
	}
	return s
}

type drillData struct {
	*reportData
	Column, Key string
	*store.Drill
	Page, Pages        int
	PrevLink, NextLink template.URL
}

// reportDossiers lists the dossiers behind one number of the report.
func (s *Server) reportDossiers(w http.ResponseWriter, r *http.Request, a *motcua.Actor) {
	data, q, err := s.reportQuery(r, a)
	query := r.URL.Query()
	page, _ := strconv.Atoi(query.Get("page"))
	page = min(max(page, 1), store.MaxOffset/store.DrillLimit)
	d := &drillData{reportData: data, Column: query.Get("col"), Key: query.Get("key"), Page: page}
	v := view{Title: "Hồ sơ trong báo cáo", Actor: a, Data: d}
	if err == nil {
		d.Drill, err = s.db.II06aDossiers(r.Context(), a, q, d.Column, d.Key, (page-1)*store.DrillLimit)
	}
	if err != nil {
		s.fail(w, "error.html", v, err)
		return
	}
	d.Pages = (d.Visible + store.DrillLimit - 1) / store.DrillLimit
	d.PrevLink, d.NextLink = pageLink(r.URL.Path, query, page-1), pageLink(r.URL.Path, query, page+1)
	names, keys := forms.II06aColumnsOf(q.View)
	for i, k := range keys {
		if k == d.Column {
			d.Column = names[i]
		}
	}
	s.render(w, http.StatusOK, "report_dossiers.html", v)
}

// Link is path with the report's query and the given parameters (key,
// value pairs) added, or removed when empty: the export, drill-down and
// back links.
func (d *reportData) Link(path string, kv ...string) template.URL {
	q, _ := url.ParseQuery(d.Query)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	return template.URL(path + "?" + q.Encode())
}
