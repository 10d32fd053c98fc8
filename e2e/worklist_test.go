package e2e

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
	"github.com/motcua/motcua/store"
)

// TestWorklistPagesKeepTheFilter: with a procedure chosen in the filter,
// "Trang sau »" opens page 2 of the same filtered list (other dossiers,
// still that procedure) and "« Trang trước" comes back to page 1.
func TestWorklistPagesKeepTheFilter(t *testing.T) {
	ctx := newBrowser(t, 60*time.Second)
	db, accounts := openDemo(t, demo.Options{})
	const counter = "motcua.thuanan"
	unitCode := demoUnitCode(t, db, accounts, counter)
	procs, err := db.SearchProcedures(context.Background(), "", motcua.LevelCommune, 2)
	if err != nil || len(procs) != 2 {
		t.Fatalf("two commune procedures: %v %v", procs, err)
	}
	// 80 open dossiers of the first procedure (two pages) and 40 of the
	// second, interleaved by due date, so that only the filter keeps page
	// 2 to the first procedure.
	start := time.Now().Add(-48 * time.Hour).Truncate(time.Minute)
	var entries []motcua.RegisterEntry
	for i := range 120 {
		p := procs[0]
		if i%3 == 2 {
			p = procs[1]
		}
		at := start.Add(time.Duration(i) * time.Minute)
		entries = append(entries, motcua.RegisterEntry{Row: i + 2, Code: fmt.Sprintf("%s-%s-%04d", unitCode, at.In(motcua.VN).Format("060102"), i+1),
			ProcedureCode: p.Code, UnitCode: unitCode, Channel: motcua.ChannelCounter, Applicant: fmt.Sprintf("Người nộp %03d", i+1),
			AcceptedAt: at, DueAt: at.Add(30 * 24 * time.Hour)})
	}
	if _, err := db.ImportRegister(context.Background(), entries, store.RegisterOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.login(srv, counter)
	b.navigate("open the worklist", "/worklist", chromedp.Navigate(srv.URL+"/worklist"))

	chosen := strconv.FormatInt(procs[0].ID, 10)
	b.do("choose the procedure", chromedp.SetValue(chromedp.CSS(`select[name="procedure"]`), chosen))
	first := b.navigate("filter", "/worklist", chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)))
	if first.Query().Get("procedure") != chosen {
		t.Fatalf("the filter opened %s", first)
	}
	const firstCode = `document.querySelector("#worklist tbody a").textContent`
	onlyChosen := `[...document.querySelectorAll("#worklist tbody tr")].every(tr => tr.cells[1].textContent === ` + strconv.Quote(procs[0].Name) + `)`
	rows := `document.querySelectorAll("#worklist tbody tr").length`
	page1, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstCode))
	if err != nil || !b.eval("page 1 holds 50 rows of the procedure", rows+` === 50 && `+onlyChosen) {
		b.fail("page 1", fmt.Errorf("not 50 rows of %s (%v)", procs[0].Name, err))
	}
	if got := b.text(".pager span"); got != "Trang 1/2" {
		t.Errorf("page 1 reads %q, want Trang 1/2", got)
	}

	next := b.navigate("click Trang sau", "/worklist", chromedp.Click(chromedp.CSS(`.pager a:last-of-type`)))
	if q := next.Query(); q.Get("page") != "2" || q.Get("procedure") != chosen {
		t.Errorf("Trang sau opened %s, want page=2 with procedure=%s", next, chosen)
	}
	if got := b.text(".pager span"); got != "Trang 2/2" {
		t.Errorf("page 2 reads %q, want Trang 2/2", got)
	}
	page2, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstCode))
	if err != nil || page2 == page1 || !b.eval("page 2 holds the other 30 rows", rows+` === 30 && `+onlyChosen) {
		b.fail("page 2", fmt.Errorf("first row %s (page 1: %s), want 30 other rows of %s (%v)", page2, page1, procs[0].Name, err))
	}

	prev := b.navigate("click Trang trước", "/worklist", chromedp.Click(chromedp.CSS(`.pager a:first-of-type`)))
	back, err := chromedp.Run(ctx, chromedp.Evaluate[string](firstCode))
	if q := prev.Query(); q.Get("page") != "1" || q.Get("procedure") != chosen || err != nil || back != page1 {
		t.Errorf("Trang trước opened %s with first row %s, want page=1 of procedure=%s with %s", prev, back, chosen, page1)
	}
}
