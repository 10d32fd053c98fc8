package api_test

import (
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
)

// TestPartnerRegistersAndDecides: a civil-status system granted register
// and result at commune A registers a dossier it received (twice: one
// dossier), then records its result; it may not register at commune B,
// nor act otherwise; a client without the grants may do neither.
func TestPartnerRegistersAndDecides(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		key := e.clientOfA(t, "Hộ tịch A", motcua.ClientRead, motcua.ClientRegister, motcua.ClientResult)
		body := api.InboundDossier{Key: "HT-2024-000123", ProcedureCode: fx.Birth.Code, UnitCode: fx.UnitA.Code,
			Channel: motcua.ChannelOnline, Applicant: motcua.Applicant{Name: "Phạm Thị Hoa"}}
		var first, again api.Dossier
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers", body).decode(t, &first)
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers", body).decode(t, &again)
		if first.Code == "" || again.Code != first.Code || first.State != motcua.StateProcessing {
			t.Fatalf("registered %q then %q (%s)", first.Code, again.Code, first.State)
		}
		other := body
		other.Key, other.UnitCode = "HT-2024-000124", fx.UnitB.Code
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers", other).wantError(t, http.StatusForbidden, "forbidden", "")
		e.act(t, key, first.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: first.Version}).
			wantError(t, http.StatusForbidden, "forbidden", "")

		var paused, resumed, decided api.Dossier
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers/"+first.Code+"/status",
			api.InboundStatus{Status: motcua.EventSupplementRequested, Missing: []string{"Giấy chứng sinh"}}).decode(t, &paused)
		if paused.State != motcua.StateSupplement {
			t.Fatalf("after the partner asked for documents: %s", paused.State)
		}
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers/"+first.Code+"/status", api.InboundStatus{Status: motcua.EventHandedOver}).
			wantError(t, http.StatusUnprocessableEntity, "invalid", "status")
		counter := e.login(t, fx.CounterA)
		e.act(t, counter, first.Code, api.ActionRequest{Type: motcua.EventSupplementReceived, Version: paused.Version}).decode(t, &resumed)
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers/"+first.Code+"/result", api.InboundResult{Reference: "KS-123/2024"}).decode(t, &decided)
		if decided.State != motcua.StateResultReady {
			t.Fatalf("after the result: %s", decided.State)
		}
		e.doJSON(t, key, "POST", "/api/v1/inbound/dossiers/"+first.Code+"/result", api.InboundResult{Reference: "KS-123/2024"}).
			wantError(t, http.StatusConflict, "not_allowed", "")

		reader := e.clientOfA(t, "Chỉ đọc A", motcua.ClientRead)
		body.Key = "HT-2024-000125"
		e.doJSON(t, reader, "POST", "/api/v1/inbound/dossiers", body).wantError(t, http.StatusForbidden, "forbidden", "")
	})
}

// TestPartnerPrefillsAnApplication: what a partner knows of an application
// waits in the one-stop's queue (once, however often posted); the counter
// officer accepts it and the dossier carries the applicant as sent.
func TestPartnerPrefillsAnApplication(t *testing.T) {
	e := newEnv(t)
	key := e.clientOfA(t, "Bảo trợ xã hội", motcua.ClientRegister)
	body := api.InboundPrefill{Key: "BTXH-77", ProcedureCode: fx.Birth.Code, UnitCode: fx.UnitA.Code,
		Applicant: motcua.Applicant{Name: "Đinh Thị Lan", IDNumber: "067199000111", Phone: "0905 111 222"}}
	var first, again api.Prefilled
	e.doJSON(t, key, "POST", "/api/v1/inbound/prefills", body).decode(t, &first)
	e.doJSON(t, key, "POST", "/api/v1/inbound/prefills", body).decode(t, &again)
	if first.SubmissionID == 0 || again.SubmissionID != first.SubmissionID {
		t.Fatalf("prefilled %d then %d", first.SubmissionID, again.SubmissionID)
	}
	counter, err := e.db.Actor(t.Context(), fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	queue, err := e.db.SubmissionQueue(t.Context(), counter)
	if err != nil || len(queue) != 1 || queue[0].Applicant.IDNumber != "067199000111" {
		t.Fatalf("the queue: %+v, %v", queue, err)
	}
	d, err := e.db.AcceptSubmission(t.Context(), counter, first.SubmissionID)
	if err != nil || d.Applicant.Name != "Đinh Thị Lan" {
		t.Fatalf("accepted: %+v, %v", d, err)
	}
	body.UnitCode = fx.UnitB.Code
	e.doJSON(t, key, "POST", "/api/v1/inbound/prefills", body).wantError(t, http.StatusForbidden, "forbidden", "")
}
