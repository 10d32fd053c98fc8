package files

import (
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig reads the scans' sizes
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// a4 in points; a scan's page is A4, turned to the image's orientation.
var a4 = gopdf.Rect{W: 595.28, H: 841.89}

// scanMargin keeps an image off the page's edge, in points.
const scanMargin = 18

// MergeImages makes one PDF of checked images (JPEG, PNG), one A4 page
// each in their order, the image fitted to the page: the pages of one
// component photographed one by one. The PDF is streamed through Check
// (so it obeys the store's size limit and is hashed on the way) into a
// temporary file of the store, like an upload; the images are discarded
// either way.
func (s *Store) MergeImages(name string, images []*Checked) (_ *Checked, err error) {
	defer func() {
		for _, c := range images {
			c.Discard()
		}
	}()
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: a4})
	pdf.SetInfo(gopdf.PdfInfo{Title: motcua.NFC(strings.TrimSuffix(name, filepath.Ext(name))), Creator: "motcua"})
	for _, c := range images {
		if err := addImagePage(pdf, c); err != nil {
			return nil, err
		}
	}
	r, w := io.Pipe()
	go func() {
		_, err := pdf.WriteTo(w)
		w.CloseWithError(err)
	}()
	merged, err := s.Check(name, r)
	r.CloseWithError(io.ErrClosedPipe) // a refusal stops the writer
	return merged, err
}

// addImagePage adds one page holding the image, scaled to fit.
func addImagePage(pdf *gopdf.GoPdf, c *Checked) error {
	if c.ContentType != "image/jpeg" && c.ContentType != "image/png" {
		return motcua.FieldError("files", "Tệp “%s” không phải ảnh: chỉ ghép nhiều ảnh JPEG, PNG thành một PDF; tệp PDF hãy đính kèm riêng.", c.Name)
	}
	f, err := os.Open(c.tmp)
	if err != nil {
		return fmt.Errorf("files.MergeImages(%q): %w", c.Name, err)
	}
	cfg, _, err := image.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return motcua.FieldError("files", "Không đọc được ảnh “%s”; hãy chụp lại.", c.Name)
	}
	page := a4
	if cfg.Width > cfg.Height {
		page = gopdf.Rect{W: a4.H, H: a4.W}
	}
	pdf.AddPageWithOption(gopdf.PageOption{PageSize: &page})
	scale := min((page.W-2*scanMargin)/float64(cfg.Width), (page.H-2*scanMargin)/float64(cfg.Height))
	w, h := float64(cfg.Width)*scale, float64(cfg.Height)*scale
	if err := pdf.Image(c.tmp, (page.W-w)/2, (page.H-h)/2, &gopdf.Rect{W: w, H: h}); err != nil {
		return motcua.FieldError("files", "Không ghép được ảnh “%s” vào PDF (%v); hãy chụp lại dạng JPEG.", c.Name, err)
	}
	return nil
}
