package forms

import (
	"github.com/signintech/gopdf"

	"github.com/motcua/motcua"
)

// column is one column of a table: its header, its share of the table's
// width, and how its cells align (gopdf.Left, Center or Right).
type column struct {
	title  string
	weight float64
	align  int
}

// table draws rows under a header row that is repeated on every page the
// table reaches. Cells wrap within their column; a row moves whole to the
// next page when it does not fit, and only a row taller than a page splits.
type table struct {
	d       *doc
	cols    []column
	widths  []float64
	pt      float64
	bodyTop float64 // where rows start on the current page
}

// newTable draws the header row and keeps it repeating until end.
func (d *doc) newTable(pt float64, cols ...column) *table {
	t := &table{d: d, cols: cols, pt: pt}
	total := 0.0
	for _, c := range cols {
		total += c.weight
	}
	for _, c := range cols {
		t.widths = append(t.widths, d.width()*c.weight/total)
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.title
	}
	headerLines := t.layout(bold, header)
	t.d.ensure(t.height(headerLines) + t.lineHeight()*2)
	t.drawHeader(headerLines)
	d.onNewPage = func() { t.drawHeader(headerLines) }
	return t
}

// end stops repeating the header row.
func (t *table) end() {
	t.d.onNewPage = nil
	t.d.font(regular, t.d.base)
}

func (t *table) drawHeader(lines [][]string) {
	t.d.font(bold, t.pt)
	t.draw(lines, maxLines(lines), true)
	t.bodyTop = t.d.y
}

func (t *table) lineHeight() float64 { return t.pt * (t.d.leading - 0.05) }

func (t *table) height(lines [][]string) float64 {
	return float64(maxLines(lines))*t.lineHeight() + 2*t.d.cellPad
}

// layout wraps each cell in style s to its column.
func (t *table) layout(s style, cells []string) [][]string {
	t.d.font(s, t.pt)
	lines := make([][]string, len(t.cols))
	for i := range t.cols {
		if i < len(cells) {
			lines[i] = t.d.wrap(motcua.NFC(cells[i]), t.widths[i]-2*t.d.cellPad)
		}
	}
	return lines
}

// row draws one row of cells, starting a page first if it does not fit.
func (t *table) row(cells ...string) {
	d := t.d
	lines := t.layout(regular, cells)
	for d.err == nil {
		n := maxLines(lines)
		fit := int((d.bottom - d.y - 2*d.cellPad) / t.lineHeight())
		switch {
		case n <= fit:
			t.draw(lines, n, false)
			return
		case d.y > t.bodyTop:
			d.newPage()
		default: // taller than a whole page: draw what fits, carry the rest
			fit = max(fit, 1)
			t.draw(lines, fit, false)
			for i := range lines {
				lines[i] = lines[i][min(fit, len(lines[i])):]
			}
			d.newPage()
		}
	}
}

// draw draws the first n lines of each cell and the cell borders at d.y.
func (t *table) draw(lines [][]string, n int, header bool) {
	d := t.d
	y0, h := d.y, float64(n)*t.lineHeight()+2*d.cellPad
	d.pdf.SetLineWidth(0.5)
	d.pdf.RectFromUpperLeft(d.left, y0, d.width(), h)
	x := d.left
	for i, w := range t.widths {
		if i > 0 {
			d.pdf.Line(x, y0, x, y0+h)
		}
		align := t.cols[i].align
		if header {
			align = gopdf.Center
		}
		for k, line := range lines[i][:min(n, len(lines[i]))] {
			d.y = y0 + d.cellPad + float64(k)*t.lineHeight()
			d.put(x+d.cellPad, w-2*d.cellPad, line, align)
		}
		x += w
	}
	d.y = y0 + h
}

func maxLines(lines [][]string) int {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}
