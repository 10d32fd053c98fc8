package web_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/web"
)

// BenchmarkIntakeWithThreeScans accepts a dossier at the counter with
// three components scanned as PDFs of 1 MB each, on SQLite, through the
// real handler over loopback (issue 18's budget: under 300 ms server side).
func BenchmarkIntakeWithThreeScans(b *testing.B) {
	db := sample.Open(b)
	db.Now = func() time.Time { return sample.Now }
	proc := fx.Birth
	proc.ID, proc.Code, proc.Name = 0, "1.999001", "Thủ tục thử ba thành phần"
	proc.Documents = []motcua.RequiredDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1},
		{Name: "Giấy chứng sinh", Kind: motcua.DocOriginal, Count: 1}, {Name: "Giấy tờ tùy thân", Kind: motcua.DocCopy, Count: 1}}
	if err := db.CreateProcedure(b.Context(), &proc); err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	site := web.Mount(mux, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	site.Files = &files.Store{Dir: b.TempDir()}
	srv := httptest.NewServer(site.Handler(mux))
	b.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(path, contentType string, body io.Reader) *http.Response {
		req, _ := http.NewRequest("POST", srv.URL+path, body)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Origin", srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	login := url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}, "next": {"/worklist"}}
	if res := post("/login", "application/x-www-form-urlencoded", bytes.NewBufferString(login.Encode())); res.StatusCode != http.StatusSeeOther {
		b.Fatalf("login: %d", res.StatusCode)
	}
	form := url.Values{"procedure": {strconv.FormatInt(proc.ID, 10)}, "unit": {strconv.FormatInt(fx.UnitA.ID, 10)}, "name": {"Nguyễn Văn Ba"},
		"channel": {"counter"}, "doc": {"0", "1", "2"}, "count_0": {"1"}, "count_1": {"1"}, "count_2": {"1"}, "sets": {"1"}}
	body := func(i int) (*bytes.Buffer, string) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		for k, vs := range form {
			for _, v := range vs {
				w.WriteField(k, v)
			}
		}
		for c := range 3 {
			part, _ := w.CreateFormFile("scan_"+strconv.Itoa(c), "quet.pdf")
			part.Write([]byte("%PDF-1.7\n% " + strconv.Itoa(i) + "-" + strconv.Itoa(c) + "\n")) // a new file each time
			part.Write(bytes.Repeat([]byte("0123456789abcdef"), 1<<16))
		}
		w.Close()
		return &buf, w.FormDataContentType()
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		buf, ct := body(i)
		i++
		b.StartTimer()
		if res := post("/intake", ct, buf); res.StatusCode != http.StatusSeeOther {
			b.Fatalf("intake: %d", res.StatusCode)
		}
	}
}
