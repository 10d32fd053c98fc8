package e2e

import (
	"context"
	"crypto/x509"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/pdfsign"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestDigitalDossierFromCounterToVerification (issue 18's acceptance): at
// the counter of xã Thuận An the officer photographs two components with
// the camera input and attaches the third's PDF, and accepts; the dossier
// moves on to the leader, who issues the result, signed by the deciding
// unit with its demo certificate; the citizen, on a phone, downloads it
// from tracking with the receipt's secret, and poppler's pdfsig — not the
// code that signed it — finds the signature valid, the unit as signer and
// the chain trusted to the demo CA; a stranger opens the QR code's link
// and reads "Còn hiệu lực" without the applicant's name, phone or
// identity number.
func TestDigitalDossierFromCounterToVerification(t *testing.T) {
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	srv, ca := serveSigned(t, db)
	birth := demoProcedure(t, db, "1.001193")
	if len(birth.Documents) < 3 {
		t.Fatalf("the demo's birth registration has %d components; this test scans three", len(birth.Documents))
	}
	const name, idNumber, phone = "Trần Thị Số Hóa", "066123456781", "0912000222"

	counter := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	counter.login(srv, "motcua.thuanan")
	counter.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))
	camera := func(i int) string {
		return fmt.Sprintf(`input[name="scan_%d"][capture="environment"][multiple][accept="image/*,application/pdf"]`, i)
	}
	counter.do("fill the intake form, photograph two components, attach the third's PDF",
		chromedp.WaitVisible(chromedp.ID("intake-form")),
		chromedp.SendKeys(chromedp.ID("name"), name),
		chromedp.SendKeys(chromedp.ID("id_number"), idNumber),
		chromedp.SendKeys(chromedp.ID("phone"), phone),
		chromedp.SetUploadFiles(camera(0), []string{writePhoto(t, "to-khai-1.jpg", 120, 170), writePhoto(t, "to-khai-2.jpg", 120, 170)}),
		chromedp.SetUploadFiles(camera(1), []string{writePhoto(t, "chung-sinh.jpg", 170, 120)}),
		chromedp.SetUploadFiles(camera(2), []string{writePDF(t, "can-cuoc.pdf")}))
	// The components past the third apply only in some cases (a proxy, an
	// abandoned child): not received, they are unticked.
	for i := 3; i < len(birth.Documents); i++ {
		if counter.eval("read the component's box", fmt.Sprintf(`document.getElementById("doc_%d").checked`, i)) {
			counter.do("untick "+birth.Documents[i].Name, chromedp.Click(chromedp.ID(fmt.Sprintf("doc_%d", i))))
		}
	}
	u := counter.navigate("accept the dossier", `/dossiers/\d+`, chromedp.Click(chromedp.ID("accept")))
	if u.RawQuery != "accepted=1" {
		t.Fatalf("after intake the browser is at %s", u)
	}
	code, secret := counter.text("#dossier-code"), counter.text("#dossier-secret")
	rows := counter.text("#components tbody")
	for _, want := range []string{"2 trang ghép từ ảnh", "can-cuoc.pdf", "Số hóa bởi"} {
		if !strings.Contains(rows, want) {
			t.Errorf("the components read %q, without %q", rows, want)
		}
	}
	if missing := counter.text("#not-digitised"); strings.Contains(missing, "Chưa có bản số hóa") || !strings.Contains(missing, "Chưa có kết quả điện tử") {
		t.Errorf("with its three components scanned, the dossier still lacks: %q", missing)
	}
	if !strings.Contains(counter.text("main"), phone) {
		t.Fatal("the dossier page does not show the phone typed: its absence from /xac-minh would prove nothing")
	}

	// The specialist's step, as the existing flows test it in the browser.
	d := storedDossier(t, db, code)
	d = act(t, db, "motcua.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})
	d = act(t, db, "chuyenvien.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})

	leader, result := issueResultAsLeader(t, srv, d.ID, "Cấp Giấy khai sinh cho cháu Trần Văn Mới.")
	if got := leader.text("#digitised"); got != "Hồ sơ đã số hóa đầy đủ." {
		t.Errorf("with its components scanned and its result issued, the dossier page says %q", got)
	}
	deciding := leader.text("#dossier-deciding")

	doc := downloadFromTracking(t, srv, code, secret, result)
	pdftest.WantLines(t, pdftest.Pdfsig(t, doc, ca), "Signer Certificate Common Name: "+deciding+" (DEMO – không có giá trị pháp lý)",
		"Signature Validation: Signature is Valid.", "Certificate Validation: Certificate is Trusted.", "Total document signed")

	// The stranger scans the QR code printed on the document.
	link := pdftest.QR(t, doc)
	if link != motcua.VerifyURL(srv.URL, result) {
		t.Fatalf("the document's QR code reads %q", link)
	}
	verifyAsStranger(t, link, "Thuận An", doc, name, idNumber, phone, code, secret)
}

// serveSigned starts the server as serve --signing-dir does, with a demo
// CA that certifies every unit in force (as the demo makes it), and
// returns the CA's certificate for the verifier to trust.
func serveSigned(t *testing.T, db *store.DB) (*running, *x509.Certificate) {
	t.Helper()
	units, err := db.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var certified []pdfsign.DemoUnit
	for _, u := range units {
		if u.InForce(time.Now()) {
			certified = append(certified, pdfsign.DemoUnit{Code: u.Code, Name: u.Name})
		}
	}
	keys := t.TempDir()
	if err := pdfsign.WriteDemoCA(keys, certified, demoPassword, time.Now()); err != nil {
		t.Fatal(err)
	}
	ca, err := pdfsign.LoadDemoCA(keys)
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, &server.Main{DB: db}, func(c *server.Config) { c.SigningDir, c.SigningPassword = keys, demoPassword })
	return srv, ca.Cert
}

// storedDossier is the dossier the store holds under code, as far as act
// needs it (id and version).
func storedDossier(t *testing.T, db *store.DB, code string) *motcua.Dossier {
	t.Helper()
	row, err := storetest.DossierByCode(context.Background(), db, code)
	if err != nil {
		t.Fatalf("dossier %s not stored: %v", code, err)
	}
	return &motcua.Dossier{ID: row.ID, Version: row.Version}
}
