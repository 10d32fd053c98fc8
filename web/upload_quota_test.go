package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"runtime"
	"strings"
	"testing"
)

// bigPDF is a PDF of about n bytes, distinct per seed.
func bigPDF(n, seed int) []byte {
	return append(append([]byte{}, pdf...), bytes.Repeat([]byte(fmt.Sprintf("%% filler %d\n", seed)), n/12)...)
}

// TestUploadsPastTheDailyQuotaAreRefused: a citizen may upload
// UploadQuota bytes in 24 hours; a filing past it is refused with a
// Vietnamese message and stores nothing, not even a temporary file;
// another citizen is not affected.
func TestUploadsPastTheDailyQuotaAreRefused(t *testing.T) {
	e := newEnv(t)
	e.site.UploadQuota = 1 << 20
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	an := e.citizen(t, "an@example.vn")
	wantStatus(t, an.postMultipart(t, path, filingForm("q-1"), formFile{"file_0", "a.pdf", bigPDF(600<<10, 1)}), http.StatusSeeOther)
	p := an.postMultipart(t, path, filingForm("q-2"), formFile{"file_0", "b.pdf", bigPDF(600<<10, 2)})
	wantStatus(t, p, http.StatusTooManyRequests)
	check(t, p, errorSays("tối đa 1 MB mỗi ngày"))
	if n := e.countRows(t, "submissions"); n != 1 {
		t.Errorf("%d submissions recorded", n)
	}
	if n := storedFiles(t, e.files); n != 1 {
		t.Errorf("%d files stored", n)
	}
	if temps, _ := os.ReadDir(e.files); len(temps) != 1 { // the one stored file's directory
		t.Errorf("the store holds %d entries: a refused upload left a temporary file", len(temps))
	}
	binh := e.citizen(t, "binh@example.vn")
	wantStatus(t, binh.postMultipart(t, path, filingForm("q-3"), formFile{"file_0", "c.pdf", bigPDF(600<<10, 3)}), http.StatusSeeOther)
}

// TestUploadsStreamToDisk: filing a 9 MB document allocates a small
// fraction of it on the server (it used to be held whole, twice).
func TestUploadsStreamToDisk(t *testing.T) {
	e := newEnv(t)
	path := fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID)
	an := e.citizen(t, "an@example.vn")
	doc := bigPDF(9<<20, 1)
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range filingForm("big") {
		w.WriteField(k, v[0])
	}
	part, _ := w.CreateFormFile("file_0", "to-khai.pdf")
	part.Write(doc)
	w.Close()
	req, _ := http.NewRequest("POST", e.srv.URL+path, bytes.NewReader(body.Bytes()))
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", e.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := an.do(t, req)
	runtime.ReadMemStats(&after)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/ho-so-cua-toi/") {
		t.Fatalf("filing: %d to %q", p.status, p.header.Get("Location"))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(doc)/4) {
		t.Errorf("filing %d KB allocated %d KB", len(doc)>>10, alloc>>10)
	}
}
