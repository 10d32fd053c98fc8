// Package pdftest reads back the PDFs motcua produces, for tests of any
// package: the text of each page, the page size, the images and the QR code
// printed on them. Every helper fails the test on a PDF it cannot read.
//
// gopdf writes a ToUnicode map for its subset fonts, which ledongthuc/pdf
// reads, so no external tool is needed.
package pdftest

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// Open parses a PDF held in memory.
func Open(tb testing.TB, data []byte) *pdf.Reader {
	tb.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatalf("read PDF: %v", err)
	}
	return r
}

// Pages extracts the text of each page, one string per line drawn, in the
// order the content stream draws them.
func Pages(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	r := Open(tb, data)
	fonts := make(map[string]*pdf.Font)
	var pages [][]string
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		for _, name := range p.Fonts() { // parse each ToUnicode map once
			if _, ok := fonts[name]; !ok {
				f := p.Font(name)
				fonts[name] = &f
			}
		}
		text, err := p.GetPlainText(fonts)
		if err != nil {
			tb.Fatalf("page %d: %v", i, err)
		}
		pages = append(pages, strings.Split(strings.TrimPrefix(text, "\n"), "\n"))
	}
	return pages
}

// Lines is the text lines of all pages, in order.
func Lines(tb testing.TB, data []byte) []string {
	tb.Helper()
	return slices.Concat(Pages(tb, data)...)
}

// Text is every line of every page joined by single spaces: a cell or a
// sentence that wraps still reads as one string.
func Text(tb testing.TB, data []byte) string {
	tb.Helper()
	return strings.Join(Lines(tb, data), " ")
}

// InOrder checks that each part occurs in text after the previous one.
func InOrder(tb testing.TB, text string, parts ...string) {
	tb.Helper()
	rest := text
	for _, p := range parts {
		i := strings.Index(rest, p)
		if i < 0 {
			if strings.Contains(text, p) {
				tb.Errorf("%q appears, but not after the parts before it", p)
			} else {
				tb.Errorf("%q does not appear in:\n%s", p, text)
			}
			return
		}
		rest = rest[i+len(p):]
	}
}

// MediaBox returns the width and height of page n in points, looking up the
// page tree as PDF inheritance does.
func MediaBox(tb testing.TB, data []byte, n int) (w, h float64) {
	tb.Helper()
	for v := Open(tb, data).Page(n).V; !v.IsNull(); v = v.Key("Parent") {
		if box := v.Key("MediaBox"); box.Len() == 4 {
			return box.Index(2).Float64() - box.Index(0).Float64(),
				box.Index(3).Float64() - box.Index(1).Float64()
		}
	}
	tb.Fatalf("page %d has no MediaBox", n)
	return 0, 0
}

// Size is a page size in points.
type Size struct{ W, H float64 }

// Paper sizes, portrait, as gopdf writes them.
var (
	A4 = Size{W: 595.28, H: 841.89}
	A5 = Size{W: 419.53, H: 595.28}
)

// Landscape turns the size on its side.
func (s Size) Landscape() Size { return Size{W: s.H, H: s.W} }

// WantSize fails the test unless page n measures want, to a hundredth of a point.
func WantSize(tb testing.TB, data []byte, n int, want Size) {
	tb.Helper()
	if w, h := MediaBox(tb, data, n); math.Abs(w-want.W) > 0.01 || math.Abs(h-want.H) > 0.01 {
		tb.Errorf("page %d is %.2f × %.2f pt, want %.2f × %.2f", n, w, h, want.W, want.H)
	}
}

// ImageXObjects counts the images the pages' resources name, each name
// once. gopdf gives every page the same resource dictionary, so this says
// how many images the document holds, not which page draws them.
func ImageXObjects(tb testing.TB, data []byte) int {
	tb.Helper()
	r := Open(tb, data)
	images := make(map[string]bool)
	for i := 1; i <= r.NumPage(); i++ {
		xobjects := r.Page(i).Resources().Key("XObject")
		for _, k := range xobjects.Keys() {
			if xobjects.Key(k).Key("Subtype").Name() == "Image" {
				images[k] = true
			}
		}
	}
	return len(images)
}
