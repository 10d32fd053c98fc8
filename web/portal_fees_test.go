package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOnlineFilingShowsTheBillBeforeSending: the filing form of a
// procedure with fee lines asks for the copies (no exemption online) and
// shows the bill as they change (htmx) and without JavaScript; the
// submission keeps the copies, and its acceptance computes the bill the
// dossier page shows. A quantity that is not a number is refused.
func TestOnlineFilingShowsTheBillBeforeSending(t *testing.T) {
	e := newEnv(t)
	p := feeProcedure(t, e, "2.000635")
	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", p.ID)

	form := b.get(t, path)
	wantStatus(t, form, http.StatusOK)
	wantContains(t, form, `id="fees"`, `name="copies"`, "Tổng số tiền phải nộp: <strong>5.000 đồng</strong>", `hx-get="`+path+`/phi"`)
	wantLacks(t, form, `name="exempt"`)

	req, _ := http.NewRequest("GET", e.srv.URL+path+"/phi?copies=3", nil)
	req.Header.Set("HX-Request", "true")
	frag := b.do(t, req)
	wantStatus(t, frag, http.StatusOK)
	wantContains(t, frag, "Tổng số tiền phải nộp: <strong>29.000 đồng</strong>", `id="fee-due-result">24.000 đồng`)
	wantLacks(t, frag, "<html")

	noJS := b.get(t, path+"/phi?"+url.Values{"copies": {"2"}, "name": {"Nguyễn Văn An"}, "exempt": {"1"}}.Encode())
	wantStatus(t, noJS, http.StatusOK)
	wantContains(t, noJS, `<html lang="vi">`, `value="Nguyễn Văn An"`, "Tổng số tiền phải nộp: <strong>21.000 đồng</strong>")

	bad := filingForm("k-fees-bad")
	bad.Set("copies", "hai")
	refused := b.postMultipart(t, path, bad, formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, refused, http.StatusUnprocessableEntity)
	wantContains(t, refused, `id="fees-error"`, "Số bản phải là một số nguyên.")
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("%d submissions recorded", n)
	}

	good := filingForm("k-fees")
	good.Set("copies", "2")
	sent := b.postMultipart(t, path, good, formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, sent, http.StatusSeeOther)
	id := strings.TrimPrefix(strings.TrimSuffix(sent.header.Get("Location"), "?moi=1"), "/ho-so-cua-toi/")
	officer := e.login(t, fx.CounterA)
	wantContains(t, officer.get(t, "/submissions/"+id), `<span id="submission-fees">Số bản yêu cầu: 2</span>`)
	accepted := officer.post(t, "/submissions/"+id+"/accept", nil)
	if accepted.status != http.StatusSeeOther || !strings.HasPrefix(accepted.header.Get("Location"), "/dossiers/") {
		t.Fatalf("accept: status %d, location %q\n%s", accepted.status, accepted.header.Get("Location"), excerpt(accepted.body))
	}
	dossier := officer.get(t, strings.SplitN(accepted.header.Get("Location"), "?", 2)[0])
	wantContains(t, dossier, `id="dossier-fees"`, "Tổng số tiền phải nộp: <strong>21.000 đồng</strong>",
		`id="fee-due-intake">5.000 đồng`, `id="fee-due-result">16.000 đồng`, `id="awaiting-payment"`)

	// 5.000 đồng due at intake: the citizen's page says the dossier waits for it.
	mine := b.get(t, "/ho-so-cua-toi/"+id)
	wantStatus(t, mine, http.StatusOK)
	wantContains(t, mine, `id="submission-state">Chờ nộp phí, lệ phí</strong>`, "Chờ nộp phí, lệ phí: thời hạn tính từ khi nộp đủ",
		"đang <strong>chờ nộp phí, lệ phí</strong>: 5.000 đồng", `id="payments"`)
}
