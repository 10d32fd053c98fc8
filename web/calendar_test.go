package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestCalendarConfirmListsMovesAndReports: declaring a day off first shows
// the dossiers whose promised date it moves (old → new) and saves nothing;
// confirmed, the page reports the same moves; the year links name each year
// once, ascending, the shown one marked; the history reads dd/mm/yyyy HH:MM.
func TestCalendarConfirmListsMovesAndReports(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Nguyễn Văn Lịch")
	code, _, _ := e.dossier(t, id)
	admin := e.login(t, fx.Admin)
	noName := admin.post(t, "/calendar", url.Values{"date": {"06/03/2024"}, "kind": {"off"}, "name": {" "}})
	wantStatus(t, noName, http.StatusUnprocessableEntity)
	check(t, noName, htmlcheck.In("input[name=name]", htmlcheck.HasAttr("value", " "), htmlcheck.HasAttr("required", ""),
		htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("aria-describedby", "error"), htmlcheck.HasAttr("autofocus", "")),
		htmlcheck.NotIn("#calendar-confirm"))
	form := url.Values{"date": {"06/03/2024"}, "kind": {"off"}, "name": {"Nghỉ đột xuất"}}
	p := admin.post(t, "/calendar", form)
	wantStatus(t, p, http.StatusOK)
	// The preview lists the dossier (a link) with its procedure, old and new dates.
	check(t, p, htmlcheck.In("#confirm-moves tr", htmlcheck.In("td a", htmlcheck.HasExactText(code)),
		htmlcheck.CellsMatch(regexp.QuoteMeta(code), `.+`, `[0-9:]+ 0[0-9]/03/2024`, `[0-9:]+ 0[0-9]/03/2024`)))
	days := admin.get(t, "/calendar?year=2024")
	if err := htmlcheck.Check(days.body, htmlcheck.In("#calendar-days"), htmlcheck.NotIn("#calendar-days", htmlcheck.HasText("06/03/2024"))); err != nil {
		t.Fatalf("the preview saved the day: %v", err)
	}
	form.Set("confirm", "1")
	p = admin.post(t, "/calendar", form)
	wantRedirect(t, p, "/calendar?year=2024")
	page := admin.follow(t, p)
	check(t, page, flashSays("Đã lưu ngày nghỉ 06/03/2024. 1 hồ sơ đổi ngày hẹn trả (đã báo cho người nộp): "+code+":"))
	check(t, page, htmlcheck.In("nav.noprint#calendar-years", htmlcheck.HasExactText("2024 · 2025 · 2026"),
		htmlcheck.In(`a[href="/calendar?year=2024"][aria-current=page]`, htmlcheck.HasExactText("2024"))),
		htmlcheck.In("tr", htmlcheck.HasCells("05/03/2024 09:00", "06/03/2024", "Nghỉ: Nghỉ đột xuất")))
}
