package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReportPage: a leader sees II.06a for the commune with the dossiers
// received today, exports it; a counter officer may not.
func TestReportPage(t *testing.T) {
	e := newEnv(t)
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	counter.accept(t, fx.UnitA.ID, "Nguyễn Văn Thống")
	counter.accept(t, fx.UnitA.ID, "Trần Thị Kê")
	p := leader.get(t, "/reports/ii06a?from=2024-03-01&to=2024-03-31")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`td strong a[href="/reports/ii06a/dossiers?col=received_total&from=2024-03-01&to=2024-03-31"]`, htmlcheck.HasExactText("2")),
		htmlcheck.In("#online-share", htmlcheck.MatchesText(`^0,00 %`)),
		htmlcheck.In(`svg.chart[role=img][aria-label="Hồ sơ mới tiếp nhận theo kênh"]`, htmlcheck.HasAttr("class", "chart")),
		htmlcheck.In("svg text", htmlcheck.MatchesText(`03/2024$`)), htmlcheck.In("svg text.chart-value", htmlcheck.HasAttr("class", "chart-value"), htmlcheck.HasExactText("2")),
		htmlcheck.In("#indicators"))
	drill := leader.get(t, "/reports/ii06a/dossiers?from=2024-03-01&to=2024-03-31&col=received_counter")
	wantStatus(t, drill, http.StatusOK)
	wantContains(t, drill, "Nguyễn Văn Thống", "Trần Thị Kê")
	check(t, drill, htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^2 hồ sơ`)))
	check(t, p, htmlcheck.In(`a[href="/reports/ii06a/dossiers?col=received_counter&from=2024-03-01&to=2024-03-31"]`),
		htmlcheck.In(`a[href="/reports/ii06a/csv?from=2024-03-01&to=2024-03-31"]`))
	wantStatus(t, counter.get(t, "/reports/ii06a/dossiers?col=received_total"), http.StatusForbidden)
	csv := leader.get(t, "/reports/ii06a/csv?from=2024-03-01&to=2024-03-31&by=channel")
	if csv.status != http.StatusOK || !strings.HasPrefix(csv.body, "\ufeffMã,Tên,") || !strings.Contains(csv.body, "counter,Trực tiếp,0,0,2,0,2") {
		t.Errorf("csv export: %d\n%s", csv.status, csv.body)
	}
	xlsx := leader.get(t, "/reports/ii06a/xlsx?from=2024-03-01&to=2024-03-31")
	if xlsx.status != http.StatusOK || !strings.HasPrefix(xlsx.body, "PK") {
		t.Errorf("xlsx export: %d", xlsx.status)
	}
	pdf := leader.get(t, "/reports/ii06a/pdf?from=2024-03-01&to=2024-03-31")
	if pdf.status != http.StatusOK || !strings.Contains(pdftest.Text(t, []byte(pdf.body)), "Ủy ban nhân dân xã Đắk Lao và các đơn vị trực thuộc") {
		t.Errorf("pdf export: %d", pdf.status)
	}
	wantStatus(t, counter.get(t, "/reports/ii06a"), http.StatusForbidden)
	wantStatus(t, leader.get(t, "/reports/ii06a?from=2024-03-31&to=2024-03-01"), http.StatusUnprocessableEntity)
	wantStatus(t, leader.get(t, "/reports/ii06a?unit="+"999"), http.StatusForbidden)
}

// TestUnitsPageRecordsAMerger: the administrator merges commune B into A;
// a leader sees the organisation but cannot record it.
func TestUnitsPageRecordsAMerger(t *testing.T) {
	e := newEnv(t)
	admin, leader := e.login(t, fx.Admin), e.login(t, fx.LeaderA)
	form := url.Values{"unit": {fmt.Sprint(fx.UnitB.ID)}, "successor": {fmt.Sprint(fx.UnitA.ID)}, "at": {"01/07/2025"}}
	wantStatus(t, leader.post(t, "/units/dissolve", form), http.StatusForbidden)
	wantStatus(t, admin.post(t, "/units/dissolve", form), http.StatusSeeOther)
	p := leader.get(t, "/units")
	check(t, p, htmlcheck.In("tr", htmlcheck.HasCells("01/07/2025", "Ủy ban nhân dân xã Đắk Lao")), htmlcheck.NotIn(`[action="/units/dissolve"]`))
	form.Set("at", "hôm qua")
	wantStatus(t, admin.post(t, "/units/dissolve", form), http.StatusUnprocessableEntity)
}

// TestReportPageKeepsItsViewAndRollUp: the receiving view with roll-up is
// chosen in the form, shown with its extra column, and kept in every link
// the page makes (drill-downs, exports, the way back); the exports say so
// in their name; an unknown view is refused.
func TestReportPageKeepsItsViewAndRollUp(t *testing.T) {
	e := newEnv(t)
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	counter.accept(t, fx.UnitA.ID, "Nguyễn Văn Thống")
	const options = "from=2024-03-01&to=2024-03-31&by=unit&view=receiving&ke_thua=1"
	p := leader.get(t, "/reports/ii06a?"+options)
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`select[name=view] option[value=receiving]`, htmlcheck.HasAttr("selected", "")),
		htmlcheck.In(`input[name=ke_thua]`, htmlcheck.HasAttr("checked", "")),
		htmlcheck.In(`#ii06a th`, htmlcheck.HasExactText("Nhận hộ đơn vị khác")),
		htmlcheck.In("#report-options", htmlcheck.MatchesText(`theo nơi tiếp nhận; đơn vị đã giải thể, sáp nhập gộp vào đơn vị kế thừa`)),
		htmlcheck.In(`td strong a[href="/reports/ii06a/dossiers?by=unit&col=received_total&from=2024-03-01&ke_thua=1&to=2024-03-31&view=receiving"]`, htmlcheck.HasExactText("1")),
		htmlcheck.In(`a[href="/reports/ii06a/xlsx?by=unit&from=2024-03-01&ke_thua=1&to=2024-03-31&view=receiving"]`),
		htmlcheck.In(`a[href="/reports/ii06a/pdf?by=unit&from=2024-03-01&ke_thua=1&to=2024-03-31&view=receiving"]`))
	drill := leader.get(t, "/reports/ii06a/dossiers?col=received_for_other&"+options)
	wantStatus(t, drill, http.StatusOK)
	check(t, drill, htmlcheck.In("h1", htmlcheck.HasExactText("Nhận hộ đơn vị khác")), htmlcheck.In("#drill-options", htmlcheck.MatchesText(`theo nơi tiếp nhận`)),
		htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^0 hồ sơ`)),
		htmlcheck.In(`a[href="/reports/ii06a?by=unit&from=2024-03-01&ke_thua=1&to=2024-03-31&view=receiving"]`))
	csv := leader.get(t, "/reports/ii06a/csv?"+options)
	if csv.status != http.StatusOK || !strings.Contains(csv.body, "Tổng tiếp nhận,Nhận hộ đơn vị khác,") ||
		!strings.Contains(csv.header.Get("Content-Disposition"), "-noi-tiep-nhan-gop-ke-thua.csv") {
		t.Errorf("csv export: %d %q\n%s", csv.status, csv.header.Get("Content-Disposition"), csv.body)
	}
	pdf := leader.get(t, "/reports/ii06a/pdf?"+options)
	if pdf.status != http.StatusOK || !strings.Contains(pdftest.Text(t, []byte(pdf.body)), "Số liệu theo nơi tiếp nhận") {
		t.Errorf("pdf export: %d", pdf.status)
	}
	plain := leader.get(t, "/reports/ii06a?from=2024-03-01&to=2024-03-31&by=unit")
	check(t, plain, htmlcheck.NotIn(`#ii06a th`, htmlcheck.HasExactText("Nhận hộ đơn vị khác")), htmlcheck.In("#report-options", htmlcheck.MatchesText(`^Số liệu theo cơ quan giải quyết\.$`)))
	wantStatus(t, leader.get(t, "/reports/ii06a?from=2024-03-01&to=2024-03-31&view=centre"), http.StatusUnprocessableEntity)
}
