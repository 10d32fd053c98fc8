package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/pdftest"
)

// identityProcedure is a procedure whose documents include one the
// applicant only shows (xuất trình) and two that apply in some cases only.
func identityProcedure(t *testing.T, e *env) *motcua.Procedure {
	t.Helper()
	p := fx.birth
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
	var secret string
	if err := e.db.SQL().QueryRow(e.db.Rebind("SELECT tracking_secret FROM dossiers WHERE id = ?"), id).Scan(&secret); err != nil || len(secret) != 8 {
		t.Fatalf("tracking secret %q, %v", secret, err)
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
	c := e.login(t, fx.counterA)
	p := identityProcedure(t, e)
	form := intakeForm(fx.unitA.ID, "Vũ Thị Tra")
	form.Set("procedure", strconv.FormatInt(p.ID, 10))
	form["doc"] = []string{"0", "1"}
	form.Set("count_1", "1")
	form.Set("email", "vu.thi.tra@example.vn")
	res := c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(res.header.Get("Location"))
	if m == nil {
		t.Fatalf("intake: %d to %q; body:\n%s", res.status, res.header.Get("Location"), excerpt(res.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
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

	wantContains(t, c.get(t, fmt.Sprintf("/dossiers/%d/receipt", id)), `id="receipt-secret"`, `<strong class="secret">`+secret+`</strong>`,
		"Tra cứu tại "+trackPage, "0912345678 / vu.thi.tra@example.vn", "<td>Xuất trình</td>")
	wantContains(t, c.get(t, fmt.Sprintf("/dossiers/%d", id)), `<strong id="dossier-secret" class="secret">`+secret+`</strong>`)

	// What the receipt prints opens the tracking page.
	track := e.anonymous().get(t, "/tra-cuu?"+url.Values{"ma": {code}, "khoa": {secret}}.Encode())
	wantContains(t, track, code, "Đang xử lý")
}
