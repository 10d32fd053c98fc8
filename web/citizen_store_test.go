package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/khodl"
	"github.com/motcua/motcua/adapter/partner/khodl/khodltest"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

// heldFragment asks for the held list as the intake page's script does:
// by POST, the identity number in the body, not the URL.
func (b *browser) heldFragment(t *testing.T, idNumber string) page {
	t.Helper()
	q := url.Values{"id_number": {idNumber}, "procedure": {strconv.FormatInt(fx.Birth.ID, 10)}}
	req, err := http.NewRequest("POST", b.e.srv.URL+"/intake/held", strings.NewReader(q.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return b.do(t, req)
}

var heldRef = regexp.MustCompile(`value="(c:\d+)"`)

// TestCounterReusesAHeldDocument: a component scanned at one intake is
// listed, once the identity number is typed, with the dossier it came
// with, and chosen at a later intake instead of a scan: the dossier page
// says it was reused and from which dossier. The same document chosen for
// another person is refused with the reason and nothing is written. Only
// counter officers see the list, each look audited; without JavaScript
// the intake page comes back with the form as typed and the list.
func TestCounterReusesAHeldDocument(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	first := counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Lưu"), formFile{"scan_0", "to-khai.pdf", pdf})
	wantStatus(t, first, http.StatusSeeOther)
	firstID, _ := strconv.ParseInt(dossierLocation.FindStringSubmatch(first.header.Get("Location"))[1], 10, 64)
	firstCode, _, _ := e.dossier(t, firstID)

	p := counter.heldFragment(t, "066 123 456 789")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#held-docs td", htmlcheck.HasText("hồ sơ "+firstCode)), htmlcheck.In("#held-docs td", htmlcheck.HasText("không thời hạn")),
		htmlcheck.In(`select[name="reuse_0"] option`, htmlcheck.HasText("Tờ khai (theo mẫu) · hồ sơ "+firstCode)),
		// The declaration held is marked as what the declaration's component asks for.
		htmlcheck.In(`select[name="reuse_0"] option[value^="c:"]`, htmlcheck.HasText("✓ Tờ khai (theo mẫu)")))
	if strings.Contains(p.body, "066123456789") {
		t.Error("the fragment shows the whole identity number")
	}
	ref := heldRef.FindStringSubmatch(p.body)
	if ref == nil {
		t.Fatalf("no held document to choose:\n%s", excerpt(p.body))
	}
	if n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "citizen_store.read", UserID: fx.CounterA.ID}); err != nil || n != 1 {
		t.Errorf("%d looks audited, %v", n, err)
	}

	before := e.counts(t)
	stranger := intakeForm(fx.UnitA.ID, "Trần Thị Khác")
	stranger.Set("id_number", "066999999999")
	stranger.Set("reuse_0", ref[1])
	p = counter.post(t, "/intake", stranger)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "không thuộc người nộp có số định danh này")
	e.wantCounts(t, before)

	both := intakeForm(fx.UnitA.ID, "Nguyễn Văn Lưu")
	both.Set("reuse_0", ref[1])
	p = counter.postMultipart(t, "/intake", both, formFile{"scan_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "đã chọn cả tệp số hóa và giấy tờ đã lưu")
	check(t, p, htmlcheck.In(`#held select[name="reuse_0"] option[selected]`)) // the choice is kept on the form shown again
	e.wantCounts(t, before)

	later := intakeForm(fx.UnitA.ID, "Nguyễn Văn Lưu")
	later.Set("reuse_0", ref[1])
	p = counter.post(t, "/intake", later)
	wantStatus(t, p, http.StatusSeeOther)
	page := counter.get(t, strings.TrimSuffix(p.header.Get("Location"), "?accepted=1"))
	check(t, page, htmlcheck.In("#components tr[data-component] .origin", htmlcheck.HasExactText("Tái sử dụng từ hồ sơ "+firstCode)),
		htmlcheck.In("#components a", htmlcheck.HasExactText("to-khai.pdf")))

	wantStatus(t, e.login(t, fx.SpecialistA).heldFragment(t, "066123456789"), http.StatusForbidden)

	// Later the same day, from the dossier page of a dossier received
	// without its scan.
	p = counter.post(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Lưu"))
	wantStatus(t, p, http.StatusSeeOther)
	dossierPath := strings.TrimSuffix(p.header.Get("Location"), "?accepted=1")
	check(t, counter.get(t, dossierPath), htmlcheck.In("#scan-form #held-button"))
	req, _ := http.NewRequest("GET", e.srv.URL+"/intake/held?dossier="+strings.TrimPrefix(dossierPath, "/dossiers/"), nil)
	req.Header.Set("HX-Request", "true")
	p = counter.do(t, req)
	check(t, p, htmlcheck.In(`select[name="reuse_0"] option`, htmlcheck.HasText("Tờ khai (theo mẫu) · hồ sơ")))
	newest := heldRef.FindStringSubmatch(p.body) // held now at its newest holding, the dossier that reused it
	if newest == nil || newest[1] == ref[1] {
		t.Fatalf("held after the reuse: %v", newest)
	}
	wantStatus(t, counter.post(t, dossierPath+"/scans", url.Values{"reuse_0": {newest[1]}}), http.StatusSeeOther)
	check(t, counter.get(t, dossierPath), htmlcheck.In("#components .origin", htmlcheck.HasText("Tái sử dụng từ hồ sơ ")))

	// Without JavaScript: the whole page, the form as typed, the list.
	q := intakeForm(fx.UnitA.ID, "Nguyễn Văn Không Script")
	p = counter.get(t, "/intake/held?"+q.Encode())
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#name", htmlcheck.HasAttr("value", "Nguyễn Văn Không Script")), htmlcheck.In("#held-docs"),
		htmlcheck.In(`input[name="scan_0"]`, htmlcheck.HasAttr("capture", "environment")))
	q.Set("id_number", "12345")
	p = counter.get(t, "/intake/held?"+q.Encode())
	wantStatus(t, p, http.StatusUnprocessableEntity)
	check(t, p, htmlcheck.In("#id_number-error", htmlcheck.HasText("Số định danh cá nhân (căn cước) gồm 12 chữ số")))
}

// TestIntakeTakesADocumentFromTheNationalStore: with a national data store
// (the khodl adapter talking to its simulator over HTTP)
// configured, its documents for the identity number are listed with the
// local ones; one chosen is fetched, checked like a scan, kept and marked
// as taken from there. A disguised file from it is refused. A store that
// fails, or does not answer within the short timeout, leaves the intake
// working with a note and the local documents.
func TestIntakeTakesADocumentFromTheNationalStore(t *testing.T) {
	e := newEnv(t)
	national := khodltest.Start(t, "kho-token")
	e.site.NationalStore = &khodl.Adapter{Base: national.URL, Token: national.Token}
	issued := time.Date(2021, 5, 4, 0, 0, 0, 0, motcua.VN)
	good := national.Add("066123456789", khodltest.Document{Name: "Căn cước", Kind: "CCCD", Issuer: "Bộ Công an", IssuedAt: issued,
		FileName: "can-cuoc.pdf", Type: "application/pdf", Content: pdf})
	bad := national.Add("066123456789", khodltest.Document{Name: "Giấy tờ lạ", Kind: "KHAC", Issuer: "Bộ Công an", IssuedAt: issued,
		FileName: "la.pdf", Type: "application/pdf", Content: []byte("<html>hi</html>")})
	counter := e.login(t, fx.CounterA)
	p := counter.heldFragment(t, "066123456789")
	check(t, p, htmlcheck.In(`select[name="reuse_0"] option[value="n:`+good+`"]`, htmlcheck.HasText("Kho dữ liệu DVCQG")),
		htmlcheck.NotIn("#held-national"))

	form := intakeForm(fx.UnitA.ID, "Lê Văn Quốc")
	form.Set("reuse_0", "n:"+bad)
	p = counter.post(t, "/intake", form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "không phải PDF, JPEG hoặc PNG")
	form.Set("reuse_0", "n:"+good)
	form.Set("valid_0", "2030-12-31")
	p = counter.post(t, "/intake", form)
	wantStatus(t, p, http.StatusSeeOther)
	page := counter.get(t, strings.TrimSuffix(p.header.Get("Location"), "?accepted=1"))
	check(t, page, htmlcheck.In("#components .origin", htmlcheck.HasText(motcua.OriginNational.Label()+", tài liệu "+good)),
		htmlcheck.In("#components td", htmlcheck.HasText("Hiệu lực đến 31/12/2030")))

	national.Fail(http.StatusBadGateway)
	p = counter.heldFragment(t, "066123456789")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#held-national", htmlcheck.HasText("Không kết nối được Kho dữ liệu của công dân")), htmlcheck.In("#held-docs"))

	national.Fail(0)
	national.Stall(time.Minute)
	start := time.Now()
	p = counter.heldFragment(t, "066123456789")
	if took := time.Since(start); took > 6*time.Second {
		t.Errorf("a silent national store held the page %s", took)
	}
	check(t, p, htmlcheck.In("#held-national"), htmlcheck.In("#held-docs"))
}

// onlineHeld asks for the held documents on the filing form, as its
// script does.
func (b *browser) onlineHeld(t *testing.T, idNumber string) page {
	t.Helper()
	q := url.Values{"id_number": {idNumber}, "key": {"k-held"}}
	req, err := http.NewRequest("POST", b.e.srv.URL+"/nop-truc-tuyen/"+strconv.FormatInt(fx.Birth.ID, 10)+"/giay-to-da-luu", strings.NewReader(q.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return b.do(t, req)
}

// TestOnlineFilingReusesOnlyWithTheProvenContact: the citizen whose phone
// the counter dossier names sees its document on the filing form and files
// with it instead of an upload (the file row marked reused); someone else
// signed in with another phone who types the same identity number sees
// nothing, and posting the document's ref is refused, nothing filed.
func TestOnlineFilingReusesOnlyWithTheProvenContact(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	wantStatus(t, counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Lưu"), formFile{"scan_0", "to-khai.pdf", pdf}), http.StatusSeeOther)

	owner := e.citizen(t, "0912345678") // the phone the intake form gave
	p := owner.onlineHeld(t, "066123456789")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`#documents select[name="reuse_0"] option`, htmlcheck.HasText("Tờ khai (theo mẫu) · hồ sơ")),
		htmlcheck.NotIn(`#documents input[name="file_0"][required]`))
	ref := heldRef.FindStringSubmatch(p.body)
	if ref == nil {
		t.Fatalf("nothing to choose:\n%s", excerpt(p.body))
	}

	// Without JavaScript the button sends the form: the page comes back
	// with what was typed and the choice.
	q := url.Values{"id_number": {"066123456789"}, "key": {"k-held"}, "name": {"Nguyễn Văn Lưu"}}
	p = owner.get(t, "/nop-truc-tuyen/"+strconv.FormatInt(fx.Birth.ID, 10)+"/giay-to-da-luu?"+q.Encode())
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In(`#online-form input[name="name"]`, htmlcheck.HasAttr("value", "Nguyễn Văn Lưu")),
		htmlcheck.In(`#online-form select[name="reuse_0"]`))

	stranger := e.citizen(t, "0987654321")
	p = stranger.onlineHeld(t, "066123456789")
	check(t, p, htmlcheck.In("#held-none"), htmlcheck.NotIn(`select[name="reuse_0"]`))
	path := "/nop-truc-tuyen/" + strconv.FormatInt(fx.Birth.ID, 10)
	form := filingForm("k-stranger")
	form.Set("id_number", "066123456789")
	form.Set("reuse_0", ref[1])
	p = stranger.postMultipart(t, path, form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "không thuộc người nộp có số định danh này")
	if n := e.countRows(t, "submissions"); n != 0 {
		t.Fatalf("the refused filing wrote %d submissions", n)
	}

	form.Set("key", "k-owner")
	p = owner.postMultipart(t, path, form)
	wantStatus(t, p, http.StatusSeeOther)
	if n := e.countRows(t, "submission_files"); n != 1 {
		t.Fatalf("%d submission files, want the reused one", n)
	}
	if n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "citizen_store.reused"}); err != nil || n != 1 {
		t.Errorf("%d reuses audited, %v", n, err)
	}
	mine := owner.get(t, strings.TrimSuffix(p.header.Get("Location"), "?moi=1"))
	check(t, mine, htmlcheck.In("main", htmlcheck.HasText("to-khai.pdf")))
}

