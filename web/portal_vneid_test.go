package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// vneidCitizen signs in through the provider configured as VNeID and
// returns the browser holding the portal session.
func vneidCitizen(t *testing.T, e *env) *browser {
	t.Helper()
	done := signInThrough(t, e, nil)
	if done.status != http.StatusSeeOther {
		t.Fatalf("VNeID sign-in: %d\n%s", done.status, done.body)
	}
	b := e.anonymous()
	for _, c := range (&http.Response{Header: done.header}).Cookies() {
		if c.Name == "motcua_citizen" {
			b.citizen = c.Value
		}
	}
	return b
}

// TestVNeIDSessionVerifiesOnlyItsOwnNumber: through a provider configured
// as VNeID, the form names the verified number masked; filed for another
// number the submission is not verified and its page says why; filed for
// the number it is. A token without a personal identification number
// opens no session.
func TestVNeIDSessionVerifiesOnlyItsOwnNumber(t *testing.T) {
	e := newEnv(t)
	prov, client := startProvider(t, e, "motcua-vneid", "bi-mat", "/xac-thuc/oidc/callback")
	e.site.OIDC, e.site.VNeIDClaim = client, "so_dinh_danh"
	const number = "066190004321"
	prov.Person(map[string]any{"sub": "v1", "email": "hang@example.vn", "email_verified": true, "so_dinh_danh": number})
	b := vneidCitizen(t, e)
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	form := b.get(t, path)
	check(t, form, htmlcheck.In("#vneid-hint", htmlcheck.HasText(motcua.Mask(number))))
	if strings.Contains(form.body, number) {
		t.Fatal("the form shows the whole verified number")
	}

	for _, c := range []struct {
		key, idNumber string
		verified      bool
	}{{"k-other", "066190009999", false}, {"k-own", "0661 9000 4321", true}} {
		f := filingForm(c.key)
		f.Set("id_number", c.idNumber)
		p := b.postMultipart(t, path, f, formFile{"file_0", "to-khai.pdf", pdf})
		if p.status != http.StatusSeeOther {
			t.Fatalf("filing for %s: %d\n%s", c.idNumber, p.status, excerpt(p.body))
		}
		mine := b.get(t, strings.TrimSuffix(p.header.Get("Location"), "?moi=1"))
		if c.verified {
			check(t, mine, htmlcheck.In("#identity-vneid", htmlcheck.HasExactText("Tài khoản VNeID đã xác thực")), htmlcheck.NotIn("#vneid-mismatch"))
		} else {
			check(t, mine, htmlcheck.NotIn("#identity-vneid"), htmlcheck.In("#vneid-mismatch", htmlcheck.HasText("khác số định danh của tài khoản VNeID")))
		}
	}

	prov.Person(map[string]any{"sub": "v2", "email": "khong-so@example.vn", "email_verified": true})
	p := signInThrough(t, e, nil)
	if p.status != http.StatusUnprocessableEntity || strings.Contains(p.header.Get("Set-Cookie"), "motcua_citizen=") {
		t.Fatalf("a VNeID token without a number: %d, cookies %q", p.status, p.header["Set-Cookie"])
	}
	check(t, p, htmlcheck.In("#error", htmlcheck.HasText("số định danh cá nhân hợp lệ")))
}
