package dvcqg_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
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

// TestInboundDossierLandsInTheOnlineQueueOnce: a dossier filed on the
// national portal, pushed signed with its file, lands in the commune's
// online queue with the file fetched; pushed again it is the same
// submission; a forged signature, a file link that does not resolve and an
// unknown procedure are refused with the reason and write nothing; the
// officer accepts the submission as any other.
func TestInboundDossierLandsInTheOnlineQueueOnce(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db.Now = time.Now // the signature's freshness is checked against the clock
		u := &motcua.Unit{Code: "000.21.99.D01", Name: "Xã A", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, u, "motcua.a")
		p := &motcua.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", Field: "Hộ tịch", Level: motcua.LevelCommune,
			Time: motcua.TimeLimit{Amount: 1, Unit: motcua.WorkingDays}, OnlineLevel: motcua.OnlinePartial,
			Documents:     []motcua.RequiredDocument{{Name: "Tờ khai đăng ký khai sinh", Kind: motcua.DocOriginal, Count: 1}},
			Steps:         []motcua.WorkflowStep{{Name: "Giải quyết", Role: motcua.RoleCounter, Unit: motcua.AtIntake, Minutes: 450}},
			EffectiveFrom: time.Date(2020, 1, 1, 0, 0, 0, 0, motcua.VN)}
		if err := db.CreateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		secret := []byte("bi-mat-chung-voi-cong-quoc-gia")
		fileStore := &files.Store{Dir: t.TempDir()}
		srv := httptest.NewServer(&dvcqg.Inbound{DB: db, Secret: secret, Files: fileStore})
		t.Cleanup(srv.Close)
		portal := dvcqgtest.Start(t, token)
		pdf := []byte("%PDF-1.4\n% to khai khai sinh\n%%EOF\n")
		h := dvcqg.HoSoDen{MaHoSo: "G22.99-251216-0001", MaTTHC: p.Code, MaCoQuan: u.Code, ChuHoSo: "Nguyễn Thị Hoa",
			SoDienThoai: "0912000111", DinhDanhCHS: []dvcqg.DinhDanh{{LoaiDinhDanh: "1", SoDinhDanh: "066190001234"}},
			TaiLieuNop: []dvcqg.TaiLieuNop{{TenTepDinhKem: "Tờ khai đăng ký khai sinh", DuongDanTaiTepTin: portal.Offer("to-khai.pdf", pdf)}}}
		queue := func() []*motcua.Submission {
			t.Helper()
			q, err := db.SubmissionQueue(ctx, counter)
			if err != nil {
				t.Fatal(err)
			}
			return q
		}

		status, first, err := portal.Push(srv.URL, secret, h)
		if err != nil || status != http.StatusOK || first.ErrorCode != "0" || first.SoTiepNhan == 0 {
			t.Fatalf("the push: %d %+v %v", status, first, err)
		}
		status, again, err := portal.Push(srv.URL, secret, h)
		if err != nil || status != http.StatusOK || again.SoTiepNhan != first.SoTiepNhan {
			t.Fatalf("pushed twice: %d %+v %v", status, again, err)
		}
		q := queue()
		if len(q) != 1 || q[0].ID != first.SoTiepNhan || q[0].Applicant.Name != "Nguyễn Thị Hoa" {
			t.Fatalf("the online queue: %+v", q)
		}
		sub, err := db.Submission(ctx, counter, first.SoTiepNhan)
		if err != nil || len(sub.Files) != 1 || sub.Files[0].Document != "Tờ khai đăng ký khai sinh" {
			t.Fatalf("the submission's files: %+v, %v", sub, err)
		}
		if f, err := fileStore.Open(sub.Files[0].SHA256); err != nil {
			t.Fatalf("the fetched file is not stored: %v", err)
		} else {
			f.Close()
		}

		forged := h
		forged.MaHoSo = "G22.99-251216-0002"
		if status, a, _ := portal.Push(srv.URL, []byte("doan-mo"), forged); status != http.StatusUnauthorized || a.ErrorCode != "signature" {
			t.Fatalf("a forged signature: %d %+v", status, a)
		}
		broken := forged
		broken.TaiLieuNop = []dvcqg.TaiLieuNop{{TenTepDinhKem: "Tờ khai đăng ký khai sinh", DuongDanTaiTepTin: portal.Offer("x.pdf", pdf) + "-mat"}}
		if status, a, _ := portal.Push(srv.URL, secret, broken); status != http.StatusUnprocessableEntity || !strings.Contains(a.Message, "Không tải được tệp") {
			t.Fatalf("a file link that does not resolve: %d %+v", status, a)
		}
		unknown := forged
		unknown.MaTTHC = "9.999999"
		if status, a, _ := portal.Push(srv.URL, secret, unknown); status != http.StatusUnprocessableEntity || !strings.Contains(a.Message, "9.999999") {
			t.Fatalf("an unknown procedure: %d %+v", status, a)
		}
		if q := queue(); len(q) != 1 {
			t.Fatalf("a refused push was written: %+v", q)
		}

		d, err := db.AcceptSubmission(ctx, counter, first.SoTiepNhan)
		if err != nil || d.Channel != motcua.ChannelOnline {
			t.Fatalf("accepting the national dossier: %+v, %v", d, err)
		}

		// Two more: one refused, one asked for additions; a local
		// submission asked for additions is no national record.
		pushed := map[string]int64{}
		for _, code := range []string{"G22.99-251216-0003", "G22.99-251216-0004"} {
			next := h
			next.MaHoSo = code
			if status, a, err := portal.Push(srv.URL, secret, next); err != nil || status != http.StatusOK {
				t.Fatalf("push %s: %d %+v %v", code, status, a, err)
			} else {
				pushed[code] = a.SoTiepNhan
			}
		}
		if err := db.RefuseSubmission(ctx, counter, pushed["G22.99-251216-0003"], "Không thuộc thẩm quyền của xã"); err != nil {
			t.Fatal(err)
		}
		if err := db.AskAdditions(ctx, counter, pushed["G22.99-251216-0004"], []string{"Giấy chứng sinh"}, ""); err != nil {
			t.Fatal(err)
		}
		local := &motcua.Submission{Key: "local", ProcedureID: p.ID, UnitID: u.ID, Delivery: motcua.DeliveryOnline,
			Applicant: motcua.Applicant{Name: "Lê Văn Sáu", Phone: "0912000222"},
			Files:     []motcua.SubmittedFile{{Document: "Tờ khai đăng ký khai sinh", FileName: "tk.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("ab", 32)}}}
		if err := db.Submit(ctx, motcua.Contact{Phone: "0912000222"}, local); err != nil {
			t.Fatal(err)
		}
		if err := db.AskAdditions(ctx, counter, local.ID, []string{"Giấy chứng sinh"}, ""); err != nil {
			t.Fatal(err)
		}
		portal.Know(p.Code, dvcqg.Procedure{MaxWorkingDays: 1})
		syncer := &dvcqg.Syncer{DB: db, URL: portal.URL, Token: token}
		if r, err := syncer.Sync(ctx); err != nil || r.Sent != 3 || r.Refused != 0 {
			t.Fatalf("the decisions back: %+v, %v", r, err)
		}
		for code, status := range map[string]string{"G22.99-251216-0001": "4", "G22.99-251216-0003": "3", "G22.99-251216-0004": "5"} {
			it, ok := portal.Held(code)
			if !ok || it.HoSo.TrangThaiHoSo != status {
				t.Errorf("%s at the national side: %v %+v; want status %s", code, ok, it.HoSo, status)
			}
		}
		if _, ok := portal.Held(d.Code); ok {
			t.Error("the national dossier went back under motcua's code")
		}
	})
}
