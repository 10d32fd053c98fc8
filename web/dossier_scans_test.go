package web_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

// photo is a small JPEG, as a phone's camera sends.
func photo(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{B: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var scanLink = regexp.MustCompile(`/dossiers/\d+/scans/\d+`)

// TestIntakeFormOffersTheCameraForEachComponent: each component of the
// intake form has a file input that takes a PDF or images, several at
// once, from the phone's back camera; the form is sent as multipart.
func TestIntakeFormOffersTheCameraForEachComponent(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	p := counter.get(t, "/intake?procedure="+strconv.FormatInt(fx.Birth.ID, 10))
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("#intake-form", htmlcheck.HasAttr("enctype", "multipart/form-data")),
		htmlcheck.In(`input[name="scan_0"]`, htmlcheck.HasAttr("type", "file"), htmlcheck.HasAttr("accept", "image/*,application/pdf"),
			htmlcheck.HasAttr("capture", "environment"), htmlcheck.HasAttr("multiple", "")))
}

// TestIntakeWithScansShowsThemOnTheDossierPage: two photographs of the
// component are accepted with the dossier as one PDF of two pages, shown
// on the dossier page in a frame, served with its own type, inline, not
// sniffed, each open audited; another commune's officer gets 404. A
// disguised file refuses the intake and stores nothing. The next day a
// scan is refused with the reason.
func TestIntakeWithScansShowsThemOnTheDossierPage(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, "Nguyễn Văn Quét")

	p := counter.postMultipart(t, "/intake", form, formFile{"scan_0", "to-khai.pdf", []byte("<html><script>alert(1)</script></html>")})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	wantContains(t, p, "không phải PDF, JPEG hoặc PNG")
	e.wantCounts(t, [2]int{0, 0})

	p = counter.postMultipart(t, "/intake", form, formFile{"scan_0", "trang-1.jpg", photo(t, 60, 90)}, formFile{"scan_0", "trang-2.jpg", photo(t, 90, 60)})
	wantStatus(t, p, http.StatusSeeOther)
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if m == nil {
		t.Fatalf("location %q", p.header.Get("Location"))
	}
	dossierPath := "/dossiers/" + m[1]
	page := counter.get(t, dossierPath)
	check(t, page, htmlcheck.In("#components tr[data-component]", htmlcheck.HasText("Tờ khai (theo mẫu)"), htmlcheck.HasText("2 trang ghép từ ảnh"),
		htmlcheck.HasText("Số hóa bởi "+fx.CounterA.FullName)),
		htmlcheck.In("#components iframe.scan"), htmlcheck.In("#not-digitised", htmlcheck.HasText("Chưa có kết quả điện tử")),
		htmlcheck.In("#scan-form"))
	link := scanLink.FindString(page.body)
	if link == "" {
		t.Fatalf("no scan link:\n%s", excerpt(page.body))
	}
	got := counter.get(t, link)
	wantStatus(t, got, http.StatusOK)
	h := got.header
	if h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(h.Get("Content-Disposition"), "inline; filename*=UTF-8''") ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'self'") ||
		h.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("scan headers %v", h)
	}
	if n := pdftest.Open(t, []byte(got.body)).NumPage(); n != 2 {
		t.Errorf("the merged scan has %d pages, want 2", n)
	}
	wantStatus(t, e.login(t, fx.CounterB).get(t, link), http.StatusNotFound)
	if n, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "dossier.scan.read", UserID: fx.CounterA.ID}); err != nil || n != 1 {
		t.Errorf("%d scan reads audited, %v", n, err)
	}

	e.db.Now = func() time.Time { return sample.Now.AddDate(0, 0, 1) }
	counter = e.login(t, fx.CounterA) // the day's session is over
	p = counter.postMultipart(t, dossierPath+"/scans", nil, formFile{"scan_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	check(t, p, htmlcheck.In("#scans-error", htmlcheck.HasText("Chỉ số hóa thành phần hồ sơ trong ngày làm việc tiếp nhận ("+motcua.FormatDate(sample.Now)+")")))
}

// TestScansLaterTheSameDay: a dossier accepted without scans gets its
// component's PDF from the dossier page the same day.
func TestScansLaterTheSameDay(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	p := counter.post(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Sau"))
	wantStatus(t, p, http.StatusSeeOther)
	dossierPath := "/dossiers/" + dossierLocation.FindStringSubmatch(p.header.Get("Location"))[1]
	check(t, counter.get(t, dossierPath), htmlcheck.In("#components td", htmlcheck.HasExactText("Chưa số hóa")))
	p = counter.postMultipart(t, dossierPath+"/scans", nil, formFile{"scan_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	page := counter.get(t, dossierPath)
	check(t, page, htmlcheck.In("#components a", htmlcheck.HasExactText("to-khai.pdf")))
}

// TestControlSlipAndRegisterShowWhatIsDigitised: the control slip (form
// 06) lists each component as digitised, with who and when, or not; the
// register (form 07) says how many components of each dossier are.
func TestControlSlipAndRegisterShowWhatIsDigitised(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	p := counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Phạm Văn Sổ"), formFile{"scan_0", "to-khai.pdf", pdf})
	wantStatus(t, p, http.StatusSeeOther)
	scanned := "/dossiers/" + dossierLocation.FindStringSubmatch(p.header.Get("Location"))[1]
	p = counter.post(t, "/intake", intakeForm(fx.UnitA.ID, "Phạm Thị Giấy"))
	wantStatus(t, p, http.StatusSeeOther)
	paper := "/dossiers/" + dossierLocation.FindStringSubmatch(p.header.Get("Location"))[1]

	slip := pdftest.Text(t, counter.pdf(t, scanned+"/forms/06"))
	pdftest.InOrder(t, slip, "Thành phần hồ sơ:", "1.", "Tờ khai (theo mẫu) — đã số hóa ("+motcua.FormatDateTime(sample.Now)+", "+fx.CounterA.FullName+")")
	slip = pdftest.Text(t, counter.pdf(t, paper+"/forms/06"))
	pdftest.InOrder(t, slip, "Thành phần hồ sơ:", "Tờ khai (theo mẫu) — chưa số hóa")

	register := pdftest.Text(t, counter.pdf(t, "/register.pdf?unit="+strconv.FormatInt(fx.UnitA.ID, 10)+"&from=2024-03-01&to=2024-03-31"))
	pdftest.InOrder(t, register, "Phạm Văn Sổ", "Đã số hóa đủ 1/1 thành phần", "Phạm Thị Giấy", "Đã số hóa 0/1 thành phần")
}
