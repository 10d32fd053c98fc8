package forms

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// RegisterData fills the dossier register (form 07; 06 before 15/09/2025)
// for the period [From, To).
type RegisterData struct {
	Header Header
	From   time.Time // first instant of the period; picks the edition
	To     time.Time // end of the period, exclusive
	Rows   []RegisterRow
}

// RegisterRow is one dossier in the register. Zero times print empty.
type RegisterRow struct {
	No            int    // entry number in the register
	Code          string // dossier code, required
	ProcedureName string
	Sets          int
	ApplicantName string
	Contact       string // the phone number, masked: a book many hands open prints no full number
	LeadUnit      string // the unit that leads the handling
	ReceivedAt    time.Time
	DueAt         time.Time
	SentAt        time.Time // sent to the handling unit
	ResultAt      time.Time // result back from the handling unit
	ReturnedAt    time.Time // result handed to the applicant
	Note          string
}

// Register writes the register as an A4 landscape PDF: the heading on the
// first page, then a table whose header row repeats on every page, and
// "Trang x/y" at the foot of each page. A register is a book kept over a
// period, not a letter signed on a day, so it has no place-and-date line and
// no signature; the period line takes their place.
func Register(w io.Writer, r RegisterData) (err error) {
	defer wrapErr(&err, "forms.Register(%s, %s)", motcua.FormatDate(r.From), motcua.FormatDate(r.To))
	if err := check(w, r.From, "From"); err != nil {
		return err
	}
	if !r.To.After(r.From) {
		return errors.New("period ends before it starts")
	}
	for i, row := range r.Rows {
		if motcua.NFC(row.Code) == "" {
			return fmt.Errorf("row %d: %w", i+1, errNoCode)
		}
	}
	d, err := newDoc(a4Landscape, a4Margins, 11, docTitle(FormRegister, r.From, ""))
	if err != nil {
		return err
	}
	d.heading(r.Header, FormRegister, r.From, false)
	d.font(italic, d.base)
	d.centred(period(r.From, r.To))
	d.gap(6)
	d.registerTable(r.Rows)
	d.pageNumbers()
	return d.write(w)
}

// period writes "Từ ngày 01/11/2026 đến ngày 30/11/2026": people read the end
// of a period as its last day, so the exclusive end becomes the day of the
// last instant inside the period.
func period(from, to time.Time) string {
	return fmt.Sprintf("Từ ngày %s đến ngày %s",
		motcua.FormatDate(from), motcua.FormatDate(to.Add(-time.Nanosecond)))
}

func (d *doc) registerTable(rows []RegisterRow) {
	t := d.newTable(7,
		column{"STT", 0.04, gopdf.Center},
		column{"Mã hồ sơ", 0.125, gopdf.Left},
		column{"Tên thủ tục hành chính", 0.13, gopdf.Left},
		column{"Số bộ", 0.035, gopdf.Center},
		column{"Tên tổ chức, cá nhân", 0.1, gopdf.Left},
		column{"Địa chỉ, số điện thoại", 0.1, gopdf.Left},
		column{"Cơ quan chủ trì giải quyết", 0.08, gopdf.Left},
		column{"Nhận hồ sơ", 0.06, gopdf.Center},
		column{"Hẹn trả kết quả", 0.06, gopdf.Center},
		column{"Chuyển hồ sơ đến cơ quan giải quyết", 0.06, gopdf.Center},
		column{"Có kết quả giải quyết", 0.06, gopdf.Center},
		column{"Trả kết quả", 0.06, gopdf.Center},
		column{"Ghi chú", 0.09, gopdf.Left})
	for _, r := range rows {
		t.row(count(r.No), r.Code, r.ProcedureName, count(r.Sets), r.ApplicantName,
			r.Contact, r.LeadUnit, motcua.FormatDateTime(r.ReceivedAt),
			motcua.FormatDateTime(r.DueAt), motcua.FormatDateTime(r.SentAt),
			motcua.FormatDateTime(r.ResultAt), motcua.FormatDateTime(r.ReturnedAt), r.Note)
	}
	t.end()
}

// pageNumbers writes "Trang x/y" under the writing area of every page; it
// runs last, when the number of pages is known.
func (d *doc) pageNumbers() {
	n := d.pdf.GetNumberOfPages()
	d.font(regular, 8)
	for i := 1; i <= n && d.err == nil; i++ {
		d.fail(d.pdf.SetPage(i))
		d.y = d.bottom + 10
		d.put(d.left, d.width(), fmt.Sprintf("Trang %d/%d", i, n), gopdf.Center)
	}
}
