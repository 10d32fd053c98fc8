package forms

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"

	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"
)

// qrPNG encodes text as a QR code in an 8-bit grey PNG. Recovery is medium
// (15 %): receipts get folded and stamped, and higher levels make the code
// denser for a long tracking URL. Four pixels a module keep it sharp at the
// size it prints.
func qrPNG(text string) ([]byte, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	// go-qrcode draws a two-colour palette image; grey converts to a plain
	// DeviceGray image in the PDF, with no palette object to resolve.
	src := q.Image(-4)
	grey := image.NewGray(src.Bounds())
	draw.Draw(grey, grey.Bounds(), src, src.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, grey); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// qr draws a QR code of text, size points square, with its top left at
// (x, d.y); d.y does not move, so text can flow beside it.
func (d *doc) qr(text string, x, size float64) {
	if d.err != nil {
		return
	}
	data, err := qrPNG(text)
	if err != nil {
		d.fail(err)
		return
	}
	img, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		d.fail(err)
		return
	}
	d.fail(d.pdf.ImageByHolder(img, x, d.y, &gopdf.Rect{W: size, H: size}))
}
