package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// TestCrashLosesNoAcknowledgedAction kills the real server with SIGKILL
// again and again while officers accept dossiers and record results
// through the API. Afterwards every answer the clients got is in the
// ledger, no code was given twice (retries carry an Idempotency-Key), the
// projections equal a replay of the ledger and the audit chain is whole.
func TestCrashLosesNoAcknowledgedAction(t *testing.T) {
	bin := buildMotcua(t)
	t.Run("sqlite", func(t *testing.T) { crashRun(t, bin, filepath.Join(t.TempDir(), "motcua.db")) })
	if dsn := pgtest.DSN(); dsn != "" {
		t.Run("postgres", func(t *testing.T) {
			scoped, _ := pgtest.Schema(t, dsn)
			crashRun(t, bin, scoped)
		})
	}
}

// crashWorld is what the clients need: a unit, a procedure an officer
// both accepts and decides, the officer.
type crashWorld struct {
	unitID, procedureID int64
	username            string
}

func crashSetup(t *testing.T, dsn string) crashWorld {
	db, err := store.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u := &motcua.Unit{Code: "000.21.99.K01", Name: "Xã Thử Tải", Kind: motcua.UnitCommune}
	counter := sample.CounterDesk(t, db, u, "can.bo.mot.cua")
	p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
	return crashWorld{unitID: u.ID, procedureID: p.ID, username: counter.User.Username}
}

// acked is what a client was told: the dossier and the version it reached.
type acked struct {
	code    string
	version int
}

func crashRun(t *testing.T, bin, dsn string) {
	w := crashSetup(t, dsn)
	srv := startMotcua(t, bin, dsn)
	token := srv.login(w.username)

	var mu sync.Mutex
	told := map[string]int{} // code → highest acknowledged version
	ack := func(a acked) {
		mu.Lock()
		defer mu.Unlock()
		told[a.code] = max(told[a.code], a.version)
	}
	ctx, stop := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Go(func() { srv.officer(ctx, token, w, c, ack) })
	}
	const kills = 8
	for range kills {
		time.Sleep(time.Duration(300+srv.rand(400)) * time.Millisecond)
		srv.kill()
		srv.start()
	}
	time.Sleep(300 * time.Millisecond)
	stop()
	wg.Wait()
	srv.kill()

	db, err := store.Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if len(told) < kills {
		t.Fatalf("only %d dossiers acknowledged across %d crashes: the load did not run", len(told), kills)
	}
	for code, version := range told {
		row, err := storetest.DossierByCode(t.Context(), db, code)
		if got := row.Version; err != nil || got < version {
			t.Errorf("%s: acknowledged at version %d, stored %d (%v)", code, version, got, err)
		}
	}
	c, err := db.CheckLedger(t.Context())
	if err != nil || len(c.Problems) != 0 {
		t.Fatalf("after %d crashes, %d dossiers: %v %v", kills, c.Dossiers, c.Problems, err)
	}
	a, err := db.VerifyAudit(t.Context(), nil)
	if err != nil || len(a.Problems) != 0 {
		t.Fatalf("audit after crashes: %v %v", a.Problems, err)
	}
	t.Logf("%d crashes: %d dossiers acknowledged, %d in the ledger, %d audit entries", kills, len(told), c.Dossiers, a.Entries)
}

// officer accepts dossiers and records their results until ctx ends. An
// intake that got no answer is retried with the same Idempotency-Key
// until it gets one; an action that got none is read back, not guessed.
func (s *crashServer) officer(ctx context.Context, token string, w crashWorld, n int, ack func(acked)) {
	for i := 0; ctx.Err() == nil; i++ {
		key := fmt.Sprintf("crash-%d-%d", n, i)
		body := map[string]any{"procedure_id": w.procedureID, "unit_id": w.unitID, "channel": "counter", "sets": 1,
			"applicant": map[string]any{"name": fmt.Sprintf("Người nộp %d-%d", n, i)},
			"documents": []map[string]any{{"name": "Bản chính", "kind": "original", "count": 1}}}
		var d struct {
			Code    string
			Version int
		}
		for ctx.Err() == nil {
			status, err := s.call(token, "POST", "/api/v1/dossiers", key, body, &d)
			if err == nil && (status == http.StatusCreated || status == http.StatusOK) {
				break
			}
			if err == nil && status < 500 {
				s.t.Errorf("intake: status %d", status)
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		if ctx.Err() != nil {
			return
		}
		ack(acked{d.Code, d.Version})
		status, err := s.call(token, "POST", "/api/v1/dossiers/"+d.Code+"/actions", "", map[string]any{"type": "result_ready", "version": d.Version}, &d)
		if err == nil && status == http.StatusOK {
			ack(acked{d.Code, d.Version})
		}
	}
}

// buildMotcua builds the motcua binary into the test's directory, as an
// operator would; the tests that run it are skipped in -short.
func buildMotcua(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the server binary: not in -short")
	}
	bin := filepath.Join(t.TempDir(), "motcua")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/motcua").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startMotcua runs bin serving dsn on a free loopback port until it is
// killed or the test ends.
func startMotcua(t *testing.T, bin, dsn string) *crashServer {
	t.Helper()
	srv := &crashServer{t: t, bin: bin, dsn: dsn, addr: freeAddr(t)}
	srv.start()
	t.Cleanup(srv.kill)
	return srv
}

// crashServer is the motcua binary serving dsn, started and killed.
type crashServer struct {
	t        *testing.T
	bin, dsn string
	addr     string
	cmd      *exec.Cmd
	mu       sync.Mutex
	seed     uint64
}

func (s *crashServer) start() {
	s.t.Helper()
	cmd := exec.Command(s.bin, "serve", "--db", s.dsn, "--addr", s.addr)
	if testing.Verbose() {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = cmd
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		res, err := http.Get("http://" + s.addr + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the server did not become ready: %v", err)
		}
	}
}

func (s *crashServer) kill() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
	s.cmd = nil
}

func (s *crashServer) rand(n int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seed = s.seed*6364136223846793005 + 1442695040888963407
	return int(s.seed>>33) % n
}

func (s *crashServer) login(username string) string {
	var out struct{ Token string }
	if status, err := s.call("", "POST", "/api/v1/sessions", "", map[string]string{"username": username, "password": sample.Password}, &out); err != nil || status != http.StatusCreated {
		s.t.Fatalf("login: %d %v", status, err)
	}
	return out.Token
}

// call sends a JSON request; err is a transport failure (the server died).
func (s *crashServer) call(token, method, path, key string, body, out any) (int, error) {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, "http://"+s.addr+path, bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode < 300 {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			return 0, err // cut off mid-answer: no acknowledgement
		}
	}
	return res.StatusCode, nil
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
