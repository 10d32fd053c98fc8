package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestDistrictLeaderDrillDownHidesCommuneApplicants: the district leader
// reports on the communes (the figure counts their dossiers) but gets 404
// on a commune's dossier, so the drill-down behind the figure lists no
// commune applicant, says how many it leaves out, and logs no read; the
// commune's leader gets the list, each dossier read logged.
func TestDistrictLeaderDrillDownHidesCommuneApplicants(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	leader := motcua.User{Username: "lanhdao.huyen", FullName: "Cán bộ huyện", Grants: []motcua.Grant{{Role: motcua.RoleLeader, UnitID: fx.District.ID}}}
	if err := e.db.CreateUser(ctx, &leader, sample.Password); err != nil {
		t.Fatal(err)
	}
	if err := storetest.SetTOTPSecret(ctx, e.db, leader.ID, sample.TOTPSecret); err != nil {
		t.Fatal(err)
	}
	counter := e.login(t, fx.CounterA)
	id := counter.accept(t, fx.UnitA.ID, "Nguyễn Thị Khuyết Tật")
	code, _, _ := e.dossier(t, id)

	district := e.login(t, leader)
	wantStatus(t, district.get(t, "/dossiers/"+strconv.FormatInt(id, 10)), http.StatusNotFound)
	const drill = "/reports/ii06a/dossiers?from=2024-03-01&to=2024-03-31&col=received_total"
	p := district.get(t, drill)
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^1 hồ sơ`)), htmlcheck.In("#drill-hidden", htmlcheck.MatchesText(`^1 hồ sơ khác`)))
	if strings.Contains(p.body, "Nguyễn Thị Khuyết Tật") || strings.Contains(p.body, code) {
		t.Errorf("the district leader's drill-down lists the commune's dossier %s", code)
	}
	reads := func(u motcua.User) int {
		log, err := e.db.AuditLog(ctx, store.AuditFilter{Object: code, Actor: "user:" + strconv.FormatInt(u.ID, 10) + " "})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, entry := range log {
			if entry.Action == "dossier.read" {
				n++
			}
		}
		return n
	}
	if n := reads(leader); n != 0 {
		t.Errorf("%d reads of %s by the district leader in the audit trail, want none", n, code)
	}

	commune := e.login(t, fx.LeaderA)
	p = commune.get(t, drill+"&unit="+strconv.FormatInt(fx.UnitA.ID, 10))
	wantContains(t, p, "Nguyễn Thị Khuyết Tật", code)
	check(t, p, htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^1 hồ sơ`)),
		htmlcheck.NotIn("#drill-hidden")) // the commune leader is not told of dossiers outside their scope
	if n := reads(fx.LeaderA); n != 1 {
		t.Errorf("%d reads of %s by the commune leader in the audit trail, want 1 (the drill-down listed it)", n, code)
	}
}

// TestDrillDownPages: behind a figure larger than a page, the drill-down
// says which page it shows and links the next and previous pages with the
// same figure and period.
func TestDrillDownPages(t *testing.T) {
	e := newEnv(t)
	const n = store.DrillLimit + 30
	e.importOpen(t, n, time.Date(2024, 3, 4, 8, 0, 0, 0, motcua.VN))
	leader := e.login(t, fx.LeaderA)
	rows := func(p page) int { return len(dossierRows(t, p)) }
	first := leader.get(t, "/reports/ii06a/dossiers?from=2024-03-01&to=2024-03-31&col=received_total")
	check(t, first, htmlcheck.In("#drill-total", htmlcheck.MatchesText("^"+regexp.QuoteMeta(fmt.Sprintf("%d hồ sơ; trang 1/2", n)))),
		htmlcheck.In(`a[href="/reports/ii06a/dossiers?col=received_total&from=2024-03-01&page=2&to=2024-03-31"][rel=next]`),
		htmlcheck.In("span", htmlcheck.HasExactText("Trang 1/2")))
	second := leader.get(t, "/reports/ii06a/dossiers?col=received_total&from=2024-03-01&page=2&to=2024-03-31")
	check(t, second, htmlcheck.In("span", htmlcheck.HasExactText("Trang 2/2")),
		htmlcheck.In(`a[href="/reports/ii06a/dossiers?col=received_total&from=2024-03-01&page=1&to=2024-03-31"][rel=prev]`),
		htmlcheck.In(`a[href="/reports/ii06a?from=2024-03-01&to=2024-03-31"]`, htmlcheck.MatchesText(`^« Báo cáo`)))
	if rows(first) != store.DrillLimit || rows(second) != 30 || htmlcheck.Check(second.body, htmlcheck.NotIn("[rel=next]")) != nil {
		t.Errorf("pages of %d and %d rows (want %d and 30), or a next link on the last page", rows(first), rows(second), store.DrillLimit)
	}
}
