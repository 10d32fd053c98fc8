package web_test

import (
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/web"
)

// TestCatalogPagesKeepTheSignedInCitizen (issue 15): on the procedure list
// and a procedure's page a signed-in citizen keeps "Hồ sơ của tôi" and the
// button to leave; a visitor without a session sees neither.
func TestCatalogPagesKeepTheSignedInCitizen(t *testing.T) {
	e := newEnv(t)
	citizen := e.citizen(t, "an@example.vn")
	for _, path := range []string{"/thu-tuc", web.ProcedurePath(&fx.Birth)} {
		p := citizen.get(t, path)
		wantStatus(t, p, 200)
		wantContains(t, p, "an@example.vn")
		check(t, p, htmlcheck.In(`a[href="/ho-so-cua-toi"]`, htmlcheck.HasExactText("Hồ sơ của tôi")), htmlcheck.In(`form[action="/dang-xuat"]`))
		anon := e.anonymous().get(t, path)
		wantLacks(t, anon, "Hồ sơ của tôi")
		check(t, anon, htmlcheck.NotIn(`[action="/dang-xuat"]`))
	}
}
