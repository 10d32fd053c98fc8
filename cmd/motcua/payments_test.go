package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/adapter/payment"
	"github.com/motcua/motcua/adapter/payment/vnpay"
	"github.com/motcua/motcua/adapter/payment/vnpay/vnpaytest"
	"github.com/motcua/motcua/internal/testing/sample"
	"github.com/motcua/motcua/store"
	"github.com/motcua/motcua/store/storetest"
)

const (
	testTmn    = "MOTCUA01"
	testSecret = "TESTSECRETFORMOTCUAVNPAY00000000"
)

// paymentsDB is a database with two payments of 04/03/2024 through the
// simulated VNPAY: one paid at both ends, one recorded here that the
// gateway never saw. It returns the database path and the second order.
func paymentsDB(t *testing.T, gw *vnpaytest.Server) (path, hereOnly string) {
	t.Helper()
	ctx := context.Background()
	monday := time.Date(2024, 3, 4, 9, 0, 0, 0, motcua.VN)
	path = filepath.Join(t.TempDir(), "m.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return monday }
	gw.Now = func() time.Time { return monday.Add(time.Minute) }
	gw.Hold = true
	u := &motcua.Unit{Code: "000.21.99.T01", Name: "Ủy ban nhân dân xã Thử", Kind: motcua.UnitCommune}
	counter := sample.CounterDesk(t, db, u, "motcua.thu")
	p := sample.CounterProcedure(t, db, "1.000001", "Chứng thực bản sao", "Chứng thực")
	in := motcua.Intake{ProcedureID: p.ID, UnitID: u.ID, Channel: motcua.ChannelCounter, Sets: 1,
		Applicant: motcua.Applicant{Name: "Nguyễn Văn Bình", IDNumber: "067012345678", Address: "Thôn 1", Phone: "0912345678"},
		Documents: []motcua.ReceivedDocument{{Name: "Bản chính giấy tờ", Kind: motcua.DocOriginal, Count: 1}}}
	vn := &vnpay.Adapter{PayURLBase: gw.URL + vnpaytest.PayPath, TmnCode: testTmn, HashSecret: testSecret}
	for i, amount := range []int64{50_000, 20_000} {
		d, err := db.Accept(ctx, counter, in)
		if err != nil {
			t.Fatal(err)
		}
		if err := storetest.SetFeeDuesForTest(ctx, db, d.ID, amount, 0); err != nil {
			t.Fatal(err)
		}
		pay, err := db.RequestPayment(ctx, store.Requester{}, d.ID, motcua.FeePayAtIntake)
		if err != nil {
			t.Fatal(err)
		}
		txnNo := "99990001"
		if i == 0 {
			u, err := vn.PayURL(ctx, store.PaymentOrder(pay, "https://motcua.example/ve", "203.0.113.7"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := gw.Pay(u, vnpaytest.Paid); err != nil {
				t.Fatal(err)
			}
			txn, _ := gw.Txn(pay.OrderID)
			txnNo = txn.TransactionNo
		} else {
			hereOnly = pay.OrderID
		}
		res := payment.Result{OrderID: pay.OrderID, Amount: amount, TransactionNo: txnNo, Paid: true, ResponseCode: "00", PaidAt: monday}
		if ack, err := db.ApplyGatewayResult(ctx, "vnpay", res); err != nil || ack != payment.AckAccepted {
			t.Fatalf("%v, %v", ack, err)
		}
	}
	return path, hereOnly
}

// TestPaymentsReconcilePrintsAndWritesTheDifferences: the command queries
// the simulated gateway for the day's orders, prints the one difference,
// writes it to the workbook (read back) and exits with an error; another
// day reconciles; bad input is refused before anything is queried.
func TestPaymentsReconcilePrintsAndWritesTheDifferences(t *testing.T) {
	gw := vnpaytest.Start(t, testTmn, testSecret)
	path, hereOnly := paymentsDB(t, gw)
	t.Setenv("MOTCUA_VNPAY_TMN_CODE", testTmn)
	t.Setenv("MOTCUA_VNPAY_HASH_SECRET", testSecret)
	t.Setenv("MOTCUA_VNPAY_API_URL", gw.URL+vnpaytest.APIPath)
	t.Setenv("MOTCUA_VNPAY_SERVER_IP", "10.0.0.1")
	book := filepath.Join(t.TempDir(), "doi-soat.xlsx")
	out, err := capture(t, "payments", "reconcile", "--db", path, "--date", "2024-03-04", "--xlsx", book)
	if !errors.Is(err, errDiffers) {
		t.Fatalf("exit: %v\n%s", err, out)
	}
	for _, want := range []string{"Đối soát vnpay ngày 04/03/2024: 2 giao dịch, 1 khớp, 1 chênh lệch", hereOnly, "20.000",
		"Đã thu trên hệ thống, cổng thanh toán không có"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, testSecret) {
		t.Fatal("the report prints the secret")
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Đối soát", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[4][0] != "Đã thu trên hệ thống, cổng thanh toán không có" || rows[4][1] != hereOnly ||
		rows[4][3] != "Đã thanh toán" || rows[4][4] != "20000" || rows[4][7] != "99990001" || !strings.Contains(rows[0][0], "04/03/2024") {
		t.Fatalf("workbook rows %q", rows)
	}

	if n := storedRuns(t, path); n != 1 {
		t.Errorf("%d runs stored, want the day's one", n)
	}
	if _, err := capture(t, "payments", "reconcile", "--db", path, "--date", "2024-03-04"); !errors.Is(err, errDiffers) {
		t.Fatalf("the day again: %v", err)
	}
	if n := storedRuns(t, path); n != 1 {
		t.Errorf("after a re-run: %d runs stored, want the day's one, replaced", n)
	}
	out, err = capture(t, "payments", "reconcile", "--db", path, "--date", "2024-03-05")
	if err != nil || !strings.Contains(out, "0 giao dịch, 0 khớp, 0 chênh lệch") {
		t.Fatalf("another day: %v\n%s", err, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--date", "04/03/2024"}, "want yyyy-mm-dd"},
		{[]string{"--date", "2024-03-04", "--gateway", "momo"}, "vnpay or paygov"},
		{[]string{"--date", "2024-03-04", "--gateway", "paygov"}, "MOTCUA_PAYGOV_HASH_KEY"},
	} {
		_, err := capture(t, append([]string{"payments", "reconcile", "--db", path}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}

// storedRuns counts the reconciliation runs the database keeps.
func storedRuns(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := storetest.Count(t.Context(), db, "payment_reconciliations")
	if err != nil {
		t.Fatal(err)
	}
	return n
}
