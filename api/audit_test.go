package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/motcua/motcua/store"
)

// TestRequestsLandInTheAuditTrail: through the server's own wrapping, a
// change names the officer and the address it came from; a read of the
// dossier's personal data is logged; failed calls change nothing and log
// no change; the chain verifies.
func TestRequestsLandInTheAuditTrail(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	d := e.accept(t, token, fx.UnitA.ID, "Nguyễn Văn An")
	e.do(t, token, "GET", "/api/v1/dossiers/"+d.Code, nil)
	e.do(t, token, "POST", "/api/v1/dossiers", []byte(`{"procedure_id": -1}`))

	list, err := e.db.AuditLog(t.Context(), store.AuditFilter{Object: d.Code})
	if err != nil {
		t.Fatal(err)
	}
	who := fmt.Sprintf("user:%d %s", fx.CounterA.ID, fx.CounterA.Username)
	var actions []string
	for _, a := range list {
		if a.Actor != who || a.Source != "127.0.0.1" || !strings.HasPrefix(a.Detail, "request ") && a.Detail != "" {
			t.Errorf("entry %+v: want actor %q from 127.0.0.1", a, who)
		}
		actions = append(actions, a.Action)
	}
	if strings.Join(actions, ",") != "dossier.read,event.accepted" {
		t.Errorf("entries about %s: %v", d.Code, actions)
	}
	c, err := e.db.VerifyAudit(t.Context(), nil)
	if err != nil || len(c.Problems) != 0 {
		t.Fatalf("verify: %v %v", c.Problems, err)
	}
	logins, _ := e.db.AuditLog(t.Context(), store.AuditFilter{Actor: who})
	if len(logins) != 3 || logins[2].Action != "login" {
		t.Errorf("the officer's entries: %+v", logins)
	}
}
