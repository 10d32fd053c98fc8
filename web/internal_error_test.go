package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcua/motcua/store/storetest"
)

// TestInternalErrorsShowNoInternals: with the database gone, pages and the
// API answer a plain Vietnamese message — no SQL, driver text, file path
// or stack trace.
func TestInternalErrorsShowNoInternals(t *testing.T) {
	e := newEnv(t)
	counter := e.login(t, fx.CounterA)
	storetest.Disconnect(e.db)
	for _, p := range []page{
		counter.get(t, "/thu-tuc?q=khai+sinh"),
		counter.get(t, "/api/v1/track?code=000.22.33.H17-240305-0001&secret=ABCDEFGH"),
		e.anonymous().get(t, "/tra-cuu?ma=000.22.33.H17-240305-0001&khoa=ABCDEFGH"),
	} {
		if p.status != http.StatusInternalServerError && p.status != http.StatusServiceUnavailable {
			t.Errorf("status %d with the database gone", p.status)
		}
		low := strings.ToLower(p.body)
		for _, leak := range []string{"sql", "database is closed", "goroutine", ".go:", "/tmp/", "panic"} {
			if strings.Contains(low, leak) {
				t.Errorf("the answer shows %q: %s", leak, excerpt(p.body))
			}
		}
	}
}
