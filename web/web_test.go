package web_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
)

const badLogin = "Tên đăng nhập hoặc mật khẩu không đúng."

func TestLoginPageRenders(t *testing.T) {
	e := newEnv(t)
	p := e.anonymous().get(t, "/login?next=%2Fcalendar")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Đăng nhập")
	check(t, p, htmlcheck.In(`form[method=post][action="/login"]`, htmlcheck.In("input#username"), htmlcheck.In("input#password"),
		htmlcheck.In("input[name=next]", htmlcheck.HasAttr("value", "/calendar"))),
		htmlcheck.NotIn("#error"))
}

func TestLoginRejectsBadCredentials(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ name, username, password string }{
		{"wrong password", fx.CounterA.Username, "sai-mat-khau"},
		{"unknown user", "khong.ton.tai", sample.Password},
		{"empty password", fx.CounterA.Username, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := e.anonymous().post(t, "/login", url.Values{"username": {c.username}, "password": {c.password}, "next": {"/calendar"}})
			wantStatus(t, p, http.StatusUnauthorized)
			if got := textOf(t, p, "#error"); got != badLogin {
				t.Errorf("error = %q, want %q", got, badLogin)
			}
			// The form is shown again with the username and destination kept.
			check(t, p, htmlcheck.In("input#username[name=username]", htmlcheck.HasAttr("value", c.username)),
				htmlcheck.In("input[name=next]", htmlcheck.HasAttr("value", "/calendar")))
			if len(p.header["Set-Cookie"]) != 0 {
				t.Errorf("failed login set cookies %v", p.header["Set-Cookie"])
			}
		})
	}
}

func TestLoginSetsCookieAndRedirects(t *testing.T) {
	e := newEnv(t)
	b := e.anonymous()
	p := b.post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}, "next": {"/calendar?year=2024"}})
	wantRedirect(t, p, "/calendar?year=2024")
	set := strings.Join(p.header["Set-Cookie"], "\n")
	for _, attr := range []string{"motcua_session=", "Path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(set, attr) {
			t.Errorf("Set-Cookie %q lacks %s", set, attr)
		}
	}
	b.cookie = sessionCookie(t, p)
	p = b.get(t, "/worklist")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, fx.CounterA.FullName)
	check(t, p, htmlcheck.In("#worklist"))

	// Logging out ends the session on the server, not only in the browser.
	wantRedirect(t, b.post(t, "/logout", nil), "/login")
	wantRedirect(t, b.get(t, "/worklist"), "/login?next=%2Fworklist")
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"", "https://evil.example/", "//evil.example", `/\evil.example`, "javascript:alert(1)"} {
		p := e.anonymous().post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}, "next": {next}})
		wantRedirect(t, p, "/intake") // the counter officer's first page
	}
}

func TestLoginRedirectRejectsControlCharacters(t *testing.T) {
	e := newEnv(t)
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\r/evil.example"} {
		p := e.anonymous().post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}, "next": {next}})
		wantRedirect(t, p, "/intake") // the counter officer's first page
	}
}

