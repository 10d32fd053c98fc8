package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/store"
)

// TestFormKeysAreTheSenders: the three ways in which one sender's key
// took another's request, through the pages. Commune B's officer sends
// the key of "accept submission N" on the intake form: commune A still
// accepts submission N. A citizen sends a partner's key: the partner's
// prefill is still recorded. A second citizen re-posts the first's form
// key: a submission of their own, not /ho-so-cua-toi/0. And a form key
// re-posted with other content answers 409 with a Vietnamese message.
func TestFormKeysAreTheSenders(t *testing.T) {
	e := newEnv(t)
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	an := e.citizen(t, "an@example.vn")
	p := an.postMultipart(t, path, filingForm("form-1"), formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	first := strings.TrimSuffix(p.header.Get("Location"), "?moi=1")
	id := strings.TrimPrefix(first, "/ho-so-cua-toi/")

	form := intakeForm(fx.UnitB.ID, "Lê Văn Chiếm")
	form.Set("key", "submission:"+id)
	wantStatus(t, e.login(t, fx.CounterB).post(t, "/intake", form), http.StatusSeeOther)
	p = e.login(t, fx.CounterA).post(t, "/submissions/"+id+"/accept", nil)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/dossiers/") {
		t.Fatalf("commune A's acceptance after commune B sent its key: %d %q\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}

	key, client, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: "Bảo trợ xã hội", UnitCodes: []string{fx.UnitA.Code},
		Actions: []motcua.ClientAction{motcua.ClientRegister}})
	if err != nil {
		t.Fatal(err)
	}
	p = an.postMultipart(t, path, filingForm(fmt.Sprintf("partner:%d:seq-100", client.ID)), formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	status, answer := e.prefill(t, key, "seq-100", "an@example.vn")
	var pre struct {
		SubmissionID int64 `json:"submission_id"`
	}
	json.Unmarshal(answer, &pre)
	if status != http.StatusCreated || pre.SubmissionID == 0 {
		t.Fatalf("the partner's prefill after a citizen sent its key: %d %s", status, answer)
	}

	binh := e.citizen(t, "binh@example.vn")
	p = binh.postMultipart(t, path, filingForm("form-1"), formFile{"file_0", "to-khai.pdf", pdf})
	if where := strings.TrimSuffix(p.header.Get("Location"), "?moi=1"); p.status != http.StatusSeeOther || where == first || where == "/ho-so-cua-toi/0" {
		t.Fatalf("a second citizen re-posting the first's key went to %q (the first's is %q)", where, first)
	}

	changed := filingForm("form-1")
	changed.Set("name", "Nguyễn Văn Khác")
	p = an.postMultipart(t, path, changed, formFile{"file_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusConflict)
	check(t, p, errorSays("đã được dùng cho một yêu cầu có nội dung khác"))
	wantLacks(t, p, `value="form-1"`) // the form shown again is a new one
	officer := e.login(t, fx.CounterA)
	form = intakeForm(fx.UnitA.ID, "Trần Văn Một")
	form.Set("key", "desk-1")
	wantStatus(t, officer.post(t, "/intake", form), http.StatusSeeOther)
	form.Set("name", "Trần Văn Hai")
	p = officer.post(t, "/intake", form)
	wantStatus(t, p, http.StatusConflict)
	check(t, p, errorSays("đã được dùng cho một yêu cầu có nội dung khác"))
	wantLacks(t, p, `value="desk-1"`)
}

// prefill posts a partner's prefill of the birth procedure at commune A.
func (e *env) prefill(t *testing.T, token, key, email string) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"key": key, "procedure_code": fx.Birth.Code, "unit_code": fx.UnitA.Code,
		"applicant": map[string]string{"name": "Đinh Thị Lan", "email": email}})
	req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/inbound/prefills", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	return res.StatusCode, answer
}
