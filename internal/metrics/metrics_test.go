package metrics_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/metrics"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestMetricsCountRequestsAndTheLedger scrapes a real server: requests are
// counted by the route the mux chose, the ledger's figures come from the
// database, and /metrics answers other hosts only with the token.
func TestMetricsCountRequestsAndTheLedger(t *testing.T) {
	db, err := store.Open(t.Context(), t.TempDir()+"/motcua.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := &motcua.Unit{Code: "000.21.99.M01", Name: "Xã Đo Lường", Kind: motcua.UnitCommune}
	if err := db.CreateUnit(t.Context(), u); err != nil {
		t.Fatal(err)
	}
	user := &motcua.User{Username: "motcua.m", FullName: "Cán bộ", Grants: []motcua.Grant{{Role: motcua.RoleCounter, UnitID: u.ID}}}
	if err := db.CreateUser(t.Context(), user, "mat-khau-do-luong"); err != nil {
		t.Fatal(err)
	}
	counter, _ := db.Actor(t.Context(), user.ID)
	p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực", "Chứng thực")
	for range 3 {
		if _, err := db.Accept(t.Context(), counter, motcua.Intake{ProcedureID: p.ID, UnitID: u.ID, Channel: motcua.ChannelCounter, Sets: 1,
			Applicant: motcua.Applicant{Name: "Nguyễn Văn An"}}); err != nil {
			t.Fatal(err)
		}
	}
	m := metrics.New(db, time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ping/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	m.Register(mux, "bi-mat")
	srv := httptest.NewServer(m.Middleware(mux))
	defer srv.Close()
	for _, path := range []string{"/ping/1", "/ping/2", "/khong-co"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	res, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	for _, want := range []string{`motcua_http_requests_total{code="418",route="GET /ping/{id}"} 2`, `motcua_http_requests_total{code="404",route="unmatched"} 1`,
		`motcua_dossiers{state="processing"} 3`, `motcua_dossiers_due_soon`, `motcua_audit_entries`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}

	// A request a local proxy forwarded is not loopback's.
	forwarded := httptest.NewRequest("GET", "/metrics", nil)
	forwarded.RemoteAddr = "127.0.0.1:4000"
	forwarded.Header.Set("X-Forwarded-For", "203.0.113.9")
	proxied := httptest.NewRecorder()
	mux.ServeHTTP(proxied, forwarded)
	if proxied.Code != http.StatusForbidden {
		t.Fatalf("a request forwarded by a local proxy: %d", proxied.Code)
	}

	// Another host: only with the token.
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = "203.0.113.9:4000"
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("another host without the token: %d", rec.Code)
	}
	req.Header.Set("Authorization", "Bearer bi-mat")
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("another host with the token: %d", rec.Code)
	}
}