func TestUnauthenticatedRequestsGoToLogin(t *testing.T) {
	e := newEnv(t)
	anon := e.anonymous()
	wantRedirect(t, anon.get(t, "/worklist"), "/login?next=%2Fworklist")
	wantRedirect(t, anon.get(t, "/dossiers/1?accepted=1"), "/login?next=%2Fdossiers%2F1%3Faccepted%3D1")
	forged := &browser{e: e, cookie: "not-a-session"}
	wantRedirect(t, forged.get(t, "/intake"), "/login?next=%2Fintake")
	// A POST without a session is turned away before anything is written.
	wantRedirect(t, anon.post(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn An")), "/login?next=%2Fintake")
	e.wantCounts(t, [2]int{0, 0})
}

func TestIntakeSearchFoldsDiacritics(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	birthLink := fmt.Sprintf(`[href="/intake?procedure=%d"]`, fx.Birth.ID)
	marriageLink := fmt.Sprintf(`[href="/intake?procedure=%d"]`, fx.Marriage.ID)

	// Without a query both procedures are offered: the filter below is real.
	p := c.get(t, "/intake/procedures?q=")
	check(t, p, htmlcheck.In("a"+birthLink), htmlcheck.In("a"+marriageLink))

	for _, q := range []string{"dang ky khai sinh", "Đăng ký khai sinh", "DANG  KY KHAI SINH", "1.001193"} {
		p := c.get(t, "/intake/procedures?q="+url.QueryEscape(q)) // the htmx live search
		wantStatus(t, p, http.StatusOK)
		wantContains(t, p, "Đăng ký khai sinh")
		check(t, p, htmlcheck.In("#procedure-list"), htmlcheck.In("a"+birthLink), htmlcheck.NotIn(marriageLink))
		wantLacks(t, p, "<html")
	}
	// Submitting the search form without htmx gives the same list in a full page.
	p = c.get(t, "/intake?q=dang+ky+khai+sinh")
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Đăng ký khai sinh")
	check(t, p, htmlcheck.In("input#q", htmlcheck.HasAttr("value", "dang ky khai sinh")), htmlcheck.In("a"+birthLink), htmlcheck.NotIn(marriageLink))

	p = c.get(t, "/intake/procedures?q=khai+tu")
	wantContains(t, p, "Không tìm thấy thủ tục phù hợp")
	check(t, p, htmlcheck.NotIn(birthLink), htmlcheck.NotIn(marriageLink))
}

func TestIntakeAcceptsDossier(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	p := c.get(t, fmt.Sprintf("/intake?procedure=%d", fx.Birth.ID))
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, "Đăng ký khai sinh")
	check(t, p, htmlcheck.In("#intake-form"), htmlcheck.In("input[name=unit]", htmlcheck.HasAttr("value", strconv.FormatInt(fx.UnitA.ID, 10))),
		htmlcheck.In("input#doc_0[checked]"))

	form := intakeForm(fx.UnitA.ID, norm.NFD.String("Nguyễn Thị Hoa")) // typed on a decomposing keyboard
	p = c.post(t, "/intake", form)
	m := dossierLocation.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("intake: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	e.wantCounts(t, [2]int{1, 1})
	code, step, version := e.dossier(t, id)
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(fx.UnitA.Code) + `-240305-\d{4}$`).MatchString(code) {
		t.Errorf("code %q does not follow <unit code>-YYMMDD-NNNN", code)
	}
	if step != 0 || version != 1 {
		t.Errorf("new dossier at step %d version %d, want 0 and 1", step, version)
	}
	name := e.stored(t, id).ApplicantName
	if name != "Nguyễn Thị Hoa" || !norm.NFC.IsNormalString(name) {
		t.Errorf("stored applicant name %q (%+q), want the NFC form", name, name)
	}

	p = c.get(t, p.header.Get("Location"))
	wantStatus(t, p, http.StatusOK)
	if got := textOf(t, p, "#dossier-code"); got != code {
		t.Errorf("page shows code %q, want %q", got, code)
	}
	// Accepted Tue 05/03/2024 09:00 with one working day: due Wed 09:00.
	if got := textOf(t, p, "#dossier-due"); got != "09:00 06/03/2024" {
		t.Errorf("page shows due %q, want 09:00 06/03/2024", got)
	}
	wantContains(t, p, "Nguyễn Thị Hoa", "066123456789")
	check(t, p, flashSays("Đã tiếp nhận hồ sơ "+code+". Hẹn trả kết quả: 09:00 06/03/2024."))
}

func TestIntakeEmptyNameKeepsTypedValues(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, "   ") // blanks only: shown back trimmed, as stored
	form.Set("channel", "post")
	form.Set("email", "hoa@example.vn")
	form.Set("note", "Ghi chú của cán bộ")
	form.Set("sets", "2")
	form.Del("doc") // the officer unticked the only document
	p := c.post(t, "/intake", form)
	wantStatus(t, p, http.StatusUnprocessableEntity)
	if got := textOf(t, p, "#error"); got != "Phải nhập họ tên người nộp hồ sơ." {
		t.Errorf("error = %q", got)
	}
	check(t, p,
		htmlcheck.In("input#name", attrs("name", "name", "value", "", "maxlength", "200", "required", "", "class", "invalid")...),
		htmlcheck.In("input#id_number", attrs("name", "id_number", "value", "066123456789")...),
		htmlcheck.In("input#address", attrs("name", "address", "value", "Thôn 1, xã Đắk Lao")...),
		htmlcheck.In("input#phone", attrs("name", "phone", "value", "0912345678")...),
		htmlcheck.In("input#email", attrs("name", "email", "value", "hoa@example.vn")...),
		htmlcheck.In("input#note", attrs("name", "note", "value", "Ghi chú của cán bộ")...),
		htmlcheck.In("input#sets", attrs("name", "sets", "value", "2")...),
		htmlcheck.In("input[name=channel][value=post][checked]"),
		htmlcheck.In("input[name=count_0]", htmlcheck.HasAttr("value", "1")),
		htmlcheck.In("input#doc_0"), htmlcheck.NotIn("#doc_0[checked]"), htmlcheck.NotIn("[value=counter][checked]"))
	e.wantCounts(t, [2]int{0, 0})
}

