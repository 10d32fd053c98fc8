package web_test

import (
	"strconv"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestListsMaskPersonalNumbers: the worklist and the statistics' dossier
// list show an identity number only masked and no phone number; the
// dossier's own page (a logged read) shows them to the officer handling it.
func TestListsMaskPersonalNumbers(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	id := counter.accept(t, fx.UnitA.ID, "Nguyễn Văn Mask")
	form := intakeForm(fx.UnitA.ID, "x")
	idNumber, phone := form.Get("id_number"), form.Get("phone")
	if idNumber == "" || phone == "" {
		t.Fatal("the intake form of the fixture has no identity number or phone")
	}
	list := counter.get(t, "/worklist")
	wantContains(t, list, "Nguyễn Văn Mask", motcua.Mask(idNumber))
	wantLacks(t, list, idNumber, phone)
	leader := e.login(t, fx.LeaderA)
	drill := leader.get(t, "/reports/ii06a/dossiers?from=2024-03-01&to=2024-03-31&col=received_total")
	wantStatus(t, drill, 200)
	wantContains(t, drill, "Nguyễn Văn Mask")
	wantLacks(t, drill, idNumber, phone)
	page := counter.get(t, "/dossiers/"+strconv.FormatInt(id, 10))
	// The dossier page shows the number to the officer handling it.
	check(t, page, htmlcheck.In("main div", htmlcheck.HasText("Số định danh: "+idNumber)))
}
