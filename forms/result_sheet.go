package forms

import (
	"io"
	"time"

	"github.com/motcua/motcua"
)

// ResultSheetData fills the "phiếu kết quả điện tử" (issue 18): the page
// that carries an electronic result's code and the QR code of its
// verification page. For a simple result the sheet is the result itself
// (Content holds its text); for an uploaded PDF it is a cover printed and
// sent with the file, which stays as issued (stamping an arbitrary PDF is
// not possible with the libraries this module has: gopdf writes new PDFs,
// it does not rewrite pages it did not make).
type ResultSheetData struct {
	Unit          string // the issuing unit
	Code          string // the result code (mã kết quả)
	DossierCode   string
	ProcedureName string
	Kind          string // the procedure's kind of result
	IssuedAt      time.Time
	VerifyURL     string // printed as a QR code
	Content       string // a simple result's text; "" for a cover
	FileName      string // a cover's: the file it accompanies
	SHA256        string // a cover's: that file's hash
}

const resultQRSize = 80.0

// ResultSheet writes the sheet as a one-page A4 PDF.
func ResultSheet(w io.Writer, r ResultSheetData) (err error) {
	defer wrapErr(&err, "forms.ResultSheet(%q)", r.Code)
	if err := check(w, r.IssuedAt, "IssuedAt", r.Code, r.VerifyURL); err != nil {
		return err
	}
	title := "PHIẾU KẾT QUẢ ĐIỆN TỬ"
	if r.Content != "" {
		title = "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
	}
	d, err := newDoc(a4, a4Margins, 12, title+" "+r.Code)
	if err != nil {
		return err
	}
	d.font(bold, 12)
	d.centred(motcua.NFC(r.Unit))
	d.gap(10)
	d.font(bold, 14)
	d.centred(title)
	d.gap(8)
	top := d.y
	d.qr(r.VerifyURL, d.right-resultQRSize, resultQRSize)
	right := d.right
	d.right -= resultQRSize + 14
	d.font(bold, 12)
	d.field("Mã kết quả:", r.Code)
	d.font(regular, 12)
	d.field("Mã hồ sơ:", r.DossierCode)
	d.field("Thủ tục:", r.ProcedureName)
	d.field("Loại kết quả:", r.Kind)
	d.field("Ngày phát hành:", motcua.FormatDateTime(r.IssuedAt))
	d.right = right
	d.y = max(d.y, top+resultQRSize+6)
	if r.Content != "" {
		d.gap(8)
		d.paragraph(motcua.NFC(r.Content))
	} else {
		d.field("Tệp kết quả kèm theo:", r.FileName)
		d.field("Mã băm SHA-256 của tệp:", r.SHA256)
	}
	d.gap(10)
	d.font(italic, 10.5)
	d.paragraph("Kiểm tra tính hợp lệ của kết quả: quét mã QR hoặc mở " + r.VerifyURL + " — trang xác minh cho biết đơn vị phát hành, ngày, tình trạng (còn hiệu lực, đã được thay thế, đã bị thu hồi) và mã băm SHA-256 của văn bản.")
	return d.write(w)
}
