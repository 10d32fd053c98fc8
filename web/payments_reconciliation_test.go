package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/internal/testing/htmlcheck"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

// reconciledDay pays two dossiers of commune A online on 05/03/2024 (the
// test's today): one through the simulated VNPAY (it
// matches), one recorded here that the gateway never saw. It returns that
// order's reference.
func reconciledDay(t *testing.T, e *env, gw *vnpaytest.Server) string {
	t.Helper()
	ctx := t.Context()
	_, code, secret := owingTracked(t, e, 50_000)
	payURL, _ := payFromTracking(t, e.anonymous(), gw, code, secret)
	if _, err := gw.Pay(payURL, vnpaytest.Paid); err != nil {
		t.Fatal(err)
	}
	id, _, _ := owingTracked(t, e, 20_000)
	p, err := e.db.RequestPayment(ctx, store.Requester{}, id, motcua.FeePayAtIntake)
	if err != nil {
		t.Fatal(err)
	}
	res := payment.Result{OrderID: p.OrderID, Amount: p.Amount, TransactionNo: "99990001", Paid: true, ResponseCode: "00", PaidAt: e.db.Now()}
	if ack, err := e.db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
		t.Fatalf("record: %v, %v", ack, err)
	}
	return p.OrderID
}

// TestLeaderReconcilesADayAndDownloadsIt: commune A's leader finds the
// page in the menu (a counter officer neither finds nor opens it), runs
// the day's reconciliation, reads its one difference and downloads
// the workbook (read back); commune B's leader sees the run but none of
// A's lines; a day to come and a malformed date are refused in
// Vietnamese, the stored run left as it was.
func TestLeaderReconcilesADayAndDownloadsIt(t *testing.T) {
	e := newEnv(t)
	gw := withVNPAY(t, e)
	hereOnly := reconciledDay(t, e, gw)
	leader := e.login(t, fx.LeaderA)
	p := leader.get(t, "/payments/reconciliation")
	wantStatus(t, p, http.StatusOK)
	check(t, p, htmlcheck.In("nav a[href='/payments/reconciliation']", htmlcheck.HasText("Đối soát thanh toán")),
		htmlcheck.In("#recon-runs", htmlcheck.HasText("Chưa có lần đối soát nào")))

	p = leader.post(t, "/payments/reconciliation", url.Values{"ngay": {"05/03/2024"}, "cong": {"vnpay"}})
	wantRedirect(t, p, "/payments/reconciliation?cong=vnpay&ngay=2024-03-05")
	p = leader.follow(t, p)
	wantStatus(t, p, http.StatusOK)
	check(t, p, flashSays("Đã đối soát lại VNPAY ngày 05/03/2024."),
		htmlcheck.In("#recon-counts", htmlcheck.HasText("Đã so sánh 2 giao dịch: 1 khớp, 1 chênh lệch.")),
		htmlcheck.In("#recon-rows tr.recon-row[data-kind=paid_here_not_there]", htmlcheck.HasText(hereOnly)),
		htmlcheck.In("#recon-rows", htmlcheck.HasText("Đã thu trên hệ thống, cổng thanh toán không có")),
		htmlcheck.In("#recon-rows", htmlcheck.HasText("20.000")))
	if strings.Count(p.body, `class="recon-row"`) != 1 {
		t.Errorf("want one line:\n%s", excerpt(p.body))
	}

	x := leader.get(t, "/payments/reconciliation.xlsx?ngay=2024-03-05&cong=vnpay")
	wantStatus(t, x, http.StatusOK)
	if !strings.Contains(x.header.Get("Content-Disposition"), "doi-soat-vnpay-2024-03-05.xlsx") {
		t.Errorf("Content-Disposition %q", x.header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(x.body)))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Đối soát", excelize.Options{RawCellValue: true})
	f.Close()
	if err != nil || len(rows) != 5 || rows[4][1] != hereOnly || rows[4][4] != "20000" || rows[4][7] != "99990001" ||
		!strings.Contains(rows[1][0], "2 giao dịch: 1 khớp, 1 chênh lệch") {
		t.Fatalf("workbook rows %q, %v", rows, err)
	}

	leaderB := e.leaderOf(t, fx.UnitB.ID, "lanhdao.b")
	p = leaderB.get(t, "/payments/reconciliation?ngay=2024-03-05&cong=vnpay")
	wantStatus(t, p, http.StatusOK)
	if strings.Contains(p.body, hereOnly) || !strings.Contains(p.body, "Không có chênh lệch nào thuộc đơn vị của bạn") {
		t.Errorf("commune B's leader reads A's line:\n%s", excerpt(p.body))
	}
	x = leaderB.get(t, "/payments/reconciliation.xlsx?ngay=2024-03-05&cong=vnpay")
	if strings.Contains(x.body, hereOnly) {
		t.Error("commune B's workbook holds A's line")
	}

	for _, c := range []struct{ day, want string }{
		{"06/03/2024", "Chưa đối soát được ngày 06/03/2024"},
		{"32/13/2024", "Ngày “32/13/2024” không hợp lệ"},
	} {
		p = leader.post(t, "/payments/reconciliation", url.Values{"ngay": {c.day}, "cong": {"vnpay"}})
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, c.want) {
			t.Errorf("%s: %d\n%s", c.day, p.status, excerpt(p.body))
		}
	}
	if p = leader.post(t, "/payments/reconciliation", url.Values{"ngay": {"05/03/2024"}, "cong": {"paygov"}}); p.status != http.StatusUnprocessableEntity ||
		!strings.Contains(p.body, "không được cấu hình") {
		t.Errorf("a gateway not configured: %d\n%s", p.status, excerpt(p.body))
	}

	counter := e.login(t, fx.CounterA)
	if p = counter.get(t, "/payments/reconciliation"); p.status != http.StatusForbidden {
		t.Errorf("a counter officer opened the page: %d", p.status)
	}
	if p = counter.get(t, "/worklist"); strings.Contains(p.body, `href="/payments/reconciliation"`) {
		t.Error("the counter officer's menu links the page")
	}
}

// leaderOf creates a leader of the unit, with the sample's second factor,
// and logs them in.
func (e *env) leaderOf(t *testing.T, unitID int64, username string) *browser {
	t.Helper()
	u := motcua.User{Username: username, FullName: "Lãnh đạo " + username, Grants: []motcua.Grant{{Role: motcua.RoleLeader, UnitID: unitID}}}
	if err := e.db.CreateUser(t.Context(), &u, sample.Password); err != nil {
		t.Fatal(err)
	}
	if err := storetest.SetTOTPSecret(t.Context(), e.db, u.ID, sample.TOTPSecret); err != nil {
		t.Fatal(err)
	}
	return e.login(t, u)
}
