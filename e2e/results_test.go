package e2e

import (
	"context"
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
	ctx := newBrowser(t, 150*time.Second)
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

	// The leader records the result; the system renders and issues it.
	leader := tab{t: t, ctx: ctx}
	leader.login(p.srv, "lanhdao.thuanan")
	dossierPath := fmt.Sprintf("/dossiers/%d", d.ID)
	leader.navigate("the dossier page", dossierPath, chromedp.Navigate(p.srv.URL+dossierPath))
	leader.do("type the result", chromedp.SendKeys(`form[data-action="result_ready"] textarea[name="result_text"]`, "Cấp Giấy khai sinh cho cháu Hoàng Văn Xác."))
	leader.navigate("record the result", dossierPath, chromedp.Click(`form[data-action="result_ready"] button[type="submit"]`))
	code, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#issued-results tr[data-status="valid"]') || {dataset: {}}).dataset.code || ""`))
	if err != nil || !strings.HasPrefix(code, "KQ-") {
		t.Fatalf("no valid result listed on the dossier page (%q, %v): %s", code, err, leader.text("main"))
	}

	// The citizen, on a phone, downloads it from tracking.
	citizen := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	citizen.do("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	track := motcua.TrackPath + "?" + url.Values{"ma": {d.Code}, "khoa": {d.TrackingSecret}}.Encode()
	citizen.navigate("track the dossier", motcua.TrackPath, chromedp.Navigate(p.srv.URL+track))
	citizen.noOverflow("the tracking page")
	if got := citizen.text("#track-result-code"); got != code {
		t.Fatalf("the tracking page names the result %q, want %s", got, code)
	}
	digest, err := chromedp.Run(citizen.ctx, chromedp.Evaluate[string](`fetch(document.querySelector("#track-result-download").href).then(async r => {
		if (r.status !== 200 || r.headers.get("Content-Type") !== "application/pdf") return "status " + r.status + " " + r.headers.get("Content-Type");
		const sum = await crypto.subtle.digest("SHA-256", await r.arrayBuffer());
		return Array.from(new Uint8Array(sum)).map(b => b.toString(16).padStart(2, "0")).join("");
	})`, chromedp.EvalAwaitPromise))
	if err != nil || len(digest) != 64 {
		t.Fatalf("the citizen's download: %q, %v", digest, err)
	}

	// A stranger checks the QR code's link.
	stranger := tab{t: t, ctx: newBrowser(t, 90*time.Second)}
	stranger.do("phone width", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	stranger.navigate("open the QR code's link", motcua.VerifyPath, chromedp.Navigate(motcua.VerifyURL(p.srv.URL, code)))
	stranger.noOverflow("the verification page")
	if got := stranger.text("#verify-status"); got != "Còn hiệu lực" {
		t.Fatalf("the verification page says %q", got)
	}
	if got := stranger.text("#verify-unit"); !strings.Contains(got, "Thuận An") {
		t.Errorf("the issuer reads %q", got)
	}
	if got := stranger.text("#verify-sha256"); got != digest {
		t.Errorf("the page shows the hash %s; the citizen's file hashes to %s", got, digest)
	}
	page := stranger.text("body")
	for _, personal := range []string{applicant, "Hoàng Văn", d.Code, d.TrackingSecret, "0912000111"} {
		if strings.Contains(page, personal) {
			t.Errorf("the stranger's page shows %q", personal)
		}
	}
	if stranger.eval("no download without the secret", `document.querySelector("#verify-download") !== null`) {
		t.Error("the stranger is offered the document")
	}
}
