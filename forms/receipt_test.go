package forms

import (
	"fmt"
	"image"
	"io"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// TestReceiptQR decodes the QR code printed on the receipt, as a phone
// would: it must lead to the tracking URL.
func TestReceiptQR(t *testing.T) {
	data := render(t, func(w io.Writer) error { return Receipt(w, sampleReceipt()) })
	if n := imageXObjects(t, data); n != 1 {
		t.Fatalf("page 1 uses %d image XObjects, want 1", n)
	}
	if got := decodeQR(t, embeddedImage(t, data)); got != trackURL {
		t.Errorf("QR code reads %q, want %q", got, trackURL)
	}
	lines := allLines(pageLines(t, data))
	if !strings.Contains(strings.Join(lines, " "), "Quét mã để tra cứu tình trạng hồ sơ") {
		t.Errorf("no scanning instruction beside the QR code:\n%s", strings.Join(lines, "\n"))
	}
}

// TestReceiptWithoutTrackingURL prints no QR code and no instruction.
func TestReceiptWithoutTrackingURL(t *testing.T) {
	r := sampleReceipt()
	r.TrackingURL = ""
	data := render(t, func(w io.Writer) error { return Receipt(w, r) })
	if n := imageXObjects(t, data); n != 0 {
		t.Errorf("page 1 uses %d image XObjects, want none", n)
	}
	if text := strings.Join(allLines(pageLines(t, data)), " "); strings.Contains(text, "Quét mã") {
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
	pages := pageLines(t, render(t, func(w io.Writer) error { return Receipt(w, r) }))
	if len(pages) < 2 {
		t.Fatalf("%d page(s), want the table to continue on a second page", len(pages))
	}
	for i, p := range pages {
		text := strings.Join(p, " ")
		if strings.Contains(text, "Giấy tờ kèm theo") && !strings.Contains(text, "TT Tên giấy tờ Bản chính/ Bản sao Số lượng") {
			t.Errorf("page %d lacks the header row:\n%s", i+1, strings.Join(p, "\n"))
		}
	}
	text := strings.Join(allLines(pages), " ")
	assertInOrder(t, text, "Giấy tờ kèm theo số 1 ", "Giấy tờ kèm theo số 40 ",
		"Thời gian trả kết quả", "NGƯỜI TIẾP NHẬN HỒ SƠ")
}

// imageXObjects counts the images that page 1's resources name.
func imageXObjects(t *testing.T, data []byte) int {
	t.Helper()
	xobjects := openPDF(t, data).Page(1).Resources().Key("XObject")
	n := 0
	for _, k := range xobjects.Keys() {
		if xobjects.Key(k).Key("Subtype").Name() == "Image" {
			n++
		}
	}
	return n
}

func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("decode QR code: %v", err)
	}
	return res.GetText()
}
