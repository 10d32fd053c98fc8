package forms

import (
	"fmt"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// Header names who issues a form.
type Header struct {
	Authority string // the superior authority, e.g. "UBND HUYỆN ĐẮK MIL"
	Unit      string // the issuing unit, e.g. "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
	Place     string // where the form is issued, e.g. "Đắk Mil"
}

const (
	motto    = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	subMotto = "Độc lập - Tự do - Hạnh phúc"
)

// heading writes the top of a form as Decree 30/2020/NĐ-CP lays it out: the
// form number and its circular at the top right; the authority (upright) and the issuing unit
// (bold) on the left; the national name and motto on the right; under them the
// place and date, unless dated is false; then the title in capitals.
func (d *doc) heading(h Header, f Form, at time.Time, dated bool) {
	t, c := templateAt(f, at)
	base := d.base
	d.font(italic, base-2.5)
	d.block(d.left, d.width(), fmt.Sprintf("Mẫu số %s (Thông tư %s)", t.Number, c.Name), gopdf.Right)
	d.gap(4)
	y0 := d.y
	leftW := d.width() * 0.42
	rightX, rightW := d.left+leftW, d.width()-leftW
	centre := d.left + leftW/2

	d.font(regular, base-1)
	d.block(d.left, leftW, strings.ToUpper(motcua.NFC(h.Authority)), gopdf.Center)
	d.font(bold, base-1)
	d.block(d.left, leftW, strings.ToUpper(motcua.NFC(h.Unit)), gopdf.Center)
	d.rule(centre, d.y+2.5, leftW/3)
	leftBottom := d.y

	d.y = y0
	d.fitSize(bold, base-1, rightW, motto)
	d.block(rightX, rightW, motto, gopdf.Center)
	d.block(rightX, rightW, subMotto, gopdf.Center)
	d.rule(rightX+rightW/2, d.y+2.5, d.measure(subMotto))
	if dated {
		d.gap(6)
		d.font(italic, base-1)
		d.block(rightX, rightW, placeDate(h.Place, at), gopdf.Center)
	}
	d.y = max(d.y, leftBottom) + 11
	d.font(bold, base+1.5)
	d.centred(strings.ToUpper(t.Title))
	d.font(regular, base)
	d.gap(4)
}

// placeDate writes "Đắk Mil, ngày 05 tháng 3 năm 2026": Decree 30/2020/NĐ-CP
// pads days below 10 and the months January and February with a zero.
func placeDate(place string, t time.Time) string {
	place = motcua.NFC(place)
	if place == "" {
		place = "……"
	}
	t = t.In(motcua.VN)
	day := fmt.Sprintf("%02d", t.Day())
	month := fmt.Sprint(int(t.Month()))
	if t.Month() < time.March {
		month = "0" + month
	}
	return fmt.Sprintf("%s, ngày %s tháng %s năm %d", place, day, month, t.Year())
}

// clock writes an instant the way the forms ask for it:
// "08 giờ 30 phút, ngày 27/11/2026", Vietnam time; dots for the zero time.
func clock(t time.Time) string {
	if t.IsZero() {
		return "…… giờ …… phút, ngày ……/……/………"
	}
	t = t.In(motcua.VN)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %s", t.Hour(), t.Minute(), motcua.FormatDate(t))
}

// signer is one signature block: who signs, how, and the printed name.
type signer struct {
	role, hint, name string
}

const (
	signHint = "(Ký và ghi rõ họ tên)"
	sealHint = "(Ký, ghi rõ họ tên và đóng dấu)"
)

// signatures writes the blocks side by side at the foot of the body, all on
// one page; a single block takes the right half, where the signer of an
// administrative document signs.
func (d *doc) signatures(signers ...signer) {
	if len(signers) == 1 {
		signers = append([]signer{{}}, signers...)
	}
	base := d.base
	d.gap(6)
	colW := d.width() / float64(len(signers))
	d.ensure(d.signaturesHeight(colW, signers))
	y0, bottom := d.y, d.y
	for i, s := range signers {
		x := d.left + colW*float64(i)
		d.y = y0
		d.font(bold, base)
		d.block(x, colW, strings.ToUpper(s.role), gopdf.Center)
		d.font(italic, base-1)
		d.block(x, colW, s.hint, gopdf.Center)
		d.gap(d.signSpace)
		d.font(bold, base)
		d.block(x, colW, s.name, gopdf.Center)
		bottom = max(bottom, d.y)
	}
	d.y = bottom
	d.font(regular, base)
}

// signaturesHeight is the height of the tallest block, so that the blocks
// move to a new page only when they do not fit on this one.
func (d *doc) signaturesHeight(colW float64, signers []signer) float64 {
	tallest := 0.0
	for _, s := range signers {
		h := d.signSpace
		for _, part := range []struct {
			style style
			pt    float64
			text  string
		}{{bold, d.base, strings.ToUpper(s.role)}, {italic, d.base - 1, s.hint}, {bold, d.base, s.name}} {
			d.font(part.style, part.pt)
			h += float64(len(d.wrap(motcua.NFC(part.text), colW))) * d.lineHeight()
		}
		tallest = max(tallest, h)
	}
	d.font(regular, d.base)
	return tallest
}
