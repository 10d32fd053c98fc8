package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// citizen proves contact through the portal's one-time code (read from the
// notice the store queued, as the sender would deliver it).
func (e *env) citizen(t *testing.T, contact string) *browser {
	t.Helper()
	b := e.anonymous()
	p := b.post(t, "/xac-thuc/gui-ma", url.Values{"contact": {contact}, "next": {"/ho-so-cua-toi"}})
	wantStatus(t, p, http.StatusOK)
	notices, err := e.db.ClaimNotices(t.Context(), 10, time.Minute)
	if err != nil || len(notices) == 0 {
		t.Fatalf("no notice with the code: %v", err)
	}
	code := sixDigits.FindString(notices[len(notices)-1].Subject)
	p = b.post(t, "/xac-thuc", url.Values{"contact": {contact}, "code": {code}, "next": {"/ho-so-cua-toi"}})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/ho-so-cua-toi" {
		t.Fatalf("verifying the code: status %d, location %q\n%s", p.status, p.header.Get("Location"), p.body)
	}
	for _, c := range (&http.Response{Header: p.header}).Cookies() {
		if c.Name == "motcua_citizen" {
			b.citizen = c.Value
		}
	}
	return b
}

type formFile struct {
	field, name string
	data        []byte
}

// postMultipart submits a form with files, as the filing form does.
func (b *browser) postMultipart(t *testing.T, path string, form url.Values, files ...formFile) page {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for _, f := range files {
		part, _ := w.CreateFormFile(f.field, f.name)
		part.Write(f.data)
	}
	w.Close()
	req, _ := http.NewRequest("POST", b.e.srv.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", b.e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(t, req)
}

var pdf = []byte("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

func filingForm(key string) url.Values {
	return url.Values{"key": {key}, "unit": {fmt.Sprint(fx.UnitA.ID)}, "name": {"Nguyễn Văn An"}, "phone": {"0912345678"},
		"delivery": {"online"}}
}

func (e *env) countRows(t *testing.T, table string) int {
	t.Helper()
	n, err := storetest.Count(t.Context(), e.db, table)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func storedFiles(t *testing.T, dir string) int {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	return len(matches)
}

// TestOnlineFilingRefusesBadUploadsKeepsGoodOnes: a file whose content
// is not what its name says, and one over the size limit, are refused
// with a Vietnamese message naming the file; no submission is recorded,
// and only the good file is stored (kept for the resent form).
func TestOnlineFilingRefusesBadUploadsKeepsGoodOnes(t *testing.T) {
	e := newEnv(t)
	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	wantStatus(t, b.get(t, path), http.StatusOK)
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")
	for _, c := range []struct {
		file formFile
		want string
	}{
		{formFile{"file_0", "to-khai.pdf", exe}, "Tệp “to-khai.pdf” không phải PDF, JPEG hoặc PNG"},
		{formFile{"file_0", "to-khai.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte("x"), 10<<20)...)}, "lớn hơn 10 MB"},
	} {
		p := b.postMultipart(t, path, filingForm("k-bad"), formFile{"file_extra", "anh.pdf", pdf}, c.file)
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d, want 422 saying %q", c.file.name, p.status, c.want)
		}
		check(t, p, htmlcheck.In("p.field-error#doc-error-0", htmlcheck.HasText(c.want))) // at the document the file was sent for
	}
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("%d submissions recorded", n)
	}
	if n := storedFiles(t, e.files); n != 1 {
		t.Fatalf("%d files stored, want the good one only", n)
	}
}

// TestOnlineFilingTwiceIsOneSubmission: a double click posts the form
// twice with its key; one submission results, which the one-stop accepts.
func TestOnlineFilingTwiceIsOneSubmission(t *testing.T) {
	e := newEnv(t)
	b := e.citizen(t, "an@example.vn")
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	var where []string
	for range 2 {
		p := b.postMultipart(t, path, filingForm("k-twice"), formFile{"file_0", "to-khai.pdf", pdf})
		wantStatus(t, p, http.StatusSeeOther)
		where = append(where, strings.TrimSuffix(p.header.Get("Location"), "?moi=1"))
	}
	if where[0] != where[1] || e.countRows(t, "submissions") != 1 || storedFiles(t, e.files) != 1 {
		t.Fatalf("two posts: %v, %d submissions, %d files", where, e.countRows(t, "submissions"), storedFiles(t, e.files))
	}
	mine := b.get(t, where[0])
	if err := htmlcheck.Check(mine.body, htmlcheck.In("main", htmlcheck.HasText("Chờ tiếp nhận"), htmlcheck.HasText("to-khai.pdf"))); err != nil {
		t.Fatalf("the citizen's page: %v\n%s", err, mine.body)
	}
	officer := e.login(t, fx.CounterA)
	id := strings.TrimPrefix(where[0], "/ho-so-cua-toi/")
	if q := officer.get(t, "/submissions"); htmlcheck.Check(q.body, htmlcheck.In(`a[href="/submissions/`+id+`"]`)) != nil {
		t.Fatalf("the queue lacks submission %s", id)
	}
	if other := e.login(t, fx.CounterB).get(t, "/submissions/"+id); other.status != http.StatusNotFound {
		t.Fatalf("commune B's officer opened commune A's submission: %d", other.status)
	}
	p := officer.post(t, "/submissions/"+id+"/accept", nil)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/dossiers/") {
		t.Fatalf("accept: status %d, location %q\n%s", p.status, p.header.Get("Location"), p.body)
	}
	if mine := b.get(t, where[0]); htmlcheck.Check(mine.body, htmlcheck.In("#dossier-code")) != nil {
		t.Fatal("the citizen does not see the dossier code after acceptance")
	}
	if file, _ := filepath.Glob(filepath.Join(e.files, "*", "*")); len(file) == 1 {
		got, _ := os.ReadFile(file[0])
		if !bytes.Equal(got, pdf) {
			t.Fatal("the stored file differs from the upload")
		}
	}
}

// accepted accepts a dossier at commune A through the store, with the
// applicant's phone 0912345678.
func (e *env) accepted(t *testing.T) *motcua.Dossier {
	t.Helper()
	a, err := e.db.Actor(t.Context(), fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.db.Accept(t.Context(), a, motcua.Intake{ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Trần Thị Bích", Phone: "0912 345 678"}, Sets: 1,
		Documents: []motcua.ReceivedDocument{{Name: "Tờ khai (theo mẫu)", Kind: motcua.DocOriginal, Count: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestTrackingUnknownAndWrongLookAlike: an unknown code and a wrong secret
// get the same status and the same body (the page echoes what was typed;
// the JSON is byte for byte the same); the secret or the phone's last four
// digits open the record.
func TestTrackingUnknownAndWrongLookAlike(t *testing.T) {
	e := newEnv(t)
	d := e.accepted(t)
	b := e.anonymous()
	unknownCode := strings.Replace(d.Code, "-0001", "-0999", 1)
	unknown := b.track(t, unknownCode, d.TrackingSecret)
	wrong := b.track(t, d.Code, "ZZZZ9999")
	if unknown.status != http.StatusNotFound || wrong.status != unknown.status {
		t.Fatalf("unknown code %d, wrong secret %d", unknown.status, wrong.status)
	}
	blank := func(p page, code, secret string) string {
		return strings.ReplaceAll(strings.ReplaceAll(p.body, code, "…"), secret, "…")
	}
	if blank(unknown, unknownCode, d.TrackingSecret) != blank(wrong, d.Code, "ZZZZ9999") {
		t.Fatal("the pages for an unknown code and a wrong secret differ")
	}
	ju := b.trackJSON(t, unknownCode, d.TrackingSecret)
	jw := b.trackJSON(t, d.Code, "ZZZZ9999")
	if ju.status != http.StatusNotFound || jw.status != ju.status || ju.body != jw.body {
		t.Fatalf("JSON: unknown %d %s, wrong %d %s", ju.status, ju.body, jw.status, jw.body)
	}
	for _, factor := range []string{d.TrackingSecret, "5678"} {
		p := b.track(t, d.Code, factor)
		if p.status != http.StatusOK || strings.Contains(p.body, "Trần Thị Bích") ||
			htmlcheck.Check(p.body, htmlcheck.In("main", htmlcheck.HasText("T. T. B."), htmlcheck.HasText("Tiếp nhận hồ sơ"))) != nil {
			t.Fatalf("tracking with %q: status %d\n%s", factor, p.status, p.body)
		}
	}
	j := b.trackJSON(t, d.Code, "5678")
	if j.status != http.StatusOK || !strings.Contains(j.body, `"applicant_initials":"T. T. B."`) || strings.Contains(j.body, "0912") {
		t.Fatalf("JSON tracking: %d %s", j.status, j.body)
	}
}

// TestTrackingGuessesAreBounded: ten wrong guesses of the four phone digits
// within the hour stop that code's weak factor — the right digits too —
// but neither its receipt secret (its holder is not locked out) nor other
// codes.
func TestTrackingGuessesAreBounded(t *testing.T) {
	e := newEnv(t)
	d := e.accepted(t)
	b := e.anonymous()
	for i := range 10 {
		p := b.trackJSON(t, d.Code, fmt.Sprintf("%04d", i))
		wantStatus(t, p, http.StatusNotFound)
	}
	p := b.trackJSON(t, d.Code, "5678")
	if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, `"code":"too_many"`) {
		t.Fatalf("the eleventh guess: %d %s", p.status, p.body)
	}
	page := b.track(t, d.Code, "5678")
	if page.status != http.StatusTooManyRequests || htmlcheck.Check(page.body, htmlcheck.In("#error", htmlcheck.HasText("quá nhiều lần"))) != nil {
		t.Fatalf("the page after the bound: %d", page.status)
	}
	if p := b.trackJSON(t, d.Code, d.TrackingSecret); p.status != http.StatusOK {
		t.Fatalf("the receipt's secret was locked out too: %d", p.status)
	}
	other := e.accepted(t)
	if p := b.trackJSON(t, other.Code, "5678"); p.status != http.StatusOK {
		t.Fatalf("another code was blocked too: %d", p.status)
	}
}