func TestCrossOriginPostIsRejected(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	for _, h := range [][]string{
		{"Origin", "http://evil.example", "Sec-Fetch-Site", ""},
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site", "Origin", "http://sub.evil.example"},
	} {
		p := c.post(t, "/intake", intakeForm(fx.UnitA.ID, "Nguyễn Văn An"), h...)
		wantStatus(t, p, http.StatusForbidden)
		p = e.anonymous().post(t, "/login", url.Values{"username": {fx.CounterA.Username}, "password": {sample.Password}}, h...)
		wantStatus(t, p, http.StatusForbidden)
		if len(p.header["Set-Cookie"]) != 0 {
			t.Errorf("cross-origin login set %v", p.header["Set-Cookie"])
		}
	}
	e.wantCounts(t, [2]int{0, 0})
	// The same form from the site itself goes through.
	c.accept(t, fx.UnitA.ID, "Nguyễn Văn An")
	e.wantCounts(t, [2]int{1, 1})
}

func TestOtherCommunesDossierIsInvisible(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		a, b := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
		own := a.accept(t, fx.UnitA.ID, "Lê Thị Ánh")
		other := b.accept(t, fx.UnitB.ID, "Hoàng Văn Bảo")
		otherCode, _, _ := e.dossier(t, other)
		ownCode, _, _ := e.dossier(t, own)
		wantStatus(t, b.get(t, fmt.Sprintf("/dossiers/%d", other)), http.StatusOK)

		for _, path := range []string{fmt.Sprintf("/dossiers/%d", other), fmt.Sprintf("/dossiers/%d/receipt", other)} {
			p := a.get(t, path)
			wantStatus(t, p, http.StatusNotFound)
			check(t, p, errorSays("Không tìm thấy hồ sơ."))
			wantLacks(t, p, otherCode, "Hoàng Văn Bảo")
		}
		before := e.counts(t)
		p := a.act(t, other, "handed_over", 1)
		if p.status < 400 {
			t.Fatalf("out-of-scope action answered %d", p.status)
		}
		wantLacks(t, p, otherCode, "Hoàng Văn Bảo")
		e.wantCounts(t, before)
		if _, step, version := e.dossier(t, other); step != 0 || version != 1 {
			t.Errorf("B's dossier moved to step %d version %d", step, version)
		}
		// Nor may A's officer accept a dossier on B's behalf.
		wantStatus(t, a.post(t, "/intake", intakeForm(fx.UnitB.ID, "Hoàng Văn Bảo")), http.StatusForbidden)
		e.wantCounts(t, before)

		p = a.get(t, "/worklist")
		wantContains(t, p, ownCode)
		wantLacks(t, p, otherCode, "Hoàng Văn Bảo")
		wantContains(t, b.get(t, "/worklist"), otherCode)
	})
}

func TestDossierPageOffersActionsByRole(t *testing.T) {
	e := newEnv(t)
	counter, specialist := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA)
	id := counter.accept(t, fx.UnitA.ID, "Phạm Minh Châu")
	path := fmt.Sprintf("/dossiers/%d", id)

	// Step 0 belongs to the counter.
	if got, want := actions(counter.get(t, path)), []string{"handed_over", "supplement_requested", "withdrawn"}; !slices.Equal(got, want) {
		t.Errorf("counter at step 0 is offered %v, want %v", got, want)
	}
	for _, a := range actions(specialist.get(t, path)) {
		if a == "handed_over" || a == "supplement_requested" || a == "withdrawn" || a == "result_returned" {
			t.Errorf("specialist at the counter's step is offered %s", a)
		}
	}

	wantRedirect(t, counter.act(t, id, "handed_over", 1), path)
	if _, step, version := e.dossier(t, id); step != 1 || version != 2 {
		t.Fatalf("after hand-over: step %d version %d, want 1 and 2", step, version)
	}
	p := counter.get(t, path)
	wantContains(t, p, "Chuyển xử lý")
	check(t, p, htmlcheck.In("li.current", htmlcheck.MatchesText(`^Thẩm tra hồ sơ`)), htmlcheck.In("li.done", htmlcheck.MatchesText(`^Tiếp nhận hồ sơ`)))
	if got, want := actions(p), []string{"withdrawn"}; !slices.Equal(got, want) {
		t.Errorf("counter at step 1 is offered %v, want %v", got, want)
	}
	p = specialist.get(t, path)
	got := actions(p)
	if !slices.Contains(got, "handed_over") || !slices.Contains(got, "supplement_requested") || slices.Contains(got, "withdrawn") {
		t.Errorf("specialist at step 1 is offered %v, want hand-over and supplement request but not withdrawal", got)
	}
	// The hand-over offers the holders of the next step: the leader.
	check(t, p, htmlcheck.In(fmt.Sprintf(`select[name=to_user] option[value="%d"]`, fx.LeaderA.ID), htmlcheck.HasExactText(fx.LeaderA.FullName)))
	// The counter cannot record the result before the workflow's last step.
	wantStatus(t, counter.act(t, id, "result_ready", 2), http.StatusForbidden)
	if _, step, version := e.dossier(t, id); step != 1 || version != 2 {
		t.Errorf("refused action changed the dossier: step %d version %d", step, version)
	}
}

