package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store/storetest"
	"golang.org/x/text/unicode/norm"
)

func TestSessions(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	if res := e.do(t, token, "GET", "/api/v1/dossiers", nil); res.status != http.StatusOK {
		t.Fatalf("GET /api/v1/dossiers with a fresh token: %d %s", res.status, res.body)
	}
	for _, c := range []struct{ name, body string }{
		{"wrong password", `{"username":"motcua.a","password":"sai-mat-khau"}`},
		{"unknown user", `{"username":"khong.ton.tai","password":"` + sample.Password + `"}`},
		{"no password", `{"username":"motcua.a"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := e.do(t, "", "POST", "/api/v1/sessions", []byte(c.body))
			got := res.wantError(t, http.StatusUnauthorized, "unauthorized", "")
			if got.Error.Message != "Tên đăng nhập hoặc mật khẩu không đúng." {
				t.Errorf("message = %q", got.Error.Message)
			}
			if strings.Contains(string(res.body), "token") {
				t.Errorf("a failed login returned a token: %s", res.body)
			}
		})
	}
	for _, token := range []string{"", "not-a-token"} {
		e.do(t, token, "GET", "/api/v1/dossiers", nil).wantError(t, http.StatusUnauthorized, "unauthorized", "")
	}
	// Logging out revokes the token.
	if res := e.do(t, token, "DELETE", "/api/v1/sessions", nil); res.status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", res.status, res.body)
	}
	e.do(t, token, "GET", "/api/v1/dossiers", nil).wantError(t, http.StatusUnauthorized, "unauthorized", "")
}

func TestAcceptDossier(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	res := e.doJSON(t, token, "POST", "/api/v1/dossiers", intake(fx.UnitA.ID, norm.NFD.String("  Nguyễn Thị Hoa ")))
	if res.status != http.StatusCreated {
		t.Fatalf("status %d, body %s", res.status, res.body)
	}
	var raw map[string]any
	res.decode(t, &raw)
	code, _ := raw["code"].(string)
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(fx.UnitA.Code) + `-\d{6}-\d{4}$`).MatchString(code) {
		t.Errorf("code %q does not match <unit code>-YYMMDD-NNNN", code)
	}
	if !strings.HasPrefix(code, fx.UnitA.Code+"-240305-") {
		t.Errorf("code %q is not dated 05/03/2024, the day of acceptance in Vietnam", code)
	}
	due, _ := raw["due_at"].(string)
	dueAt, err := time.Parse(time.RFC3339, due)
	if err != nil || !strings.HasSuffix(due, "+07:00") {
		t.Errorf("due_at %q is not RFC 3339 in +07:00 (%v)", due, err)
	}
	// Tue 05/03/2024 09:00 plus one working day is Wed 06/03/2024 09:00.
	if want := time.Date(2024, 3, 6, 9, 0, 0, 0, motcua.VN); !dueAt.Truncate(time.Minute).Equal(want) {
		t.Errorf("due_at = %s, want %s", due, want.Format(time.RFC3339))
	}
	var d api.Dossier
	res.decode(t, &d)
	if d.Applicant.Name != "Nguyễn Thị Hoa" || d.State != motcua.StateProcessing || d.Step != 0 || d.Version != 1 ||
		d.ReceivingUnitID != fx.UnitA.ID || d.DecidingUnitID != fx.UnitA.ID || d.ProcedureID != fx.Birth.ID {
		t.Errorf("accepted dossier = %+v", d)
	}
	e.wantCounts(t, [2]int{1, 1})

	// Two acceptances the same day get consecutive numbers.
	next := e.accept(t, token, fx.UnitA.ID, "Trần Văn Bình")
	if next.Code != fx.UnitA.Code+"-240305-0002" || code != fx.UnitA.Code+"-240305-0001" {
		t.Errorf("codes %q then %q, want …-0001 then …-0002", code, next.Code)
	}

	got := e.do(t, token, "GET", "/api/v1/dossiers/"+code, nil)
	if got.status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", code, got.status, got.body)
	}
	var stored api.Dossier
	got.decode(t, &stored)
	if stored.Code != code || stored.Applicant.Name != "Nguyễn Thị Hoa" || !stored.DueAt.Equal(d.DueAt.Truncate(time.Millisecond)) {
		t.Errorf("GET returned %+v, want the accepted dossier", stored)
	}
}

func TestAcceptAnswerMatchesStoredDossier(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	res := e.doJSON(t, token, "POST", "/api/v1/dossiers", intake(fx.UnitA.ID, "Nguyễn Văn An"))
	var d api.Dossier
	res.decode(t, &d)
	got := e.do(t, token, "GET", "/api/v1/dossiers/"+d.Code, nil)
	if !bytes.Equal(res.body, got.body) {
		t.Errorf("POST answered\n%s\nGET answers\n%s", res.body, got.body)
	}
	act := e.act(t, token, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1})
	got = e.do(t, token, "GET", "/api/v1/dossiers/"+d.Code, nil)
	if !bytes.Equal(act.body, got.body) {
		t.Errorf("action answered\n%s\nGET answers\n%s", act.body, got.body)
	}
}

func TestStepDeadline(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	d := e.accept(t, token, fx.UnitA.ID, "Nguyễn Văn An")
	if want := time.Date(2024, 3, 5, 9, 30, 0, 0, motcua.VN); !d.StepDueAt.Truncate(time.Minute).Equal(want) {
		t.Errorf("step 0 due %s, want %s", d.StepDueAt, want)
	}
	d = e.mustAct(t, token, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1})
	if want := time.Date(2024, 3, 5, 16, 0, 0, 0, motcua.VN); !d.StepDueAt.Truncate(time.Minute).Equal(want) {
		t.Errorf("step 1 due %s, want %s", d.StepDueAt, want)
	}
}

func TestAcceptRejectsBadInput(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	valid := func(edit func(m map[string]any)) []byte {
		m := intake(fx.UnitA.ID, "Nguyễn Văn An")
		edit(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	applicant := func(name string) func(map[string]any) {
		return func(m map[string]any) { m["applicant"].(map[string]any)["name"] = name }
	}
	for _, c := range []struct {
		name        string
		body        []byte
		status      int
		code, field string
	}{
		{"malformed JSON", []byte(`{"procedure_id": 1, "unit_id":`), 422, "invalid", ""},
		{"not an object", []byte(`[1, 2]`), 422, "invalid", ""},
		{"unknown field", valid(func(m map[string]any) { m["applicant_nam"] = "x" }), 422, "invalid", ""},
		{"trailing data", append(valid(func(map[string]any) {}), []byte(` {"x":1}`)...), 422, "invalid", ""},
		{"empty applicant name", valid(applicant("")), 422, "invalid", "applicant_name"},
		{"blank applicant name", valid(applicant(" \t ")), 422, "invalid", "applicant_name"},
		{"name of 201 runes", valid(applicant(strings.Repeat("Đ", 201))), 422, "invalid", "applicant_name"},
		{"unknown procedure", valid(func(m map[string]any) { m["procedure_id"] = 999999 }), 422, "invalid", "procedure"},
		{"no procedure", valid(func(m map[string]any) { delete(m, "procedure_id") }), 422, "invalid", "procedure"},
		{"unknown channel", valid(func(m map[string]any) { m["channel"] = "fax" }), 422, "invalid", "channel"},
		{"letters in ID number", valid(func(m map[string]any) { m["applicant"].(map[string]any)["id_number"] = "06612345678A" }), 422, "invalid", "applicant_id_number"},
		{"malformed at", valid(func(m map[string]any) { m["at"] = "2024-03-05 09:00" }), 422, "invalid", ""},
		{"at in the future", valid(func(m map[string]any) { m["at"] = "2024-03-05T10:00:00+07:00" }), 422, "invalid", "at"},
		{"late entry without reason", valid(func(m map[string]any) { m["at"] = "2024-03-04T15:00:00+07:00" }), 422, "invalid", "reason"},
		{"body over 1 MB", valid(func(m map[string]any) { m["note"] = strings.Repeat("a", api.MaxBody) }), 422, "invalid", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := e.do(t, token, "POST", "/api/v1/dossiers", c.body)
			res.wantError(t, c.status, c.code, c.field)
			e.wantCounts(t, [2]int{0, 0})
		})
	}
	// The limits are exact: 200 runes are accepted.
	d := e.accept(t, token, fx.UnitA.ID, strings.Repeat("Đ", 200))
	if len([]rune(d.Applicant.Name)) != 200 {
		t.Errorf("name of %d runes stored", len([]rune(d.Applicant.Name)))
	}
	e.wantCounts(t, [2]int{1, 1})
}

func TestActionErrors(t *testing.T) {
	e := newEnv(t)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	d := e.accept(t, counter, fx.UnitA.ID, "Nguyễn Văn An")
	before := e.counts(t)

	// Returning a result that is not ready: not allowed in this state.
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventResultReturned, Version: 1}).
		wantError(t, http.StatusConflict, "not_allowed", "")
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventSupplementReceived, Version: 1}).
		wantError(t, http.StatusConflict, "not_allowed", "")
	// The counter holds step 0 but may record the result only at the last step.
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventResultReady, Version: 1}).
		wantError(t, http.StatusForbidden, "forbidden", "")
	// A specialist may not hand over the counter's step.
	e.act(t, specialist, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1}).
		wantError(t, http.StatusForbidden, "forbidden", "")
	// A supplement request must list what is missing; a withdrawal needs a reason.
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventSupplementRequested, Version: 1, Missing: []string{" ", ""}}).
		wantError(t, http.StatusUnprocessableEntity, "invalid", "missing")
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventWithdrawn, Version: 1}).
		wantError(t, http.StatusUnprocessableEntity, "invalid", "reason")
	// Malformed bodies.
	for _, body := range []string{`{"type":"handed_over","version":1,"at":"hôm qua"}`, `{"type":"handed_over","version":"1"}`,
		`{"type":"handed_over","version":1,"extra":true}`} {
		e.do(t, counter, "POST", "/api/v1/dossiers/"+d.Code+"/actions", []byte(body)).
			wantError(t, http.StatusUnprocessableEntity, "invalid", "")
	}
	e.wantCounts(t, before)

	// A stale version is a conflict: the leader saw version 2, the specialist acted since.
	e.mustAct(t, counter, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1})
	e.mustAct(t, specialist, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 2})
	before = e.counts(t)
	e.act(t, leader, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 2}).
		wantError(t, http.StatusConflict, "conflict", "")
	e.act(t, leader, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 99}).
		wantError(t, http.StatusConflict, "conflict", "")
	e.wantCounts(t, before)
	// The one-stop records the result only at the workflow's last step.
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventResultReady, Version: 3}).
		wantError(t, http.StatusForbidden, "forbidden", "")
	e.wantCounts(t, before)
	// Unknown dossier code.
	e.act(t, counter, fx.UnitA.Code+"-240305-9999", api.ActionRequest{Type: motcua.EventHandedOver, Version: 1}).
		wantError(t, http.StatusNotFound, "not_found", "")
	e.wantCounts(t, before)
}

func TestStaleRepeatedActionIsConflict(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	d := e.accept(t, counter, fx.UnitA.ID, "Nguyễn Văn An")
	e.mustAct(t, counter, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1})
	e.act(t, counter, d.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1}).
		wantError(t, http.StatusConflict, "conflict", "")
}

func TestUnknownActionTypeIsInvalid(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	d := e.accept(t, counter, fx.UnitA.ID, "Nguyễn Văn An")
	e.act(t, counter, d.Code, api.ActionRequest{Type: "approve", Version: 1}).
		wantError(t, http.StatusUnprocessableEntity, "invalid", "type")
}

func TestScopeHidesOtherCommunes(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		a, b := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
		own := e.accept(t, a, fx.UnitA.ID, "Lê Thị Ánh")
		other := e.accept(t, b, fx.UnitB.ID, "Hoàng Văn Bảo")
		if res := e.do(t, b, "GET", "/api/v1/dossiers/"+other.Code, nil); res.status != http.StatusOK {
			t.Fatalf("B cannot read its own dossier: %d %s", res.status, res.body)
		}
		before := e.counts(t)
		for _, path := range []string{"/api/v1/dossiers/" + other.Code, "/api/v1/dossiers/" + other.Code + "/events"} {
			res := e.do(t, a, "GET", path, nil)
			res.wantError(t, http.StatusNotFound, "not_found", "")
			if strings.Contains(string(res.body), "Hoàng Văn Bảo") {
				t.Errorf("%s leaks the applicant: %s", path, res.body)
			}
		}
		e.act(t, a, other.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1}).
			wantError(t, http.StatusNotFound, "not_found", "")
		e.act(t, a, other.Code, api.ActionRequest{Type: motcua.EventWithdrawn, Version: 1, Reason: "Theo đơn"}).
			wantError(t, http.StatusNotFound, "not_found", "")
		e.doJSON(t, a, "POST", "/api/v1/dossiers", intake(fx.UnitB.ID, "Hoàng Văn Bảo")).
			wantError(t, http.StatusForbidden, "forbidden", "")
		e.wantCounts(t, before)
		reads, err := storetest.CountAudit(t.Context(), e.db, storetest.AuditMatch{Action: "dossier.read", UserID: fx.CounterA.ID})
		if err != nil {
			t.Fatal(err)
		}
		if reads != 0 {
			t.Errorf("%d reads by A's officer logged, want 0: nothing was shown", reads)
		}

		list := func(token string) []string {
			var out struct {
				Dossiers []api.Dossier
				Total    int
			}
			e.do(t, token, "GET", "/api/v1/dossiers", nil).decode(t, &out)
			var codes []string
			for _, d := range out.Dossiers {
				codes = append(codes, d.Code)
			}
			if out.Total != len(codes) {
				t.Errorf("total %d for %d dossiers", out.Total, len(codes))
			}
			return codes
		}
		if got := list(a); len(got) != 1 || got[0] != own.Code {
			t.Errorf("A lists %v, want only %s", got, own.Code)
		}
		if got := list(b); len(got) != 1 || got[0] != other.Code {
			t.Errorf("B lists %v, want only %s", got, other.Code)
		}
	})
}

func TestLifecycle(t *testing.T) {
	e := newEnv(t)
	counter, specialist, leader := e.login(t, fx.CounterA), e.login(t, fx.SpecialistA), e.login(t, fx.LeaderA)
	d := e.accept(t, counter, fx.UnitA.ID, "Ngô Thanh Nam")
	steps := []struct {
		token string
		actor motcua.User
		req   api.ActionRequest
		state motcua.State
		step  int
	}{
		{counter, fx.CounterA, api.ActionRequest{Type: motcua.EventHandedOver}, motcua.StateProcessing, 1},
		{specialist, fx.SpecialistA, api.ActionRequest{Type: motcua.EventSupplementRequested, Missing: []string{"Giấy chứng sinh", "Bản sao CCCD"}}, motcua.StateSupplement, 1},
		{counter, fx.CounterA, api.ActionRequest{Type: motcua.EventSupplementReceived, Note: "Đã nhận đủ"}, motcua.StateProcessing, 1},
		{specialist, fx.SpecialistA, api.ActionRequest{Type: motcua.EventHandedOver, ToUserID: fx.LeaderA.ID}, motcua.StateProcessing, 2},
		{leader, fx.LeaderA, api.ActionRequest{Type: motcua.EventHandedOver}, motcua.StateProcessing, 3},
		{counter, fx.CounterA, api.ActionRequest{Type: motcua.EventResultReady}, motcua.StateResultReady, 3},
		{counter, fx.CounterA, api.ActionRequest{Type: motcua.EventResultReturned}, motcua.StateReturned, 3},
	}
	for _, s := range steps {
		s.req.Version = d.Version
		d = e.mustAct(t, s.token, d.Code, s.req)
		if d.State != s.state || d.Step != s.step {
			t.Fatalf("after %s: state %s step %d, want %s step %d", s.req.Type, d.State, d.Step, s.state, s.step)
		}
	}
	if d.ResultAt == nil || d.ReturnedAt == nil {
		t.Errorf("finished dossier without result_at/returned_at: %+v", d)
	}
	e.wantCounts(t, [2]int{1, 8})

	res := e.do(t, counter, "GET", "/api/v1/dossiers/"+d.Code+"/events", nil)
	var out struct{ Events []api.Event }
	res.decode(t, &out)
	if len(out.Events) != len(steps)+1 {
		t.Fatalf("%d events, want %d: %s", len(out.Events), len(steps)+1, res.body)
	}
	if ev := out.Events[0]; ev.Seq != 1 || ev.Type != motcua.EventAccepted || ev.ActorID != fx.CounterA.ID {
		t.Errorf("first event %+v, want the acceptance by the counter", ev)
	}
	for i, s := range steps {
		ev := out.Events[i+1]
		if ev.Seq != i+2 || ev.Type != s.req.Type || ev.ActorID != s.actor.ID || ev.ActorName != s.actor.FullName || ev.UnitID != fx.UnitA.ID {
			t.Errorf("event %d = %+v, want %s by %s", i+2, ev, s.req.Type, s.actor.Username)
		}
		if !strings.HasSuffix(ev.At.Format(time.RFC3339), "+07:00") {
			t.Errorf("event %d at %s, not in +07:00", i+2, ev.At)
		}
	}
	if got := out.Events[2].Data.Missing; len(got) != 2 || got[0] != "Giấy chứng sinh" {
		t.Errorf("supplement request lists %v", got)
	}
	if got := out.Events[4].Data.ToUserID; got != fx.LeaderA.ID {
		t.Errorf("hand-over to user %d, want the leader %d", got, fx.LeaderA.ID)
	}
	// Personal data is on the dossier, read once and logged, not in the event list.
	if strings.Contains(string(res.body), "066123456789") || strings.Contains(string(res.body), "Ngô Thanh Nam") {
		t.Errorf("events carry the applicant's personal data: %s", res.body)
	}
	// The returned dossier has left the default (open) list.
	var open struct{ Dossiers []api.Dossier }
	e.do(t, counter, "GET", "/api/v1/dossiers", nil).decode(t, &open)
	if len(open.Dossiers) != 0 {
		t.Errorf("open list still holds %d dossiers", len(open.Dossiers))
	}
}

func TestListMasksIdentityNumbers(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	d := e.accept(t, token, fx.UnitA.ID, "Đặng Quốc Huy")
	res := e.do(t, token, "GET", "/api/v1/dossiers", nil)
	var out struct{ Dossiers []api.Dossier }
	res.decode(t, &out)
	if len(out.Dossiers) != 1 || out.Dossiers[0].Code != d.Code {
		t.Fatalf("list = %s", res.body)
	}
	a := out.Dossiers[0].Applicant
	if a.IDNumber != "•••••••••789" || a.Phone != "•••••••678" {
		t.Errorf("list shows id_number %q phone %q, want only the last 3 digits", a.IDNumber, a.Phone)
	}
	if strings.Contains(string(res.body), "066123456789") || strings.Contains(string(res.body), "0912345678") {
		t.Errorf("list leaks a full number: %s", res.body)
	}
	var one api.Dossier
	e.do(t, token, "GET", "/api/v1/dossiers/"+d.Code, nil).decode(t, &one)
	if one.Applicant.IDNumber != "066123456789" || one.Applicant.Phone != "0912345678" {
		t.Errorf("single GET shows id_number %q phone %q, want them in full", one.Applicant.IDNumber, one.Applicant.Phone)
	}
}

func TestCalendarDue(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	// Wed 07/02/2024 15:00 plus 3 working days skips Tết (08–14/02) and two weekends.
	res := e.do(t, token, "GET", "/api/v1/calendar/due?at=2024-02-07%2015:00&days=3", nil)
	if res.status != http.StatusOK {
		t.Fatalf("%d %s", res.status, res.body)
	}
	var out struct {
		Start, Due string
		Explain    []string
	}
	res.decode(t, &out)
	if out.Due != "2024-02-19T15:00:00+07:00" || out.Start != "2024-02-07T15:00:00+07:00" {
		t.Errorf("start %q due %q, want 2024-02-07T15:00:00+07:00 and 2024-02-19T15:00:00+07:00", out.Start, out.Due)
	}
	if len(out.Explain) == 0 || !strings.Contains(strings.Join(out.Explain, "\n"), "08/02/2024 (Thứ Năm): nghỉ — Tết Nguyên đán") {
		t.Errorf("explanation does not name Tết: %q", out.Explain)
	}
	res = e.do(t, token, "GET", "/api/v1/calendar/due?at=2024-02-07%2015:00&hours=4", nil)
	res.decode(t, &out)
	if out.Due != "2024-02-15T09:30:00+07:00" {
		t.Errorf("4 working hours from 07/02 15:00 due %q, want 2024-02-15T09:30:00+07:00", out.Due)
	}
	e.do(t, token, "GET", "/api/v1/calendar/due?at=hôm%20qua&days=3", nil).wantError(t, 422, "invalid", "at")
	e.do(t, token, "GET", "/api/v1/calendar/due?at=2024-02-07%2015:00&days=3&hours=1", nil).wantError(t, 422, "invalid", "days")
	e.do(t, token, "GET", "/api/v1/calendar/due?at=2024-02-07%2015:00&days=-1", nil).wantError(t, 422, "invalid", "days")
	e.do(t, "", "GET", "/api/v1/calendar/due?at=2024-02-07%2015:00&days=3", nil).wantError(t, 401, "unauthorized", "")
}

func TestUnknownRouteIsJSONNotFound(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	e.do(t, token, "GET", "/api/v1/khong-co", nil).wantError(t, http.StatusNotFound, "not_found", "")
	e.do(t, token, "PUT", "/api/v1/dossiers", []byte(`{}`)).wantError(t, http.StatusNotFound, "not_found", "")
}

func TestCrossOriginPostIsRejected(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	body, _ := json.Marshal(intake(fx.UnitA.ID, "Nguyễn Văn An"))
	for _, h := range [][2]string{{"Origin", "http://evil.example"}, {"Sec-Fetch-Site", "cross-site"}} {
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v1/dossiers", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set(h[0], h[1])
		res, err := e.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %s → %d, want 403", h[0], h[1], res.StatusCode)
		}
	}
	e.wantCounts(t, [2]int{0, 0})
}
