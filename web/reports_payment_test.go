package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/store"
)

// payOnlineThroughVNPAY pays the dossier's intake dues on the VNPAY
// simulator, whose notification reaches the store through the adapter.
func payOnlineThroughVNPAY(t *testing.T, e *env, dossierID int64) {
	t.Helper()
	const tmn, secret = "MOTCUA01", "TESTSECRETFORMOTCUAVNPAY00000000"
	gw := vnpaytest.Start(t, tmn, secret)
	gw.Now = func() time.Time { return e.db.Now().Add(time.Minute) }
	vn := &vnpay.Adapter{PayURLBase: gw.URL + vnpaytest.PayPath, APIURL: gw.URL + vnpaytest.APIPath, TmnCode: tmn,
		HashSecret: secret, ServerIP: "10.0.0.1", Now: func() time.Time { return e.db.Now().Add(time.Hour) }}
	ipn := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := vn.VerifyNotification(r)
		ack := payment.AckFor(err)
		if err == nil {
			if ack, err = e.db.ApplyGatewayResult(r.Context(), vn.Name(), res); err != nil {
				t.Errorf("ApplyGatewayResult: %v", err)
			}
		}
		vn.Acknowledge(w, res, ack)
	}))
	t.Cleanup(ipn.Close)
	gw.IPNURL = ipn.URL + "/thanh-toan/vnpay/ipn"
	p, err := e.db.RequestPayment(t.Context(), store.Requester{}, dossierID, motcua.FeePayAtIntake)
	if err != nil {
		t.Fatal(err)
	}
	u, err := vn.PayURL(t.Context(), store.PaymentOrder(p, "https://motcua.example/thanh-toan/ve", "203.0.113.7"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gw.Pay(u, vnpaytest.Paid); err != nil {
		t.Fatal(err)
	}
}

// TestReportShowsPaymentIndicators: a procedure with fees and two of its
// dossiers of March, one paid online through VNPAY, one in cash; a birth
// registration without fees. By hand: 3.5 = 1 / 1 procedure, 3.6 = 1 / 2
// dossiers. The report page shows both beside 4.1–4.4 with their links;
// the lists behind them name the right dossiers (identity masked) and
// procedures; a counter officer may not drill down.
func TestReportShowsPaymentIndicators(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	p := feeProcedure(t, e, "2.000635")
	officer, err := e.db.Actor(ctx, fx.CounterA.ID)
	if err != nil {
		t.Fatal(err)
	}
	accept := func(name string) *motcua.Dossier {
		in := motcua.Intake{ProcedureID: p.ID, UnitID: fx.UnitA.ID, Channel: motcua.ChannelCounter, Sets: 1, Fees: motcua.FeeQuantities{Copies: 1},
			Applicant: motcua.Applicant{Name: name, IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
			Documents: []motcua.ReceivedDocument{{Name: "Tờ khai", Kind: motcua.DocOriginal, Count: 1}}}
		d, err := e.db.Accept(ctx, officer, in)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	online, cash := accept("Nguyễn Văn Mạng"), accept("Trần Thị Quầy")
	payOnlineThroughVNPAY(t, e, online.ID)
	if _, _, err := e.db.RecordCash(ctx, officer, cash.ID, motcua.FeePayAtIntake); err != nil {
		t.Fatal(err)
	}
	counter, leader := e.login(t, fx.CounterA), e.login(t, fx.LeaderA)
	e.login(t, fx.CounterA).accept(t, fx.UnitA.ID, "Lê Văn Không Phí")

	p35 := "/reports/payment/procedures?from=2024-03-01&met=%d&to=2024-03-31"
	p36 := "/reports/payment/dossiers?from=2024-03-01&met=%d&to=2024-03-31"
	page := leader.get(t, "/reports/ii06a?from=2024-03-01&to=2024-03-31")
	wantStatus(t, page, http.StatusOK)
	check(t, page,
		htmlcheck.In(`#indicators #payment li[data-code="3.5"]`, htmlcheck.MatchesText(`^3\.5 Tỉ lệ thủ tục có thu phí, lệ phí có hồ sơ ghi nhận thông tin phí, lệ phí: 1 / 1 thủ tục = 100,00 %$`)),
		htmlcheck.In(`li[data-code="3.5"] a.met[href="`+fmt.Sprintf(p35, 1)+`"]`, htmlcheck.HasExactText("1")),
		htmlcheck.NotIn(`li[data-code="3.5"] a.not-met`),
		htmlcheck.In(`li[data-code="3.6"]`, htmlcheck.MatchesText(`^3\.6 Tỉ lệ hồ sơ thanh toán trực tuyến: 1 / 2 hồ sơ = 50,00 % · 1 hồ sơ chưa thanh toán trực tuyến$`)),
		htmlcheck.In(`li[data-code="3.6"] a.met[href="`+fmt.Sprintf(p36, 1)+`"]`, htmlcheck.HasExactText("1")),
		htmlcheck.In(`li[data-code="3.6"] a.not-met[href="`+fmt.Sprintf(p36, 0)+`"]`),
		htmlcheck.In(`#indicators #digital li[data-code="4.1"]`))

	paid := leader.get(t, fmt.Sprintf(p36, 1))
	wantStatus(t, paid, http.StatusOK)
	wantContains(t, paid, online.Code, "Nguyễn Văn Mạng", "•••••••••678")
	wantLacks(t, paid, cash.Code, "067012345678")
	check(t, paid, htmlcheck.In("h1", htmlcheck.MatchesText(`^3\.6 Tỉ lệ hồ sơ thanh toán trực tuyến — hồ sơ đã thanh toán trực tuyến$`)),
		htmlcheck.In("#drill-total", htmlcheck.MatchesText(`^1 hồ sơ$`)),
		htmlcheck.In(`td[data-label="Phải nộp (đồng)"]`, htmlcheck.HasExactText("13.000")),
		htmlcheck.In(`a[href="/reports/ii06a?from=2024-03-01&to=2024-03-31"]`, htmlcheck.MatchesText(`^« Báo cáo`)))
	unpaid := leader.get(t, fmt.Sprintf(p36, 0))
	wantContains(t, unpaid, cash.Code)
	wantLacks(t, unpaid, online.Code)

	procs := leader.get(t, fmt.Sprintf(p35, 1))
	wantStatus(t, procs, http.StatusOK)
	check(t, procs, htmlcheck.In(`#procedures td[data-label="Mã thủ tục"]`, htmlcheck.HasExactText("2.000635")),
		htmlcheck.In(`#procedures td.num`, htmlcheck.HasExactText("2")))
	none := leader.get(t, fmt.Sprintf(p35, 0))
	wantContains(t, none, "Không có thủ tục nào.")
	wantStatus(t, counter.get(t, fmt.Sprintf(p36, 1)), http.StatusForbidden)
	wantStatus(t, counter.get(t, fmt.Sprintf(p35, 1)), http.StatusForbidden)
}
