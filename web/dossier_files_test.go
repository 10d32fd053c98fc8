package web_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

// onlineDossier files a submission at commune A with a PDF of 59.590 bytes
// and a PNG photo, has commune A's counter accept it, and returns the
// dossier's page path and the officer.
func onlineDossier(t *testing.T, e *env) (dossierPath string, officer *browser, pdfBody, pngBody []byte) {
	t.Helper()
	citizen := e.citizen(t, "an@example.vn")
	pdfBody = append(append([]byte{}, pdf...), bytes.Repeat([]byte("%"), 59590-len(pdf))...)
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	pngBody = img.Bytes()
	form := filingForm("k-files")
	form.Set("id_number", "066190001234")
	form.Set("address", "Thôn 5, xã Đắk Lao")
	p := citizen.postMultipart(t, fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID), form,
		formFile{"file_0", "tờ khai.pdf", pdfBody}, formFile{"file_extra", "ảnh chụp.png", pngBody})
	wantStatus(t, p, http.StatusSeeOther)
	id := strings.TrimSuffix(strings.TrimPrefix(p.header.Get("Location"), "/ho-so-cua-toi/"), "?moi=1")
	officer = e.login(t, fx.CounterA)

	queue := officer.get(t, "/submissions")
	wantContains(t, queue, "Thôn 5, xã Đắk Lao", "•••••••••234")
	wantLacks(t, queue, "066190001234")
	page := officer.get(t, "/submissions/"+id)
	wantContains(t, page, "066190001234", "Thôn 5, xã Đắk Lao", "58,2 KB")
	wantLacks(t, page, "59.590")

	p = officer.post(t, "/submissions/"+id+"/accept", nil)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/dossiers/") {
		t.Fatalf("accept: status %d, location %q", p.status, p.header.Get("Location"))
	}
	return strings.TrimSuffix(p.header.Get("Location"), "?accepted=1"), officer, pdfBody, pngBody
}

var fileLink = regexp.MustCompile(`^/dossiers/\d+/files/\d+$`)

// TestDossierPageOpensTheUploadedFiles: after accepting an online
// submission the officer finds its files on the dossier page (name, type,
// size); a PDF or an image opens in the browser (inline, its own type, a
// CSP that lets the viewer show it) or downloads; each open is an audited
// read, and another commune's officer gets 404.
func TestDossierPageOpensTheUploadedFiles(t *testing.T) {
	e := newEnv(t)
	dossierPath, officer, pdfBody, pngBody := onlineDossier(t, e)
	page := officer.get(t, dossierPath)
	check(t, page, htmlcheck.In("#dossier-files tr", htmlcheck.HasCells("PDF", "58,2 KB")), htmlcheck.In("#dossier-files td", htmlcheck.HasExactText("Ảnh PNG")))
	link := map[string]string{} // file name → address
	for _, l := range newTabLinks(t, page, fileLink) {
		link[l[1]] = l[0]
	}
	if len(link) != 2 || link["tờ khai.pdf"] == "" || link["ảnh chụp.png"] == "" {
		t.Fatalf("file links %q on the dossier page:\n%s", link, excerpt(page.body))
	}
	check(t, page, htmlcheck.In(`a[href="`+link["tờ khai.pdf"]+`?download=1"]`))

	for _, want := range []struct {
		name, contentType string
		body              []byte
	}{{"tờ khai.pdf", "application/pdf", pdfBody}, {"ảnh chụp.png", "image/png", pngBody}} {
		p := officer.get(t, link[want.name])
		wantStatus(t, p, http.StatusOK)
		h := p.header
		if h.Get("Content-Type") != want.contentType || !strings.HasPrefix(h.Get("Content-Disposition"), "inline; filename*=UTF-8''") ||
			h.Get("Cache-Control") != "no-store" || p.body != string(want.body) {
			t.Errorf("%s: %d bytes, headers %v", want.name, len(p.body), h)
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "object-src 'self'") || !strings.Contains(csp, "img-src 'self'") ||
			!strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: CSP %q does not let the browser show the file and nothing else", want.name, csp)
		}
	}
	if d := officer.get(t, link["tờ khai.pdf"]+"?download=1"); !strings.HasPrefix(d.header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("download: Content-Disposition %q", d.header.Get("Content-Disposition"))
	}

	other := e.login(t, fx.CounterB)
	wantStatus(t, other.get(t, link["tờ khai.pdf"]), http.StatusNotFound)
	reads := func(u motcua.User) int {
		n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "dossier.file.read", UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if a, b := reads(fx.CounterA), reads(fx.CounterB); a != 3 || b != 0 {
		t.Errorf("file reads logged: %d for commune A's officer (want 3), %d for commune B's (want 0)", a, b)
	}
}
