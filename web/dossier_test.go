package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

// TestDossierPageSupplementReasonAndRepeat: the supplement form has its
// reason (printed on form 02); a second request without a reason is refused
// with the error tied to the reason field of that form and the typed list
// kept; with a reason it waits for the leader; the printable forms are
// separated by " · "; the linked-part list offers only units in force.
func TestDossierPageSupplementReasonAndRepeat(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.counterA)
	id := c.accept(t, fx.unitA.ID, "Trần Thị Bổ")
	page := fmt.Sprintf("/dossiers/%d", id)
	p := c.get(t, page)
	wantContains(t, p, "Lý do yêu cầu bổ sung (in trên mẫu 02)")
	wantLacks(t, p, `id="repeat-supplement"`)

	c.perform(t, id, "supplement_requested", "missing", "Giấy chứng sinh", "reason", "Thiếu giấy chứng sinh")
	c.perform(t, id, "supplement_received")
	p = c.get(t, page)
	wantContains(t, p, `id="repeat-supplement"`, "Lý do yêu cầu bổ sung (in trên mẫu 02) *")
	if regexp.MustCompile(`</a>·`).MatchString(byIDRaw2(p, "forms")) || !strings.Contains(byIDRaw2(p, "forms"), "</a> · <a") {
		t.Errorf("printable forms run together:\n%s", byIDRaw2(p, "forms"))
	}

	bad := c.post(t, page+"/actions", actionForm(t, e, id, "supplement_requested", "missing", "Bản sao có chứng thực"))
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	form := regexp.MustCompile(`(?s)<form[^>]*data-action="supplement_requested".*?</form>`).FindString(bad.body)
	if !regexp.MustCompile(`<input name="reason" value="" required\s+aria-invalid="true" aria-describedby="error" autofocus>`).MatchString(form) ||
		!strings.Contains(form, ">Bản sao có chứng thực</textarea>") {
		t.Errorf("the error is not tied to the reason of the supplement form, or the list was lost:\n%s", form)
	}
	if n := strings.Count(bad.body, `aria-invalid="true"`); n != 1 {
		t.Errorf("%d fields marked invalid, want 1", n)
	}

	p = c.post(t, page+"/actions", actionForm(t, e, id, "supplement_requested", "missing", "Bản sao có chứng thực", "reason", "Bản sao chưa chứng thực"))
	wantRedirect(t, p, page)
	wantContains(t, c.follow(t, p), "chờ lãnh đạo đơn vị duyệt", "Yêu cầu bổ sung lần thứ 2")
	leader := e.login(t, fx.leaderA)
	wantContains(t, leader.get(t, page), `data-action="late_approved"`)
	leader.perform(t, id, "late_approved")
	wantContains(t, leader.get(t, "/performance?unit="+strconv.FormatInt(fx.unitA.ID, 10)+"&from=2024-03-01&to=2024-03-31"),
		`<strong>1</strong> hồ sơ có lần yêu cầu bổ sung thứ hai trong kỳ`)
}

// TestPartUnitsInForce: the linked-part list leaves out a dissolved unit.
func TestPartUnitsInForce(t *testing.T) {
	e := newEnv(t)
	c, s := e.login(t, fx.counterA), e.login(t, fx.specialistA)
	id := c.accept(t, fx.unitA.ID, "Lê Văn Liên")
	c.perform(t, id, "handed_over")
	page := fmt.Sprintf("/dossiers/%d", id)
	wantContains(t, s.get(t, page), fmt.Sprintf(`<option value="%d">%s</option>`, fx.unitB.ID, fx.unitB.Name))
	admin, err := e.db.Actor(t.Context(), fx.admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.Dissolve(t.Context(), admin, fx.unitB.ID, fx.unitA.ID, time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)); err != nil {
		t.Fatal(err)
	}
	p := s.get(t, page)
	wantContains(t, p, fmt.Sprintf(`<option value="%d">%s</option>`, fx.district.ID, fx.district.Name))
	wantLacks(t, p, fmt.Sprintf(`<option value="%d">%s</option>`, fx.unitB.ID, fx.unitB.Name))
}

// TestPerformanceShowsStepNamesAndDecidingSeconds: a step handed on 21
// seconds after its due instant is late; the page names the step and shows
// the seconds that decide the grade.
func TestPerformanceShowsStepNamesAndDecidingSeconds(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.counterA)
	leader := e.login(t, fx.leaderA)
	id := c.accept(t, fx.unitA.ID, "Phạm Văn Giây")
	due := e.stored(t, id).StepDueAt.In(motcua.VN)
	e.db.Now = func() time.Time { return due.Add(21 * time.Second) }
	c.perform(t, id, "handed_over")
	p := leader.get(t, "/performance?unit="+strconv.FormatInt(fx.unitA.ID, 10)+"&from=2024-03-01&to=2024-03-31")
	row := regexp.MustCompile(`(?s)<table class="list" id="late-steps">.*?</table>`).FindString(p.body)
	want := fmt.Sprintf("<td>%s</td><td>%s</td><td>%s</td><td>%s (hạn %s)</td>", fx.birth.Steps[0].Name, fx.counterA.FullName,
		motcua.FormatDateTime(due), due.Add(21*time.Second).Format("15:04:05 02/01/2006"), due.Format("15:04:05"))
	if !strings.Contains(row, want) {
		t.Errorf("late step row lacks %q:\n%s", want, row)
	}
}

// byIDRaw2 is the inner HTML of the element with the id (any element).
func byIDRaw2(p page, id string) string {
	m := regexp.MustCompile(`(?s)\bid="` + regexp.QuoteMeta(id) + `"[^>]*>(.*?)</(nav|table|section|p)>`).FindStringSubmatch(p.body)
	if m == nil {
		return ""
	}
	return m[1]
}
