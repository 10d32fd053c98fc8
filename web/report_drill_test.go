package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestDistrictLeaderDrillDownHidesCommuneApplicants: the district leader
// reports on the communes (the figure counts their dossiers) but gets 404
// on a commune's dossier, so the drill-down behind the figure lists no
// commune applicant, says how many it leaves out, and logs no read; the
// commune's leader gets the list, each dossier read logged.
func TestDistrictLeaderDrillDownHidesCommuneApplicants(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	leader := motcua.User{Username: "lanhdao.huyen", FullName: "Cán bộ huyện", Grants: []motcua.Grant{{Role: motcua.RoleLeader, UnitID: fx.district.ID}}}
	if err := e.db.CreateUser(ctx, &leader, testPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.SQL().ExecContext(ctx, e.db.Rebind(`UPDATE users SET totp_secret = ? WHERE id = ?`), testTOTP, leader.ID); err != nil {
		t.Fatal(err)
	}
	counter := e.login(t, fx.counterA)
	id := counter.accept(t, fx.unitA.ID, "Nguyễn Thị Khuyết Tật")
	code, _, _ := e.dossier(t, id)

	district := e.login(t, leader)
	wantStatus(t, district.get(t, "/dossiers/"+strconv.FormatInt(id, 10)), http.StatusNotFound)
	const drill = "/reports/ii06a/dossiers?from=2024-03-01&to=2024-03-31&col=received_total"
	p := district.get(t, drill)
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `id="drill-total">1 hồ sơ`, `id="drill-hidden">1 hồ sơ khác`)
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

	commune := e.login(t, fx.leaderA)
	p = commune.get(t, drill+"&unit="+strconv.FormatInt(fx.unitA.ID, 10))
	wantContains(t, p, `id="drill-total">1 hồ sơ`, "Nguyễn Thị Khuyết Tật", code)
	if strings.Contains(p.body, `id="drill-hidden"`) {
		t.Error("the commune leader is told of dossiers outside their scope")
	}
	if n := reads(fx.leaderA); n != 1 {
		t.Errorf("%d reads of %s by the commune leader in the audit trail, want 1 (the drill-down listed it)", n, code)
	}
}
