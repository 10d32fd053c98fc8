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

// II06aData is Biểu II.06a as printed: who reports, for which scope, when
// it is signed, and the report.
type II06aData struct {
	Header Header
	Scope  string // the unit reported on, "and the units below it"
	At     time.Time
	Signer string // the head of the reporting unit
	Report *report.Report
}

// II06aPDF writes the report in the layout of Biểu II.06a on A4 landscape:
// the heading, the period and scope, the table with its total row, the
// rates, and the signatures.
func II06aPDF(w io.Writer, r II06aData) (err error) {
	defer wrapErr(&err, "forms.II06aPDF")
	if r.Report == nil {
		return errors.New("no report")
	}
	if err := check(w, r.At, "At"); err != nil {
		return err
	}
	d, err := newDoc(a4Landscape, a4Margins, 11, "Biểu II.06a")
	if err != nil {
		return err
	}
	d.ii06aHeading(r)
	d.ii06aTable(r.Report)
	t := r.Report.Total
	d.gap(6)
	d.paragraph(fmt.Sprintf("Tỉ lệ hồ sơ giải quyết trước hạn và đúng hạn: %s. Tỉ lệ hồ sơ tiếp nhận trực tuyến: %s.", t.OnTimeRate(), t.OnlineShare()))
	d.signatures(signer{role: "Người lập biểu", hint: signHint}, signer{role: "Thủ trưởng đơn vị", hint: sealHint, name: r.Signer})
	d.pageNumbers()
	return d.write(w)
}

func (d *doc) ii06aHeading(r II06aData) {
	base := d.base
	d.font(italic, base-2.5)
	d.block(d.left, d.width(), "Biểu II.06a", gopdf.Right)
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
	d.centred("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
	d.font(italic, base)
	d.centred(period(r.Report.Query.From, r.Report.Query.To))
	if r.Scope != "" {
		d.centred("Đơn vị: " + r.Scope)
	}
	d.centred(r.Report.Query.Options())
	d.font(regular, base)
	d.gap(6)
}

func (d *doc) ii06aTable(rep *report.Report) {
	cols := []column{{"Đơn vị, lĩnh vực, thủ tục", 0.19, gopdf.Left}}
	names, _ := II06aColumnsOf(rep.Query.View)
	for _, name := range names {
		cols = append(cols, column{name, 0.81 / float64(len(names)), gopdf.Right})
	}
	t := d.newTable(7.5, cols...)
	for _, r := range append(append([]report.Row(nil), rep.Rows...), rep.Total) {
		cells := []string{r.Name}
		for _, n := range II06aCountsOf(rep.Query.View, r) {
			cells = append(cells, motcua.FormatInt(int64(n)))
		}
		t.row(cells...)
	}
	t.end()
}
