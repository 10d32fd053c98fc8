package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/pdftest"
	"github.com/motcua/motcua/internal/testing/sample"
)

// pdf fetches a PDF and fails unless the answer is one.
func (b *browser) pdf(t *testing.T, path string) []byte {
	t.Helper()
	p := b.get(t, path)
	wantStatus(t, p, http.StatusOK)
	if ct := p.header.Get("Content-Type"); ct != "application/pdf" || !strings.HasPrefix(p.body, "%PDF-") {
		t.Fatalf("GET %s: Content-Type %q, body %.20q; want a PDF", path, ct, p.body)
	}
	return []byte(p.body)
}

// perform submits an action form of the dossier page at the dossier's
// current version, with extra fields as key, value pairs, and fails unless
// the action is recorded.
func (b *browser) perform(t *testing.T, id int64, typ string, fields ...string) {
	t.Helper()
	p := b.post(t, fmt.Sprintf("/dossiers/%d/actions", id), actionForm(t, b.e, id, typ, fields...))
	wantRedirect(t, p, fmt.Sprintf("/dossiers/%d", id))
}

func actionForm(t *testing.T, e *env, id int64, typ string, fields ...string) url.Values {
	t.Helper()
	_, _, version := e.dossier(t, id)
	form := url.Values{"type": {typ}, "version": {strconv.Itoa(version)}}
	for i := 0; i+1 < len(fields); i += 2 {
		form.Set(fields[i], fields[i+1])
	}
	return form
}

func formPath(id int64, form string) string { return fmt.Sprintf("/dossiers/%d/forms/%s", id, form) }

// TestReceiptFormPDF prints form 01 of a dossier accepted Tue 05/03/2024
// 09:00 and follows its QR code, as the applicant's phone would, to the
// public tracking page.
func TestReceiptFormPDF(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Bùi Thị Lan")
	code, _, _ := e.dossier(t, id)
	secret := e.stored(t, id).TrackingSecret
	if len(secret) != 8 {
		t.Fatalf("tracking secret %q", secret)
	}

	data := c.pdf(t, formPath(id, "01"))
	pdftest.WantSize(t, data, 1, pdftest.A5)
	// The form writes instants as "09 giờ 00 phút, ngày 05/03/2024".
	pdftest.InOrder(t, pdftest.Text(t, data), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: "+code,
		"Tiếp nhận hồ sơ của: Bùi Thị Lan", "Nội dung yêu cầu giải quyết: Đăng ký khai sinh",
		"Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 05/03/2024",
		"Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 00 phút, ngày 06/03/2024", fx.CounterA.FullName)

	qr := pdftest.QR(t, data)
	u, err := url.Parse(qr)
	if err != nil {
		t.Fatalf("QR code %q: %v", qr, err)
	}
	if base := e.srv.URL + "/tra-cuu"; u.Scheme+"://"+u.Host+u.Path != base {
		t.Errorf("QR code %q does not lead to %s", qr, base)
	}
	if q := u.Query(); q.Get("ma") != code || q.Get("khoa") != secret {
		t.Errorf("QR code %q carries ma=%q khoa=%q, want %q and %q", qr, q.Get("ma"), q.Get("khoa"), code, secret)
	}
	p := e.anonymous().get(t, u.RequestURI())
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, code, "Đang xử lý")
}

// TestSupplementFormListsEveryMissingDocument: form 02 lists the lines of
// the request as a browser posts them (CRLF), prints the latest request, or
// the one ?seq names.
func TestSupplementFormListsEveryMissingDocument(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Trần Văn Bổ")
	c.perform(t, id, "supplement_requested", "missing", "Giấy chứng sinh (bản chính)\r\nGiấy chứng nhận kết hôn của cha, mẹ (bản sao)\r\n",
		"reason", "Hồ sơ thiếu giấy tờ bắt buộc.")
	data := c.pdf(t, formPath(id, "02"))
	pdftest.WantSize(t, data, 1, pdftest.A5)
	text := pdftest.Text(t, data)
	pdftest.InOrder(t, text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Kính gửi: Ông/Bà Trần Văn Bổ",
		"1. Giấy chứng sinh (bản chính) 2. Giấy chứng nhận kết hôn của cha, mẹ (bản sao) Lý do: Hồ sơ thiếu giấy tờ bắt buộc.",
		fx.CounterA.FullName)
	if strings.Contains(text, "3. ") {
		t.Errorf("the trailing newline printed a third item:\n%s", text)
	}

	c.perform(t, id, "supplement_received") // seq 3
	c.perform(t, id, "supplement_requested", "missing", "Văn bản ủy quyền có chứng thực", "reason", "Người nộp không phải cha, mẹ.")
	e.login(t, fx.LeaderA).perform(t, id, "late_approved") // a second request waits for the leader (ledger.checkRepeatSupplement)
	latest := pdftest.Text(t, c.pdf(t, formPath(id, "02")))
	pdftest.InOrder(t, latest, "1. Văn bản ủy quyền có chứng thực", "Lý do: Người nộp không phải cha, mẹ.")
	if strings.Contains(latest, "Giấy chứng sinh") {
		t.Errorf("form 02 prints the first request, not the latest:\n%s", latest)
	}
	if first := pdftest.Text(t, c.pdf(t, formPath(id, "02?seq=2"))); first != text {
		t.Errorf("form 02?seq=2 is not the first request:\n%s", first)
	}
	p := c.get(t, formPath(id, "02?seq=3")) // the supplement's receipt, not a request
	wantStatus(t, p, http.StatusNotFound)
	check(t, p, errorSays("Hồ sơ chưa có thao tác “Yêu cầu bổ sung hồ sơ” để in biểu mẫu."))
}

