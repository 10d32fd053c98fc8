package forms

import (
	"io"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua/reform/cchc"
)

// CCHC writes the periodic reform report's draft as an A4 PDF in the
// layout of Decree 30/2020: issuer and national motto side by side, the
// number and the place and date under them, the title, the addressee,
// the body, the recipients and the signature block.
func CCHC(w io.Writer, r cchc.Draft) error {
	d, err := newDoc(a4, a4Margins, 13, r.Subtitle)
	if err != nil {
		return err
	}
	y0 := d.y
	leftW := d.width() * 0.42
	rightX, rightW := d.left+leftW, d.width()-leftW
	d.font(regular, d.base-1)
	d.block(d.left, leftW, r.Superior, gopdf.Center)
	d.font(bold, d.base-1)
	d.block(d.left, leftW, r.Issuer, gopdf.Center)
	d.rule(d.left+leftW/2, d.y+2.5, leftW/3)
	d.gap(6)
	d.font(regular, d.base-1)
	d.block(d.left, leftW, r.Number, gopdf.Center)
	leftBottom := d.y
	d.y = y0
	d.fitSize(bold, d.base-1, rightW, motto)
	d.block(rightX, rightW, motto, gopdf.Center)
	d.block(rightX, rightW, subMotto, gopdf.Center)
	d.rule(rightX+rightW/2, d.y+2.5, d.measure(subMotto))
	d.gap(6)
	d.font(italic, d.base-1)
	d.block(rightX, rightW, r.PlaceDate, gopdf.Center)
	d.y = max(d.y, leftBottom) + 14
	d.font(bold, d.base+1.5)
	d.centred(r.Title)
	d.font(bold, d.base)
	d.centred(r.Subtitle)
	d.gap(6)
	d.font(regular, d.base)
	d.centred(r.Addressee)
	d.gap(8)
	for _, p := range r.Body {
		if p.Heading {
			d.font(bold, d.base)
		} else {
			d.font(regular, d.base)
		}
		d.paragraph(p.Text)
	}
	d.gap(12)
	y1 := d.y
	d.font(bold, d.base-2)
	d.block(d.left, leftW, "Nơi nhận:", gopdf.Left)
	d.font(regular, d.base-2)
	for _, rc := range r.Recipients {
		d.block(d.left, leftW, "- "+rc, gopdf.Left)
	}
	d.y = y1
	d.font(bold, d.base)
	for _, s := range r.Signature {
		d.block(rightX, rightW, s, gopdf.Center)
	}
	return d.write(w)
}
