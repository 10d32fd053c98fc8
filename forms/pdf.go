package forms

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// Page sizes in points as ISO 216 defines them; gopdf's own A5 is rounded
// to 420 × 595.
var (
	a5          = gopdf.Rect{W: 419.53, H: 595.28}
	a5Landscape = gopdf.Rect{W: 595.28, H: 419.53}
	a4Landscape = gopdf.Rect{W: 841.89, H: 595.28}
	a4          = gopdf.Rect{W: 595.28, H: 841.89}
)

// margins are the distances from the page edges to the writing area. The left
// one is the widest, as Decree 30/2020/NĐ-CP wants, for binding.
type margins struct{ top, right, bottom, left float64 }

var (
	a5Margins = margins{top: 22, right: 22, bottom: 28, left: 34}
	a4Margins = margins{top: 28, right: 28, bottom: 36, left: 42}
)

// doc is a PDF written from top to bottom. Drawing methods record the first
// error and do nothing after it, so that form code reads as a list of parts;
// write reports the error.
type doc struct {
	pdf                      *gopdf.GoPdf
	left, right, top, bottom float64 // edges of the writing area
	y                        float64 // top of the next line
	style                    style
	pt                       float64 // font size
	base                     float64 // size of body text
	leading                  float64 // line height as a multiple of the font size
	cellPad                  float64 // points between a table cell's border and its text
	signSpace                float64 // points left blank for a signature
	err                      error
	onNewPage                func() // redraws a table's header row
}

// newDoc starts a document of page-sized pages whose body text is base points.
func newDoc(page gopdf.Rect, m margins, base float64, title string) (*doc, error) {
	pdf := new(gopdf.GoPdf)
	pdf.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: page})
	pdf.SetInfo(gopdf.PdfInfo{Title: motcua.NFC(title), Creator: "motcua"})
	if err := addFonts(pdf); err != nil {
		return nil, err
	}
	d := &doc{pdf: pdf, left: m.left, right: page.W - m.right,
		top: m.top, bottom: page.H - m.bottom, base: base, leading: 1.35, cellPad: 2.5, signSpace: 46}
	d.pdf.AddPage()
	d.y = d.top
	d.font(regular, base)
	return d, nil
}

// write sends the finished PDF to w.
// tighten sets the document closer for a form that must keep to one page:
// a smaller leading, table padding and signature space.
func (d *doc) tighten() {
	d.leading, d.cellPad, d.signSpace = 1.25, 1.8, 36
}

func (d *doc) write(w io.Writer) error {
	if d.err != nil {
		return d.err
	}
	_, err := d.pdf.WriteTo(w)
	return err
}

func (d *doc) fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

func (d *doc) width() float64 { return d.right - d.left }

func (d *doc) font(s style, pt float64) {
	d.style, d.pt = s, pt
	d.fail(d.pdf.SetFont(string(s), "", pt))
}

func (d *doc) lineHeight() float64 { return d.pt * d.leading }

// lineRoom is the height a line needs above the bottom margin: its glyphs
// (put's offset, the font's ascent and the descent of g, y, ậ) reach
// further down than a tight leading's line box.
func (d *doc) lineRoom() float64 { return max(d.lineHeight(), d.pt*1.47) }

// newPage starts a page and redraws what must repeat on it.
func (d *doc) newPage() {
	s, pt := d.style, d.pt
	d.pdf.AddPage()
	d.y = d.top
	if d.onNewPage != nil {
		d.onNewPage()
	}
	d.font(s, pt)
}

// ensure starts a new page unless h more points fit above the bottom margin.
func (d *doc) ensure(h float64) {
	if d.y+h > d.bottom {
		d.newPage()
	}
}

// measure returns the width of s in the current font.
func (d *doc) measure(s string) float64 {
	if d.err != nil || s == "" {
		return 0
	}
	w, err := d.pdf.MeasureTextWidth(s)
	d.fail(err)
	return w
}

