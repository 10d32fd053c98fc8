package forms

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
)

// Scorecard766Data is the 766 scorecard as printed: who reports, for which
// unit, when, and the scorecard.
type Scorecard766Data struct {
	Header    Header
	Scope     string // the unit scored, "and the units below it"
	At        time.Time
	Scorecard *report.Scorecard
}

// Scorecard766PDF writes the scorecard on A4 landscape: the heading, the
// period and unit, one row per indicator (counts, rate, points, or why
// there is no data), the total of the points scored, and 2.2's averages.
func Scorecard766PDF(w io.Writer, r Scorecard766Data) (err error) {
	defer wrapErr(&err, "forms.Scorecard766PDF")
	if r.Scorecard == nil {
		return errors.New("no scorecard")
	}
	if err := check(w, r.At, "At"); err != nil {
		return err
	}
	d, err := newDoc(a4Landscape, a4Margins, 11, "Chỉ số 766")
	if err != nil {
		return err
	}
	d.scorecardHeading(r)
	d.scorecardTable(r.Scorecard)
	sc := r.Scorecard
	d.gap(6)
	d.paragraph(fmt.Sprintf("Tổng điểm các chỉ số tính được: %s / %s điểm. Chỉ số không có dữ liệu hoặc chưa xác định điểm tối đa không tính vào tổng.",
		motcua.FormatDecimal(sc.Points), motcua.FormatDecimal(sc.MaxPoints)))
	if len(sc.Averages) > 0 {
		d.gap(4)
		d.paragraph("Chỉ số 2.2 — thời gian giải quyết trung bình theo từng thủ tục:")
		t := d.newTable(8, column{"Mã thủ tục", 0.15, gopdf.Left}, column{"Tên thủ tục", 0.55, gopdf.Left},
			column{"Số hồ sơ", 0.1, gopdf.Right}, column{"Trung bình", 0.2, gopdf.Right})
		for _, a := range sc.Averages {
			t.row(a.Code, a.Name, motcua.FormatInt(int64(a.Dossiers)), averageText(a))
		}
		t.end()
	}
	d.pageNumbers()
	return d.write(w)
}

// averageText is 2.2's average in its procedure's unit.
func averageText(a report.ProcedureAverage) string {
	unit := "ngày làm việc"
	if a.Unit == motcua.WorkingHours {
		unit = "giờ làm việc"
	}
	return motcua.FormatDecimal(a.Average) + " " + unit
}

func (d *doc) scorecardHeading(r Scorecard766Data) {
	base := d.base
	leftW := d.width() * 0.42
	rightX, rightW := d.left+leftW, d.width()-leftW
	y0 := d.y
	d.font(regular, base-1)
	d.block(d.left, leftW, strings.ToUpper(motcua.NFC(r.Header.Authority)), gopdf.Center)
	d.font(bold, base-1)
	d.block(d.left, leftW, strings.ToUpper(motcua.NFC(r.Header.Unit)), gopdf.Center)
	left := d.y
	d.y = y0
	d.font(bold, base-1)
	d.block(rightX, rightW, motto, gopdf.Center)
	d.block(rightX, rightW, subMotto, gopdf.Center)
	d.font(italic, base-1)
	d.block(rightX, rightW, placeDate(r.Header.Place, r.At), gopdf.Center)
	d.y = max(d.y, left) + 10
	d.font(bold, base+1.5)
	d.centred("CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH 766/QĐ-TTg)")
	d.font(italic, base)
	d.centred(period(r.Scorecard.From, r.Scorecard.To))
	if r.Scope != "" {
		d.centred("Đơn vị: " + r.Scope)
	}
	d.centred("Tính theo công thức quốc gia từ dữ liệu hồ sơ đồng bộ")
	d.font(regular, base)
	d.gap(6)
}

func (d *doc) scorecardTable(sc *report.Scorecard) {
	t := d.newTable(8, column{"Chỉ số", 0.06, gopdf.Left}, column{"Tên chỉ số", 0.36, gopdf.Left},
		column{"Tử số", 0.08, gopdf.Right}, column{"Mẫu số", 0.08, gopdf.Right}, column{"Tỉ lệ", 0.1, gopdf.Right},
		column{"Điểm", 0.1, gopdf.Right}, column{"Ghi chú", 0.22, gopdf.Left})
	for _, i := range sc.Indicators {
		num, den := "", ""
		if !i.NoData {
			num, den = motcua.FormatInt(int64(i.Numerator)), motcua.FormatInt(int64(i.Denominator))
		}
		t.row(i.Code, i.Name, num, den, i.RateText(), i.PointsText(), strings.TrimSpace(i.Reason+" "+i.Note))
	}
	t.end()
}
