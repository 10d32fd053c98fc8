package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/store"
)

// postKeyed posts v as JSON with an Idempotency-Key.
func (e *env) postKeyed(t *testing.T, token, path, key string, v any) response {
	t.Helper()
	body, _ := json.Marshal(v)
	req, _ := http.NewRequest("POST", e.srv.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", key)
	res, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// citizenSubmits files an online submission of the birth procedure at
// commune A with key, as the portal does.
func (e *env) citizenSubmits(t *testing.T, c motcua.Contact, key string) *motcua.Submission {
	t.Helper()
	s := &motcua.Submission{Key: key, ProcedureID: fx.Birth.ID, UnitID: fx.UnitA.ID, Delivery: motcua.DeliveryOnline,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn An", Phone: "0912345678"}}
	if err := e.db.Submit(t.Context(), c, s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIdempotencyKeysCannotBeSquatted: an officer of commune B who sends
// the key of "accept submission N" does not block commune A's acceptance;
// a citizen who sends a partner's key does not swallow that partner's
// prefill (no 201 with id 0); a key sent again with another body is a 409
// conflict, the same body the same dossier.
func TestIdempotencyKeysCannotBeSquatted(t *testing.T) {
	e := newEnv(t)
	citizen := motcua.Contact{Email: "an@example.vn"}
	sub := e.citizenSubmits(t, citizen, "form-1")
	officerB := e.login(t, fx.CounterB)
	squat := e.postKeyed(t, officerB, "/api/v1/dossiers", fmt.Sprintf("submission:%d", sub.ID), intake(fx.UnitB.ID, "Lê Văn Chiếm"))
	if squat.status != http.StatusCreated {
		t.Fatalf("commune B's intake: %d %s", squat.status, squat.body)
	}
	counterA, err := e.db.Actor(t.Context(), fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := e.db.AcceptSubmission(t.Context(), counterA, sub.ID); err != nil || d.ReceivingUnitID != fx.UnitA.ID {
		t.Fatalf("commune A's acceptance of submission %d: %+v, %v", sub.ID, d, err)
	}

	key, client, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: "Bảo trợ xã hội", UnitCodes: []string{fx.UnitA.Code},
		Actions: []motcua.ClientAction{motcua.ClientRegister}})
	if err != nil {
		t.Fatal(err)
	}
	squatted := e.citizenSubmits(t, citizen, fmt.Sprintf("partner:%d:seq-100", client.ID))
	body := api.InboundPrefill{Key: "seq-100", ProcedureCode: fx.Birth.Code, UnitCode: fx.UnitA.Code,
		Applicant: motcua.Applicant{Name: "Đinh Thị Lan", Email: citizen.Email}}
	var pre api.Prefilled
	e.doJSON(t, key, "POST", "/api/v1/inbound/prefills", body).decode(t, &pre)
	if pre.SubmissionID == 0 || pre.SubmissionID == squatted.ID {
		t.Fatalf("the partner's prefill answered submission %d (the citizen's is %d)", pre.SubmissionID, squatted.ID)
	}
	body.Applicant.Name = "Người Khác"
	e.doJSON(t, key, "POST", "/api/v1/inbound/prefills", body).wantError(t, http.StatusConflict, "conflict", "")

	officerA := e.login(t, fx.CounterA)
	var first, again api.Dossier
	e.postKeyed(t, officerA, "/api/v1/dossiers", "retry-1", intake(fx.UnitA.ID, "Trần Văn Một")).decode(t, &first)
	e.postKeyed(t, officerA, "/api/v1/dossiers", "retry-1", intake(fx.UnitA.ID, "Trần Văn Một")).decode(t, &again)
	if first.Code == "" || again.Code != first.Code {
		t.Fatalf("one request sent twice: %q then %q", first.Code, again.Code)
	}
	e.postKeyed(t, officerA, "/api/v1/dossiers", "retry-1", intake(fx.UnitA.ID, "Trần Văn Hai")).
		wantError(t, http.StatusConflict, "conflict", "")
}
