package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store/storetest"
)

// TestIntakeErrorsTakeTheFocus: in a real browser, the counter's intake form
// ticks only the documents every applicant hands in; a bad identity number,
// then a bad e-mail address, each comes back tied to its field, which has
// the focus, with everything typed still there; once right, the dossier page
// shows the officer the tracking secret to read out.
func TestIntakeErrorsTakeTheFocus(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 1})
	birth := demoProcedure(t, db, "1.001193")
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.login(srv, "motcua.thuanan")
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))

	ticked := `[...document.querySelectorAll('input[name="doc"]')].map(x => x.checked ? "x" : "-").join("")`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](ticked))
	if err != nil || got != "xxx--" {
		t.Errorf("documents ticked %q (%v), want the three always required and not the two conditional ones", got, err)
	}

	submit := func(what string) {
		t.Helper()
		res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.ID("accept")))
		if err != nil {
			b.fail(what, err)
		}
		if res.Status != http.StatusUnprocessableEntity {
			b.fail(what, fmt.Errorf("answer %d at %s, want 422", res.Status, res.URL))
		}
	}
	focused := func(id string) {
		t.Helper()
		check := fmt.Sprintf(`(() => { const f = document.activeElement;
			return f.id === %q && f.getAttribute("aria-invalid") === "true" &&
				document.getElementById(f.getAttribute("aria-describedby")).textContent.length > 10; })()`, id)
		if !b.evalSoon("read the focused field", check) {
			b.fail("the field in error", fmt.Errorf("focus is not on #%s, marked invalid and described by its message", id))
		}
	}
	kept := func(want map[string]string) {
		t.Helper()
		for id, v := range want {
			if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(id))); err != nil || got != v {
				t.Errorf("#%s holds %q after the error, want %q", id, got, v)
			}
		}
	}
	b.do("fill the form with a bad identity number",
		chromedp.SendKeys(chromedp.ID("name"), "Nguyễn Thị Hoa"),
		chromedp.SendKeys(chromedp.ID("id_number"), "12345"),
		chromedp.SendKeys(chromedp.ID("address"), "Thôn 3, xã Đắk Lao"),
		chromedp.SendKeys(chromedp.ID("email"), "hoa@mail"))
	submit("submit a bad identity number")
	focused("id_number")
	kept(map[string]string{"name": "Nguyễn Thị Hoa", "id_number": "12345", "address": "Thôn 3, xã Đắk Lao", "email": "hoa@mail"})

	b.do("correct the identity number", chromedp.Clear(chromedp.ID("id_number")), chromedp.SendKeys(chromedp.ID("id_number"), "066190001234"))
	submit("submit an address without a domain")
	focused("email")

	b.do("correct the address", chromedp.Clear(chromedp.ID("email")), chromedp.SendKeys(chromedp.ID("email"), "hoa@example.vn"))
	b.navigate("accept the dossier", `/dossiers/\d+`, chromedp.Click(chromedp.ID("accept")))
	row, err := storetest.DossierByCode(context.Background(), db, b.text("#dossier-code"))
	if err != nil {
		t.Fatal(err)
	}
	secret := row.TrackingSecret
	if shown := b.text("#dossier-secret"); shown != secret || len(secret) != 8 {
		t.Errorf("the dossier page shows the secret %q, the store holds %q", shown, secret)
	}
}