// TestControlSlipFormListsTheHandOvers: form 06 has a row per step taken,
// with who gave the dossier and how the step was graded: the counter hands
// over on time at 09:00; the specialist's step, due 16:00, ends at 16:30.
func TestControlSlipFormListsTheHandOvers(t *testing.T) {
	e := newEnv(t)
	c, s := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA)
	id := c.accept(t, fx.UnitA.ID, "Phạm Văn Kiểm")
	c.perform(t, id, "handed_over")
	e.db.Now = func() time.Time { return time.Date(2024, 3, 5, 16, 30, 0, 0, motcua.VN) }
	s.perform(t, id, "handed_over")

	data := c.pdf(t, formPath(id, "06"))
	pdftest.WantSize(t, data, 1, pdftest.A5.Landscape()) // ten columns
	pdftest.InOrder(t, pdftest.Text(t, data), "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Tên tổ chức, cá nhân: Phạm Văn Kiểm",
		"Người giao",
		"1 Tiếp nhận hồ sơ", "09:00 05/03/2024 "+fx.CounterA.FullName, "09:30 05/03/2024 Đúng hạn",
		"2 Thẩm tra hồ sơ", "09:00 05/03/2024 "+fx.CounterA.FullName, "16:00 05/03/2024 Quá hạn",
		"3 Ký kết quả", "16:30 05/03/2024 "+fx.SpecialistA.FullName)
}

// TestApologyFormShowsReasonAndNewDate: an extension must come at least one
// working day before the due instant. The fixture's procedure takes one
// working day, so its dossiers can be extended at the very instant they are
// accepted and no later: a minute after, the extension is refused.
func TestApologyFormShowsReasonAndNewDate(t *testing.T) {
	e := newEnv(t)
	c, l := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	id := c.accept(t, fx.UnitA.ID, "Lê Thị Hẹn")
	extension := []string{"reason", "Chờ kết quả xác minh của công an xã.", "new_due_at", "2024-03-08T16:00"}

	e.db.Now = func() time.Time { return sample.Now.Add(time.Minute) }
	p := l.post(t, fmt.Sprintf("/dossiers/%d/actions", id), actionForm(t, e, id, "extended", extension...))
	wantStatus(t, p, http.StatusConflict)
	check(t, p, errorSays("Chỉ được xin lỗi và gia hạn chậm nhất 1 ngày làm việc trước thời hạn trả kết quả (09:00 06/03/2024)."))
	wantStatus(t, c.get(t, formPath(id, "04")), http.StatusNotFound)

	e.db.Now = func() time.Time { return sample.Now } // nothing was recorded: back to the instant of acceptance
	l.perform(t, id, "extended", extension...)
	data := c.pdf(t, formPath(id, "04"))
	pdftest.WantSize(t, data, 1, pdftest.A5)
	pdftest.InOrder(t, pdftest.Text(t, data), "Kính gửi: Ông/Bà Lê Thị Hẹn",
		"Thời gian hẹn trả kết quả: 09 giờ 00 phút, ngày 06/03/2024",
		"Lý do: Chờ kết quả xác minh của công an xã.", "16 giờ 00 phút, ngày 08/03/2024", fx.LeaderA.FullName)
}

