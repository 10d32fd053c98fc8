package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestTrackingNeedsTheSecret: the code alone, a wrong secret and an unknown
// code get the same answer; code and secret show the state, no name.
func TestTrackingNeedsTheSecret(t *testing.T) {
	e := newEnv(t)
	_, code, secret := e.acceptTracked(t, "Nguyễn Thị Tra Cứu")
	if len(secret) != 8 {
		t.Fatalf("tracking secret %q", secret)
	}
	anon := e.anonymous()
	wrong := anon.track(t, code, "ABCDEFGH")
	wantStatus(t, wrong, http.StatusNotFound)
	for _, p := range []page{anon.track(t, code, ""), anon.track(t, "000.22.33.H17-240305-9999", secret)} {
		wantStatus(t, p, http.StatusNotFound)
		if textOf(t, p, "#error") != textOf(t, wrong, "#error") {
			t.Errorf("answers differ: %q vs %q", textOf(t, p, "#error"), textOf(t, wrong, "#error"))
		}
	}
	ok := anon.track(t, " "+code+" ", " "+secret[:4]+secret[4:]+" ")
	wantStatus(t, ok, http.StatusOK)
	wantContains(t, ok, "Đang xử lý", "Đăng ký khai sinh")
	wantLacks(t, ok, "Nguyễn Thị Tra Cứu")
}

// TestLateEntryAwaitsTheLeaderInTheUI: a hand-over at 09:30 keyed at 16:30
// (5 working hours later) waits; the leader sees it on the dashboard and
// approves; the step is graded from 09:30 (its due instant).
func TestLateEntryAwaitsTheLeaderInTheUI(t *testing.T) {
	e := newEnv(t)
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	id := counter.accept(t, fx.UnitA.ID, "Lê Văn Muộn") // Tue 05/03/2024 09:00
	e.db.Now = func() time.Time { return time.Date(2024, 3, 5, 16, 30, 0, 0, motcua.VN) }
	_, _, version := e.dossier(t, id)
	path := fmt.Sprintf("/dossiers/%d", id)
	form := url.Values{"type": {"handed_over"}, "version": {strconv.Itoa(version)}, "at": {"2024-03-05T09:30"}}
	p := counter.post(t, path+"/actions", form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	check(t, p, errorSays("phải ghi rõ lý do"))
	form.Set("reason", "Mất kết nối mạng")
	wantStatus(t, counter.post(t, path+"/actions", form), http.StatusSeeOther)
	if _, step, _ := e.dossier(t, id); step != 0 {
		t.Fatalf("a late entry awaiting approval moved the dossier to step %d", step)
	}
	wantContains(t, counter.get(t, path), "đang chờ lãnh đạo đơn vị duyệt")
	if got := actions(counter.get(t, path)); len(got) != 0 {
		t.Errorf("while waiting the counter is offered %v", got)
	}

	dash := leader.get(t, "/alerts")
	if n := textOf(t, dash, "#n-awaiting"); n != "1" {
		t.Errorf("leader's dashboard: %q awaiting approval", n)
	}
	wantContains(t, dash, "Thao tác chờ lãnh đạo duyệt (1)")
	check(t, dash, htmlcheck.In("table.list#awaiting", htmlcheck.In(`a[href="`+path+`"]`)))
	if n := textOf(t, counter.get(t, "/alerts"), "#n-awaiting"); n != "0" {
		t.Errorf("counter's dashboard shows %q entries to approve", n)
	}
	if got := actions(leader.get(t, path)); len(got) != 2 || got[0] != "late_approved" || got[1] != "late_rejected" {
		t.Fatalf("leader is offered %v", got)
	}
	_, _, version = e.dossier(t, id)
	wantStatus(t, leader.act(t, id, "late_approved", version), http.StatusSeeOther)
	if _, step, _ := e.dossier(t, id); step != 1 {
		t.Errorf("after approval step %d, want 1", step)
	}
	check(t, leader.get(t, path), htmlcheck.In("tr", htmlcheck.CellsMatch(`09:00 05/03/2024`, `09:30 05/03/2024`, `09:30 05/03/2024.*`)),
		htmlcheck.In(".badge.grade-on_time", htmlcheck.HasAttr("class", "badge grade-on_time"), htmlcheck.MatchesText(`^Đúng hạn`)))
}
