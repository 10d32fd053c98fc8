package forms

import (
	"errors"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// PaymentReceiptData fills an electronic receipt (biên lai điện tử) for
// fees and levies (issue 19): the collecting unit, the series and number,
// who paid for which dossier, the lines and the amount in figures and in
// words, and a QR code of the page where it can be checked. The same form
// prints a cancellation or a refund, which name the receipt they concern.
// The form is rendered from the receipt's row, which never changes, so it
// can be printed again at any time.
type PaymentReceiptData struct {
	Unit        string // the collecting unit
	UnitCode    string // its QCVN 102 code
	Kind        motcua.ReceiptKind
	Series      string // ký hiệu
	Number      string // số, as printed: "0000012"
	PayerName   string
	DossierCode string
	Procedure   string
	Lines       []PaymentReceiptLine // at least one; their sum is Amount
	Amount      int64                // đồng
	Method      string               // how it was paid, in words
	IssuedAt    time.Time
	IssuedBy    string // the officer, or the gateway for online payments
	RefersTo    string // a cancellation's or refund's: the receipt it concerns ("BL-2026 số 0000003")
	Reason      string // a cancellation's or refund's reason
	VerifyURL   string // printed as a QR code: the public tracking or verification page
}

// PaymentReceiptLine is one line of a receipt: a fee or levy and its amount.
type PaymentReceiptLine struct {
	Name   string
	Amount int64
}

const paymentQRSize = 72.0

// PaymentReceipt writes the receipt as a one-page A5 PDF.
func PaymentReceipt(w io.Writer, r PaymentReceiptData) (err error) {
	defer wrapErr(&err, "forms.PaymentReceipt(%s %s)", r.Series, r.Number)
	if err := check(w, r.IssuedAt, "IssuedAt", r.DossierCode, r.VerifyURL, r.Number); err != nil {
		return err
	}
	if err := checkReceiptLines(r); err != nil {
		return err
	}
	title := strings.ToUpper(r.Kind.Label())
	d, err := newDoc(a5, a5Margins, 10.5, title+" "+r.Series+" "+r.Number)
	if err != nil {
		return err
	}
	d.font(bold, 10.5)
	d.centred(motcua.NFC(r.Unit))
	if r.UnitCode != "" {
		d.font(regular, 9.5)
		d.centred("Mã đơn vị: " + r.UnitCode)
	}
	d.gap(8)
	d.font(bold, 13)
	d.centred(title)
	d.font(italic, 10.5)
	d.centred("(Biên lai điện tử)")
	d.font(regular, 10.5)
	d.centred("Ký hiệu: " + r.Series + "    Số: " + r.Number)
	d.gap(8)
	receiptParties(d, r)
	d.gap(6)
	receiptLines(d, r)
	d.gap(4)
	d.font(bold, 10.5)
	d.field("Tổng số tiền:", motcua.FormatDong(r.Amount))
	d.font(italic, 10.5)
	d.field("Bằng chữ:", DongInWords(r.Amount)+".")
	d.font(regular, 10.5)
	d.field("Hình thức thanh toán:", motcua.NFC(r.Method))
	d.field("Người lập:", motcua.NFC(r.IssuedBy))
	d.gap(8)
	d.font(italic, 9)
	d.paragraph("Biên lai điện tử do hệ thống một cửa điện tử lập; không cần chữ ký tay. Kiểm tra: quét mã QR hoặc mở " + r.VerifyURL + ".")
	return d.write(w)
}

// receiptParties writes who paid for what, with the QR code beside it.
func receiptParties(d *doc, r PaymentReceiptData) {
	top := d.y
	d.qr(r.VerifyURL, d.right-paymentQRSize, paymentQRSize)
	right := d.right
	d.right -= paymentQRSize + 10
	d.field("Người nộp:", motcua.NFC(r.PayerName))
	d.field("Mã hồ sơ:", r.DossierCode)
	if r.Procedure != "" {
		d.field("Thủ tục:", motcua.NFC(r.Procedure))
	}
	d.field("Ngày lập:", motcua.FormatDateTime(r.IssuedAt))
	if r.RefersTo != "" {
		d.font(bold, 10.5)
		d.field(refersLabel(r.Kind), r.RefersTo)
		d.font(regular, 10.5)
		d.field("Lý do:", motcua.NFC(r.Reason))
	}
	d.right = right
	d.y = max(d.y, top+paymentQRSize+4)
}

func refersLabel(k motcua.ReceiptKind) string {
	if k == motcua.ReceiptCancellation {
		return "Hủy biên lai:"
	}
	return "Hoàn trả tiền của biên lai:"
}

// receiptLines writes the table of lines.
func receiptLines(d *doc, r PaymentReceiptData) {
	t := d.newTable(9.5, column{"STT", 0.6, gopdf.Center}, column{"Khoản thu", 4, gopdf.Left}, column{"Số tiền (đồng)", 1.6, gopdf.Right})
	for i, l := range r.Lines {
		t.row(count(i+1), motcua.NFC(l.Name), motcua.FormatInt(l.Amount))
	}
	t.end()
}

// checkReceiptLines refuses a receipt whose lines do not add up: what is
// printed in figures, in words and line by line must agree.
func checkReceiptLines(r PaymentReceiptData) error {
	if len(r.Lines) == 0 {
		return errors.New("a receipt without lines")
	}
	var sum int64
	for _, l := range r.Lines {
		sum += l.Amount
	}
	if sum != r.Amount {
		return errors.New("the lines do not add up to the amount")
	}
	return nil
}