// TestStopFormShowsTheReason: form 05 after a leader stops the dossier.
func TestStopFormShowsTheReason(t *testing.T) {
	e := newEnv(t)
	c, l := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	id := c.accept(t, fx.UnitA.ID, "Đỗ Văn Dừng")
	code, _, _ := e.dossier(t, id)
	l.perform(t, id, "stopped", "reason", "Người nộp hồ sơ có văn bản đề nghị dừng giải quyết.")
	data := c.pdf(t, formPath(id, "05"))
	pdftest.WantSize(t, data, 1, pdftest.A5)
	pdftest.InOrder(t, pdftest.Text(t, data), "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Kính gửi: Ông/Bà Đỗ Văn Dừng",
		"Mã hồ sơ: "+code, "Lý do: Người nộp hồ sơ có văn bản đề nghị dừng giải quyết.", fx.LeaderA.FullName)
}

var refusedLocation = regexp.MustCompile(`^/intake\?refused=(\d+)$`)

// TestRefusalForm: a refusal at intake leads to its form 03, which only the
// receiving commune's officers may print; no dossier is created.
func TestRefusalForm(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	form := intakeForm(fx.UnitA.ID, "Hoàng Thị Từ")
	form.Set("reason", "Trẻ em sinh ra tại tỉnh khác; việc đăng ký thuộc UBND xã nơi cư trú của cha, mẹ.\nThiếu giấy chứng sinh.")
	p := c.post(t, "/intake/refuse", form)
	m := refusedLocation.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("refusal: %d to %q; body:\n%s", p.status, p.header.Get("Location"), excerpt(p.body))
	}
	e.wantCounts(t, [2]int{0, 0})
	formURL := "/refusals/" + m[1] + "/form"
	check(t, c.get(t, p.header.Get("Location")), htmlcheck.In(`a[href="`+formURL+`"]`))

	data := c.pdf(t, formURL)
	pdftest.WantSize(t, data, 1, pdftest.A5)
	pdftest.InOrder(t, pdftest.Text(t, data), "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Kính gửi: Ông/Bà Hoàng Thị Từ",
		"Đăng ký khai sinh", "Trẻ em sinh ra tại tỉnh khác", "Thiếu giấy chứng sinh.", fx.CounterA.FullName)

	p = e.login(t, fx.CounterB).get(t, formURL)
	wantStatus(t, p, http.StatusNotFound)
	check(t, p, errorSays("Không tìm thấy phiếu từ chối tiếp nhận này."))
	wantLacks(t, p, "Hoàng Thị Từ")
}

// TestRegisterPDF prints unit A's register for March 2024: A4 landscape,
// each of its dossiers once, none of commune B's.
func TestRegisterPDF(t *testing.T) {
	e := newEnv(t)
	a, b := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
	var codes []string
	for _, name := range []string{"Nguyễn Văn Một", "Nguyễn Văn Hai", "Nguyễn Văn Ba"} {
		code, _, _ := e.dossier(t, a.accept(t, fx.UnitA.ID, name))
		codes = append(codes, code)
	}
	otherCode, _, _ := e.dossier(t, b.accept(t, fx.UnitB.ID, "Hoàng Văn Bảo"))
	register := func(from, to string) string {
		return fmt.Sprintf("/register.pdf?unit=%d&from=%s&to=%s", fx.UnitA.ID, from, to)
	}

	data := a.pdf(t, register("2024-03-01", "2024-03-31"))
	pdftest.WantSize(t, data, 1, pdftest.A4.Landscape())
	text := pdftest.Text(t, data)
	pdftest.InOrder(t, text, "SỔ THEO DÕI HỒ SƠ", "Từ ngày 01/03/2024 đến ngày 31/03/2024",
		"1 "+codes[0], "Nguyễn Văn Một", "2 "+codes[1], "Nguyễn Văn Hai", "3 "+codes[2], "Nguyễn Văn Ba")
	for _, code := range codes {
		if n := strings.Count(text, code); n != 1 {
			t.Errorf("code %s printed %d times", code, n)
		}
	}
	if strings.Contains(text, otherCode) || strings.Contains(text, "Hoàng Văn Bảo") {
		t.Errorf("unit A's register lists commune B's dossier:\n%s", text)
	}
	// The last day is included; the day after holds nothing.
	if text := pdftest.Text(t, a.pdf(t, register("2024-03-05", "2024-03-05"))); !strings.Contains(text, codes[2]) {
		t.Errorf("a register ending on the day of acceptance lacks its dossiers:\n%s", text)
	}
	if text := pdftest.Text(t, a.pdf(t, register("2024-03-06", "2024-03-31"))); strings.Contains(text, codes[0]) {
		t.Errorf("a register from the day after lists the dossiers:\n%s", text)
	}

	p := b.get(t, register("2024-03-01", "2024-03-31"))
	if p.status != http.StatusForbidden && p.status != http.StatusNotFound {
		t.Fatalf("commune B's officer gets unit A's register: %d", p.status)
	}
	wantLacks(t, p, codes[0], "Nguyễn Văn Một")

	for _, bad := range [][2]string{{"2024-03-01", "hôm nay"}, {"2024-02-30", "2024-03-31"}, {"", "2024-03-31"}, {"2024-03-31", "2024-03-01"}} {
		p := a.get(t, register(url.QueryEscape(bad[0]), url.QueryEscape(bad[1])))
		if p.status < 400 || p.status >= 500 {
			t.Errorf("from %q to %q: status %d, want 4xx", bad[0], bad[1], p.status)
			continue
		}
		if msg := textOf(t, p, "#error"); !strings.HasPrefix(msg, "Ngày ") || strings.Contains(msg, "parsing") {
			t.Errorf("from %q to %q: error %q, want a Vietnamese message about the dates", bad[0], bad[1], msg)
		}
	}
}

