package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestTrialDefaultsToNowAndWarnsOfMissingYears: the trial form opens at
// the present minute, a decision already in force links its trial without
// an instant (so it runs now, not at the decision's start), and a run in a
// year the calendar does not cover warns instead of saying "no warnings".
func TestTrialDefaultsToNowAndWarnsOfMissingYears(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	actor, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	check(t, admin.get(t, "/catalog/trial"), htmlcheck.In("input[name=at]", htmlcheck.HasAttr("value", "2024-03-05T09:00")))

	for _, c := range []struct{ effective, link string }{{"01/03/2024", "&cap=xa&draft=1"}, {"15/03/2024", "&cap=xa&at=2024-03-15T00%3a00&draft=1"}} {
		p := admin.post(t, "/catalog/decisions", url.Values{"number": {"7/QĐ-UBND " + c.effective}, "issuer": {"Chủ tịch UBND tỉnh"},
			"signed_on": {"01/02/2024"}, "effective_from": {c.effective}})
		wantStatus(t, p, http.StatusSeeOther)
		id, _ := strconv.ParseInt(strings.TrimPrefix(p.header.Get("Location"), "/catalog/decisions/"), 10, 64)
		amended := fx.Birth
		amended.Steps = slices.Clone(fx.Birth.Steps)
		if err := e.db.DraftChange(t.Context(), actor, id, motcua.ChangeAmend, &amended); err != nil {
			t.Fatal(err)
		}
		check(t, admin.get(t, p.header.Get("Location")), htmlcheck.In(`a[href="/catalog/trial?code=`+fx.Birth.Code+c.link+`"]`))
	}

	later := admin.get(t, "/catalog/trial?code=1.001193&cap=xa&at=2027-01-01T08:00")
	check(t, later, htmlcheck.In("#trial-warnings", htmlcheck.HasText("chưa có ngày nghỉ lễ, Tết nào của năm 2027")), htmlcheck.NotIn("#trial-ok"))
	bad := admin.get(t, "/catalog/trial?code=1.001193&at=mai")
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	check(t, bad, htmlcheck.In("input[name=at]", attrs("value", "mai", "required", "", "aria-invalid", "true", "aria-describedby", "error", "autofocus", "")...))
}
