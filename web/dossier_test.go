package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
)

// TestDossierPageSupplementReasonAndRepeat: the supplement form has its
// reason (printed on form 02); a second request without a reason is refused
// with the error tied to the reason field of that form and the typed list
// kept; with a reason it waits for the leader; the printable forms are
// separated by " · "; the linked-part list offers only units in force.
func TestDossierPageSupplementReasonAndRepeat(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	id := c.accept(t, fx.UnitA.ID, "Trần Thị Bổ")
	page := fmt.Sprintf("/dossiers/%d", id)
	p := c.get(t, page)
	wantContains(t, p, "Lý do yêu cầu bổ sung (in trên mẫu 02)")
	check(t, p, htmlcheck.NotIn("#repeat-supplement"))

	c.perform(t, id, "supplement_requested", "missing", "Giấy chứng sinh", "reason", "Thiếu giấy chứng sinh")
	c.perform(t, id, "supplement_received")
	p = c.get(t, page)
	wantContains(t, p, "Lý do yêu cầu bổ sung (in trên mẫu 02) *")
	var forms []string
	for _, a := range all(t, p, "nav#forms a") {
		forms = append(forms, htmlcheck.Text(a))
	}
	if len(forms) < 2 {
		t.Errorf("printable forms: %q, want at least two", forms)
	}
	// The printable forms do not run together: " · " between every two.
	check(t, p, htmlcheck.In("#repeat-supplement"), htmlcheck.In("nav#forms", htmlcheck.HasExactText("Biểu mẫu (PDF): "+strings.Join(forms, " · "))))

	bad := c.post(t, page+"/actions", actionForm(t, e, id, "supplement_requested", "missing", "Bản sao có chứng thực"))
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	// The error is tied to the reason of the supplement form, the list is kept, and no other field is marked invalid.
	check(t, bad, htmlcheck.In(`form[data-action=supplement_requested]`,
		htmlcheck.In("input[name=reason]", htmlcheck.HasAttr("value", ""), htmlcheck.HasAttr("required", ""),
			htmlcheck.HasAttr("aria-invalid", "true"), htmlcheck.HasAttr("aria-describedby", "error"), htmlcheck.HasAttr("autofocus", "")),
		htmlcheck.In("textarea", htmlcheck.HasExactText("Bản sao có chứng thực"))),
		htmlcheck.Count(`[aria-invalid="true"]`, 1))

	p = c.post(t, page+"/actions", actionForm(t, e, id, "supplement_requested", "missing", "Bản sao có chứng thực", "reason", "Bản sao chưa chứng thực"))
	wantRedirect(t, p, page)
	wantContains(t, c.follow(t, p), "chờ lãnh đạo đơn vị duyệt", "Yêu cầu bổ sung lần thứ 2")
	leader := e.login(t, fx.LeaderA)
	check(t, leader.get(t, page), htmlcheck.In("form[data-action=late_approved]"))
	leader.perform(t, id, "late_approved")
	check(t, leader.get(t, "/performance?unit="+strconv.FormatInt(fx.UnitA.ID, 10)+"&from=2024-03-01&to=2024-03-31"),
		htmlcheck.In("#repeat-count", htmlcheck.HasText("1 hồ sơ có lần yêu cầu bổ sung thứ hai trong kỳ"), htmlcheck.In("strong", htmlcheck.HasExactText("1"))))
}

// TestPartUnitsInForce: the linked-part list leaves out a dissolved unit.
func TestPartUnitsInForce(t *testing.T) {
	e := newEnv(t)
	c, s := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA)
	id := c.accept(t, fx.UnitA.ID, "Lê Văn Liên")
	c.perform(t, id, "handed_over")
	page := fmt.Sprintf("/dossiers/%d", id)
	check(t, s.get(t, page), htmlcheck.In(fmt.Sprintf(`select[name=part_unit] option[value="%d"]`, fx.UnitB.ID), htmlcheck.HasExactText(fx.UnitB.Name)))
	admin, err := e.db.Actor(t.Context(), fx.Admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.db.Dissolve(t.Context(), admin, fx.UnitB.ID, fx.UnitA.ID, time.Date(2024, 3, 1, 0, 0, 0, 0, motcua.VN)); err != nil {
		t.Fatal(err)
	}
	p := s.get(t, page)
	check(t, p, htmlcheck.In(fmt.Sprintf(`select[name=part_unit] option[value="%d"]`, fx.District.ID), htmlcheck.HasExactText(fx.District.Name)),
		htmlcheck.NotIn(fmt.Sprintf(`option[value="%d"]`, fx.UnitB.ID), htmlcheck.HasExactText(fx.UnitB.Name)))
}

// TestPerformanceShowsStepNamesAndDecidingSeconds: a step handed on 21
// seconds after its due instant is late; the page names the step and shows
// the seconds that decide the grade.
func TestPerformanceShowsStepNamesAndDecidingSeconds(t *testing.T) {
	e := newEnv(t)
	c := e.login(t, fx.CounterA)
	leader := e.login(t, fx.LeaderA)
	id := c.accept(t, fx.UnitA.ID, "Phạm Văn Giây")
	due := e.stored(t, id).StepDueAt.In(motcua.VN)
	e.db.Now = func() time.Time { return due.Add(21 * time.Second) }
	c.perform(t, id, "handed_over")
	p := leader.get(t, "/performance?unit="+strconv.FormatInt(fx.UnitA.ID, 10)+"&from=2024-03-01&to=2024-03-31")
	check(t, p, htmlcheck.In("table.list#late-steps tbody tr", htmlcheck.HasCells(fx.Birth.Steps[0].Name, fx.CounterA.FullName,
		motcua.FormatDateTime(due), fmt.Sprintf("%s (hạn %s)", due.Add(21*time.Second).Format("15:04:05 02/01/2006"), due.Format("15:04:05")))))
}