// TestFormsOfActionsNotTakenAreNotFound: forms of actions the dossier has
// not had, unknown form numbers and other communes' dossiers answer 404
// with a Vietnamese message.
func TestFormsOfActionsNotTakenAreNotFound(t *testing.T) {
	e := newEnv(t)
	c, b := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
	id := c.accept(t, fx.UnitA.ID, "Vũ Thị Chưa")
	code, _, _ := e.dossier(t, id)
	notTaken := func(action string) string {
		return "Hồ sơ chưa có thao tác “" + action + "” để in biểu mẫu."
	}
	for _, tc := range []struct{ form, msg string }{
		{"02", notTaken("Yêu cầu bổ sung hồ sơ")},
		{"04", notTaken("Xin lỗi và gia hạn thời gian giải quyết")},
		{"05", notTaken("Dừng giải quyết hồ sơ")},
		{"02?seq=1", notTaken("Yêu cầu bổ sung hồ sơ")}, // seq 1 is the acceptance
		{"03", `Không có biểu mẫu số "03" cho hồ sơ.`},  // form 03 belongs to refusals at intake
		{"99", `Không có biểu mẫu số "99" cho hồ sơ.`},
	} {
		p := c.get(t, formPath(id, tc.form))
		wantStatus(t, p, http.StatusNotFound)
		if got := textOf(t, p, "#error"); got != tc.msg {
			t.Errorf("form %s: error %q, want %q", tc.form, got, tc.msg)
		}
	}
	for _, form := range []string{"01", "06"} {
		wantStatus(t, c.get(t, formPath(id, form)), http.StatusOK) // they exist for A's officer
		p := b.get(t, formPath(id, form))
		wantStatus(t, p, http.StatusNotFound)
		check(t, p, errorSays("Không tìm thấy hồ sơ."))
		wantLacks(t, p, code, "Vũ Thị Chưa")
	}
}

// TestRejectedLateEntryPrintsNoForm: a supplement request keyed 5 working
// hours late waits for the leader, who rejects it; it never counts, so the
// dossier never had a supplement request and form 02 must not print one.
// It fails today: eventForm (web/forms.go) picks events by type alone and
// does not skip those a late_rejected event refers to (Data.RefSeq).
func TestRejectedLateEntryPrintsNoForm(t *testing.T) {
	e := newEnv(t)
	c, l := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	id := c.accept(t, fx.UnitA.ID, "Ngô Văn Muộn")
	e.db.Now = func() time.Time { return time.Date(2024, 3, 5, 16, 30, 0, 0, motcua.VN) }
	c.perform(t, id, "supplement_requested", "at", "2024-03-05T09:10", "missing", "Giấy chứng sinh (bản chính)",
		"reason", "Quên nhập vào hệ thống.")
	l.perform(t, id, "late_rejected", "reason", "Người nộp không nhận được phiếu yêu cầu bổ sung.")
	if p := c.get(t, fmt.Sprintf("/dossiers/%d", id)); textOf(t, p, "#dossier-state") != "Đang xử lý" {
		t.Fatalf("after the rejection the dossier is %q", textOf(t, p, "#dossier-state"))
	}
	p := c.get(t, formPath(id, "02"))
	if p.status != http.StatusNotFound {
		t.Errorf("form 02 of a supplement request the leader rejected: status %d, want 404", p.status)
	}
}
