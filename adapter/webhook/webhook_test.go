package webhook_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/webhook"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/store"
)

// world is two communes with a counter officer each and a procedure.
type world struct {
	db       *store.DB
	a, b     *motcua.Unit
	proc     *motcua.Procedure
	counters map[int64]*motcua.Actor
	now      time.Time
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{db: db, counters: map[int64]*motcua.Actor{}, now: time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)}
	db.Now = func() time.Time { return w.now }
	district := &motcua.Unit{Code: "000.00.99.W01", Name: "Huyện Thử", Kind: motcua.UnitDistrict}
	if err := db.CreateUnit(t.Context(), district); err != nil {
		t.Fatal(err)
	}
	w.a = &motcua.Unit{Code: "000.21.99.W01", Name: "Xã A", Kind: motcua.UnitCommune, ParentID: district.ID}
	w.b = &motcua.Unit{Code: "000.22.99.W01", Name: "Xã B", Kind: motcua.UnitCommune, ParentID: district.ID}
	for _, u := range []*motcua.Unit{w.a, w.b} {
		if err := db.CreateUnit(t.Context(), u); err != nil {
			t.Fatal(err)
		}
		user := &motcua.User{Username: "motcua." + u.Code, FullName: "Cán bộ " + u.Name, Grants: []motcua.Grant{{Role: motcua.RoleCounter, UnitID: u.ID}}}
		if err := db.CreateUser(t.Context(), user, "mat-khau-thu-nghiem"); err != nil {
			t.Fatal(err)
		}
		a, err := db.Actor(t.Context(), user.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.counters[u.ID] = a
	}
	w.proc = &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 3, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlineNone,
		Steps: []motcua.WorkflowStep{{Name: "Tiếp nhận", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450},
			{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 900}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := db.CreateProcedure(t.Context(), w.proc); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) accept(t *testing.T, unit *motcua.Unit) *motcua.Dossier {
	t.Helper()
	d, err := w.db.Accept(t.Context(), w.counters[unit.ID], motcua.Intake{ProcedureID: w.proc.ID, UnitID: unit.ID, Channel: motcua.ChannelCounter,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn An"}, Sets: 1})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// receiver is a partner's endpoint that refuses its first fail requests
// (all of them when fail < 0) and keeps the events it takes.
type receiver struct {
	mu       sync.Mutex
	secret   string
	fail     int
	tries    int
	got      []motcua.CloudEvent
	badSigns int
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tries++
	if !webhook.Verify(r.secret, req.Header, body, time.Now(), 5*time.Minute) {
		r.badSigns++
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	if r.fail < 0 || r.fail > 0 {
		r.fail--
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	var e motcua.CloudEvent
	if err := json.Unmarshal(body, &e); err != nil || e.SpecVersion != "1.0" {
		http.Error(w, "not a CloudEvent", http.StatusBadRequest)
		return
	}
	r.got = append(r.got, e)
	w.WriteHeader(http.StatusNoContent)
}

func (w *world) subscribe(t *testing.T, name string, units []string, r *receiver) (*store.Webhook, *httptest.Server) {
	t.Helper()
	if _, _, err := w.db.CreateClient(t.Context(), store.ClientSpec{Name: name, UnitCodes: units,
		Actions: []motcua.ClientAction{motcua.ClientWebhooks}}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	hook, err := w.db.CreateWebhook(t.Context(), name, srv.URL+"/motcua", store.WebhookFilter{})
	if err != nil {
		t.Fatal(err)
	}
	r.secret = hook.Secret
	return hook, srv
}

// TestDeliveredOnceAfterRetries: a receiver that fails its first three
// deliveries gets the event once, signed, after the backoff.
func TestDeliveredOnceAfterRetries(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r := &receiver{fail: 3}
		hook, _ := w.subscribe(t, "Hộ tịch A", []string{w.a.Code}, r)
		s := webhook.New(db, nil)
		d := w.accept(t, w.a)
		queued(t, db, hook)
		for range 6 {
			if _, err := s.Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			w.now = w.now.Add(10 * time.Minute) // past every backoff
		}
		if r.tries != 4 || len(r.got) != 1 || r.got[0].Subject != d.Code || r.got[0].Type != "vn.motcua.dossier.accepted" || r.badSigns != 0 {
			t.Fatalf("tries %d, got %+v, bad signatures %d", r.tries, r.got, r.badSigns)
		}
	})
}

// TestDeadLetterAndReplay: a receiver that never recovers ends with the
// delivery dead; once it recovers, a replay delivers it.
func TestDeadLetterAndReplay(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r := &receiver{fail: -1}
		hook, _ := w.subscribe(t, "Hộ tịch A", []string{w.a.Code}, r)
		s := webhook.New(db, nil)
		s.MaxAttempts = 4
		w.accept(t, w.a)
		queued(t, db, hook)
		for range 8 {
			if _, err := s.Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			w.now = w.now.Add(time.Hour)
		}
		counts, err := db.DeliveryCounts(t.Context(), hook.ID)
		if err != nil || counts["dead"] != 1 || r.tries != 4 {
			t.Fatalf("after giving up: %v (%v), %d tries", counts, err, r.tries)
		}
		r.mu.Lock()
		r.fail = 0
		r.mu.Unlock()
		if n, err := db.ReplayDead(t.Context(), hook.ID); err != nil || n != 1 {
			t.Fatalf("replay: %d, %v", n, err)
		}
		if n, err := s.Flush(t.Context()); err != nil || n != 1 || len(r.got) != 1 {
			t.Fatalf("after the replay: delivered %d (%v), received %d", n, err, len(r.got))
		}
	})
}

// TestWebhooksKeepToTheClientsScope: a client of commune A receives A's
// events and none of commune B's.
func TestWebhooksKeepToTheClientsScope(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r := &receiver{}
		w.subscribe(t, "Hộ tịch A", []string{w.a.Code}, r)
		own := w.accept(t, w.a)
		w.accept(t, w.b)
		settle(t, func() bool {
			if _, err := webhook.New(db, nil).Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			return len(r.got) >= 1
		})
		if len(r.got) != 1 || r.got[0].Subject != own.Code {
			t.Fatalf("the client of A received %+v", r.got)
		}
	})
}

// TestTwoSendersDeliverEachEventOnce: two instances flushing at the same
// time deliver every event once (the store leases each delivery to one).
func TestTwoSendersDeliverEachEventOnce(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		r := &receiver{}
		w.subscribe(t, "Hộ tịch A", []string{w.a.Code}, r)
		for range 30 {
			w.accept(t, w.a)
		}
		// Flush until every event is out: on PostgreSQL the outbox holds back
		// messages while any older transaction runs (other tests' too).
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			var wg sync.WaitGroup
			for range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := webhook.New(db, nil).Flush(t.Context()); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			r.mu.Lock()
			n := len(r.got)
			r.mu.Unlock()
			if n >= 30 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		seen := map[string]int{}
		for _, e := range r.got {
			seen[e.ID]++
		}
		if len(r.got) != 30 || len(seen) != 30 {
			t.Fatalf("%d deliveries of %d events, want 30 of 30", len(r.got), len(seen))
		}
	})
}