// put draws one line of text at d.y within [x, x+w], aligned gopdf.Left,
// Center or Right. The text must already be NFC and fit.
func (d *doc) put(x, w float64, text string, align int) {
	if d.err != nil || text == "" {
		return
	}
	d.pdf.SetXY(x, d.y+d.pt*0.1)
	d.fail(d.pdf.CellWithOption(&gopdf.Rect{W: w, H: d.lineHeight()}, text,
		gopdf.CellOption{Align: align | gopdf.Top}))
}

// wrap breaks NFC text into lines no wider than width in the current font:
// at spaces, and inside a word only when the word alone is too wide.
// Newlines in the text start new lines.
func (d *doc) wrap(text string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, d.wrapParagraph(para, width)...)
	}
	return lines
}

func (d *doc) wrapParagraph(text string, width float64) []string {
	space := d.measure(" ")
	var lines []string
	line, lineW := "", 0.0
	for _, word := range strings.Fields(text) {
		wordW := d.measure(word)
		switch {
		case line != "" && lineW+space+wordW <= width:
			line, lineW = line+" "+word, lineW+space+wordW
			continue
		case line != "":
			lines = append(lines, line)
		}
		line, lineW = word, wordW
		if wordW > width {
			pieces := d.splitWord(word, width)
			lines = append(lines, pieces[:len(pieces)-1]...)
			line = pieces[len(pieces)-1]
			lineW = d.measure(line)
		}
	}
	return append(lines, line)
}

// splitWord cuts a word wider than width into pieces that fit; widths add up
// because the fonts are used without kerning.
func (d *doc) splitWord(word string, width float64) []string {
	var pieces []string
	start, w := 0, 0.0
	for i, r := range word {
		rw := d.measure(string(r))
		if w+rw > width && i > start {
			pieces = append(pieces, word[start:i])
			start, w = i, 0
		}
		w += rw
	}
	return append(pieces, word[start:])
}

// block writes text wrapped within [x, x+w], breaking pages between lines.
func (d *doc) block(x, w float64, text string, align int) {
	for _, line := range d.wrap(motcua.NFC(text), w) {
		d.ensure(d.lineRoom())
		d.put(x, w, line, align)
		d.y += d.lineHeight()
	}
}

// paragraph writes text across the writing area, a little apart from the
// next: 0.2 of the font size at the usual leading, less in tighter forms.
func (d *doc) paragraph(text string) {
	d.block(d.left, d.width(), text, gopdf.Left)
	d.gap(d.pt * (d.leading - 1.15))
}

// centred writes text centred on the writing area.
func (d *doc) centred(text string) {
	d.block(d.left, d.width(), text, gopdf.Center)
}

// blank is what a form shows for a value nobody gave, for filling by hand.
const blank = "…………………………"

// field writes "label value" as one paragraph; an empty value leaves dots.
func (d *doc) field(label, value string) {
	d.paragraph(label + " " + orBlank(value))
}

// numbered writes items as a list "1. …" whose wrapped lines hang under the
// text, not under the number.
func (d *doc) numbered(items []string) {
	indent := d.measure("00. ")
	for i, item := range items {
		lines := d.wrap(motcua.NFC(item), d.width()-indent)
		for j, line := range lines {
			d.ensure(d.lineRoom())
			if j == 0 {
				d.put(d.left, indent, fmt.Sprintf("%d.", i+1), gopdf.Left)
			}
			d.put(d.left+indent, d.width()-indent, line, gopdf.Left)
			d.y += d.lineHeight()
		}
	}
}

// gap leaves h points of space; the next line breaks the page if needed.
func (d *doc) gap(h float64) { d.y += h }

// rule draws a horizontal line of width w centred on x.
func (d *doc) rule(x, y, w float64) {
	d.pdf.SetLineWidth(0.5)
	d.pdf.Line(x-w/2, y, x+w/2, y)
}

// fitSize sets style s at the largest size, from pt down in half points,
// at which every line fits width.
func (d *doc) fitSize(s style, pt, width float64, lines ...string) {
	for ; ; pt -= 0.5 {
		d.font(s, pt)
		fits := true
		for _, l := range lines {
			fits = fits && d.measure(l) <= width
		}
		if fits || pt <= 6 {
			return
		}
	}
}
