package hotich_test

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner"
	"github.com/motcua/motcua/adapter/partner/hotich"
	"github.com/motcua/motcua/adapter/partner/hotich/hotichtest"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestBirthRegistrationRoundTrip: the one-stop of commune A accepts a birth
// registration; the bridge forwards it to the civil-status registry (the
// applicant as typed at the counter, nothing typed again); the registry
// issues the certificate; the bridge records the result and the dossier
// is result-ready. A dossier of another procedure, and one of commune B
// outside the partner's scope, are not forwarded.
func TestBirthRegistrationRoundTrip(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		now := time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)
		db.Now = func() time.Time { return now }
		district := &motcua.Unit{Code: "000.00.99.P01", Name: "Huyện Thử", Kind: motcua.UnitDistrict}
		if err := db.CreateUnit(ctx, district); err != nil {
			t.Fatal(err)
		}
		a := &motcua.Unit{Code: "000.21.99.P01", Name: "Xã A", Kind: motcua.UnitCommune, ParentID: district.ID}
		b := &motcua.Unit{Code: "000.22.99.P01", Name: "Xã B", Kind: motcua.UnitCommune, ParentID: district.ID}
		counters := map[int64]*motcua.Actor{}
		for _, u := range []*motcua.Unit{a, b} {
			counter := sample.CounterDesk(t, db, u, "motcua."+u.Code) // creates u: its ID is known after
			counters[u.ID] = counter
		}
		procs := map[string]*motcua.Procedure{}
		for code, name := range map[string]string{"1.001193": "Đăng ký khai sinh", "1.004227": "Chứng thực bản sao từ bản chính"} {
			procs[code] = sample.CounterProcedure(t, db, code, name, "Hộ tịch")
		}
		accept := func(u *motcua.Unit, code, name string) *motcua.Dossier {
			d, err := db.Accept(ctx, counters[u.ID], motcua.Intake{ProcedureID: procs[code].ID, UnitID: u.ID, Channel: motcua.ChannelCounter,
				Applicant: motcua.Applicant{Name: name, Address: "Thôn 3, xã A"}, Sets: 1})
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		if _, _, err := db.CreateClient(ctx, store.ClientSpec{Name: "Hộ tịch tỉnh", UnitCodes: []string{a.Code},
			Actions: []motcua.ClientAction{motcua.ClientRead, motcua.ClientEvents, motcua.ClientResult}}); err != nil {
			t.Fatal(err)
		}
		registry := hotichtest.Start(t)
		bridge := &partner.Bridge{DB: db, Client: "Hộ tịch tỉnh", Adapter: &hotich.Adapter{Base: registry.URL}}

		birth := accept(a, "1.001193", "Trần Văn Bé")
		accept(a, "1.004227", "Lê Thị Sao")
		accept(b, "1.001193", "Ngoài Phạm Vi")
		// On PostgreSQL the feed holds back while any older transaction
		// runs (other tests' too): sync until the dossier is out.
		deadline := time.Now().Add(30 * time.Second)
		for len(registry.Records()) == 0 && time.Now().Before(deadline) {
			if _, _, err := bridge.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(20 * time.Millisecond)
		}
		records := registry.Records()
		rec, ok := records[birth.Code]
		if len(records) != 1 || !ok || rec["ho_ten"] != "Trần Văn Bé" || rec["loai"] != "KS" || rec["ma_don_vi"] != a.Code {
			t.Fatalf("the registry holds %v", records)
		}
		if _, decided, err := bridge.Sync(ctx); err != nil || decided != 0 {
			t.Fatalf("a result before the registry decided: %d, %v", decided, err)
		}
		if !registry.Issue(birth.Code, "123/2024/KS") {
			t.Fatal("no record to issue")
		}
		now = now.Add(3 * time.Hour)
		forwarded, decided, err := bridge.Sync(ctx)
		if err != nil || forwarded != 0 || decided != 1 {
			t.Fatalf("after the registry issued: forwarded %d, decided %d, %v", forwarded, decided, err)
		}
		d, _, _, err := db.History(ctx, counters[a.ID], birth.ID)
		if err != nil || d.State != motcua.StateResultReady {
			t.Fatalf("the dossier is %s (%v)", d.State, err)
		}
		if _, decided, err := bridge.Sync(ctx); err != nil || decided != 0 || len(registry.Records()) != 1 {
			t.Fatalf("a second sync: decided %d, records %d, %v", decided, len(registry.Records()), err)
		}
	})
}
