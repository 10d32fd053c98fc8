package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dancu/dancutest"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/internal/server"
)

// TestCounterFillsTheFormFromThePopulationDatabase: with serve pointed at
// the population database (its simulator), the counter officer types a
// number and presses "Tra cứu CSDL dân cư"; the page's script fills the
// name and address in place, keeping the phone typed before; the dossier
// accepted with them says on its page, and in the store, that it used
// population data.
func TestCounterFillsTheFormFromThePopulationDatabase(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 20})
	sim := dancutest.Start(t, "bi-mat-dan-cu")
	sim.Add("067088001234", dancutest.Resident{Name: "H' Linh Niê", BirthDate: time.Date(1995, 3, 2, 0, 0, 0, 0, time.UTC), Sex: "2",
		Detail: "Buôn Ja", Commune: "Xã Thuận An", Province: "Tỉnh Lâm Đồng"})
	srv := start(t, &server.Main{DB: db}, func(c *server.Config) {
		c.Population = server.Endpoint{URL: sim.URL, Token: "bi-mat-dan-cu"}
	})
	b := tab{t: t, ctx: ctx}
	b.login(srv, "motcua.thuanan")
	birth := demoProcedure(t, db, "1.001193")
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))
	b.do("type the number and a phone",
		chromedp.SendKeys(chromedp.ID("id_number"), "067088001234"),
		chromedp.SendKeys(chromedp.ID("phone"), "0905123456"),
		chromedp.Click("#population-button"))
	if !b.evalSoon("the name is filled", `document.querySelector('#name').value === "H' Linh Niê"`) {
		b.fail("the form after the lookup", fmt.Errorf("name %q", b.text("#population")))
	}
	if !b.eval("address filled, phone kept", `document.querySelector('#address').value === "Buôn Ja, Xã Thuận An, Tỉnh Lâm Đồng" &&
		document.querySelector('#phone').value === "0905123456" && location.pathname === "/intake"`) {
		b.fail("the form after the lookup", fmt.Errorf("address or phone lost"))
	}
	if got := b.text("#population-found"); !strings.Contains(got, "sinh 02/03/1995, Nữ") || strings.Contains(got, "067088001234") {
		t.Fatalf("the lookup says %q", got)
	}
	if n := len(b.text("#name")); n != 0 { // an input has no text: the element was swapped as an input
		t.Fatalf("the name field became text: %d", n)
	}
	u := b.navigate("accept", `/dossiers/\d+`, chromedp.Click(`#intake-form button[type="submit"]:not([formaction])`))
	if got := b.text("#identity-population"); got != "Thông tin lấy từ CSDL quốc gia về dân cư" {
		t.Fatalf("the dossier page reads %q", got)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(u.Path, "/dossiers/"), 10, 64)
	d, err := db.Dossier(context.Background(), actor(t, db, "motcua.thuanan"), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Identity == nil || d.Identity.Database != motcua.PopulationDatabase || d.Applicant.Name != "H' Linh Niê" {
		t.Fatalf("the stored dossier: %+v, %q", d.Identity, d.Applicant.Name)
	}
}

// TestDemoCounterLooksUpSampleResidents: serve --demo without a population
// database offers the demo's invented registry, labelled sample data: the
// counter officer looks a demo number up, the form fills with the
// registry's resident, and the dossier accepted with it says it used
// population data.
func TestDemoCounterLooksUpSampleResidents(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	db, _ := openDemo(t, demo.Options{})
	srv := start(t, &server.Main{DB: db}, func(c *server.Config) {
		// The demo's CA goes beside the database: here the test's directory.
		c.Demo.Seed, c.DB = true, filepath.Join(t.TempDir(), "motcua.db")
	})
	const number = "067055501234"
	r, err := demo.Registry{}.Resident(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	b := tab{t: t, ctx: ctx}
	b.login(srv, "motcua.thuanan")
	birth := demoProcedure(t, db, "1.001193")
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))
	if got := b.text("#population-sample"); got != "(dữ liệu mẫu)" {
		t.Fatalf("the lookup button is labelled %q", got)
	}
	b.do("type a demo number", chromedp.SendKeys(chromedp.ID("id_number"), number), chromedp.Click("#population-button"))
	if !b.evalSoon("the name is filled", `document.querySelector('#name').value === `+strconv.Quote(r.Name)) {
		b.fail("the form after the lookup", fmt.Errorf("name %q", b.text("#population")))
	}
	if got := b.text("#population-found"); !strings.HasPrefix(got, "Dữ liệu mẫu, không phải của công dân thật.") {
		t.Fatalf("the lookup says %q", got)
	}
	b.navigate("accept", `/dossiers/\d+`, chromedp.Click(`#intake-form button[type="submit"]:not([formaction])`))
	if got := b.text("#identity-population"); got != "Thông tin lấy từ CSDL quốc gia về dân cư" {
		t.Fatalf("the dossier page reads %q", got)
	}
}