// TestScanValidityAtIntake: the validity typed beside a scan is kept and
// shown on the dossier page; one already past, or not a date, is refused
// with the reason and nothing is written.
func TestScanValidityAtIntake(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	before := e.counts(t)
	for value, want := range map[string]string{
		motcua.FormatDate(sample.Now.AddDate(0, 0, -1)): "đã qua",
		"31/02/2030": "không hợp lệ; nhập theo dạng dd/mm/yyyy",
	} {
		form := intakeForm(fx.UnitA.ID, "Hoàng Văn Hạn")
		form.Set("valid_0", value)
		p := counter.postMultipart(t, "/intake", form, formFile{"scan_0", "cccd.pdf", pdf})
		wantStatus(t, p, http.StatusUnprocessableEntity)
		wantContains(t, p, want)
	}
	e.wantCounts(t, before)
	form := intakeForm(fx.UnitA.ID, "Hoàng Văn Hạn")
	form.Set("valid_0", "2031-01-15")
	p := counter.postMultipart(t, "/intake", form, formFile{"scan_0", "cccd.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	page := counter.get(t, strings.TrimSuffix(p.header.Get("Location"), "?accepted=1"))
	check(t, page, htmlcheck.In("#components td", htmlcheck.HasText("Hiệu lực đến 15/01/2031")), htmlcheck.NotIn("#components .origin"))
}