// settle repeats try until it reports done, for up to 30 s: on PostgreSQL
// the outbox holds back messages while any older transaction runs, and
// other packages' tests share the server.
func settle(t *testing.T, try func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !try() && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
}

// queued waits until the webhook's delivery of the newest event is queued.
func queued(t *testing.T, db *store.DB, hook *store.Webhook) {
	t.Helper()
	settle(t, func() bool {
		if _, err := db.QueueDeliveries(t.Context()); err != nil {
			t.Fatal(err)
		}
		counts, err := db.DeliveryCounts(t.Context(), hook.ID)
		return err == nil && counts["pending"] >= 1
	})
}

// TestSubscriptionNarrowsTheScope: a client of the whole district may
// subscribe to one commune's events of one procedure only.
func TestSubscriptionNarrowsTheScope(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		if _, _, err := db.CreateClient(t.Context(), store.ClientSpec{Name: "Huyện", UnitCodes: []string{"000.00.99.W01"},
			Actions: []motcua.ClientAction{motcua.ClientWebhooks}}); err != nil {
			t.Fatal(err)
		}
		r := &receiver{}
		srv := httptest.NewServer(r)
		defer srv.Close()
		hook, err := db.CreateWebhook(t.Context(), "Huyện", srv.URL, store.WebhookFilter{UnitCodes: []string{w.b.Code},
			Procedures: []string{"1.001193"}, Types: []motcua.EventType{motcua.EventAccepted}})
		if err != nil {
			t.Fatal(err)
		}
		r.secret = hook.Secret
		w.accept(t, w.a)
		own := w.accept(t, w.b)
		settle(t, func() bool {
			if _, err := webhook.New(db, nil).Flush(t.Context()); err != nil {
				t.Fatal(err)
			}
			return len(r.got) >= 1
		})
		if len(r.got) != 1 || r.got[0].Subject != own.Code {
			t.Fatalf("the narrowed subscription received %+v", r.got)
		}
		if _, err := db.CreateWebhook(t.Context(), "Huyện", srv.URL, store.WebhookFilter{UnitCodes: []string{"không-có"}}); err == nil {
			t.Fatal("an unknown unit was taken")
		}
	})
}
