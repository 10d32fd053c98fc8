package forms

import (
	"fmt"
	"io"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// ControlSlipData fills the control slip (form 06; 05 before 15/09/2025),
// which travels with the dossier and records every hand-over.
type ControlSlipData struct {
	Header        Header
	Code          string // dossier code, required
	ApplicantName string
	ProcedureName string
	ReceivedAt    time.Time // when the dossier was received; picks the edition
	DueAt         time.Time
	Rows          []ControlRow
	// Components are the dossier's components with whether each was
	// digitised (issue 18); none prints no list.
	Components []ComponentLine
}

// ComponentLine is one component of the dossier as the control slip lists
// it: digitised (by whom, when) or not.
type ComponentLine struct {
	Name        string
	Digitised   bool
	DigitisedBy string
	DigitisedAt time.Time
	Online      bool // the citizen's own upload
}

// String is the line as printed.
func (c ComponentLine) String() string {
	switch {
	case c.Online:
		return c.Name + " — đã số hóa (tệp nộp trực tuyến)"
	case c.Digitised:
		return c.Name + " — đã số hóa (" + motcua.FormatDateTime(c.DigitisedAt) + ", " + c.DigitisedBy + ")"
	}
	return c.Name + " — chưa số hóa"
}

// ControlRow is one hand-over of the dossier between two people.
type ControlRow struct {
	Step       string // e.g. "Thẩm định hồ sơ"
	Unit       string // the unit that takes the dossier over
	GivenAt    time.Time
	Giver      string
	ReceivedAt time.Time
	Receiver   string
	DueAt      time.Time // when this step must be done
	Grade      string    // "Trước hạn", "Đúng hạn" or "Quá hạn"
	Note       string
}

// ControlSlip writes the control slip as a PDF on A5 landscape. Portrait A5
// leaves 360 points for ten columns, three of them date-times: 36 points a
// column, so names and steps would wrap every word. Landscape gives 540 and
// keeps the slip A5, the size domain.md asks of forms 01–06.
func ControlSlip(w io.Writer, c ControlSlipData) (err error) {
	defer wrapErr(&err, "forms.ControlSlip(%q)", c.Code)
	if err := check(w, c.ReceivedAt, "ReceivedAt", c.Code); err != nil {
		return err
	}
	d, err := newDoc(a5Landscape, a5Margins, 10, docTitle(FormControlSlip, c.ReceivedAt, c.Code))
	if err != nil {
		return err
	}
	d.heading(c.Header, FormControlSlip, c.ReceivedAt, true)
	d.font(bold, d.base)
	d.field("Mã hồ sơ:", c.Code)
	d.font(regular, d.base)
	d.field("Tên tổ chức, cá nhân:", c.ApplicantName)
	d.field("Nội dung yêu cầu giải quyết:", c.ProcedureName)
	d.field("Thời gian nhận hồ sơ:", clock(c.ReceivedAt))
	d.field("Thời gian hẹn trả kết quả:", clock(c.DueAt))
	if len(c.Components) > 0 {
		d.paragraph("Thành phần hồ sơ:")
		lines := make([]string, len(c.Components))
		for i, comp := range c.Components {
			lines[i] = comp.String()
		}
		d.numbered(lines)
	}
	d.gap(4)
	d.controlTable(c.Rows)
	return d.write(w)
}

func (d *doc) controlTable(rows []ControlRow) {
	t := d.newTable(d.base-2.5,
		column{"TT", 0.04, gopdf.Center},
		column{"Bước xử lý", 0.13, gopdf.Left},
		column{"Cơ quan, đơn vị", 0.13, gopdf.Left},
		column{"Thời gian giao", 0.09, gopdf.Center},
		column{"Người giao", 0.11, gopdf.Left},
		column{"Thời gian nhận", 0.09, gopdf.Center},
		column{"Người nhận", 0.11, gopdf.Left},
		column{"Hạn xử lý", 0.09, gopdf.Center},
		column{"Kết quả (trước hạn/ đúng hạn/ quá hạn)", 0.1, gopdf.Center},
		column{"Ghi chú", 0.11, gopdf.Left})
	for i, r := range rows {
		t.row(fmt.Sprint(i+1), r.Step, r.Unit, motcua.FormatDateTime(r.GivenAt), r.Giver,
			motcua.FormatDateTime(r.ReceivedAt), r.Receiver, motcua.FormatDateTime(r.DueAt),
			r.Grade, r.Note)
	}
	t.end()
}
