package server_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/paygov"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/internal/server"
	"github.com/motcua/motcua/internal/testing/pgtest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const (
	jobTmn    = "MOTCUAJOB"
	jobSecret = "JOBTESTSECRETFORVNPAY00000000000"
)

// TestExpiredOrdersSettledFromTheGateway: three requests expire without a
// notification: one paid at the simulated VNPAY (its notification lost),
// one cancelled there, one never taken to it. While another gateway the
// citizen might have used fails, the paid one is recorded and the others
// are held (nothing concludes them); once it answers "not known", they are
// cancelled. A run after that asks nothing; the log holds no key.
func TestExpiredOrdersSettledFromTheGateway(t *testing.T) {
	pgtest.EachEngine(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		start := time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)
		now := start
		db.Now = func() time.Time { return now }
		u := &motcua.Unit{Code: "000.21.99.P02", Name: "Xã B", Kind: motcua.UnitCommune}
		counter := sample.CounterDesk(t, db, u, "motcua.b")
		proc := sample.CounterProcedure(t, db, "1.001193", "Đăng ký khai sinh", "Hộ tịch")
		request := func(amount int64) *motcua.Payment {
			d, err := db.Accept(ctx, counter, motcua.Intake{ProcedureID: proc.ID, UnitID: u.ID, Channel: motcua.ChannelCounter,
				Applicant: motcua.Applicant{Name: "Trần Văn Bé"}, Sets: 1})
			if err != nil {
				t.Fatal(err)
			}
			if err := storetest.SetFeeDuesForTest(ctx, db, d.ID, amount, 0); err != nil {
				t.Fatal(err)
			}
			p, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		gw := vnpaytest.Start(t, jobTmn, jobSecret)
		gw.Hold = true // the notifications are lost
		gw.Now = func() time.Time { return start.Add(time.Minute) }
		vn := &vnpay.Adapter{PayURLBase: gw.URL + vnpaytest.PayPath, APIURL: gw.URL + vnpaytest.APIPath, TmnCode: jobTmn,
			HashSecret: jobSecret, ServerIP: "10.0.0.1", Now: func() time.Time { return now }}
		goTo := func(p *motcua.Payment, outcome vnpaytest.Outcome) {
			u, err := vn.PayURL(ctx, store.PaymentOrder(p, "https://motcua.example/ve", "203.0.113.7"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := gw.Pay(u, outcome); err != nil {
				t.Fatal(err)
			}
		}
		paid, refused, untaken := request(40_000), request(15_000), request(25_000)
		goTo(paid, vnpaytest.Paid)
		goTo(refused, vnpaytest.Cancelled)

		broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "down", 503) }))
		defer broken.Close()
		var logs bytes.Buffer
		job := &server.ExpiredOrders{DB: db, Log: slog.New(slog.NewTextHandler(&logs, nil)), Now: func() time.Time { return now },
			Gateways: []payment.Gateway{vn, &paygov.Adapter{QueryURL: broken.URL, PartnerCode: "P1", HashKey: "PAYGOVKEY-NOT-IN-LOGS"}}}
		if s := job.RunOnce(ctx); s.Asked != 0 {
			t.Fatalf("asked about live orders: %+v", s)
		}
		now = start.Add(store.PaymentValidity + 2*time.Minute)
		if s := job.RunOnce(ctx); s != (server.ExpirySummary{Asked: 3, Paid: 1, Held: 2}) {
			t.Fatalf("with a gateway down: %+v", s)
		}
		wantState(t, db, paid.OrderID, motcua.PaymentPaid)
		wantState(t, db, untaken.OrderID, motcua.PaymentRequested)
		b, err := db.DossierPayments(ctx, store.Requester{}, paid.DossierID)
		if err != nil || len(b.Receipts) != 1 || b.PaidIntake != 40_000 {
			t.Fatalf("the paid order: %+v, %v; want 40.000 with a receipt", b, err)
		}
		if v, _ := storetest.PaymentVerdicts(ctx, db, paid.OrderID); len(v) != 1 || v[0] != "accepted" {
			t.Errorf("the query's result kept as %v, want [accepted]", v)
		}

		unknown := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"MaLoi":"01","MoTaLoi":"Khong tim thay"}`)) // the platform's unsigned "not found"
		}))
		defer unknown.Close()
		job.Gateways[1] = &paygov.Adapter{QueryURL: unknown.URL, PartnerCode: "P1", HashKey: "PAYGOVKEY-NOT-IN-LOGS"}
		now = now.Add(2 * time.Hour) // past the held orders' and the gateway's back-off
		if s := job.RunOnce(ctx); s != (server.ExpirySummary{Asked: 2, Cancelled: 2}) {
			t.Fatalf("with both gateways answering: %+v\n%s", s, logs.String())
		}
		wantState(t, db, refused.OrderID, motcua.PaymentCancelled)
		wantState(t, db, untaken.OrderID, motcua.PaymentCancelled)
		if s := job.RunOnce(context.Background()); s.Asked != 0 {
			t.Errorf("settled orders asked again: %+v", s)
		}

		// The night's reconciliation of that day finds the three orders agreeing.
		server.ReconcileDay(ctx, db, []payment.Gateway{vn}, start, job.Log)
		leader := &motcua.Actor{Units: map[int64][]motcua.Role{u.ID: {motcua.RoleLeader}}}
		run, err := db.ReconciliationOf(ctx, leader, start, "vnpay")
		if err != nil || run.Checked != 3 || run.Matched != 3 || run.Differences != 0 || run.RunBy != "system" {
			t.Fatalf("the stored run: %+v, %v\n%s", run, err, logs.String())
		}
		for _, secret := range []string{jobSecret, "PAYGOVKEY-NOT-IN-LOGS"} {
			if strings.Contains(logs.String(), secret) {
				t.Fatalf("a key in the log:\n%s", logs.String())
			}
		}
		if !strings.Contains(logs.String(), "gateway=paygov") || !strings.Contains(logs.String(), "order="+paid.OrderID) {
			t.Errorf("the log does not name the gateway and order:\n%s", logs.String())
		}
	})
}

func wantState(t *testing.T, db *store.DB, order string, want motcua.PaymentState) {
	t.Helper()
	p, err := db.PaymentByOrder(t.Context(), order)
	if err != nil || p.State != want {
		t.Fatalf("order %s: %v, %v; want %s", order, p, err, want)
	}
}

// TestReconcileAtChecked: --reconcile-at is HH:MM or off.
func TestReconcileAtChecked(t *testing.T) {
	for at, ok := range map[string]bool{"01:45": true, "off": true, "": true, "25:00": false, "1h": false} {
		cfg := server.DefaultConfig()
		cfg.ReconcileAt = at
		if err := cfg.Validate(); (err == nil) != ok || err != nil && !strings.Contains(err.Error(), "--reconcile-at") {
			t.Errorf("--reconcile-at %q: %v", at, err)
		}
	}
}
