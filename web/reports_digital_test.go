package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store"
)

// TestReportShowsDigitalIndicatorsWithTheirDossiers: two counter dossiers
// of March, one whose component was reused from what the one-stop held:
// the report page shows each of 4.1–4.4 as numerator / denominator =
// rate, links the dossiers that meet it and those that do not, and no
// longer says the system keeps no digitised files; the lists name the
// right dossiers, mask the identity number and say what a dossier lacks;
// an unknown indicator is refused in Vietnamese; a counter officer may not
// drill down.
func TestReportShowsDigitalIndicatorsWithTheirDossiers(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	reusedID := counter.accept(t, fx.UnitA.ID, "Nguyễn Văn Thống")
	plainID := counter.accept(t, fx.UnitA.ID, "Trần Thị Kê")
	reused, _, _ := e.dossier(t, reusedID)
	plain, _, _ := e.dossier(t, plainID)
	officer, err := e.db.Actor(ctx, fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	file := motcua.ComponentFile{Component: 0, Origin: motcua.OriginReused, Source: "c:1", SubmittedFile: motcua.SubmittedFile{
		FileName: "to-khai.pdf", ContentType: "application/pdf", Size: 1000, SHA256: strings.Repeat("ab", 32)}}
	if err := e.db.AttachScans(ctx, officer, reusedID, []motcua.ComponentFile{file}); err != nil {
		t.Fatal(err)
	}

	p := leader.get(t, "/reports/ii06a?from=2024-03-01&to=2024-03-31")
	wantStatus(t, p, http.StatusOK)
	wantLacks(t, p, "chưa lưu tệp số hóa")
	const drill = "/reports/digital/dossiers?code=%s&from=2024-03-01&met=%d&to=2024-03-31"
	check(t, p,
		htmlcheck.In(`#indicators #digital li[data-code="4.3"]`, htmlcheck.MatchesText(`^4\.3 Tỉ lệ hồ sơ tái sử dụng dữ liệu đã số hóa: 1 / 2 = 50,00 % · 1 hồ sơ không tái sử dụng$`)),
		htmlcheck.In(`li[data-code="4.3"] a.met[href="`+fmt.Sprintf(drill, "4.3", 1)+`"]`, htmlcheck.HasExactText("1")),
		htmlcheck.In(`li[data-code="4.3"] a.not-met[href="`+fmt.Sprintf(drill, "4.3", 0)+`"]`),
		// The birth certificate is a document: no electronic result yet, none digitised.
		htmlcheck.In(`li[data-code="4.1"]`, htmlcheck.MatchesText(`: 0 / 2 = 0,00 % · 2 hồ sơ chưa có kết quả điện tử$`)),
		htmlcheck.In(`li[data-code="4.2"] a.not-met[href="`+fmt.Sprintf(drill, "4.2", 0)+`"]`, htmlcheck.HasExactText("2 hồ sơ chưa số hóa đủ")),
		htmlcheck.NotIn(`li[data-code="4.2"] a.met`),
		htmlcheck.In(`li[data-code="4.4"] .rate`, htmlcheck.HasExactText("0,00 %")))

	met := leader.get(t, fmt.Sprintf(drill, "4.3", 1))
	wantStatus(t, met, http.StatusOK)
	wantContains(t, met, reused, "Nguyễn Văn Thống", "•••••••••789")
	wantLacks(t, met, plain, "066123456789", "Còn thiếu")
	check(t, met, htmlcheck.In("h1", htmlcheck.MatchesText(`^4\.3 Tỉ lệ hồ sơ tái sử dụng dữ liệu đã số hóa — hồ sơ có tái sử dụng$`)),
		htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^1 hồ sơ$`)),
		htmlcheck.In("#digital-period", htmlcheck.MatchesText(`từ 01/03/2024 đến hết 31/03/2024, được tính vào tử số`)),
		htmlcheck.In(`a[href="/reports/ii06a?from=2024-03-01&to=2024-03-31"]`, htmlcheck.MatchesText(`^« Báo cáo`)))
	notMet := leader.get(t, fmt.Sprintf(drill, "4.2", 0))
	wantContains(t, notMet, reused, plain)
	check(t, notMet, htmlcheck.In(`td.shortfall[data-label="Còn thiếu"]`, htmlcheck.HasExactText("chưa có kết quả điện tử")),
		htmlcheck.In(`td.shortfall`, htmlcheck.HasExactText("thiếu tệp: Tờ khai (theo mẫu); chưa có kết quả điện tử")))

	bad := leader.get(t, "/reports/digital/dossiers?code=4.9&from=2024-03-01&to=2024-03-31")
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, "Chỉ số “4.9” không có", "4.1, 4.2, 4.3 hoặc 4.4")
	wantStatus(t, counter.get(t, fmt.Sprintf(drill, "4.3", 1)), http.StatusForbidden)
}

// TestDigitalDrillDownPages: behind a shortfall larger than a page, the
// list says which page it shows and links the pages with the same
// indicator, side and period.
func TestDigitalDrillDownPages(t *testing.T) {
	e := newEnv(t)
	const n = store.DrillLimit + 30
	e.importOpen(t, n, time.Date(2024, 3, 4, 8, 0, 0, 0, motcua.VN))
	leader := e.login(t, fx.LeaderA)
	rows := func(p page) int { return len(dossierRows(t, p)) }
	first := leader.get(t, "/reports/digital/dossiers?from=2024-03-01&to=2024-03-31&code=4.2&met=0")
	check(t, first, htmlcheck.In("#drill-total", htmlcheck.MatchesText("^"+regexp.QuoteMeta(fmt.Sprintf("%d hồ sơ; trang 1/2", n)))),
		htmlcheck.In(`a[href="/reports/digital/dossiers?code=4.2&from=2024-03-01&met=0&page=2&to=2024-03-31"][rel=next]`))
	second := leader.get(t, "/reports/digital/dossiers?code=4.2&from=2024-03-01&met=0&page=2&to=2024-03-31")
	check(t, second, htmlcheck.In("span", htmlcheck.HasExactText("Trang 2/2")),
		htmlcheck.In(`a[href="/reports/digital/dossiers?code=4.2&from=2024-03-01&met=0&page=1&to=2024-03-31"][rel=prev]`))
	if rows(first) != store.DrillLimit || rows(second) != 30 || htmlcheck.Check(second.body, htmlcheck.NotIn("[rel=next]")) != nil {
		t.Errorf("pages of %d and %d rows (want %d and 30), or a next link on the last page", rows(first), rows(second), store.DrillLimit)
	}
}
