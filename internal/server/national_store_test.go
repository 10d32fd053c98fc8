package server_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/khodl/khodltest"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestNationalStoreAddressChecked: --kho-du-lieu must be an https address
// (plain http only on loopback: a token and identity numbers go there);
// a refusal says so in Vietnamese and English.
func TestNationalStoreAddressChecked(t *testing.T) {
	for _, c := range []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"https://kho.dichvucong.gov.vn/api", true},
		{"http://127.0.0.1:8089/kho", true},
		{"http://localhost:8089", true},
		{"http://kho.dichvucong.gov.vn/api", false},
		{"kho.dichvucong.gov.vn", false},
		{"https://user:pass@kho.dichvucong.gov.vn", false},
		{"https://kho.dichvucong.gov.vn/api?token=x", false},
	} {
		cfg := server.DefaultConfig()
		cfg.NationalStore.URL = c.url
		err := cfg.Validate()
		if (err == nil) != c.ok {
			t.Errorf("--kho-du-lieu %q: %v", c.url, err)
		}
		if err != nil && !(strings.Contains(err.Error(), "--kho-du-lieu") && strings.Contains(err.Error(), "cần địa chỉ") && strings.Contains(err.Error(), "want an address")) {
			t.Errorf("the refusal of %q does not say so in both languages: %v", c.url, err)
		}
	}
}

// TestServerPushesResultsToTheNationalStore: a server configured with the
// national data store pushes the results already issued as it starts,
// with its token and links on its own public address.
func TestServerPushesResultsToTheNationalStore(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		db.Now = func() time.Time { return time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN) }
		u := &motcua.Unit{Code: "000.21.99.P01", Name: "Xã A", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, u, "motcua.a")
		proc := sample.CounterProcedure(t, db, "1.001193", "Đăng ký khai sinh", "Hộ tịch")
		d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: proc.ID, UnitID: u.ID, Channel: motcua.ChannelCounter,
			Applicant: motcua.Applicant{Name: "Trần Văn Bé", IDNumber: "067012345678"}, Sets: 1})
		if err != nil {
			t.Fatal(err)
		}
		file := &motcua.SubmittedFile{FileName: "ks.pdf", ContentType: "application/pdf", Size: 10, SHA256: strings.Repeat("cd", 32)}
		if _, err := db.ActIssuing(ctx, counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady},
			store.ResultIssue{File: file}); err != nil {
			t.Fatal(err)
		}

		kho := khodltest.Start(t, "kho-token")
		cfg := server.DefaultConfig()
		cfg.Addr = "127.0.0.1:0"
		cfg.NationalStore = server.Endpoint{URL: kho.URL + "/", Token: "kho-token"}
		m := &server.Main{Config: cfg, DB: db, Stdout: io.Discard}
		if err := m.Run(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		deadline := time.Now().Add(10 * time.Second)
		for len(kho.Pushed()) == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		pushed := kho.Pushed()
		if len(pushed) != 1 || !strings.HasPrefix(pushed[0].Link, m.URL()+"/xac-minh?ma=KQ-") || pushed[0].DossierCode != d.Code {
			t.Fatalf("the store holds %+v (server at %s)", pushed, m.URL())
		}
	})
}