func TestStaleVersionShowsConflict(t *testing.T) {
	e := newEnv(t)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	id := counter.accept(t, fx.UnitA.ID, "Vũ Thị Hà")
	wantRedirect(t, counter.act(t, id, "handed_over", 1), fmt.Sprintf("/dossiers/%d", id))
	wantRedirect(t, specialist.act(t, id, "handed_over", 2), fmt.Sprintf("/dossiers/%d", id))
	// The leader's page was loaded at version 2; the specialist acted since.
	p := leader.act(t, id, "handed_over", 2)
	wantStatus(t, p, http.StatusConflict)
	if got := textOf(t, p, "#error"); !strings.Contains(got, "vừa được người khác cập nhật") {
		t.Errorf("error = %q, want the conflict message", got)
	}
	check(t, p, htmlcheck.In("input[name=version]", htmlcheck.HasAttr("value", "3"))) // the page shown again is current
	if _, step, version := e.dossier(t, id); step != 2 || version != 3 {
		t.Errorf("stale action changed the dossier: step %d version %d", step, version)
	}
	e.wantCounts(t, [2]int{1, 3})
}

func TestDoubleSubmitShowsConflict(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	id := counter.accept(t, fx.UnitA.ID, "Vũ Thị Hà")
	wantRedirect(t, counter.act(t, id, "handed_over", 1), fmt.Sprintf("/dossiers/%d", id))
	p := counter.act(t, id, "handed_over", 1)
	wantStatus(t, p, http.StatusConflict)
	if got := textOf(t, p, "#error"); !strings.Contains(got, "vừa được người khác cập nhật") {
		t.Errorf("error = %q, want the conflict message", got)
	}
}

func TestStepDeadlineIsShown(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	id := counter.accept(t, fx.UnitA.ID, "Đỗ Văn Long")
	wantContains(t, counter.get(t, fmt.Sprintf("/dossiers/%d", id)), "hạn bước: 09:30 05/03/2024")
	// Step 1 has 300 working minutes from 09:00: 2 h 30 min to 11:30, then 2 h 30 min from 13:30 = 16:00.
	wantRedirect(t, counter.act(t, id, "handed_over", 1), fmt.Sprintf("/dossiers/%d", id))
	wantContains(t, counter.get(t, fmt.Sprintf("/dossiers/%d", id)), "hạn bước: 16:00 05/03/2024")
}

func TestReceipt(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Bùi Thị Lan")
	code, _, _ := e.dossier(t, id)
	p := c.get(t, fmt.Sprintf("/dossiers/%d/receipt", id))
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p,
		"Thời gian nhận hồ sơ: 09:00 05/03/2024",
		"Thời gian giải quyết hồ sơ theo quy định: 1 ngày làm việc",
		fx.UnitA.Name,
		fx.CounterA.FullName)
	check(t, p, htmlcheck.In("h1", htmlcheck.HasExactText("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")),
		strongIn("p", "Mã hồ sơ: "+code, code),
		strongIn("p", "tiếp nhận hồ sơ của: Bùi Thị Lan", "Bùi Thị Lan"),
		strongIn("p", "Thời gian trả kết quả giải quyết hồ sơ: 09:00 06/03/2024", "09:00 06/03/2024"),
		htmlcheck.In("td", htmlcheck.HasExactText("Tờ khai (theo mẫu)")))
}

