package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestSignedScanShowsItsSigner: a component brought as a digitally signed
// PDF (an e-certificate another agency issued) is attached as its scan;
// the dossier page names who signed it and that its content is intact.
// The same file with one signed byte changed says the signature is not
// valid; an unsigned scan says nothing of signatures.
func TestSignedScanShowsItsSigner(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	first := counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Gốc"), formFile{"scan_0", "to-khai.pdf", minimalPDF(t, counter)})
	wantStatus(t, first, http.StatusSeeOther)
	page := counter.get(t, first.header.Get("Location"))
	check(t, page, htmlcheck.NotIn("#components .signature"))

	ca, err := pdfsign.NewDemoCA(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	key, err := ca.Issue("Ủy ban nhân dân xã Đắk Gằn", "000.24.33.H17", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	signed, err := pdfsign.Sign(minimalPDF(t, counter), key, pdfsign.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Ký"), formFile{"scan_0", "giay-chung-sinh.pdf", signed})
	wantStatus(t, p, http.StatusSeeOther)
	check(t, counter.get(t, p.header.Get("Location")), htmlcheck.In("#components .signature",
		htmlcheck.HasText("Ký số bởi Ủy ban nhân dân xã Đắk Gằn"), htmlcheck.HasText("nội dung nguyên vẹn")))

	broken := append([]byte(nil), signed...)
	broken[len(broken)/4] ^= 0x01 // inside the signed bytes: the original document
	p = counter.postMultipart(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn Sửa"), formFile{"scan_0", "giay-chung-sinh.pdf", broken})
	wantStatus(t, p, http.StatusSeeOther)
	check(t, counter.get(t, p.header.Get("Location")), htmlcheck.In("#components .signature", htmlcheck.HasText("Chữ ký số không hợp lệ")))
}

// minimalPDF is a real PDF the application prints: the receipt of a
// dossier the counter accepts for it.
func minimalPDF(t *testing.T, counter *browser) []byte {
	t.Helper()
	p := counter.post(t, "/intake", intakeForm(fx.UnitA.ID, "Người Mẫu"))
	wantStatus(t, p, http.StatusSeeOther)
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if m == nil {
		t.Fatalf("location %q", p.header.Get("Location"))
	}
	return counter.pdf(t, "/dossiers/"+m[1]+"/forms/01")
}
