package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dancu"
	"github.com/motcua/motcua/adapter/partner/dancu/dancutest"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

// populationFragment asks the population database as the intake page's
// script does: by POST, the number in the body, not the URL.
func (b *browser) populationFragment(t *testing.T, idNumber string) page {
	t.Helper()
	return b.post(t, "/intake/dan-cu", url.Values{"id_number": {idNumber}}, "HX-Request", "true")
}

// TestCounterFillsTheApplicantFromThePopulationDatabase: with the
// population database connected, the intake page offers the lookup; its
// answer fills the name and address (htmx out-of-band, the number masked
// on the page) and the dossier accepted with them is marked as using
// population data, on its page and in the store. A dossier for a number
// nobody looked up is not, whatever the form says; an unknown number, a
// database down and a specialist are answered with the reason; every
// lookup is audited; without JavaScript the whole page comes back filled.
func TestCounterFillsTheApplicantFromThePopulationDatabase(t *testing.T) {
	e := newEnv(t)
	sim := dancutest.Start(t, "bi-mat-dan-cu")
	sim.Add("066123456789", dancutest.Resident{Name: "Phạm Văn Tài", BirthDate: time.Date(1990, 7, 14, 0, 0, 0, 0, time.UTC), Sex: "1",
		Detail: "Thôn 2", Commune: "Xã Đắk Lao", Province: "Tỉnh Lâm Đồng"})
	e.site.Population = &dancu.Adapter{Base: sim.URL, Token: "bi-mat-dan-cu"}
	counter := e.login(t, fx.CounterA)

	check(t, counter.get(t, "/intake?procedure="+strconv.FormatInt(fx.Birth.ID, 10)),
		htmlcheck.In("#population-button", htmlcheck.HasAttr("hx-post", "/intake/dan-cu")))
	p := counter.populationFragment(t, "066 123 456 789")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#population-found", htmlcheck.HasText("Phạm Văn Tài, sinh 14/07/1990, Nam, thường trú tại Thôn 2, Xã Đắk Lao, Tỉnh Lâm Đồng")),
		htmlcheck.In(`input#name[hx-swap-oob]`, htmlcheck.HasAttr("value", "Phạm Văn Tài")),
		htmlcheck.In(`input#address[hx-swap-oob]`, htmlcheck.HasAttr("value", "Thôn 2, Xã Đắk Lao, Tỉnh Lâm Đồng")))
	if strings.Contains(p.body, "066123456789") {
		t.Error("the answer shows the whole identity number")
	}

	filled := intakeForm(fx.UnitA.ID, "Phạm Văn Tài")
	filled.Set("address", "Thôn 2, Xã Đắk Lao, Tỉnh Lâm Đồng")
	p = counter.post(t, "/intake", filled)
	wantStatus(t, p, http.StatusSeeOther)
	dossierPath := strings.TrimSuffix(p.header.Get("Location"), "?accepted=1")
	check(t, counter.get(t, dossierPath), htmlcheck.In("#identity-population", htmlcheck.HasExactText("Thông tin lấy từ CSDL quốc gia về dân cư")))
	id, _ := strconv.ParseInt(strings.TrimPrefix(dossierPath, "/dossiers/"), 10, 64)
	if d := e.storedDossier(t, id); d.Identity == nil || d.Identity.Database != motcua.PopulationDatabase || d.Identity.Type != motcua.IdentityCitizen {
		t.Fatalf("the stored dossier's identity: %+v", d.Identity)
	}

	typed := intakeForm(fx.UnitA.ID, "Đỗ Thị Gõ")
	typed.Set("id_number", "066000000111")
	typed.Set("identity", "population") // no such field: the fact is the store's
	typed.Set("database", "population")
	p = counter.post(t, "/intake", typed)
	wantStatus(t, p, http.StatusSeeOther)
	check(t, counter.get(t, strings.TrimSuffix(p.header.Get("Location"), "?accepted=1")), htmlcheck.NotIn("#identity-population"))

	p = counter.populationFragment(t, "066000000111")
	check(t, p, htmlcheck.In("#population-error", htmlcheck.HasText("không có công dân")), htmlcheck.NotIn("input#name"))
	sim.Fail(http.StatusServiceUnavailable)
	check(t, counter.populationFragment(t, "066123456789"), htmlcheck.In("#population-error", htmlcheck.HasText("Không kết nối được")))
	sim.Fail(0)
	wantStatus(t, e.login(t, fx.SpecialistA).populationFragment(t, "066123456789"), http.StatusForbidden)
	if n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "population.lookup", UserID: fx.CounterA.ID}); err != nil || n != 3 {
		t.Errorf("%d lookups audited, %v", n, err)
	}

	plain := intakeForm(fx.UnitA.ID, "")
	plain.Set("address", "")
	p = counter.post(t, "/intake/dan-cu", plain)
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`#intake-form input[name="name"]`, htmlcheck.HasAttr("value", "Phạm Văn Tài")),
		htmlcheck.In(`#intake-form input[name="phone"]`, htmlcheck.HasAttr("value", "0912345678")),
		htmlcheck.In("#population-found"))
}

// storedDossier reads the dossier from the store as the counter officer.
func (e *env) storedDossier(t *testing.T, id int64) *motcua.Dossier {
	t.Helper()
	a, err := storetest.Actor(t.Context(), e.db, fx.CounterA.Username)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.db.Dossier(t.Context(), a, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
