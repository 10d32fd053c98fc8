package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/api"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestClientScopedToOneCommune: an external system scoped to commune A
// sees A's dossiers and events through the API and the feed, and nothing
// of commune B; it cannot accept or act; every call it makes is audited.
func TestClientScopedToOneCommune(t *testing.T) {
	onEachEngine(t, func(t *testing.T, e *env) {
		a, b := e.login(t, fx.CounterA), e.login(t, fx.CounterB)
		own := e.accept(t, a, fx.UnitA.ID, "Lê Thị Ánh")
		other := e.accept(t, b, fx.UnitB.ID, "Hoàng Văn Bảo")
		key := e.clientOfA(t, "Hộ tịch xã A", motcua.ClientRead, motcua.ClientEvents)
		var list struct{ Dossiers []api.Dossier }
		e.do(t, key, "GET", "/api/v1/dossiers", nil).decode(t, &list)
		if len(list.Dossiers) != 1 || list.Dossiers[0].Code != own.Code {
			t.Fatalf("the client lists %+v", list.Dossiers)
		}
		if res := e.do(t, key, "GET", "/api/v1/dossiers/"+own.Code, nil); res.status != http.StatusOK {
			t.Fatalf("reading A's dossier: %d", res.status)
		}
		for _, path := range []string{"/api/v1/dossiers/" + other.Code, "/api/v1/dossiers/" + other.Code + "/events"} {
			e.do(t, key, "GET", path, nil).wantError(t, http.StatusNotFound, "not_found", "")
		}
		// On PostgreSQL the feed holds back events behind the oldest
		// transaction still running in the cluster (a late commit is
		// never skipped), and other test packages share the cluster:
		// the event shows once theirs end.
		var feed api.Feed
		polls := 0 // each one an audited call
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			polls++
			feed = api.Feed{}
			e.do(t, key, "GET", "/api/v1/events?limit=100", nil).decode(t, &feed)
			if len(feed.Events) > 0 || time.Now().After(deadline) {
				break
			}
		}
		if len(feed.Events) != 1 || feed.Events[0].Subject != own.Code || feed.Events[0].Type != "vn.motcua.dossier.accepted" {
			t.Fatalf("the client's feed: %+v", feed.Events)
		}
		if strings.Contains(string(e.do(t, key, "GET", "/api/v1/events", nil).body), "Lê Thị Ánh") {
			t.Fatal("the feed carries the applicant's name")
		}
		e.doJSON(t, key, "POST", "/api/v1/dossiers", intake(fx.UnitA.ID, "Ai Đó")).wantError(t, http.StatusForbidden, "forbidden", "")
		e.act(t, key, own.Code, api.ActionRequest{Type: motcua.EventHandedOver, Version: 1}).wantError(t, http.StatusForbidden, "forbidden", "")
		if calls, err := storetest.Count(t.Context(), e.db, "api_calls"); err != nil || calls != 7+polls {
			t.Fatalf("%d calls audited (%v), want %d (%d polls of the feed)", calls, err, 7+polls, polls)
		}
	})
}

// TestClientKeysRotateLimitAndStop: a client without the feed's grant is
// refused it; a rotated key works alongside the old one for a day; a
// client over its rate waits; a disabled client is refused at once.
func TestClientKeysRotateLimitAndStop(t *testing.T) {
	e := newEnv(t)
	old, _, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: "Cổng quốc gia", UnitCodes: []string{fx.District.Code},
		Actions: []motcua.ClientAction{motcua.ClientRead}, RatePerMinute: 3})
	if err != nil {
		t.Fatal(err)
	}
	e.do(t, old, "GET", "/api/v1/events", nil).wantError(t, http.StatusForbidden, "forbidden", "")
	fresh, err := e.db.RotateClientKey(t.Context(), "Cổng quốc gia")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{old, fresh} {
		if res := e.do(t, key, "GET", "/api/v1/dossiers", nil); res.status != http.StatusOK {
			t.Fatalf("during the grace period: %d", res.status)
		}
	}
	e.do(t, fresh, "GET", "/api/v1/dossiers", nil).wantError(t, http.StatusTooManyRequests, "too_many", "")
	e.db.Now = func() time.Time { return sample.Now.Add(store.RotationGrace + time.Minute) }
	e.do(t, old, "GET", "/api/v1/dossiers", nil).wantError(t, http.StatusUnauthorized, "unauthorized", "")
	if err := e.db.SetClientDisabled(t.Context(), "Cổng quốc gia", true); err != nil {
		t.Fatal(err)
	}
	e.do(t, fresh, "GET", "/api/v1/dossiers", nil).wantError(t, http.StatusUnauthorized, "unauthorized", "")
	if _, _, err := e.db.CreateClient(t.Context(), store.ClientSpec{Name: "x", UnitCodes: []string{"không-có"}}); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Fatalf("an unknown unit: %v", err)
	}
}

// TestReportsThroughTheAPI: a leader and a client scoped to the unit read
// Biểu II.06a as JSON; a client of another unit cannot.
func TestReportsThroughTheAPI(t *testing.T) {
	e := newEnv(t)
	a := e.login(t, fx.CounterA)
	e.accept(t, a, fx.UnitA.ID, "Lê Thị Ánh")
	own := e.clientOfA(t, "Thống kê A", motcua.ClientRead)
	path := "/api/v1/reports/ii06a?from=2024-03-01&to=2024-04-01&unit=" + fx.UnitA.Code
	for _, token := range []string{e.login(t, fx.LeaderA), own} {
		var rep struct {
			Total struct {
				ReceivedTotal int `json:"received_total"`
			} `json:"total"`
		}
		e.do(t, token, "GET", path, nil).decode(t, &rep)
		if rep.Total.ReceivedTotal != 1 {
			t.Fatalf("received_total %d", rep.Total.ReceivedTotal)
		}
	}
	e.do(t, own, "GET", "/api/v1/reports/ii06a?from=2024-03-01&to=2024-04-01&unit="+fx.UnitB.Code, nil).
		wantError(t, http.StatusForbidden, "forbidden", "")
	e.do(t, a, "GET", path, nil).wantError(t, http.StatusForbidden, "forbidden", "")
}
