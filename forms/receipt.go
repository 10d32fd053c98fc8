package forms

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// ReceiptData fills form 01, the receipt that tells the applicant when to
// come back for the result.
type ReceiptData struct {
	Header        Header
	Code          string // dossier code, required
	ApplicantName string
	IDNumber      string // personal identification or tax number
	Address       string
	Contact       string // phone number and e-mail address, as given
	ProcedureName string
	Documents     []Document
	Sets          int    // number of sets of the dossier
	LegalTime     string // processing time the law sets, e.g. "15 ngày làm việc"
	ReceivedAt    time.Time
	DueAt         time.Time
	ReturnPlace   string // where the result is handed over
	Fees          string // field 7, one short line: see ReceiptFees
	RegisterBook  string // the register book the dossier is entered in
	EntryNo       int    // the entry number in that book
	Officer       string // the receiving officer
	TrackingURL   string // printed as a QR code; none when empty
	// TrackingSecret is printed beside the code, with the tracking page's
	// address, for whoever cannot scan the QR code.
	TrackingSecret string
	// For a dossier received for another unit (Decree 118/2025/NĐ-CP),
	// printed when given: where it was received, the unit that decides it
	// and the listing it was received under regardless of boundary.
	ReceivingUnit, DecidingUnit, Listing string
}

// Document is one paper handed in with a dossier.
type Document struct {
	Name  string
	Kind  string // how it was handed in: "Bản chính", "Bản sao", "Xuất trình"…
	Count int
}

// Receipt writes form 01 as an A5 PDF, in the edition in force at ReceivedAt.
func Receipt(w io.Writer, r ReceiptData) (err error) {
	defer wrapErr(&err, "forms.Receipt(%q)", r.Code)
	if err := check(w, r.ReceivedAt, "ReceivedAt", r.Code); err != nil {
		return err
	}
	d, err := newDoc(a5, a5Margins, receiptBase, docTitle(FormReceipt, r.ReceivedAt, r.Code))
	if err != nil {
		return err
	}
	d.tighten()
	d.heading(r.Header, FormReceipt, r.ReceivedAt, true)
	d.receiptParties(r)
	d.receiptDocuments(r.Documents)
	d.receiptTerms(r)
	d.signatures(signer{"Người nộp hồ sơ", signHint, r.ApplicantName},
		signer{"Người tiếp nhận hồ sơ", signHint, r.Officer})
	return d.write(w)
}

// receiptQRSize is the side of the printed QR code: about 23 mm, which phone
// cameras read from arm's length.
const receiptQRSize = 66.0

// receiptParties writes who handed in what; the first lines run beside the
// tracking QR code, later ones use the full width.
func (d *doc) receiptParties(r ReceiptData) {
	right, qrBottom, page := d.right, d.y, d.pdf.GetNumberOfPages()
	if r.TrackingURL != "" {
		qrBottom = d.receiptQR(r.TrackingURL)
	}
	beside := func() {
		d.right = right
		if d.pdf.GetNumberOfPages() == page && d.y < qrBottom {
			d.right = right - receiptQRSize - 14
		}
	}
	d.receiptCodes(r, beside)
	for _, f := range [][2]string{
		{"Tiếp nhận hồ sơ của:", r.ApplicantName},
		{"Số định danh cá nhân/Mã số thuế:", r.IDNumber},
		{"Địa chỉ:", r.Address},
		{"Số điện thoại/Thư điện tử:", r.Contact},
		{"Nội dung yêu cầu giải quyết:", r.ProcedureName},
	} {
		beside()
		d.field(f[0], f[1])
	}
	for _, f := range [][2]string{ // only for a dossier received for another unit
		{"Nơi tiếp nhận:", r.ReceivingUnit},
		{"Cơ quan giải quyết:", r.DecidingUnit},
		{"Tiếp nhận không phụ thuộc địa giới hành chính theo:", r.Listing},
	} {
		if f[1] != "" {
			beside()
			d.field(f[0], f[1])
		}
	}
	beside()
	if d.right != right {
		d.y = qrBottom
	}
	d.right = right
}

