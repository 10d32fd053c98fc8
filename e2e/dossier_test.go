package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/demo"
)

// TestCalendarEditsAskFirst (issue 15 item 10): the administrator's day
// off is saved only after a confirmation that lists the dossiers it moves,
// the browser then rests on a page it may refresh (redirect after POST),
// and a delete asks the same way; a bad date is tied to its field, which
// takes the focus.
func TestCalendarEditsAskFirst(t *testing.T) {
	ctx := newBrowser(t, 90*time.Second)
	now := time.Now()
	db, _ := openDemo(t, demo.Options{Dossiers: 20, Now: now})
	srv := serve(t, db)
	b := tab{t: t, ctx: ctx}
	b.login(srv, "quantri")

	b.navigate("open the calendar", "/calendar", chromedp.Navigate(srv.URL+"/calendar"))
	b.do("type a date that does not exist",
		chromedp.SendKeys(`#date`, "31/02/2026"), chromedp.SendKeys(`#cal-name`, "Nghỉ thử"))
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(`form[action="/calendar"] button[type="submit"]`)); err != nil {
		b.fail("send the bad date", err)
	}
	if !b.evalSoon("the bad date is tied to its field", `document.activeElement.id === "date" &&
		document.activeElement.getAttribute("aria-invalid") === "true" &&
		document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent.includes("dd/mm/yyyy")`) {
		b.fail("the bad date", fmt.Errorf("the focus is not on the date field marked invalid"))
	}

	// A working day a week ahead: declared off, it moves open dossiers.
	day := now.In(motcua.VN).AddDate(0, 0, 7)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	dayVN := day.Format("02/01/2006")
	b.navigate("open the calendar of the day's year", "/calendar", chromedp.Navigate(fmt.Sprintf("%s/calendar?year=%d", srv.URL, day.Year())))
	b.do("type the day off", chromedp.SendKeys(`#date`, dayVN), chromedp.SendKeys(`#cal-name`, "Nghỉ đột xuất"))
	b.navigate("ask to save", "/calendar", chromedp.Click(`form[action="/calendar"] button[type="submit"]`))
	if got := b.text("#confirm-title"); !strings.Contains(got, dayVN) {
		t.Fatalf("the confirmation reads %q", got)
	}
	if strings.Contains(b.text("#calendar-days"), dayVN) {
		t.Fatal("the day off was saved before the confirmation")
	}
	count := b.text("#confirm-count")
	b.navigate("confirm", "/calendar", chromedp.Click(`#calendar-confirm button[type="submit"]`))
	if !b.eval("the browser rests on a GET page", `!document.querySelector("#calendar-confirm") && location.search.startsWith("?year=")`) {
		b.fail("after confirming", fmt.Errorf("not on the calendar page"))
	}
	flash := b.text(".flash")
	if !strings.Contains(flash, "Đã lưu ngày nghỉ "+dayVN) || !strings.Contains(b.text("#calendar-days"), dayVN) {
		t.Fatalf("after confirming: flash %q", flash)
	}
	if n := strings.Fields(count)[0]; !strings.HasPrefix(count, "Không") && !strings.Contains(flash, n+" hồ sơ đổi ngày hẹn trả") {
		t.Errorf("the preview announced %q, the report says %q", count, flash)
	}

	// The delete asks first too.
	del := fmt.Sprintf(`button[aria-label="Xóa ngày %s"]`, dayVN)
	b.navigate("click Xóa", "/calendar/delete", chromedp.Click(del))
	if got := b.text("#confirm-title"); !strings.Contains(got, "Xóa ngày "+dayVN) {
		t.Fatalf("the delete confirmation reads %q", got)
	}
	if !strings.Contains(b.text("#calendar-days"), dayVN) {
		t.Fatal("one click deleted the day")
	}
	b.navigate("confirm the delete", "/calendar", chromedp.Click(`#calendar-confirm button[type="submit"]`))
	if strings.Contains(b.text("#calendar-days"), dayVN) || !strings.Contains(b.text(".flash"), "Đã xóa ngày "+dayVN) {
		t.Fatalf("after the confirmed delete: %q", b.text(".flash"))
	}
}
