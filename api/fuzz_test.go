package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// FuzzBodies posts arbitrary bodies to every operation that reads one, as
// the caller it is meant for: whatever arrives, the answer is a success or
// a JSON error with a stable code, never a 500 and never a panic.
func FuzzBodies(f *testing.F) {
	e := newEnv(f)
	officer := e.login(f, fx.CounterA)
	partner := e.clientOfA(f, "Hộ tịch A", motcua.ClientRead, motcua.ClientRegister, motcua.ClientResult)
	code := e.accept(f, officer, fx.UnitA.ID, "Nguyễn Văn An").Code
	targets := []struct{ token, path string }{
		{"", "/api/v1/sessions"},
		{officer, "/api/v1/dossiers"},
		{officer, "/api/v1/dossiers/" + code + "/actions"},
		{officer, "/api/v1/refusals"},
		{partner, "/api/v1/inbound/dossiers"},
		{partner, "/api/v1/inbound/dossiers/" + code + "/result"},
		{partner, "/api/v1/inbound/dossiers/" + code + "/status"},
		{partner, "/api/v1/inbound/prefills"},
	}
	valid, _ := json.Marshal(intake(fx.UnitA.ID, "Trần Thị Bình"))
	for i := range targets {
		for _, body := range []string{string(valid), `{}`, `[]`, `null`, `{"type":"handed_over","version":1}`,
			`{"procedure_id":-1,"unit_id":1e400}`, `{"applicant":{"name":"\u0000"}}`, `{"a":1}{"b":2}`, "\xff"} {
			f.Add(uint8(i), []byte(body))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		target := targets[int(which)%len(targets)]
		res := e.do(t, target.token, "POST", target.path, body)
		if res.status >= 500 {
			t.Fatalf("POST %s %q: status %d, body %s", target.path, body, res.status, res.body)
		}
		if res.status < 400 {
			return
		}
		var answer struct {
			Error struct{ Code, Message string }
		}
		if !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") ||
			json.Unmarshal(res.body, &answer) != nil || answer.Error.Code == "" || answer.Error.Message == "" {
			t.Fatalf("POST %s %q: status %d without an error envelope: %s", target.path, body, res.status, res.body)
		}
	})
}
