package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store"
)

// TestScorecardPageWithItsDossiers: two counter dossiers of March at
// commune A, one whose component was reused: the leader's scorecard shows
// 4.3 as 1 / 2 = 50,00 % earning 1,25 of 2 points (below the 80 %
// threshold), 1.4 and 5.4 as "no data", links the dossiers behind each
// figure; the list names the right dossier with its identity number
// masked and logs the read; the workbook downloads; an indicator without
// a list of dossiers is refused in Vietnamese; a counter officer may not
// open the page.
func TestScorecardPageWithItsDossiers(t *testing.T) {
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

	p := leader.get(t, "/reports/766?from=2024-03-01&to=2024-03-31")
	wantStatus(t, p, http.StatusOK)
	const drill = "/reports/766/dossiers?code=%s&from=2024-03-01&met=%d&to=2024-03-31"
	check(t, p,
		htmlcheck.In(`#scorecard tr[data-code="4.3"] .rate`, htmlcheck.HasExactText("50,00 %")),
		htmlcheck.In(`#scorecard tr[data-code="4.3"] .points`, htmlcheck.HasExactText("1,25 / 2")),
		htmlcheck.In(`tr[data-code="4.3"] a.met[href="`+fmt.Sprintf(drill, "4.3", 1)+`"]`, htmlcheck.HasExactText("1")),
		htmlcheck.In(`tr[data-code="4.3"] a.not-met[href="`+fmt.Sprintf(drill, "4.3", 0)+`"]`, htmlcheck.HasExactText("2")),
		htmlcheck.In(`#scorecard tr[data-code="1.4"].no-data .rate`, htmlcheck.HasExactText("Không có dữ liệu")),
		htmlcheck.In(`#scorecard tr[data-code="5.4"] .points`, htmlcheck.HasExactText("— / 6")),
		htmlcheck.In(`a[href="/reports/766/xlsx?from=2024-03-01&to=2024-03-31"]`, htmlcheck.HasExactText("Excel")))

	met := leader.get(t, fmt.Sprintf(drill, "4.3", 1))
	wantStatus(t, met, http.StatusOK)
	wantContains(t, met, reused, "Nguyễn Văn Thống", "•••••••••789")
	wantLacks(t, met, plain)
	check(t, met, htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^1 hồ sơ được tính vào tử số`)),
		htmlcheck.In(`a[href="/reports/766?from=2024-03-01&to=2024-03-31"]`, htmlcheck.MatchesText(`^« Chỉ số 766`)))
	log, err := e.db.AuditLog(ctx, store.AuditFilter{Object: reused, Actor: "user:" + strconv.FormatInt(fx.LeaderA.ID, 10) + " "})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, entry := range log {
		if entry.Action == "dossier.read" {
			reads++
		}
	}
	if reads != 1 {
		t.Errorf("%d reads of %s in the audit trail, want 1 (the list showed it)", reads, reused)
	}
	notMet := leader.get(t, fmt.Sprintf(drill, "4.3", 0))
	wantContains(t, notMet, plain)
	wantLacks(t, notMet, reused)

	xlsx := leader.get(t, "/reports/766/xlsx?from=2024-03-01&to=2024-03-31")
	wantStatus(t, xlsx, http.StatusOK)
	if !strings.HasPrefix(xlsx.body, "PK") {
		t.Errorf("the workbook is not a zip: %q", xlsx.body[:min(len(xlsx.body), 20)])
	}
	bad := leader.get(t, "/reports/766/dossiers?code=3.5&from=2024-03-01&to=2024-03-31")
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, "Chỉ số “3.5” không có danh sách hồ sơ")
	wantStatus(t, counter.get(t, "/reports/766?from=2024-03-01&to=2024-03-31"), http.StatusForbidden)
}
