package forms_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/forms"
	"github.com/motcua/motcua/internal/testing/pdftest"
)

func sampleReceipt() forms.PaymentReceiptData {
	return forms.PaymentReceiptData{Unit: "Ủy ban nhân dân xã Đắk Sắk", UnitCode: "000.21.17.H37", Kind: motcua.ReceiptPayment,
		Series: "BL-2026", Number: "0000012", PayerName: "Nguyễn Thị Hoa", DossierCode: "000.21.17.H37-261207-0003",
		Procedure: "Cấp bản sao trích lục hộ tịch",
		Lines:     []forms.PaymentReceiptLine{{Name: "Lệ phí đăng ký", Amount: 117_500}, {Name: "Phí cấp bản sao trích lục (1 bản)", Amount: 8_000}},
		Amount:    125_500, Method: motcua.PayVNPAY.Label(), IssuedAt: time.Date(2026, 12, 7, 9, 30, 0, 0, motcua.VN), IssuedBy: "VNPAY",
		VerifyURL: "https://motcua.example/tra-cuu/000.21.17.H37-261207-0003"}
}

// TestPaymentReceiptReadsBack: the receipt says its unit, series and
// number, payer, dossier, lines, the amount in figures and in words, and
// carries the verification link as a QR code, on one A5 page.
func TestPaymentReceiptReadsBack(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReceipt()
	if err := forms.PaymentReceipt(&buf, r); err != nil {
		t.Fatal(err)
	}
	pdftest.WantSize(t, buf.Bytes(), 1, pdftest.A5)
	text := pdftest.Text(t, buf.Bytes())
	pdftest.InOrder(t, text, "Ủy ban nhân dân xã Đắk Sắk", "BIÊN LAI THU PHÍ, LỆ PHÍ", "Ký hiệu: BL-2026", "Số: 0000012",
		"Người nộp: Nguyễn Thị Hoa", "Mã hồ sơ: 000.21.17.H37-261207-0003", "Ngày lập:", "07/12/2026",
		"Lệ phí đăng ký", "117.500", "Phí cấp bản sao trích lục (1 bản)", "8.000",
		"Tổng số tiền: 125.500 đồng", "Bằng chữ: Một trăm hai mươi lăm nghìn năm trăm đồng.", "Trực tuyến qua VNPAY")
	if got := pdftest.QR(t, buf.Bytes()); got != r.VerifyURL {
		t.Fatalf("QR %q, want %q", got, r.VerifyURL)
	}
}

// TestRefundReceiptNamesTheFirst: a refund is its own document that names
// the receipt it concerns and why.
func TestRefundReceiptNamesTheFirst(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReceipt()
	r.Kind, r.Number, r.RefersTo, r.Reason = motcua.ReceiptRefund, "0000013", "BL-2026 số 0000012", "Yêu cầu đã hủy trước khi tiền về"
	if err := forms.PaymentReceipt(&buf, r); err != nil {
		t.Fatal(err)
	}
	pdftest.InOrder(t, pdftest.Text(t, buf.Bytes()), "BIÊN LAI HOÀN TRẢ", "Số: 0000013",
		"Hoàn trả tiền của biên lai: BL-2026 số 0000012", "Lý do: Yêu cầu đã hủy trước khi tiền về")
}

// TestPaymentReceiptRefusesLinesThatDoNotAddUp: figures, words and lines
// must agree; no lines at all is refused too.
func TestPaymentReceiptRefusesLinesThatDoNotAddUp(t *testing.T) {
	r := sampleReceipt()
	r.Amount++
	if err := forms.PaymentReceipt(&bytes.Buffer{}, r); err == nil {
		t.Fatal("a receipt whose lines do not add up was printed")
	}
	r = sampleReceipt()
	r.Lines = nil
	if err := forms.PaymentReceipt(&bytes.Buffer{}, r); err == nil {
		t.Fatal("a receipt without lines was printed")
	}
}
