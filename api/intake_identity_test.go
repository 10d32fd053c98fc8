package api_test

import (
	"encoding/json"
	"testing"
)

// TestAcceptRejectsIdentityNumbersAndEmailsOfNoPaper: the API takes the
// counter page's checks; each error names its field and nothing is written.
func TestAcceptRejectsIdentityNumbersAndEmailsOfNoPaper(t *testing.T) {
	e := newEnv(t)
	token := e.login(t, fx.CounterA)
	for _, c := range []struct{ key, value, field string }{
		{"id_number", "12345", "applicant_id_number"},
		{"id_number", "1234567", "applicant_id_number"},
		{"id_number", "C12", "applicant_id_number"},
		{"email", "x@y", "applicant_email"},
		{"email", "x y@example.vn", "applicant_email"},
	} {
		t.Run(c.key+"="+c.value, func(t *testing.T) {
			m := intake(fx.UnitA.ID, "Nguyễn Văn An")
			m["applicant"].(map[string]any)[c.key] = c.value
			body, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			e.do(t, token, "POST", "/api/v1/dossiers", body).wantError(t, 422, "invalid", c.field)
			e.wantCounts(t, [2]int{0, 0})
		})
	}
	for _, id := range []string{"241234567", "0101234567-001", "C1234567"} {
		m := intake(fx.UnitA.ID, "Nguyễn Văn An")
		m["applicant"].(map[string]any)["id_number"] = id
		m["applicant"].(map[string]any)["email"] = "an@example.vn"
		if res := e.doJSON(t, token, "POST", "/api/v1/dossiers", m); res.status != 201 {
			t.Errorf("id_number %q: status %d, body %s", id, res.status, res.body)
		}
	}
}