// receiptCodes writes in bold what the applicant quotes or types to follow
// the dossier: its code and the tracking secret, with where to type them.
func (d *doc) receiptCodes(r ReceiptData, beside func()) {
	beside()
	d.font(bold, d.base)
	d.field("Mã hồ sơ:", r.Code)
	if r.TrackingSecret == "" {
		d.font(regular, d.base)
		return
	}
	beside()
	d.field("Mã tra cứu:", r.TrackingSecret)
	if page := trackingPage(r.TrackingURL); page != "" {
		beside()
		d.font(italic, d.base-1.5)
		d.paragraph("Tra cứu tại " + page + " bằng mã hồ sơ và mã tra cứu.")
	}
	d.font(regular, d.base)
}

// trackingPage is the address of the tracking page a citizen types: the
// tracking URL without its scheme and query, which hold nothing to type.
func trackingPage(trackingURL string) string {
	u, err := url.Parse(trackingURL)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Host + u.Path
}

// receiptQR draws the QR code with its instruction under it at the top right
// and returns their bottom; d.y stays where it was.
func (d *doc) receiptQR(url string) float64 {
	top, colX := d.y, d.right-receiptQRSize-8
	d.qr(url, colX+4, receiptQRSize)
	d.y += receiptQRSize + 2
	d.font(italic, d.base-2.5)
	d.block(colX, receiptQRSize+8, "Quét mã để tra cứu tình trạng hồ sơ", gopdf.Center)
	bottom := d.y
	d.y = top
	return bottom
}

// receiptDocuments writes the numbered table of the papers received.
func (d *doc) receiptDocuments(docs []Document) {
	if len(docs) == 0 {
		d.field("1. Thành phần hồ sơ nộp gồm:", "")
		return
	}
	d.paragraph("1. Thành phần hồ sơ nộp gồm:")
	d.gap(1)
	t := d.newTable(d.base-1,
		column{"TT", 0.06, gopdf.Center},
		column{"Tên giấy tờ", 0.65, gopdf.Left},
		column{"Hình thức", 0.17, gopdf.Center}, // bản chính, bản sao or xuất trình
		column{"Số lượng", 0.12, gopdf.Center})
	for i, doc := range docs {
		t.row(fmt.Sprint(i+1), doc.Name, doc.Kind, count(doc.Count))
	}
	t.end()
	d.gap(2)
}

// receiptTerms writes the time limits, where the result is returned and the
// register entry.
func (d *doc) receiptTerms(r ReceiptData) {
	sets := count(r.Sets)
	if sets != "" {
		sets += " bộ"
	}
	d.field("2. Số lượng hồ sơ:", sets)
	d.field("3. Thời gian giải quyết hồ sơ theo quy định:", r.LegalTime)
	d.field("4. Thời gian nhận hồ sơ:", clock(r.ReceivedAt))
	d.field("5. Thời gian trả kết quả giải quyết hồ sơ:", clock(r.DueAt))
	d.field("6. Đăng ký nhận kết quả tại:", r.ReturnPlace)
	d.field("7. Phí, lệ phí:", r.Fees)
	d.paragraph(fmt.Sprintf("Vào Sổ theo dõi hồ sơ: %s, số thứ tự: %s",
		orBlank(r.RegisterBook), orBlank(count(r.EntryNo))))
}

// receiptBase is the body size of form 01, set tighter than the letters so
// that ten document lines, the terms and the signatures fit one A5 page (the
// applicant keeps one sheet); 9 points still reads well at arm's length.
const receiptBase = 9.0

// receiptFeesRunes bounds field 7: form 01 fits one A5 page, and the
// procedure's page gives the fees in full.
const receiptFeesRunes = 200

// ReceiptFees is field 7 of form 01 for a procedure version: its fee lines
// in one line ("Phí cấp bản sao trích lục: 8.000 đồng/bản"), "Miễn phí, lệ
// phí" when it states none, or the catalogue's note when it does not state
// them as lines; cut short, with an ellipsis, past 200 characters. What a
// given dossier owes is computed at intake (ledger.ComputeFees), not here.
func ReceiptFees(p *motcua.Procedure) string {
	text := []rune(p.FeesText())
	if len(text) <= receiptFeesRunes {
		return string(text)
	}
	return strings.TrimSpace(string(text[:receiptFeesRunes-1])) + "…"
}
