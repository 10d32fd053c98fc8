package e2e

import (
	"io"
	"net/http"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestShutdownFinishesRequestsInFlight: SIGTERM while a request's body is
// still arriving; the server stops taking new connections but answers that
// request in full, then exits cleanly.
func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	srv := startMotcua(t, buildMotcua(t), filepath.Join(t.TempDir(), "motcua.db"))

	body, feed := io.Pipe()
	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", "http://"+srv.addr+"/api/v1/sessions", body)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- -1
			return
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		answered <- res.StatusCode
	}()
	feed.Write([]byte(`{"username": "khong-co",`))
	time.Sleep(200 * time.Millisecond) // the request is in the handler, reading its body
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if _, err := http.Get("http://" + srv.addr + "/healthz"); err == nil {
		t.Error("a new connection was taken after SIGTERM")
	}
	feed.Write([]byte(` "password": "sai-mat-khau-roi"}`))
	feed.Close()
	if status := <-answered; status != http.StatusUnauthorized {
		t.Fatalf("the request in flight got %d, want its full answer (401)", status)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.cmd.Wait() }()
	select {
	case err := <-exited:
		srv.cmd = nil
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(25 * time.Second):
		t.Fatal("the server did not exit after SIGTERM")
	}
}
