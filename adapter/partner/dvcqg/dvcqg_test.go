package dvcqg_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/dvcqg"
	"github.com/motcua/motcua/adapter/partner/dvcqg/dvcqgtest"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestStatusChangesReachThePortal: a dossier accepted, resolved and
// returned reaches the portal as statuses 2, 9 and 10 in its field names,
// each once, although the portal refused the first batch.
func TestStatusChangesReachThePortal(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		now := time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)
		db.Now = func() time.Time { return now }
		u := &motcua.Unit{Code: "000.21.99.D01", Name: "Xã A", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, u, "motcua.a")
		p := sample.CounterProcedure(t, db, "1.004227", "Chứng thực bản sao từ bản chính", "Chứng thực")
		if _, _, err := db.CreateClient(ctx, store.ClientSpec{Name: "Cổng DVC quốc gia", UnitCodes: []string{u.Code},
			Actions: []motcua.ClientAction{motcua.ClientRead, motcua.ClientEvents}}); err != nil {
			t.Fatal(err)
		}
		d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: p.ID, UnitID: u.ID, Channel: motcua.ChannelOnline,
			Applicant: motcua.Applicant{Name: "Nguyễn Văn An"}, Sets: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, typ := range []motcua.EventType{motcua.EventResultReady, motcua.EventResultReturned} {
			now = now.Add(time.Hour)
			if d, err = db.Act(ctx, counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: typ}); err != nil {
				t.Fatal(err)
			}
		}
		portal := dvcqgtest.Start(t, "bi-mat")
		pub := &dvcqg.Publisher{DB: db, Client: "Cổng DVC quốc gia", URL: portal.URL, Token: "bi-mat"}
		portal.FailNext(1)
		// On PostgreSQL the feed holds back while any older transaction runs
		// (other packages' tests too): publish until there is a batch to refuse.
		refused := false
		for deadline := time.Now().Add(30 * time.Second); !refused && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			_, err := pub.Publish(ctx)
			refused = err != nil
		}
		if !refused || len(portal.Records()) != 0 {
			t.Fatalf("a refused batch was taken as sent (%d records)", len(portal.Records()))
		}
		for deadline := time.Now().Add(30 * time.Second); len(portal.Records()) < 3 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			if _, err := pub.Publish(ctx); err != nil {
				t.Fatal(err)
			}
		}
		got := portal.Records()
		if len(got) != 3 {
			t.Fatalf("the portal took %d records: %+v", len(got), got)
		}
		for i, want := range []int{2, 9, 10} {
			r := got[i]
			if r.TrangThaiHoSo != want || r.MaHoSo != d.Code || r.MaTTHC != "1.004227" || r.KenhThucHien != 2 || r.ChuHoSo != "Nguyễn Văn An" ||
				r.NgayTiepNhan != "20240304090000" || r.MaCoQuan != u.Code {
				t.Fatalf("record %d: %+v", i, r)
			}
		}
		if _, err := pub.Publish(ctx); err != nil || len(portal.Records()) != 3 {
			t.Fatalf("published again: %d records, %v", len(portal.Records()), err)
		}
	})
}
