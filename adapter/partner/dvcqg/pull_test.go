package dvcqg_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/internal/files"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// logBuffer is a log both the inbound server and the test touch.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// inboundWorld is a commune with a counter officer, one procedure, the
// inbound endpoint over HTTP and the national side's simulator.
type inboundWorld struct {
	db      *store.DB
	counter *motcua.Actor
	unit    *motcua.Unit
	proc    *motcua.Procedure
	secret  []byte
	files   *files.Store
	inbound *httptest.Server
	in      *dvcqg.Inbound
	portal  *dvcqgtest.Portal
	log     *logBuffer
}

func newInboundWorld(t *testing.T, db *store.DB) *inboundWorld {
	t.Helper()
	db.Now = time.Now // the signature's freshness is checked against the clock
	w := &inboundWorld{db: db, secret: []byte("bi-mat-chung-voi-cong-quoc-gia"), files: &files.Store{Dir: t.TempDir()}, log: &logBuffer{}}
	w.unit = &motcua.Unit{Code: "000.21.99.D02", Name: "Xã B", Kind: motcua.UnitCommune}
	w.counter = sample.CounterDesk(t, db, w.unit, "motcua.b")
	w.proc = &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
		Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
		Documents:     []motcua.RequiredDocument{{Name: "Tờ khai đăng ký khai sinh", Kind: motcua.DocOriginal, Count: 1}},
		Steps:         []motcua.WorkflowStep{{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
		EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
	if err := db.CreateProcedure(t.Context(), w.proc); err != nil {
		t.Fatal(err)
	}
	w.in = &dvcqg.Inbound{DB: db, Secret: w.secret, Files: w.files, Log: slog.New(slog.NewTextHandler(w.log, nil))}
	w.inbound = httptest.NewServer(w.in)
	t.Cleanup(w.inbound.Close)
	w.portal = dvcqgtest.Start(t, token)
	w.portal.Know(w.proc.Code, dvcqg.Procedure{MaxWorkingDays: 1})
	return w
}

// dossier is a birth registration filed nationally under code, with its
// form offered by the national side.
func (w *inboundWorld) dossier(code string) dvcqg.HoSoDen {
	pdf := []byte("%PDF-1.4\n% to khai " + code + "\n%%EOF\n")
	return dvcqg.HoSoDen{MaHoSo: code, MaTTHC: w.proc.Code, MaCoQuan: w.unit.Code, ChuHoSo: "Trần Thị Mai",
		SoDienThoai: "0912000333", DinhDanhCHS: []dvcqg.DinhDanh{{LoaiDinhDanh: "1", SoDinhDanh: "066190005678"}},
		TaiLieuNop: []dvcqg.TaiLieuNop{{TenTepDinhKem: "Tờ khai đăng ký khai sinh", DuongDanTaiTepTin: w.portal.Offer(code+".pdf", pdf)}}}
}

func (w *inboundWorld) push(t *testing.T, h dvcqg.HoSoDen) dvcqg.InboundAnswer {
	t.Helper()
	status, a, err := w.portal.Push(w.inbound.URL, w.secret, h)
	if err != nil || status != http.StatusOK || a.ErrorCode != "0" || a.SoTiepNhan == 0 {
		t.Fatalf("push %s: %d %+v %v", h.MaHoSo, status, a, err)
	}
	return a
}

func (w *inboundWorld) submission(t *testing.T, code string) *motcua.Submission {
	t.Helper()
	s, err := w.db.NationalSubmission(t.Context(), code)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (w *inboundWorld) queueLen(t *testing.T) int {
	t.Helper()
	q, err := w.db.SubmissionQueue(t.Context(), w.counter)
	if err != nil {
		t.Fatal(err)
	}
	return len(q)
}

// TestInboundRoundTripPushAndPull: three dossiers filed on the national
// portal, two pushed (one of them twice) and the third's push lost, all
// three pulled: three submissions, one per national code, the cursor kept.
// The officer accepts one, refuses one, asks additions of the third; the
// sync puts 4, 3 and 5 at the national side; the citizen completes the
// third nationally, it is pushed again with the addition, accepted, and
// the national side holds 4. Pulled again, nothing changes.
func TestInboundRoundTripPushAndPull(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		w := newInboundWorld(t, db)
		codes := []string{"G22.99-251217-0001", "G22.99-251217-0002", "G22.99-251217-0003"}
		filed := map[string]dvcqg.HoSoDen{}
		for _, c := range codes {
			filed[c] = w.dossier(c)
			w.portal.File(filed[c])
		}
		first := w.push(t, filed[codes[0]])
		if again := w.push(t, filed[codes[0]]); again.SoTiepNhan != first.SoTiepNhan {
			t.Fatalf("pushed twice: %d then %d", first.SoTiepNhan, again.SoTiepNhan)
		}
		w.push(t, filed[codes[1]]) // the third's push is lost

		puller := &dvcqg.Puller{In: w.in, URL: w.portal.PullURL, Token: token, Page: 2, Log: w.in.Log}
		r, err := puller.Pull(ctx)
		if err != nil || r.Pages != 2 || r.Filed != 3 || r.Refused != 0 {
			t.Fatalf("the pull: %+v, %v", r, err)
		}
		if n := w.queueLen(t); n != 3 {
			t.Fatalf("pushed and pulled, the queue holds %d submissions; want 3", n)
		}
		if w.submission(t, codes[0]).ID != first.SoTiepNhan {
			t.Fatal("the pulled dossier is not the pushed one")
		}
		if cur, err := db.NationalPullCursor(ctx, w.portal.PullURL); err != nil || cur != "3" {
			t.Fatalf("the cursor kept: %q, %v", cur, err)
		}
		pages := w.portal.Pulls()
		if r, err := puller.Pull(ctx); err != nil || r.Filed != 0 || w.portal.Pulls() != pages+1 {
			t.Fatalf("pulled again from the cursor: %+v, %v", r, err)
		}

		ids := map[string]int64{}
		for _, c := range codes {
			ids[c] = w.submission(t, c).ID
		}
		if _, err := db.AcceptSubmission(ctx, w.counter, ids[codes[0]]); err != nil {
			t.Fatal(err)
		}
		if err := db.RefuseSubmission(ctx, w.counter, ids[codes[1]], "Không thuộc thẩm quyền của xã"); err != nil {
			t.Fatal(err)
		}
		if err := db.AskAdditions(ctx, w.counter, ids[codes[2]], []string{"Giấy chứng sinh"}, ""); err != nil {
			t.Fatal(err)
		}
		syncer := &dvcqg.Syncer{DB: db, URL: w.portal.URL, Token: token}
		w.syncAndExpect(t, syncer, map[string]string{codes[0]: "4", codes[1]: "3", codes[2]: "5"})

		completed := filed[codes[2]]
		completed.TaiLieuNop = append(completed.TaiLieuNop, dvcqg.TaiLieuNop{TenTepDinhKem: "Giấy chứng sinh",
			DuongDanTaiTepTin: w.portal.Offer("chung-sinh.pdf", []byte("%PDF-1.4\n% giay chung sinh\n%%EOF\n"))})
		if a := w.push(t, completed); a.SoTiepNhan != ids[codes[2]] {
			t.Fatalf("the additions came as submission %d; want %d", a.SoTiepNhan, ids[codes[2]])
		}
		s := w.submission(t, codes[2])
		if s.State != motcua.SubmissionPending || len(s.Files) != 2 || s.Files[1].Document != "Giấy chứng sinh" {
			t.Fatalf("the completed dossier: %s, %+v", s.State, s.Files)
		}
		if _, err := db.AcceptSubmission(ctx, w.counter, ids[codes[2]]); err != nil {
			t.Fatal(err)
		}
		w.syncAndExpect(t, syncer, map[string]string{codes[0]: "4", codes[1]: "3", codes[2]: "4"})

		if err := db.SetNationalPullCursor(ctx, w.portal.PullURL, ""); err != nil {
			t.Fatal(err)
		}
		if r, err := puller.Pull(ctx); err != nil || r.Filed != 3 || w.queueLen(t) != 0 {
			t.Fatalf("pulled again from the start: %+v, %v, queue %d", r, err, w.queueLen(t))
		}
		for _, c := range codes {
			if s := w.submission(t, c); s.ID != ids[c] || s.State == motcua.SubmissionPending {
				t.Errorf("%s pulled again: submission %d in %s", c, s.ID, s.State)
			}
		}
	})
}

func (w *inboundWorld) syncAndExpect(t *testing.T, syncer *dvcqg.Syncer, want map[string]string) {
	t.Helper()
	if r, err := syncer.Sync(t.Context()); err != nil || r.Refused != 0 {
		t.Fatalf("the sync: %+v, %v", r, err)
	}
	for code, status := range want {
		it, ok := w.portal.Held(code)
		if !ok || it.HoSo.TrangThaiHoSo != status {
			t.Errorf("%s at the national side: %v, TrangThaiHoSo %q; want %s", code, ok, it.HoSo.TrangThaiHoSo, status)
		}
	}
}

// TestInboundRefusalsWriteNothing: pushed or pulled, a forged signature, an
// unknown procedure and a file link that does not resolve are refused
// with the reason, logged, and leave no submission; a file server that
// fails for a while, or the national list's outage, stops the pull with
// the cursor where it was, and the next round files the dossier.
func TestInboundRefusalsWriteNothing(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		w := newInboundWorld(t, db)
		nothing := func(code string) {
			t.Helper()
			if s := w.submission(t, code); s != nil {
				t.Errorf("%s was written: submission %d", code, s.ID)
			}
		}

		forged := w.dossier("G22.99-251217-0101")
		if status, a, _ := w.portal.Push(w.inbound.URL, []byte("doan-mo"), forged); status != http.StatusUnauthorized || a.ErrorCode != "signature" {
			t.Fatalf("a forged signature: %d %+v", status, a)
		}
		if !strings.Contains(w.log.String(), "national push refused") {
			t.Errorf("the forged push is not logged: %s", w.log)
		}
		nothing(forged.MaHoSo)

		unknown := w.dossier("G22.99-251217-0102")
		unknown.MaTTHC = "9.999999"
		if status, a, _ := w.portal.Push(w.inbound.URL, w.secret, unknown); status != http.StatusUnprocessableEntity || !strings.Contains(a.Message, "9.999999") {
			t.Fatalf("an unknown procedure: %d %+v", status, a)
		}
		nothing(unknown.MaHoSo)

		broken := w.dossier("G22.99-251217-0103") // its first file fetches, its second does not
		broken.TaiLieuNop = append(broken.TaiLieuNop, dvcqg.TaiLieuNop{TenTepDinhKem: "Giấy chứng sinh", DuongDanTaiTepTin: w.portal.Offer("cs.pdf", nil) + "-khong-co"})
		if status, a, _ := w.portal.Push(w.inbound.URL, w.secret, broken); status != http.StatusUnprocessableEntity || !strings.Contains(a.Message, "Không tải được tệp") {
			t.Fatalf("a file link that does not resolve: %d %+v", status, a)
		}
		nothing(broken.MaHoSo)

		// Pulled, the same two are refused for good: logged, passed.
		w.portal.File(unknown)
		w.portal.File(broken)
		puller := &dvcqg.Puller{In: w.in, URL: w.portal.PullURL, Token: token, Log: w.in.Log}
		if r, err := puller.Pull(ctx); err != nil || r.Refused != 2 || r.Filed != 0 {
			t.Fatalf("pulling what is refused: %+v, %v", r, err)
		}
		if !strings.Contains(w.log.String(), "pulled national dossier refused") || !strings.Contains(w.log.String(), "9.999999") {
			t.Errorf("the pulled refusals are not logged with the reason: %s", w.log)
		}
		nothing(unknown.MaHoSo)
		nothing(broken.MaHoSo)

		// A file server down for a while: the round stops before the
		// dossier, the cursor stays, the next round files it.
		var up sync.Mutex
		serving := false
		flaky := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			up.Lock()
			defer up.Unlock()
			if !serving {
				http.Error(rw, "busy", http.StatusServiceUnavailable)
				return
			}
			_, _ = rw.Write([]byte("%PDF-1.4\n% flaky\n%%EOF\n"))
		}))
		t.Cleanup(flaky.Close)
		late := w.dossier("G22.99-251217-0104")
		late.TaiLieuNop[0].DuongDanTaiTepTin = flaky.URL + "/to-khai.pdf"
		w.portal.File(late)
		if _, err := puller.Pull(ctx); err == nil || !strings.Contains(err.Error(), late.MaHoSo) {
			t.Fatalf("a file server that fails: %v", err)
		}
		if cur, _ := db.NationalPullCursor(ctx, w.portal.PullURL); cur != "2" {
			t.Fatalf("the cursor moved past a dossier not filed: %q", cur)
		}
		nothing(late.MaHoSo)
		if status, a, _ := w.portal.Push(w.inbound.URL, w.secret, late); status != http.StatusServiceUnavailable || a.ErrorCode != "retry" {
			t.Fatalf("pushed while its file server fails: %d %+v", status, a)
		}
		nothing(late.MaHoSo)
		w.portal.Down(true)
		if _, err := puller.Pull(ctx); err == nil || !strings.Contains(err.Error(), "503") {
			t.Fatalf("the national list's outage: %v", err)
		}
		w.portal.Down(false)
		up.Lock()
		serving = true
		up.Unlock()
		if r, err := puller.Pull(ctx); err != nil || r.Filed != 1 {
			t.Fatalf("after the outage: %+v, %v", r, err)
		}
		if s := w.submission(t, late.MaHoSo); s == nil || s.State != motcua.SubmissionPending {
			t.Fatalf("the dossier after the outage: %+v", s)
		}
		if cur, _ := db.NationalPullCursor(ctx, w.portal.PullURL); cur != "3" {
			t.Fatalf("the cursor after the outage: %q", cur)
		}
	})
}

// TestPullBacksOff: the waits after failed rounds double from Backoff up
// to MaxBackoff.
func TestPullBacksOff(t *testing.T) {
	p := &dvcqg.Puller{}
	// 30 s × 2⁶ = 32 min; × 2⁷ = 64 min, past the limit.
	for fails, want := range map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 7: 32 * time.Minute, 8: time.Hour, 20: time.Hour} {
		if got := p.BackoffAfter(fails); got != want {
			t.Errorf("after %d failed rounds: %s; want %s", fails, got, want)
		}
	}
	p = &dvcqg.Puller{Backoff: time.Second, MaxBackoff: 5 * time.Second}
	if got := p.BackoffAfter(4); got != 5*time.Second {
		t.Errorf("capped: %s", got)
	}
}
