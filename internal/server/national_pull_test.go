package server_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestServerPullsNationalDossiers: a server given the national side's
// list (--dvcqg-pull) files, as it starts, a dossier filed on the national
// portal whose push never came, into the commune's online queue.
func TestServerPullsNationalDossiers(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		u := &motcua.Unit{Code: "000.21.99.P02", Name: "Xã B", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, u, "motcua.b")
		p := &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
			Documents:     []motcua.RequiredDocument{{Name: "Tờ khai đăng ký khai sinh", Kind: motcua.DocOriginal, Count: 1}},
			Steps:         []motcua.WorkflowStep{{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
			EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
		if err := db.CreateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		portal := dvcqgtest.Start(t, "dvcqg-token")
		portal.File(dvcqg.HoSoDen{MaHoSo: "G22.99-251218-0001", MaTTHC: p.Code, MaCoQuan: u.Code, ChuHoSo: "Lê Thị Lan", SoDienThoai: "0912000444",
			TaiLieuNop: []dvcqg.TaiLieuNop{{TenTepDinhKem: "Tờ khai đăng ký khai sinh",
				DuongDanTaiTepTin: portal.Offer("tk.pdf", []byte("%PDF-1.4\n% to khai\n%%EOF\n"))}}})

		cfg := server.DefaultConfig()
		cfg.Addr = "127.0.0.1:0"
		cfg.FilesDir = t.TempDir()
		cfg.DVCQG.Token, cfg.DVCQGPull = "dvcqg-token", portal.PullURL
		m := &server.Main{Config: cfg, DB: db, Stdout: io.Discard}
		if err := m.Run(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		deadline := time.Now().Add(10 * time.Second)
		var s *motcua.Submission
		for s == nil && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			var err error
			if s, err = db.NationalSubmission(ctx, "G22.99-251218-0001"); err != nil {
				t.Fatal(err)
			}
		}
		if s == nil || s.State != motcua.SubmissionPending || len(s.Files) != 1 {
			t.Fatalf("the pulled dossier: %+v", s)
		}
		q, err := db.SubmissionQueue(ctx, counter)
		if err != nil || len(q) != 1 || q[0].NationalCode != "G22.99-251218-0001" {
			t.Fatalf("the online queue: %+v, %v", q, err)
		}
	})
}

// TestNationalPullAddressChecked: --dvcqg-pull is checked as the other
// national addresses are.
func TestNationalPullAddressChecked(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.DVCQGPull = "http://dvcqg.example.gov.vn/hosoden"
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "--dvcqg-pull") {
		t.Errorf("plain http off loopback: %v", err)
	}
	cfg.DVCQGPull = "https://dvcqg.example.gov.vn/hosoden"
	if err := cfg.Validate(); err != nil {
		t.Errorf("an https address: %v", err)
	}
}
