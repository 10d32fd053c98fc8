package khodl_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/partner/khodl"
	"github.com/motcua/motcua/adapter/partner/khodl/khodltest"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
)

// TestPusherSendsIssuedResults (indicator 4.4): commune A issues electronic
// results; the pusher sends each one's verification link to the
// applicant's national data store. A result the store refuses does not
// hold back the next one and is tried again after its wait; once taken, a
// result is not sent again; while the store is down one try ends the
// round. Errors name the results, never the identity numbers.
func TestPusherSendsIssuedResults(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		now := time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)
		db.Now = func() time.Time { return now }
		a := &motcua.Unit{Code: "000.21.99.P01", Name: "Xã A", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, a, "motcua.a")
		proc := sample.CounterProcedure(t, db, "1.001193", "Đăng ký khai sinh", "Hộ tịch")
		issue := func(idNumber string, b byte) (dossier, code, sha string) {
			t.Helper()
			d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: proc.ID, UnitID: a.ID, Channel: motcua.ChannelCounter,
				Applicant: motcua.Applicant{Name: "Trần Văn Bé", IDNumber: idNumber}, Sets: 1})
			if err != nil {
				t.Fatal(err)
			}
			sha = strings.Repeat(string([]byte{b, b}), 32)
			file := &motcua.SubmittedFile{FileName: "giay-khai-sinh.pdf", ContentType: "application/pdf", Size: 4096, SHA256: sha}
			if _, err := db.ActIssuing(ctx, counter, motcua.Action{DossierID: d.ID, Version: d.Version, Type: motcua.EventResultReady},
				store.ResultIssue{File: file}); err != nil {
				t.Fatal(err)
			}
			list, err := db.DossierResults(ctx, counter, d.ID)
			if err != nil || len(list) != 1 {
				t.Fatalf("issued %+v, %v", list, err)
			}
			return d.Code, list[0].Code, sha
		}
		kho := khodltest.Start(t, token)
		p := &khodl.Pusher{DB: db, Store: &khodl.Adapter{Base: kho.URL, Token: token}, BaseURL: "https://motcua.example.gov.vn"}

		_, refused, _ := issue("067012345678", 'a')
		dossier, taken, sha := issue("001199000001", 'b')
		kho.Refuse(refused)
		n, err := p.Once(ctx)
		if n != 1 || err == nil || !strings.Contains(err.Error(), refused) || strings.Contains(err.Error(), "067012345678") {
			t.Fatalf("a refused result: pushed %d, %v", n, err)
		}
		got := kho.Pushed()
		if len(got) != 1 || got[0].Code != taken || got[0].Link != "https://motcua.example.gov.vn/xac-minh?ma="+taken || got[0].SHA256 != sha ||
			got[0].IDNumber != "001199000001" || got[0].DossierCode != dossier || got[0].Issuer != a.Code || got[0].IssuedAt != "2024-03-04T09:00:00+07:00" {
			t.Fatalf("the store holds %+v", got)
		}

		calls := kho.Calls()
		if n, err := p.Once(ctx); n != 0 || err != nil || kho.Calls() != calls {
			t.Fatalf("at once again: pushed %d, %v, %d calls", n, err, kho.Calls()-calls)
		}
		kho.Refuse("")
		now = now.Add(time.Minute)
		if n, err := p.Once(ctx); n != 1 || err != nil || len(kho.Pushed()) != 2 || kho.Pushed()[1].Code != refused {
			t.Fatalf("after its wait: pushed %d, %v, store %+v", n, err, kho.Pushed())
		}
		if n, err := p.Once(ctx); n != 0 || err != nil {
			t.Fatalf("nothing left: pushed %d, %v", n, err)
		}

		issue("067012345678", 'c')
		issue("067012345678", 'd')
		kho.Fail(http.StatusServiceUnavailable)
		calls = kho.Calls()
		n, err = p.Once(ctx)
		if n != 0 || err == nil || !strings.Contains(err.Error(), "unavailable") || kho.Calls()-calls != 1 {
			t.Fatalf("the store down: pushed %d, %v, %d calls", n, err, kho.Calls()-calls)
		}
		kho.Fail(0)
		now = now.Add(time.Minute)
		if n, err := p.Once(ctx); n != 2 || err != nil || len(kho.Pushed()) != 4 {
			t.Fatalf("the store back: pushed %d, %v", n, err)
		}
	})
}
