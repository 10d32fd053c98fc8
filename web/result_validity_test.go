package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestResultValidityGivenByTheLeader: a result with a term (a certificate
// valid until a date) keeps it: the dossier page and the public
// verification page say it; a term already past is refused with the
// reason and nothing is issued; a date that is not one is refused too.
func TestResultValidityGivenByTheLeader(t *testing.T) {
	e := newEnv(t)
	id, _, _ := e.acceptTracked(t, "Nguyễn Văn Hạn")
	dossierPath := fmt.Sprintf("/dossiers/%d", id)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)

	result := url.Values{"type": {"result_ready"}, "version": {"3"}, "result_text": {"Xác nhận tình trạng hôn nhân của ông Nguyễn Văn Hạn."}}
	for bad, says := range map[string]string{"2001-01-01": "phải sau ngày phát hành", "31/02/x": "không hợp lệ"} {
		result.Set("valid_until", bad)
		p := leader.post(t, dossierPath+"/actions", result)
		wantStatus(t, p, http.StatusUnprocessableEntity)
		wantContains(t, p, says)
		if n := e.countRows(t, "issued_results"); n != 0 {
			t.Fatalf("a refused validity %q issued %d results", bad, n)
		}
	}
	result.Set("valid_until", "2099-06-30")
	wantRedirect(t, leader.post(t, dossierPath+"/actions", result), dossierPath)
	page := leader.get(t, dossierPath)
	check(t, page, htmlcheck.In(`#issued-results tr[data-status="valid"] .valid-until`, htmlcheck.HasText("có giá trị đến 30/06/2099")))
	code := validCode(t, page)
	public := e.anonymous().get(t, "/xac-minh?"+url.Values{"ma": {code}}.Encode())
	check(t, public, htmlcheck.In("#verify-valid-until", htmlcheck.HasExactText("30/06/2099")))
}
