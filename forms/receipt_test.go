package forms

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/motcua/motcua/internal/testing/pdftest"
)

// TestReceiptQR decodes the QR code printed on the receipt, as a phone
// would: it must lead to the tracking URL.
func TestReceiptQR(t *testing.T) {
	data := render(t, func(w io.Writer) error { return Receipt(w, sampleReceipt()) })
	if n := pdftest.ImageXObjects(t, data); n != 1 {
		t.Fatalf("the receipt holds %d images, want the QR code alone", n)
	}
	if got := pdftest.QR(t, data); got != trackURL {
		t.Errorf("QR code reads %q, want %q", got, trackURL)
	}
	if text := pdftest.Text(t, data); !strings.Contains(text, "Quét mã để tra cứu tình trạng hồ sơ") {
		t.Errorf("no scanning instruction beside the QR code:\n%s", text)
	}
}

// TestReceiptWithoutTrackingURL prints no QR code and no instruction.
func TestReceiptWithoutTrackingURL(t *testing.T) {
	r := sampleReceipt()
	r.TrackingURL = ""
	data := render(t, func(w io.Writer) error { return Receipt(w, r) })
	if n := pdftest.ImageXObjects(t, data); n != 0 {
		t.Errorf("the receipt holds %d images, want none", n)
	}
	if text := pdftest.Text(t, data); strings.Contains(text, "Quét mã") {
		t.Errorf("scanning instruction without a QR code")
	}
}

// TestReceiptDocumentsContinue puts more documents on the receipt than an A5
// page holds: the table continues on a second page under its header row.
func TestReceiptDocumentsContinue(t *testing.T) {
	r := sampleReceipt()
	r.Documents = nil
	for i := range 40 {
		r.Documents = append(r.Documents, Document{Name: fmt.Sprintf("Giấy tờ kèm theo số %d", i+1), Count: 1})
	}
	data := render(t, func(w io.Writer) error { return Receipt(w, r) })
	pages := pdftest.Pages(t, data)
	if len(pages) < 2 {
		t.Fatalf("%d page(s), want the table to continue on a second page", len(pages))
	}
	for i, p := range pages {
		text := strings.Join(p, " ")
		if strings.Contains(text, "Giấy tờ kèm theo") && !strings.Contains(text, "TT Tên giấy tờ Hình thức Số lượng") {
			t.Errorf("page %d lacks the header row:\n%s", i+1, strings.Join(p, "\n"))
		}
	}
	pdftest.InOrder(t, pdftest.Text(t, data), "Giấy tờ kèm theo số 1 ", "Giấy tờ kèm theo số 40 ",
		"Thời gian trả kết quả", "NGƯỜI TIẾP NHẬN HỒ SƠ")
}