func TestCalendarAdminAddsDayOff(t *testing.T) {
	e := newEnv(t)
	admin := e.login(t, fx.Admin)
	p := admin.get(t, "/calendar?year=2024")
	wantStatus(t, p, http.StatusOK)
	wantLacks(t, p, "15/03/2024")

	p = admin.post(t, "/calendar", url.Values{"date": {"15/03/2024"}, "kind": {"off"}, "name": {"Nghỉ đột xuất thử nghiệm"}})
	check(t, p, htmlcheck.In("#calendar-confirm")) // asks first (calendar_test.go)
	p = admin.post(t, "/calendar", url.Values{"date": {"15/03/2024"}, "kind": {"off"}, "name": {"Nghỉ đột xuất thử nghiệm"}, "confirm": {"1"}})
	wantRedirect(t, p, "/calendar?year=2024")
	p = admin.get(t, "/calendar?year=2024")
	check(t, p, htmlcheck.In("#calendar-days tr", htmlcheck.HasCells("15/03/2024", "Nghỉ", "Nghỉ đột xuất thử nghiệm")), // the day off is in the list
		htmlcheck.In("tr", htmlcheck.HasCells("15/03/2024", "Nghỉ: Nghỉ đột xuất thử nghiệm", fx.Admin.FullName))) // the change is in the history with its author
	// The working-time arithmetic sees the new day off at once: one working
	// day from Thu 14/03 09:00 skips Fri 15/03 and the weekend.
	p = admin.get(t, "/api/v1/calendar/due?at=2024-03-14%2009:00&days=1")
	if !strings.Contains(p.body, `"due":"2024-03-18T09:00:00+07:00"`) {
		t.Errorf("due date ignores the new day off: %s", p.body)
	}
}

func TestCalendarRefusesNonAdmin(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	count := func() (days, changes int) {
		t.Helper()
		days, errDays := storetest.Count(t.Context(), e.db, "calendar_days")
		changes, errChanges := storetest.Count(t.Context(), e.db, "calendar_changes")
		if err := errors.Join(errDays, errChanges); err != nil {
			t.Fatal(err)
		}
		return days, changes
	}
	days, changes := count()
	if days == 0 {
		t.Fatal("the calendar was not seeded")
	}
	p := counter.post(t, "/calendar", url.Values{"date": {"15/03/2024"}, "kind": {"off"}, "name": {"Nghỉ trái phép"}})
	wantStatus(t, p, http.StatusForbidden)
	if got := textOf(t, p, "#error"); got != "Chỉ quản trị hệ thống được thực hiện thao tác này." {
		t.Errorf("error = %q", got)
	}
	p = counter.post(t, "/calendar/delete", url.Values{"date": {"2024-09-02"}})
	wantStatus(t, p, http.StatusForbidden)
	if d, c := count(); d != days || c != changes {
		t.Errorf("calendar (days, changes) went from (%d, %d) to (%d, %d)", days, changes, d, c)
	}
}

func TestEveryPageIsNFCAndVietnamese(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Hồ Thị Mai")
	// checkHTML runs on every answer; this walks every screen once.
	for _, path := range []string{"/login", "/worklist", "/worklist?state=processing&q=ho+thi", "/intake", "/intake?q=khai",
		fmt.Sprintf("/intake?procedure=%d", fx.Birth.ID), fmt.Sprintf("/dossiers/%d", id),
		fmt.Sprintf("/dossiers/%d/receipt", id), "/calendar", "/dossiers/999999"} {
		p := c.get(t, path)
		if !strings.HasPrefix(p.body, "<!doctype html>") {
			t.Errorf("GET %s: not a full page", path)
		}
		check(t, p, htmlcheck.In("html[lang=vi]"))
	}
}

func TestEchoedInputIsNFC(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, norm.NFD.String("Nguyễn Thị Hoa"))
	form.Set("phone", "abc")
	p := c.post(t, "/intake", form) // checkHTML fails this test if the page is not NFC
	wantStatus(t, p, http.StatusUnprocessableEntity)
	check(t, p, htmlcheck.In("input#name", htmlcheck.HasAttr("value", "Nguyễn Thị Hoa")))
	c.get(t, "/worklist?q="+url.QueryEscape(norm.NFD.String("Hồ Thị")))
	c.get(t, "/intake/procedures?q="+url.QueryEscape(norm.NFD.String("đăng ký khai tử")))
}
