package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store/storetest"
)

var resultLink = regexp.MustCompile(`^/dossiers/\d+/results/\d+$`)

// TestOfficerAttachesTheResultCitizenDownloadsIt: the officer recording
// the result attaches its electronic copy; a file whose content is not
// what its name says is refused on the form, next to its field, and
// nothing is written (no event, no row, no stored file), as is a file sent
// with another action. The dossier page lists the result and opens it (an
// audited read; another commune's officer gets 404). The citizen whose
// submission it was finds "Tải kết quả điện tử" on their page and gets the
// file shown in the browser with its own type; another citizen gets 404.
func TestOfficerAttachesTheResultCitizenDownloadsIt(t *testing.T) {
	e := newEnv(t)
	citizen := e.citizen(t, "an@example.vn")
	form := filingForm("k-result")
	p := citizen.postMultipart(t, fmt.Sprintf("/nop-truc-tuyen/%d", fx.Birth.ID), form, formFile{"file_0", "tờ khai.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	mine := strings.TrimSuffix(p.header.Get("Location"), "?moi=1")
	download := mine + "/ket-qua"
	counter := e.login(t, fx.CounterA)
	p = counter.post(t, "/submissions/"+strings.TrimPrefix(mine, "/ho-so-cua-toi/")+"/accept", nil)
	wantStatus(t, p, http.StatusSeeOther)
	dossierPath := strings.TrimSuffix(p.header.Get("Location"), "?accepted=1")
	id, _ := strconv.ParseInt(strings.TrimPrefix(dossierPath, "/dossiers/"), 10, 64)
	specialist, leader := e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	wantRedirect(t, counter.act(t, id, "handed_over", 1), dossierPath)
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), dossierPath)
	wantStatus(t, citizen.get(t, download), http.StatusNotFound)

	page := counter.get(t, dossierPath) // not yet the last step: leader's
	check(t, page, htmlcheck.NotIn("[name=result_file]"))
	wantRedirect(t, leader.act(t, id, "handed_over", 3), dossierPath)
	page = counter.get(t, dossierPath)
	check(t, page, htmlcheck.In(`form[enctype="multipart/form-data"]`, htmlcheck.In("input[name=result_file]")))

	result := append(append([]byte{}, pdf...), bytes.Repeat([]byte("%"), 3000)...)
	exe := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")
	stored, rows := storedFiles(t, e.files), e.countRows(t, "events")
	for _, bad := range []struct {
		typ  string
		file formFile
		want htmlcheck.Checker
	}{
		{"result_ready", formFile{"result_file", "ket-qua.pdf", exe}, htmlcheck.In("input[name=result_file]",
			htmlcheck.HasAttr("accept", ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"), htmlcheck.HasAttr("aria-invalid", "true"))},
		{"withdrawn", formFile{"result_file", "ket-qua.pdf", result}, errorSays("Chỉ đính kèm kết quả điện tử khi ghi nhận")},
	} {
		p = counter.postMultipart(t, dossierPath+"/actions", url.Values{"type": {bad.typ}, "version": {"4"}, "reason": {"Thử"}}, bad.file)
		if p.status < 400 {
			t.Fatalf("%s with %s: status %d", bad.typ, bad.file.name, p.status)
		}
		check(t, p, bad.want)
		if bad.typ == "result_ready" {
			check(t, p, errorSays("Tệp “ket-qua.pdf” không phải PDF, JPEG hoặc PNG"))
		}
		if storedFiles(t, e.files) != stored || e.countRows(t, "events") != rows || e.countRows(t, "result_files") != 0 {
			t.Fatalf("%s with %s wrote something", bad.typ, bad.file.name)
		}
	}

	p = counter.postMultipart(t, dossierPath+"/actions", url.Values{"type": {"result_ready"}, "version": {"4"}},
		formFile{"result_file", "giấy khai sinh.pdf", result})
	wantRedirect(t, p, dossierPath)
	page = counter.get(t, dossierPath)
	check(t, page, htmlcheck.In("#dossier-result td", htmlcheck.HasExactText("PDF")))
	links := newTabLinks(t, page, resultLink)
	if len(links) == 0 || links[0][1] != "giấy khai sinh.pdf" {
		t.Fatalf("no link to the result on the dossier page:\n%s", excerpt(page.body))
	}
	resultAddress := links[0][0]
	if got := counter.get(t, resultAddress); got.status != http.StatusOK || got.body != string(result) || got.header.Get("Content-Type") != "application/pdf" {
		t.Errorf("the officer opens the result: %d, %v", got.status, got.header)
	}
	wantStatus(t, e.login(t, fx.CounterB).get(t, resultAddress), http.StatusNotFound)
	if n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "dossier.result.read"}); err != nil || n != 1 {
		t.Errorf("%d reads of the result audited (%v), want 1", n, err)
	}

	page = citizen.get(t, mine)
	wantContains(t, page, "giấy khai sinh.pdf")
	check(t, page, htmlcheck.In("a#result-download", htmlcheck.HasAttr("href", download), htmlcheck.HasExactText("Tải kết quả điện tử")))
	got := citizen.get(t, download)
	h := got.header
	if got.status != http.StatusOK || got.body != string(result) || h.Get("Content-Type") != "application/pdf" ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "inline;") {
		t.Errorf("the citizen's download: %d, %d bytes, %v", got.status, len(got.body), h)
	}
	wantStatus(t, e.citizen(t, "binh@example.vn").get(t, download), http.StatusNotFound)
}
