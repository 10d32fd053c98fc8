package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/store/storetest"
)

// identityProcedure is a procedure whose documents include one the
// applicant only shows (xuất trình) and two that apply in some cases only.
func identityProcedure(t *testing.T, e *env) *motcua.Procedure {
	t.Helper()
	p := fx.Birth
	p.ID, p.Code, p.Name = 0, "1.001195", "Đăng ký khai sinh có yếu tố giấy tờ tùy thân"
	p.Documents = []motcua.RequiredDocument{
		{Name: "Tờ khai đăng ký khai sinh (theo mẫu)", Kind: motcua.DocOriginal, Count: 1},
		{Name: "Giấy tờ tùy thân của người yêu cầu (Căn cước/CCCD/hộ chiếu)", Kind: motcua.DocPresent, Count: 1},
		{Name: "Văn bản ủy quyền (nếu ủy quyền thực hiện thủ tục)", Kind: motcua.DocOriginal, Count: 1},
		{Name: "Biên bản về việc trẻ bị bỏ rơi (trường hợp trẻ bị bỏ rơi)", Kind: motcua.DocOriginal, Count: 1},
	}
	if err := e.db.CreateProcedure(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// trackingSecret reads the secret the store holds for a dossier.
func trackingSecret(t *testing.T, e *env, id int64) string {
	t.Helper()
	secret := e.stored(t, id).TrackingSecret
	if len(secret) != 8 {
		t.Fatalf("tracking secret %q", secret)
	}
	return secret
}

// TestReceiptPrintsTheTrackingSecret: a citizen without a phone types the
// code and the secret at /tra-cuu, so form 01, the printable receipt and
// the officer's dossier page all show the secret the store holds, with the
// tracking address; the identity paper shown at the counter prints as
// "Xuất trình", and the e-mail address is printed beside the phone.
func TestReceiptPrintsTheTrackingSecret(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	p := identityProcedure(t, e)
	form := intakeForm(fx.UnitA.ID, "Vũ Thị Tra")
	form.Set("procedure", strconv.FormatInt(p.ID, 10))
	form["doc"] = []string{"0", "1"}
	form.Set("count_1", "1")
	form.Set("email", "vu.thi.tra@example.vn")
	id := acceptForm(t, c, form)
	code, _, _ := e.dossier(t, id)
	secret := trackingSecret(t, e, id)
	trackPage := e.srv.URL + "/tra-cuu"

	text := pdftest.Text(t, c.pdf(t, formPath(id, "01")))
	host := strings.TrimPrefix(trackPage, "http://")
	pdftest.InOrder(t, text, "Mã hồ sơ: "+code, "Mã tra cứu: "+secret, "Tra cứu tại "+host+" bằng mã hồ sơ và mã tra cứu.",
		"Số điện thoại/Thư điện tử: 0912345678 / vu.thi.tra@example.vn",
		"Giấy tờ tùy thân của người yêu cầu (Căn cước/CCCD/hộ chiếu) Xuất trình 1")
	if strings.Contains(text, "Văn bản ủy quyền") {
		t.Errorf("form 01 lists a document that was not received:\n%s", text)
	}

	receipt := c.get(t, fmt.Sprintf("/dossiers/%d/receipt", id))
	wantContains(t, receipt, "Tra cứu tại "+trackPage, "0912345678 / vu.thi.tra@example.vn")
	check(t, receipt, htmlcheck.In("#receipt-secret"), htmlcheck.In("strong.secret", htmlcheck.HasAttr("class", "secret"), htmlcheck.HasExactText(secret)),
		htmlcheck.In("td", htmlcheck.HasExactText("Xuất trình")))
	check(t, c.get(t, fmt.Sprintf("/dossiers/%d", id)), htmlcheck.In("strong#dossier-secret", htmlcheck.HasAttr("class", "secret"), htmlcheck.HasExactText(secret)))

	// What the receipt prints opens the tracking page.
	track := e.anonymous().track(t, code, secret)
	wantContains(t, track, code, "Đang xử lý")
}

// TestIntakeTicksOnlyTheAlwaysRequiredDocuments: documents that apply in
// some cases only (ủy quyền, trẻ bị bỏ rơi) are not ticked beforehand, so
// they never print on form 01 as received unless the officer ticks them.
func TestIntakeTicksOnlyTheAlwaysRequiredDocuments(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	p := identityProcedure(t, e)
	page := c.get(t, fmt.Sprintf("/intake?procedure=%d", p.ID))
	wantStatus(t, page, 200)
	for i, want := range []bool{true, true, false, false} {
		box := fmt.Sprintf(`input#doc_%d[type=checkbox][name=doc][value="%d"]`, i, i)
		if len(all(t, page, box)) == 0 {
			t.Fatalf("no checkbox for document %d:\n%s", i, excerpt(page.body))
		}
		if got := len(all(t, page, box+"[checked]")) > 0; got != want {
			t.Errorf("document %q ticked = %v, want %v", p.Documents[i].Name, got, want)
		}
	}
}

// TestIntakeRejectsIdentityNumbersAndEmailsOfNoPaper: "12345" is no
// identity number and "x@y" no address; the error is tied to its field
// (aria-invalid, aria-describedby, focus) and every typed value stays.
func TestIntakeRejectsIdentityNumbersAndEmailsOfNoPaper(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	cases := []struct{ field, value, input, message string }{
		{"id_number", "12345", "id_number", "Số định danh cá nhân (căn cước) gồm 12 chữ số"},
		{"id_number", "C12", "id_number", "Số hộ chiếu không hợp lệ"},
		{"email", "x@y", "email", "Địa chỉ thư điện tử không hợp lệ"},
		{"email", "an @example.vn", "email", "Địa chỉ thư điện tử không hợp lệ"},
	}
	for _, tc := range cases {
		form := intakeForm(fx.UnitA.ID, "Đặng Văn Sai")
		form.Set("address", "Thôn 2, xã Đắk Lao")
		form.Set("email", "dang.van.sai@example.vn")
		form.Set(tc.field, tc.value)
		p := c.post(t, "/intake", form)
		if p.status != 422 {
			t.Fatalf("%s=%q: status %d, want 422", tc.field, tc.value, p.status)
		}
		check(t, p, htmlcheck.In("input#"+tc.input, attrs("aria-invalid", "true", "aria-describedby", tc.input+"-error", "autofocus", "", "value", tc.value)...),
			htmlcheck.In("p.field-error#"+tc.input+"-error", htmlcheck.HasAttr("class", "field-error"), htmlcheck.MatchesText("^"+regexp.QuoteMeta(tc.message))),
			htmlcheck.In("input#name", htmlcheck.HasAttr("value", "Đặng Văn Sai")), htmlcheck.In("input#address", htmlcheck.HasAttr("value", "Thôn 2, xã Đắk Lao")),
			htmlcheck.Count("[autofocus]", 1)) // only the field in error takes the focus
	}
	e.wantCounts(t, [2]int{0, 0})

	form := intakeForm(fx.UnitA.ID, "Đặng Văn Đúng")
	form.Set("id_number", "c1234567") // a Vietnamese passport, typed in lower case
	form.Set("email", "dang.van.dung@example.vn")
	id := acceptForm(t, c, form)
	if stored := e.stored(t, id).ApplicantIDNumber; stored != "C1234567" {
		t.Errorf("stored passport number %q; want C1234567", stored)
	}
}

// acceptForm posts an intake form and returns the dossier's id.
func acceptForm(t *testing.T, b *browser, form url.Values) int64 {
	t.Helper()
	p := b.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if m == nil {
		t.Fatalf("intake: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// TestOnlineFilingRefusesAnIdentityNumberOfNoPaper: the portal takes the
// counter's checks, so that the one-stop can accept what it receives.
func TestOnlineFilingRefusesAnIdentityNumberOfNoPaper(t *testing.T) {
	e := newEnv(t)
	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	form := filingForm("k-id")
	form.Set("id_number", "12345")
	p := b.postMultipart(t, path, form, formFile{"file_0", "to-khai.pdf", pdf})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422 naming the identity number; body:\n%s", p.status, excerpt(p.body))
	}
	check(t, p, htmlcheck.In("#error", htmlcheck.HasText("Số định danh cá nhân (căn cước) gồm 12 chữ số")))
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("%d submissions recorded", n)
	}
}

// TestRegisterPrintsNoFullPhoneNumber: the register (form 07) is a book
// many hands open; it names the applicant and masks the phone number,
// as SECURITY.md says, and prints no address.
func TestRegisterPrintsNoFullPhoneNumber(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	c.accept(t, fx.UnitA.ID, "Lý Thị Sổ") // phone 0912345678, address "Thôn 1, xã Đắk Lao"
	text := pdftest.Text(t, c.pdf(t, fmt.Sprintf("/register.pdf?unit=%d&from=2024-03-01&to=2024-03-31", fx.UnitA.ID)))
	pdftest.InOrder(t, text, "Lý Thị Sổ", "•••••••678")
	for _, personal := range []string{"0912345678", "Thôn 1, xã Đắk Lao"} {
		if strings.Contains(strings.ReplaceAll(text, " ", ""), strings.ReplaceAll(personal, " ", "")) {
			t.Errorf("the register prints %q:\n%s", personal, text)
		}
	}
}

// TestRefusalFormReadIsAudited: form 03 names the applicant, so printing
// it is logged like any staff read of personal data; another commune's
// officer gets 404 and leaves no read in the log.
func TestRefusalFormReadIsAudited(t *testing.T) {
	e := newEnv(t)
	c, other := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
	form := intakeForm(fx.UnitA.ID, "Hoàng Thị Từ")
	form.Set("reason", "Không thuộc thẩm quyền của xã.")
	m := refusedLocation.FindStringSubmatch(c.post(t, "/intake/refuse", form).header.Get("Location"))
	if m == nil {
		t.Fatal("no refusal recorded")
	}
	formURL := "/refusals/" + m[1] + "/form"
	reads := func(u motcua.User) int {
		n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "refusal.read", Object: "refusal:" + m[1], UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	c.pdf(t, formURL)
	c.pdf(t, formURL)
	wantStatus(t, other.get(t, formURL), http.StatusNotFound)
	if got := reads(fx.CounterA); got != 2 {
		t.Errorf("%d reads of form 03 logged for its officer, want 2", got)
	}
	if got := reads(fx.CounterB); got != 0 {
		t.Errorf("%d reads logged for another commune's officer, who saw nothing", got)
	}
}
