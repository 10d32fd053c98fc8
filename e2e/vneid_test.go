package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/oidc/oidctest"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/server"
)

// TestCitizenSignedInWithVNeIDFilesAVerifiedDossier: the portal's provider
// is VNeID (a test OpenID provider whose ID token carries the verified
// personal identification number); a citizen signs in through it, sees
// the number masked on the form, files a birth registration for that
// number, the page says the account is VNeID-verified, the commune's
// counter accepts it in the browser and the dossier page and the tracking
// page say so too; the
// store's dossier carries Identity{citizen, VNeID}. The full number is in
// no address the browser visited.
func TestCitizenSignedInWithVNeIDFilesAVerifiedDossier(t *testing.T) {
	ctx := newBrowser(t, 120*time.Second)
	db, _ := openDemo(t, demo.Options{})
	prov := oidctest.Start(t, "motcua-vneid", "bi-mat-vneid")
	const number = "067190001234"
	prov.Person(map[string]any{"sub": "vneid-1", "name": "Lê Thị Hằng", "email": "le.hang@example.vn", "email_verified": true,
		server.DefaultVNeIDClaim: number})
	srv := start(t, &server.Main{DB: db}, func(c *server.Config) {
		c.OIDC = server.OIDC{Issuer: prov.URL, ClientID: "motcua-vneid", Secret: "bi-mat-vneid", VNeID: true}
	})
	birth := demoProcedure(t, db, "1.001193")
	b := tab{t: t, ctx: ctx}
	var visited []string
	visit := func(path string) { visited = append(visited, path) }

	form := fmt.Sprintf("/nop-truc-tuyen/%d", birth.ID)
	b.navigate("open online filing", "/xac-thuc", chromedp.Navigate(srv.URL+form))
	u := b.navigate("sign in with VNeID", form, chromedp.Click("#oidc-login"))
	visit(u.String())
	if hint := b.text("#vneid-hint"); !strings.Contains(hint, motcua.Mask(number)) || strings.Contains(hint, number) {
		t.Fatalf("the form's VNeID hint: %q", hint)
	}
	pdf := writePDF(t, "to-khai.pdf")
	centre := unitNamed(t, db, "Trung tâm Phục vụ hành chính công xã Thuận An")
	b.do("fill the form",
		chromedp.SetValue(`select[name="unit"]`, fmt.Sprint(centre.ID)),
		chromedp.SetValue(`select[name="locality"]`, fmt.Sprint(centre.ParentID)),
		chromedp.SendKeys(`input[name="name"]`, "Lê Thị Hằng"),
		chromedp.SendKeys(`input[name="id_number"]`, "0671 9000 1234"),
		chromedp.SetUploadFiles(`input[name="file_0"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_1"]`, []string{pdf}),
		chromedp.SetUploadFiles(`input[name="file_2"]`, []string{pdf}))
	u = b.navigate("submit", `/ho-so-cua-toi/\d+`, chromedp.Click("#submit-online"))
	visit(u.String())
	if got := b.text("#identity-vneid"); got != "Tài khoản VNeID đã xác thực" {
		t.Fatalf("the citizen's page reads %q", got)
	}
	if b.eval("a mismatch note", `document.querySelector("#vneid-mismatch") !== null`) {
		t.Fatal("a matching filing is explained as a mismatch")
	}

	b.login(srv, "motcua.thuanan")
	b.navigate("open the queue", "/submissions", chromedp.Click(`header nav a[href="/submissions"]`))
	b.navigate("open the submission", `/submissions/\d+`, chromedp.Click(`#submission-queue a`))
	u = b.navigate("accept", `/dossiers/\d+`, chromedp.Click("#accept-submission"))
	if got := b.text("#identity-vneid"); got != "Tài khoản VNeID đã xác thực" {
		t.Fatalf("the dossier page reads %q", got)
	}
	var id int64
	fmt.Sscanf(strings.TrimPrefix(u.Path, "/dossiers/"), "%d", &id)
	d, err := db.Dossier(context.Background(), actor(t, db, "motcua.thuanan"), id)
	if err != nil {
		t.Fatal(err)
	}
	want := motcua.IdentityFacts{Type: motcua.IdentityCitizen, VNeID: true}
	if d.Identity == nil || *d.Identity != want || d.Applicant.IDNumber != number {
		t.Fatalf("the stored dossier: identity %+v, number %q", d.Identity, d.Applicant.IDNumber)
	}
	b.navigate("track it", motcua.TrackPath, chromedp.Navigate(motcua.TrackURL(srv.URL, d)))
	if got := b.text("#track-vneid"); got != "Tài khoản VNeID đã xác thực" {
		t.Fatalf("the tracking page reads %q", got)
	}
	for _, v := range visited {
		if strings.Contains(v, number) {
			t.Fatalf("the number is in an address: %s", v)
		}
	}
	leaderSeesIt(b, srv, d.Code)
}

// leaderSeesIt: the commune's leader (TOTP set up in the browser) opens
// the 766 scorecard, where indicator 4.5b (dossiers using population
// data) counts the one VNeID dossier of a demo seeded without dossiers,
// and its drill-down lists it.
func leaderSeesIt(b tab, srv *running, code string) {
	b.t.Helper()
	b.navigate("back to the counter's pages", "/intake", chromedp.Navigate(srv.URL+"/intake"))
	b.navigate("log out", "/login", chromedp.Click(`form[action="/logout"] button`))
	b.login(srv, "lanhdao.thuanan")
	b.navigate("open the scorecard", "/reports/766", chromedp.Navigate(srv.URL+"/reports/766"))
	const row = `#scorecard tr[data-code="4.5b"]`
	numerator, denominator := b.text(row+" td:nth-child(3)"), b.text(row+" td:nth-child(4)")
	if numerator != "1" || !strings.HasPrefix(denominator, "1 ") {
		b.t.Fatalf("4.5b reads %s of %s, want 1 of 1 hồ sơ", numerator, denominator)
	}
	b.navigate("list 4.5b's dossiers", "/reports/766/dossiers", chromedp.Click(row+" a.met"))
	if got := b.text("#drill tbody td:first-child"); got != code {
		b.t.Fatalf("4.5b's drill-down lists %q, want %s", got, code)
	}
}
