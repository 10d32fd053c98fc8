package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestCalendarConfirmListsMovesAndReports: declaring a day off first shows
// the dossiers whose promised date it moves (old → new) and saves nothing;
// confirmed, the page reports the same moves; the year links name each year
// once, ascending, the shown one marked; the history reads dd/mm/yyyy HH:MM.
func TestCalendarConfirmListsMovesAndReports(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.counterA)
	id := c.accept(t, fx.unitA.ID, "Nguyễn Văn Lịch")
	code, _, _ := e.dossier(t, id)
	admin := e.login(t, fx.admin)
	noName := admin.post(t, "/calendar", url.Values{"date": {"06/03/2024"}, "kind": {"off"}, "name": {" "}})
	wantStatus(t, noName, http.StatusUnprocessableEntity)
	wantContains(t, noName, `name="name" value=" " required aria-invalid="true" aria-describedby="error" autofocus>`)
	wantLacks(t, noName, `id="calendar-confirm"`)
	form := url.Values{"date": {"06/03/2024"}, "kind": {"off"}, "name": {"Nghỉ đột xuất"}}
	p := admin.post(t, "/calendar", form)
	wantStatus(t, p, http.StatusOK)
	moves := byIDRaw(t, p, "confirm-moves")
	if !regexp.MustCompile(regexp.QuoteMeta(code) + `</a></td><td>[^<]+</td><td>[0-9:]+ 0[0-9]/03/2024</td><td>[0-9:]+ 0[0-9]/03/2024</td>`).MatchString(moves) {
		t.Errorf("the preview does not list %s with its old and new dates:\n%s", code, moves)
	}
	if strings.Contains(byIDRaw(t, admin.get(t, "/calendar?year=2024"), "calendar-days"), "06/03/2024") {
		t.Fatal("the preview saved the day")
	}
	form.Set("confirm", "1")
	p = admin.post(t, "/calendar", form)
	wantRedirect(t, p, "/calendar?year=2024")
	page := admin.follow(t, p)
	wantContains(t, page, "Đã lưu ngày nghỉ 06/03/2024. 1 hồ sơ đổi ngày hẹn trả (đã báo cho người nộp): "+code+":")
	years := regexp.MustCompile(`(?s)<nav class="noprint" id="calendar-years"[^>]*>(.*?)</nav>`).FindStringSubmatch(page.body)
	if years == nil || regexp.MustCompile(`<[^>]+>`).ReplaceAllString(years[1], "") != "2024 · 2025 · 2026" ||
		!strings.Contains(years[1], `<a href="/calendar?year=2024" aria-current="page">2024</a>`) {
		t.Errorf("year links: %v", years)
	}
	wantContains(t, page, "<td>05/03/2024 09:00</td><td>06/03/2024</td><td>Nghỉ: Nghỉ đột xuất</td>")
}
