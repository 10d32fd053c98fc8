package e2e

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua/demo"
)

// TestOfficerPagesFitAPhone: an officer on a phone (390 px) reads the
// worklist, a dossier and the intake form without the page scrolling sideways — the
// worklist as one card a dossier, each value with its label; wide tables
// (the control slip) scroll inside themselves.
func TestOfficerPagesFitAPhone(t *testing.T) {
	ctx := newBrowser(t, 120*time.Second)
	db, _ := openDemo(t, demo.Options{Dossiers: 120})
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.do("a phone's screen", chromedp.EmulateViewport(390, 844))
	b.login(srv, "motcua.thuanan")
	b.navigate("open the worklist", "/worklist", chromedp.Navigate(srv.URL+"/worklist"))
	b.noOverflow("the worklist on a phone")
	if !b.eval("the worklist's cells name their column", `[...document.querySelectorAll('#worklist tbody tr:first-child td')].
		every(td => getComputedStyle(td, '::before').content.includes(td.dataset.label))`) {
		b.fail("the worklist on a phone", errors.New("a card's values are not labelled with their column"))
	}
	b.navigate("open a dossier", `/dossiers/\d+`, chromedp.Click(`#worklist tbody a`))
	b.noOverflow("a dossier on a phone")
	b.navigate("open the register", "/register", chromedp.Navigate(srv.URL+"/register"))
	b.noOverflow("the register on a phone")
	// The intake form's components, each with its scan input, fold as cards.
	birth := demoProcedure(t, db, "1.001193")
	b.navigate("open the intake form", "/intake", chromedp.Navigate(fmt.Sprintf("%s/intake?procedure=%d", srv.URL, birth.ID)))
	b.noOverflow("the intake form on a phone")
}
