package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
)

// TestLeaderIssuesResultStrangerVerifiesIt (issue 18): the leader of
// xã Thuận An records the result on the dossier page with a simple
// result's text, and the system issues it under a result code; the
// citizen, on a phone, downloads it from the tracking page with the
// receipt's secret; a stranger opens /xac-minh?ma=… (the QR code's link)
// in another browser and reads "Còn hiệu lực", the issuer and the hash
// of the very file the citizen got, and nothing personal.
func TestLeaderIssuesResultStrangerVerifiesIt(t *testing.T) {
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	p := servePortal(t, db)
	birth := demoProcedure(t, db, "1.001193")
	centre := unitNamed(t, db, "Trung tâm Phục vụ hành chính công xã Thuận An")
	var docs []motcua.ReceivedDocument
	for _, rd := range birth.Documents {
		docs = append(docs, motcua.ReceivedDocument{Name: rd.Name, Kind: rd.Kind, Count: 1})
	}
	const applicant = "Hoàng Văn Xác"
	d, err := db.Accept(context.Background(), actor(t, db, "motcua.thuanan"), motcua.Intake{ProcedureID: birth.ID, UnitID: centre.ID,
		Channel: motcua.ChannelCounter, Applicant: motcua.Applicant{Name: applicant, Phone: "0912000111", Address: "Thôn 3"},
		Documents: docs, Sets: 1, Competence: motcua.CompetenceFacts{ResidenceUnitID: centre.ParentID}})
	if err != nil {
		t.Fatal(err)
	}
	d = act(t, db, "motcua.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})
	d = act(t, db, "chuyenvien.thuanan", d, motcua.Action{Type: motcua.EventHandedOver})

	_, code := issueResultAsLeader(t, p.srv, d.ID, "Cấp Giấy khai sinh cho cháu Hoàng Văn Xác.")
	doc := downloadFromTracking(t, p.srv, d.Code, d.TrackingSecret, code)
	verifyAsStranger(t, motcua.VerifyURL(p.srv.URL, code), "Thuận An", doc, applicant, "Hoàng Văn", d.Code, d.TrackingSecret, "0912000111")
}

// issueResultAsLeader: the leader of xã Thuận An logs in (setting up the
// authenticator the first time), opens the dossier page, types a simple
// result's text and records the result; the system issues it. It returns
// the leader's tab, on the dossier page, and the valid result's code.
func issueResultAsLeader(t *testing.T, srv *running, dossierID int64, text string) (tab, string) {
	t.Helper()
	leader := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	leader.login(srv, "lanhdao.thuanan")
	dossierPath := fmt.Sprintf("/dossiers/%d", dossierID)
	leader.navigate("the dossier page", dossierPath, chromedp.Navigate(srv.URL+dossierPath))
	leader.do("type the result", chromedp.SendKeys(`form[data-action="result_ready"] textarea[name="result_text"]`, text))
	leader.navigate("record the result", dossierPath, chromedp.Click(`form[data-action="result_ready"] button[type="submit"]`))
	code, err := chromedp.Run(leader.ctx, chromedp.Evaluate[string](`(document.querySelector('#issued-results tr[data-status="valid"]') || {dataset: {}}).dataset.code || ""`))
	if err != nil || !strings.HasPrefix(code, "KQ-") {
		t.Fatalf("no valid result listed on the dossier page (%q, %v): %s", code, err, leader.text("main"))
	}
	return leader, code
}

// downloadFromTracking: the citizen, on a phone (390 px), tracks the
// dossier with the code and secret of their receipt, finds the result
// named by its code, and downloads it through the page's link (a PDF
// served as such); it returns the file.
func downloadFromTracking(t *testing.T, srv *running, dossierCode, secret, code string) []byte {
	t.Helper()
	citizen := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	citizen.do("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	track := motcua.TrackPath + "?" + url.Values{"ma": {dossierCode}, "khoa": {secret}}.Encode()
	citizen.navigate("track the dossier", motcua.TrackPath, chromedp.Navigate(srv.URL+track))
	citizen.noOverflow("the tracking page")
	if got := citizen.text("#track-result-code"); got != code {
		t.Fatalf("the tracking page names the result %q, want %s", got, code)
	}
	encoded, err := chromedp.Run(citizen.ctx, chromedp.Evaluate[string](`fetch(document.querySelector("#track-result-download").href).then(async r => {
		if (r.status !== 200 || r.headers.get("Content-Type") !== "application/pdf") return "status " + r.status + " " + r.headers.get("Content-Type");
		let s = ""; for (const c of new Uint8Array(await r.arrayBuffer())) s += String.fromCharCode(c);
		return "pdf " + btoa(s);
	})`, chromedp.EvalAwaitPromise))
	b64, ok := strings.CutPrefix(encoded, "pdf ")
	if err != nil || !ok {
		t.Fatalf("the citizen's download: %.80q, %v", encoded, err)
	}
	doc, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !strings.HasPrefix(string(doc), "%PDF-") {
		t.Fatalf("the citizen's download is no PDF (%v): %.20q", err, doc)
	}
	return doc
}

// verifyAsStranger: someone holding only the paper copy, in another
// browser on a phone, opens the QR code's link and reads "Còn hiệu lực",
// the issuer (its name containing unit) and the hash of doc, the file the
// citizen got; none of the personal strings is on the page, and the
// document is not offered without the receipt's secret.
func verifyAsStranger(t *testing.T, link, unit string, doc []byte, personal ...string) {
	t.Helper()
	stranger := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	stranger.do("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	stranger.navigate("open the QR code's link", motcua.VerifyPath, chromedp.Navigate(link))
	stranger.noOverflow("the verification page")
	if got := stranger.text("#verify-status"); got != "Còn hiệu lực" {
		t.Fatalf("the verification page says %q", got)
	}
	if got := stranger.text("#verify-unit"); !strings.Contains(got, unit) {
		t.Errorf("the issuer reads %q", got)
	}
	sum := sha256.Sum256(doc)
	if got, want := stranger.text("#verify-sha256"), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("the page shows the hash %s; the citizen's file hashes to %s", got, want)
	}
	page := stranger.text("body")
	for _, p := range personal {
		if strings.Contains(page, p) {
			t.Errorf("the stranger's page shows %q", p)
		}
	}
	if stranger.eval("no download without the secret", `document.querySelector("#verify-download") !== null`) {
		t.Error("the stranger is offered the document")
	}
}
